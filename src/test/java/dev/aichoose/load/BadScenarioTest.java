package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad scenario yields a located diagnostic naming the field: file:line:col: path: message. */
class BadScenarioTest {
    private static final String WORKLOAD = """
            workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                bad(
                        "malformed YAML",
                        "name: [unclosed\n",
                        "test.yaml:2:1: syntax error: while parsing a flow sequence: expected ',' or ']', but got <stream end>"),
                bad(
                        "tab indentation",
                        "name: t\nworkload:\n\tqueries_per_month: 1\n",
                        "test.yaml:3:1: syntax error: while scanning for the next token: found character '\\t(TAB)' that cannot start any token"),
                bad("empty file", "", "test.yaml:1:1: the file is empty"),
                bad("top level is a list", "- a\n- b\n", "test.yaml:1:1: expected a mapping of fields, got a list"),
                bad("missing name", WORKLOAD, "test.yaml:1:1: missing required field 'name'"),
                bad("missing workload", "name: t\n", "test.yaml:1:1: missing required field 'workload'"),
                bad(
                        "missing queries",
                        "name: t\nworkload:\n  input_tokens_per_query: 1\n  output_tokens_per_query: 1\n",
                        "test.yaml:3:3: workload: missing required field 'queries_per_month'"),
                bad(
                        "negative volume",
                        "name: t\nworkload:\n  queries_per_month: -5\n  input_tokens_per_query: 1\n"
                                + "  output_tokens_per_query: 1\n",
                        "test.yaml:3:22: workload.queries_per_month: must be between 1 and 1000000000000, got -5"),
                bad(
                        "text for a number",
                        "name: t\nworkload:\n  queries_per_month: lots\n  input_tokens_per_query: 1\n"
                                + "  output_tokens_per_query: 1\n",
                        "test.yaml:3:22: workload.queries_per_month: expected a number, got text ('lots')"),
                bad(
                        "absurd tokens",
                        "name: t\nworkload:\n  queries_per_month: 1\n  input_tokens_per_query: 1e9\n"
                                + "  output_tokens_per_query: 1\n",
                        "test.yaml:4:27: workload.input_tokens_per_query: must be between 0 and 10000000, got 1e9"),
                bad(
                        "absurd growth",
                        "name: t\nworkload: {queries_per_month: 1, input_tokens_per_query: 1, "
                                + "output_tokens_per_query: 1, monthly_growth: 5}\n",
                        "workload.monthly_growth: must be between -0.5 and 1, got 5"),
                bad(
                        "zero horizon",
                        "name: t\nhorizon_months: 0\n" + WORKLOAD,
                        "test.yaml:2:17: horizon_months: must be between 1 and 600, got 0"),
                bad(
                        "unknown top-level key",
                        "name: t\nhorizon_month: 12\n" + WORKLOAD,
                        "test.yaml:2:1: horizon_month: unknown field 'horizon_month' (did you mean 'horizon_months'?)"),
                bad(
                        "unknown workload key",
                        "name: t\nworkload: {queries_per_month: 1, input_tokens_per_query: 1, "
                                + "output_tokens_per_query: 1, peak_to_averge: 2}\n",
                        "workload.peak_to_averge: unknown field 'peak_to_averge' (did you mean 'peak_to_average'?)"),
                bad(
                        "bad choice",
                        "name: t\n" + WORKLOAD + "profile:\n  data_sensitivity: extreme\n",
                        "test.yaml:4:21: profile.data_sensitivity: 'extreme' is not one of low | medium | high"),
                bad(
                        "premium share out of bounds",
                        "name: t\n" + WORKLOAD + "profile:\n  max_premium_share: 150\n",
                        "test.yaml:4:22: profile.max_premium_share: must be between 0 and 100, got 150"),
                bad(
                        "bad class quality",
                        "name: t\nworkload:\n  queries_per_month: 1\n  input_tokens_per_query: 1\n"
                                + "  output_tokens_per_query: 1\n  classes:\n    - {name: a, share: 0.5, quality: best}\n",
                        "test.yaml:7:38: workload.classes[0].quality: 'best' is not one of standard | frontier"),
                bad(
                        "on_premises not a flag",
                        "name: t\nworkload:\n  queries_per_month: 1\n  input_tokens_per_query: 1\n"
                                + "  output_tokens_per_query: 1\n  classes:\n    - {name: a, share: 0.5, on_premises: maybe}\n",
                        "test.yaml:7:42: workload.classes[0].on_premises: expected true or false, got text ('maybe')"),
                bad(
                        "boolean for a number",
                        "name: t\n" + WORKLOAD + "options:\n  - id: b\n    self_hosted: "
                                + "{hardware: nvidia/rtx-4090, count: true, model: meta/llama-3.1-8b-instruct}\n",
                        "options[b].self_hosted.count: expected a whole number, got a boolean (true)"),
                bad(
                        "unknown api model",
                        "name: t\n" + WORKLOAD + "options:\n  - {id: a, api: {model: openai/gpt-4x}}\n",
                        "test.yaml:4:26: options[a].api.model: unknown catalog id 'openai/gpt-4x' (did you mean "
                                + "'openai/gpt-4'?)"),
                bad(
                        "unknown hardware",
                        "name: t\n" + WORKLOAD + "options:\n  - id: b\n    self_hosted: "
                                + "{hardware: nvidia/rtx-4909, model: meta/llama-3.1-8b-instruct}\n",
                        "test.yaml:5:29: options[b].self_hosted.hardware: unknown catalog id 'nvidia/rtx-4909' "
                                + "(did you mean 'nvidia/rtx-4090'?)"),
                bad(
                        "unknown offer",
                        "name: t\n" + WORKLOAD + "options:\n  - {id: r, rented: {offer: runpod/h1000, "
                                + "model: meta/llama-3.1-8b-instruct}}\n",
                        "options[r].rented.offer: unknown catalog id 'runpod/h1000'"),
                bad(
                        "unknown open model",
                        "name: t\n" + WORKLOAD + "options:\n  - id: b\n    self_hosted: "
                                + "{hardware: nvidia/rtx-4090, model: meta/llama-9}\n",
                        "options[b].self_hosted.model: unknown catalog id 'meta/llama-9'"),
                bad(
                        "a cloud offer given as hardware",
                        "name: t\n" + WORKLOAD + "options:\n  - id: b\n    self_hosted: "
                                + "{hardware: runpod/h100-sxm, model: meta/llama-3.1-8b-instruct}\n",
                        "options[b].self_hosted.hardware: unknown catalog id 'runpod/h100-sxm'; runpod/h100-sxm is a "
                                + "cloud offer: rent it with rented: {offer: runpod/h100-sxm}, or give its GPU, "
                                + "nvidia/h100-sxm"),
                bad(
                        "an API model served on owned hardware",
                        "name: t\n" + WORKLOAD + "options:\n  - id: b\n    self_hosted: "
                                + "{hardware: nvidia/rtx-4090, model: openai/gpt-5-mini}\n",
                        "options[b].self_hosted.model: unknown catalog id 'openai/gpt-5-mini'; openai/gpt-5-mini is an "
                                + "API model: compare it with api: {model: openai/gpt-5-mini}"),
                bad(
                        "an open model given as an API",
                        "name: t\n" + WORKLOAD + "options:\n  - {id: a, api: {model: meta/llama-3.1-8b-instruct}}\n",
                        "options[a].api.model: unknown catalog id 'meta/llama-3.1-8b-instruct'; "
                                + "meta/llama-3.1-8b-instruct is an open-weight model: serve it with self_hosted or rented"),
                bad(
                        "bad quantization",
                        "name: t\n" + WORKLOAD + "options:\n  - id: b\n    self_hosted: "
                                + "{hardware: nvidia/rtx-4090, model: meta/llama-3.1-8b-instruct, quantization: q4km}\n",
                        "options[b].self_hosted.quantization: 'q4km' is not one of"),
                bad(
                        "route to a missing option",
                        "name: t\n" + WORKLOAD + "options:\n"
                                + "  - {id: a, api: {model: openai/gpt-5-mini}}\n"
                                + "  - {id: h, hybrid: {routes: [{class: default, option: ai}]}}\n",
                        "test.yaml:5:56: options[h].hybrid.routes[0].option: no option with id 'ai' (did you mean 'a'?)"),
                bad(
                        "route for an unknown class",
                        "name: t\n" + WORKLOAD + "options:\n"
                                + "  - {id: a, api: {model: openai/gpt-5-mini}}\n"
                                + "  - {id: h, hybrid: {routes: [{class: defualt, option: a}]}}\n",
                        "options[h].hybrid.routes[0].class: no workload class 'defualt' (did you mean 'default'?)"),
                bad(
                        "class left unrouted",
                        "name: t\nworkload:\n  queries_per_month: 1\n  input_tokens_per_query: 1\n"
                                + "  output_tokens_per_query: 1\n  classes: [{name: pii, share: 0.2, sensitive: true}]\n"
                                + "options:\n  - {id: a, api: {model: openai/gpt-5-mini}}\n"
                                + "  - {id: h, hybrid: {routes: [{class: default, option: a}]}}\n",
                        "options[h].hybrid.routes: no route for class 'pii'; every class with traffic needs one"),
                bad(
                        "route to a hybrid",
                        "name: t\n" + WORKLOAD + "options:\n"
                                + "  - {id: h1, hybrid: {routes: [{class: default, option: h2}]}}\n"
                                + "  - {id: h2, hybrid: {routes: [{class: default, option: h1}]}}\n",
                        "options[h1].hybrid.routes[0].option: 'h2' is a hybrid"),
                bad(
                        "shares over one",
                        "name: t\nworkload:\n  queries_per_month: 1\n  input_tokens_per_query: 1\n"
                                + "  output_tokens_per_query: 1\n  classes:\n    - {name: a, share: 0.7}\n    - {name: b, share: 0.6}\n",
                        "test.yaml:7:5: workload.classes: the shares add up to 1.3"),
                bad(
                        "duplicate option id",
                        "name: t\n" + WORKLOAD + "options:\n"
                                + "  - {id: a, api: {model: openai/gpt-5-mini}}\n  - {id: a, api: {model: openai/gpt-5}}\n",
                        "test.yaml:5:10: options[1].id: duplicate option id 'a' (first at line 4)"),
                bad(
                        "two kinds in one option",
                        "name: t\n" + WORKLOAD + "options:\n"
                                + "  - {id: a, api: {model: openai/gpt-5-mini}, rented: {offer: runpod/h100-sxm}}\n",
                        "options[0] (a): give one kind per option, not api and rented"),
                bad(
                        "no kind",
                        "name: t\n" + WORKLOAD + "options:\n  - {id: a, model: openai/gpt-5-mini}\n",
                        "options[0] (a): say what kind of option this is: one of api, self_hosted, rented, hybrid"),
                bad(
                        "duplicate key",
                        "name: t\nname: u\n" + WORKLOAD,
                        "test.yaml:2:1: duplicate key 'name' (first at line 1)"),
                bad(
                        "batch without a batch price",
                        "name: t\n" + WORKLOAD + "options:\n"
                                + "  - {id: a, api: {model: openai/gpt-4, batch: true}}\n",
                        "options[a].api.batch: openai/gpt-4 has no batch price in the catalog"),
                bad(
                        "throughput twice",
                        "name: t\n" + WORKLOAD + "options:\n  - id: b\n    self_hosted: {hardware: "
                                + "nvidia/rtx-4090, model: meta/llama-3.1-8b-instruct, tokens_per_second: 5, bench: b.json}\n",
                        "options[b].self_hosted.bench: give tokens_per_second or bench, not both"),
                bad("empty options", "name: t\n" + WORKLOAD + "options: []\n", "options: the list is empty"));
    }

    private static Arguments bad(String name, String yaml, String expected) {
        return Arguments.of(name, yaml, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachProblemIsLocatedAndNamed(String name, String yaml, String expected) {
        List<String> problems = Fixtures.problems(yaml);
        assertThat(problems).as(name).anyMatch(p -> p.contains(expected));
        assertThat(problems).allMatch(p -> p.matches("test\\.yaml:\\d+:\\d+: .+"));
    }

    @org.junit.jupiter.api.Test
    void everyProblemIsReportedAtOnce() {
        List<String> problems = Fixtures.problems("""
                name: t
                workload: {queries_per_month: -1, input_tokens_per_query: x, output_tokens_per_query: 1}
                profile: {technical_capability: guru}
                optionz: []
                """);
        assertThat(problems).hasSize(4);
    }
}
