package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.ClassCost;
import dev.aichoose.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shape per class (docs/methodology.md §2, §3.2): every class is priced at its own input, output,
 * reasoning and cached shares, each figure worked out by hand.
 */
class ClassShapeTest {
    private static final double CENT = 0.005;

    /** The fintech: classification calls of 700 in / 8 out, and 5 % escalations of their own shape. */
    static final String FINTECH = """
            name: fintech
            horizon_months: 24
            workload:
              queries_per_month: 5000000
              input_tokens_per_query: 700
              output_tokens_per_query: 8
              monthly_growth: 0.01
              classes:
                - {name: escalations, share: 0.05, quality: frontier, input_tokens_per_query: 8000,
                   cached_input_share: 0.5, output_tokens_per_query: 400, reasoning_tokens_per_query: 1600}
            options:
              - {id: opus, api: {model: anthropic/claude-opus-4-8}}
              - {id: nano, api: {model: openai/gpt-5-nano}}
              - {id: split, hybrid: {routes: auto}}
            """;

    @Test
    void eachClassIsPricedAtItsOwnShape() {
        Evaluation e = Fixtures.evaluate(FINTECH);
        OptionResult opus = e.option("opus");
        // Opus at $5 input, $0.50 cached, $25 output (reasoning at the output price):
        // escalations (4,000 × 5 + 4,000 × 0.5 + 400 × 25 + 1,600 × 25) / 1e6 = $0.072
        // default     (700 × 5 + 8 × 25) / 1e6                                 = $0.0037
        assertThat(cost(opus, "escalations").costPerQueryUsd()).isCloseTo(0.072, within(1e-15));
        assertThat(cost(opus, "default").costPerQueryUsd()).isCloseTo(0.0037, within(1e-15));
        // month 1: 5,000,000 × (0.05 × 0.072 + 0.95 × 0.0037) = 18,000 + 17,575
        assertThat(cost(opus, "escalations").month1UsageUsd()).isCloseTo(18_000, within(CENT));
        assertThat(cost(opus, "default").month1UsageUsd()).isCloseTo(17_575, within(CENT));
        assertThat(opus.monthly().getFirst().costUsd()).isCloseTo(35_575, within(CENT));
        assertThat(opus.steadyMonthlyUsd()).isCloseTo(35_575, within(CENT));
        // 24 months growing 1 % a month: 134,867,324.27 queries × $0.007115
        assertThat(opus.tcoUsd()).isCloseTo(959_581.01, within(CENT));
        // at the classification shape the escalations cost 250,000 × $0.0037 = $925 a month: the artefact
        assertThat(cost(opus, "escalations").month1UsageUsd()).isGreaterThan(925 * 19);
    }

    @Test
    void automaticRoutingPricesEachClassAtItsOwnShape() {
        Evaluation e = Fixtures.evaluate(FINTECH);
        OptionResult split = e.option("split");
        assertThat(split.routing())
                .containsExactly(new Option.Route("escalations", "opus"), new Option.Route("default", "nano"));
        // nano: (700 × 0.05 + 8 × 0.40) / 1e6 = $0.0000382 for a default query
        assertThat(cost(split, "default").costPerQueryUsd()).isCloseTo(0.0000382, within(1e-15));
        assertThat(cost(split, "default").option()).isEqualTo("nano");
        // month 1: 18,000 + 5,000,000 × 0.95 × 0.0000382 = 18,000 + 181.45
        assertThat(split.monthly().getFirst().costUsd()).isCloseTo(18_181.45, within(CENT));
        assertThat(split.tcoUsd()).isCloseTo(490_416.70, within(CENT));
        // nano alone may not serve the frontier class
        assertThat(e.option("nano").feasible()).isFalse();
    }

