package dev.aichoose.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Recommendation.Lean;
import dev.aichoose.model.Recommendation.Question;
import dev.aichoose.model.Recommendation.Verdict;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

class DeciderTest {
    private static final String OPTIONS = """
            options:
              - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
              - id: box
                self_hosted: {hardware: nvidia/rtx-4090, hardware_usd: 2000, electricity_usd_per_month: 30,
                              model: meta/llama-3.1-8b-instruct, tokens_per_second: 2000}
            """;

    private static Evaluation evaluate(double queries, String profile) {
        return Fixtures.evaluate("""
                name: t
                horizon_months: 24
                workload: {queries_per_month: %s, input_tokens_per_query: 500, output_tokens_per_query: 500}
                profile: %s
                assumptions: {maintenance_share_annual: 0}
                """.formatted(queries, profile) + OPTIONS);
    }

    private static Lean lean(Evaluation e, Question q) {
        return e.recommendation().questions().stream().filter(a -> a.id() == q).findFirst().orElseThrow().leans();
    }

    @Test
    void lowVolumeWithNoTeamIsClosed() {
        Evaluation e = evaluate(3000, "{technical_capability: none}");
        assertThat(lean(e, Question.Q2_VOLUME)).isEqualTo(Lean.CLOSED);
        assertThat(lean(e, Question.Q4_TECHNICAL_CAPABILITY)).isEqualTo(Lean.CLOSED);
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.CLOSED);
        assertThat(e.recommendation().option()).isEqualTo("api");
    }

    @Test
    void highVolumeIsOpenSourceAndTheReasonQuotesTheNumbers() {
        Evaluation e = evaluate(1_000_000, "{}");
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.OPEN_SOURCE);
        assertThat(e.recommendation().option()).isEqualTo("box");
        var q2 = e.recommendation().questions().get(1);
        assertThat(q2.reason()).contains("1,000,000 queries a month", "box costs $", "breakeven in month 1");
    }

    @Test
    void computedCostsOutrankTheRuleOfThumb() {
        // 8,000 queries a month is "closed" by the rule of thumb, but at GPT-4 prices ($0.045 a query,
        // $8,640 over 24 months) the $2,000 box ($1,520 after salvage) is cheaper
        Evaluation e = Fixtures.evaluate("""
                name: t
                horizon_months: 24
                workload: {queries_per_month: 8000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                assumptions: {maintenance_share_annual: 0}
                options:
                  - {id: api, api: {model: m, input_usd_per_mtok: 30, output_usd_per_mtok: 60}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, hardware_usd: 2000, electricity_usd_per_month: 30,
                                  model: meta/llama-3.1-8b-instruct, tokens_per_second: 2000}
                """);
        assertThat(lean(e, Question.Q2_VOLUME)).isEqualTo(Lean.OPEN_SOURCE);
        assertThat(e.recommendation().questions().get(1).reason())
                .contains("outrank the rule of thumb: under 10,000 a month favours closed");
    }

    @Test
    void eachSoftFactorLeansClosed() {
        // 40,000 queries: the api costs $2,400 over 24 months, the box $1,520, less than 3× apart
        Evaluation e = evaluate(40_000, "{quality_need: frontier, enterprise_support: true, time_to_market: critical}");
        assertThat(e.recommendation().constraints()).contains("frontier quality is needed: leans closed",
                "enterprise support and SLAs are required: leans closed", "time to market is critical: leans closed");
        assertThat(lean(e, Question.Q2_VOLUME)).isEqualTo(Lean.OPEN_SOURCE);
        // open +2 for cost, three factors −3: closed
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.CLOSED);
    }

    @Test
    void aCostThreeTimesLowerOutweighsTheSoftFactors() {
        // 150,000 queries: the api costs $9,000, the box $1,520: the volume question counts four
        Evaluation e = evaluate(150_000, "{quality_need: frontier, enterprise_support: true, time_to_market: critical}");
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.OPEN_SOURCE);
    }

    @Test
    void offlineOperationExcludesEveryApi() {
        Evaluation e = evaluate(3000, "{offline_required: true, technical_capability: none}");
        assertThat(e.option("api").feasible()).isFalse();
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.OPEN_SOURCE);
        assertThat(e.recommendation().constraints()).anyMatch(c -> c.contains("offline operation is required"));
    }

    @Test
    void sensitiveClassesWithATrafficRestThatLeansClosedGiveHybrid() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                workload:
                  queries_per_month: 5000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 500
                  classes: [{name: clients, share: 0.3, sensitive: true}]
                """ + OPTIONS + """
                  - id: split
                    hybrid: {routes: [{class: clients, option: box}, {class: default, option: api}]}
                """);
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.HYBRID);
        assertThat(e.recommendation().option()).isEqualTo("split");
        assertThat(lean(e, Question.Q1_DATA_SENSITIVITY)).isEqualTo(Lean.OPEN_SOURCE);
    }

    @Test
    void withNoFeasibleOptionOfItsKindTheVerdictFollowsTheCheapestFeasible() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                workload: {queries_per_month: 5000000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                profile: {technical_capability: strong, vendor_independence: high, customization: fine_tuning}
                options:
                  - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, model: meta/llama-3.1-8b-instruct, tokens_per_second: 10}
                """);
        assertThat(e.option("box").feasible()).isFalse();
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.CLOSED);
        assertThat(e.recommendation().option()).isEqualTo("api");
    }
}
