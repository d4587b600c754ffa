package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.BillTag;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** {@code reconcile: {tag: "key=value"}} on an option: read, checked, and kept out of every other option. */
class BillTagScenarioTest {
    private static final String HEAD = """
            name: t
            workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
            options:
            """;

    @Test
    void anApiAndARentedOptionNameTheirTags() {
        var s = Fixtures.scenario(HEAD + """
                  - id: support
                    api: {model: openai/gpt-5-mini}
                    reconcile: {tag: "team=support"}
                  - id: gpus
                    rented: {offer: runpod/h100-sxm, count: 1, model: meta/llama-3.3-70b-instruct}
                    reconcile:
                      tag: "aichoose = gpu-pool "
                  - id: plain
                    api: {model: openai/gpt-5-mini}
                """);
        assertThat(s.billTags())
                .containsEntry("support", new BillTag("team", "support"))
                .containsEntry("gpus", new BillTag("aichoose", "gpu-pool"))
                .doesNotContainKey("plain");
    }

    @Test
    void aTagWithoutAnEqualsSignIsLocated() {
        assertThat(Fixtures.problems(HEAD + """
                  - id: a
                    api: {model: openai/gpt-5-mini}
                    reconcile: {tag: support}
                """))
                .containsExactly("test.yaml:6:22: options[0].reconcile.tag: expected key=value, e.g. \"team=support\","
                        + " got 'support'");
    }

    @Test
    void ownedHardwareAndHybridsAreOnNoBill() {
        assertThat(Fixtures.problems(HEAD + """
                  - id: a
                    api: {model: openai/gpt-5-mini}
                  - id: h
                    hybrid: {routes: [{class: default, option: a}]}
                    reconcile: {tag: "team=x"}
                """))
                .singleElement()
                .asString()
                .contains("options[1].reconcile: only an api or rented option is on a provider's bill");
    }

    @Test
    void oneTagGoesToOneOptionAndUnknownKeysAreNamed() {
        assertThat(Fixtures.problems(HEAD + """
                  - id: a
                    api: {model: openai/gpt-5-mini}
                    reconcile: {tag: "team=x"}
                  - id: b
                    api: {model: openai/gpt-5-nano}
                    reconcile: {tag: "team=x", model: y}
                """))
                .anySatisfy(p -> assertThat(p).contains("options[1].reconcile.tag: option 'a' already names team=x"))
                .anySatisfy(p -> assertThat(p).contains("options[1].reconcile.model: unknown field 'model'"));
    }
}