    @Test
    void aClassTakesEachFigureItDoesNotStateFromTheWorkload() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 1000, output_tokens_per_query: 100,
                           cached_input_share: 0.5,
                           classes: [{name: long_answers, share: 0.25, output_tokens_per_query: 900}]}
                options:
                  - {id: x, api: {model: custom, input_usd_per_mtok: 2, cached_input_usd_per_mtok: 0.2,
                                  output_usd_per_mtok: 10}}
                """);
        OptionResult x = e.option("x");
        // long_answers: its own 900 output, the workload's 1,000 input half cached
        // (500 × 2 + 500 × 0.2 + 900 × 10) / 1e6 = 0.0101; default (1,100 + 1,000) / 1e6 = 0.0021
        assertThat(cost(x, "long_answers").costPerQueryUsd()).isCloseTo(0.0101, within(1e-15));
        assertThat(cost(x, "default").costPerQueryUsd()).isCloseTo(0.0021, within(1e-15));
        // 250 × 0.0101 + 750 × 0.0021 = 2.525 + 1.575
        assertThat(x.tcoUsd()).isCloseTo(4.10, within(1e-9));
    }

    @Test
    void aLongContextTierFollowsTheClassInput() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 100, input_tokens_per_query: 2000, output_tokens_per_query: 500,
                           reasoning_tokens_per_query: 1500, cached_input_share: 0.5,
                           classes: [{name: contracts, share: 0.1, input_tokens_per_query: 300000,
                                      output_tokens_per_query: 1000, reasoning_tokens_per_query: 0}]}
                options:
                  - {id: x, api: {model: openai/gpt-5.6}}
                """);
        OptionResult x = e.option("x");
        // methodology §3.2: the default query at $5 / $0.50 / $30 is $0.0655; a contract above 272k
        // tokens takes the tier's $10 / $1 / $45 for the whole request: $1.695
        assertThat(cost(x, "default").costPerQueryUsd()).isCloseTo(0.0655, within(1e-12));
        assertThat(cost(x, "contracts").costPerQueryUsd()).isCloseTo(1.695, within(1e-12));
        assertThat(cost(x, "contracts").prices().inputUsdPerMtok()).isEqualTo(10);
        // 10 × 1.695 + 90 × 0.0655 = 16.95 + 5.895
        assertThat(x.tcoUsd()).isCloseTo(22.845, within(1e-9));
    }

    @Test
    void eachClassRequestIsCheckedAgainstTheApiContext() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 100, input_tokens_per_query: 2000, output_tokens_per_query: 500,
                           classes: [{name: archives, share: 0.1, input_tokens_per_query: 300000}]}
                options:
                  - {id: nano, api: {model: openai/gpt-5-nano}}
                  - {id: opus, api: {model: anthropic/claude-opus-4-8}}
                  - {id: split, hybrid: {routes: auto}}
                """);
        assertThat(e.option("nano").problems())
                .containsExactly("class 'archives' (10.0 % of queries): a request of 300,500 tokens exceeds "
                        + "openai/gpt-5-nano's context of 272,000 tokens");
        assertThat(e.option("opus").feasible()).isTrue();
        // the archives go where they fit, the rest where it is cheapest
        assertThat(e.option("split").routing())
                .containsExactly(new Option.Route("archives", "opus"), new Option.Route("default", "nano"));
        assertThat(e.option("split").feasible()).isTrue();
    }

    /** The open model an owned option serves has a context too: a class longer than it goes elsewhere. */
    @Test
    void eachClassRequestIsCheckedAgainstTheOpenModelsContext() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 100, input_tokens_per_query: 2000, output_tokens_per_query: 500,
                           classes: [{name: archives, share: 0.1, input_tokens_per_query: 150000}]}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, count: 1, hardware_usd: 1600,
                                  model: meta/llama-3.1-8b-instruct, quantization: q4_k_m, tokens_per_second: 100}
                  - {id: opus, api: {model: anthropic/claude-opus-4-8}}
                  - {id: split, hybrid: {routes: auto}}
                """);
        assertThat(e.option("box").problems())
                .contains("class 'archives' (10.0 % of queries): a request of 150,500 tokens exceeds "
                        + "meta/llama-3.1-8b-instruct's context of 131,072 tokens");
        assertThat(e.option("box").feasible()).isFalse();
        // the archives go to the API whose context holds them (the short queries wherever is cheapest)
        assertThat(e.option("split").routing()).contains(new Option.Route("archives", "opus"));
        assertThat(e.option("split").feasible()).isTrue();
    }

    @Test
    void aClassShapeOutOfBoundsIsAnInputError() {
        assertThat(Fixtures.problems("""
                        name: t
                        workload: {queries_per_month: 100, input_tokens_per_query: 2000, output_tokens_per_query: 500,
                                   cache_write_share: 0.4,
                                   classes: [{name: a, share: 0.1, output_tokens_per_query: 0,
                                              cached_input_share: 0.7}]}
                        options:
                          - {id: x, api: {model: openai/gpt-5-nano}}
                        """))
                .containsExactly(
                        "test.yaml:4:69: workload.classes[0].output_tokens_per_query: must be between 1 and 1000000, got 0",
                        "test.yaml:5:43: workload.classes[0].cached_input_share: the class's cached_input_share plus "
                                + "cache_write_share is 1.1; together they must be at most 1 (the rest is uncached input)");
    }

    @Test
    void withoutShapesOfTheirOwnClassesCostWhatTheyAlwaysDid() {
        String yaml = """
                name: t
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 1000, output_tokens_per_query: 200,
                           monthly_growth: 0.1, classes: [{name: a, share: 0.3}, {name: b, share: 0.2}]}
                options:
                  - {id: x, api: {model: custom, input_usd_per_mtok: 2, output_usd_per_mtok: 8}}
                """;
        OptionResult x = Fixtures.evaluate(yaml).option("x");
        OptionResult whole = Fixtures.evaluate(
                        yaml.replace(", classes: [{name: a, share: 0.3}, {name: b, share: 0.2}]", ""))
                .option("x");
        // one slice of share exactly 1: the same figures to the last bit
        assertThat(x.tcoUsd()).isEqualTo(whole.tcoUsd());
        assertThat(x.npvUsd()).isEqualTo(whole.npvUsd());
        assertThat(x.classCosts()).extracting(ClassCost::workloadClass).containsExactly("a", "b", "default");
    }

    private static ClassCost cost(OptionResult o, String workloadClass) {
        List<ClassCost> costs = o.classCosts().stream()
                .filter(c -> c.workloadClass().equals(workloadClass))
                .toList();
        assertThat(costs).as(o.id() + " carries " + workloadClass).hasSize(1);
        return costs.getFirst();
    }
}
