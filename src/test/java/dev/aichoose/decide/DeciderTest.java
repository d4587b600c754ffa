package dev.aichoose.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.analysis.Evaluator;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Recommendation.Lean;
import dev.aichoose.model.Recommendation.Question;
import dev.aichoose.model.Recommendation.Verdict;
import dev.aichoose.model.Scenario;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The decision: cost-optimal first, a preferred option only within its premium, never a dominated
 * one. The figures: the api costs $0.0025 a query; the box $2,000 + $30 a month, $1,520 of TCO over
 * 24 months after $1,200 of salvage.
 */
class DeciderTest {
    private static final String OPTIONS = """
            options:
              - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
              - id: box
                self_hosted: {hardware: nvidia/rtx-4090, host: none, hardware_usd: 2000, electricity_usd_per_month: 30,
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

    /** 5,000 queries a month, 30 % of them sensitive, the box and the api, and a split between them. */
    private static Evaluation split(String profile, String boxSpeed) {
        return Fixtures.evaluate("""
                name: t
                horizon_months: 24
                workload:
                  queries_per_month: 5000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 500
                  classes: [{name: clients, share: 0.3, sensitive: true}]
                profile: %s
                assumptions: {maintenance_share_annual: 0}
                options:
                  - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, hardware_usd: 2000, electricity_usd_per_month: 30,
                                  model: meta/llama-3.1-8b-instruct, tokens_per_second: %s}
                  - id: split
                    hybrid: {routes: [{class: clients, option: box}, {class: default, option: api}]}
                """.formatted(profile, boxSpeed));
    }

    private static Lean lean(Evaluation e, Question q) {
        return e.recommendation().questions().stream()
                .filter(a -> a.id() == q)
                .findFirst()
                .orElseThrow()
                .leans();
    }

    private static Recommendation.Recommended recommended(Evaluation e) {
        return (Recommendation.Recommended) e.recommendation().choice();
    }

    @Test
    void lowVolumeWithNoTeamIsClosed() {
        Evaluation e = evaluate(3000, "{technical_capability: none}");
        assertThat(lean(e, Question.Q2_VOLUME)).isEqualTo(Lean.CLOSED);
        assertThat(lean(e, Question.Q4_TECHNICAL_CAPABILITY)).isEqualTo(Lean.CLOSED);
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.CLOSED);
        assertThat(e.recommendation().recommendedOption()).contains("api");
        assertThat(recommended(e).premiumUsd()).isZero();
    }

    @Test
    void highVolumeIsOpenSourceAndTheReasonQuotesTheNumbers() {
        Evaluation e = evaluate(1_000_000, "{}");
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.OPEN_SOURCE);
        assertThat(e.recommendation().recommendedOption()).contains("box");
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
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, hardware_usd: 2000, electricity_usd_per_month: 30,
                                  model: meta/llama-3.1-8b-instruct, tokens_per_second: 2000}
                """);
        assertThat(lean(e, Question.Q2_VOLUME)).isEqualTo(Lean.OPEN_SOURCE);
        assertThat(e.recommendation().questions().get(1).reason())
                .contains("outrank the rule of thumb: under 10,000 a month favours closed");
    }

    @Test
    void aPreferredOptionAboveThePremiumLimitIsTheAlternativeWithItsPrice() {
        // 40,000 queries: the api costs $2,400, the box $1,520; two factors lean closed
        Evaluation e = evaluate(40_000, "{enterprise_support: true, time_to_market: critical}");
        assertThat(e.recommendation().constraints())
                .contains(
                        "enterprise support and SLAs are required: leans closed",
                        "time to market is critical: leans closed");
        var r = recommended(e);
        assertThat(r.option()).isEqualTo("box");
        assertThat(r.cheapestOption()).isEqualTo("box");
        assertThat(r.premiumShare()).isZero();
        var alternative = r.alternative().orElseThrow();
        assertThat(alternative.option()).isEqualTo("api");
        assertThat(alternative.premiumUsd()).isCloseTo(880, within(1e-6));
        assertThat(alternative.premiumShare()).isCloseTo(880 / 1520.0, within(1e-9));
        assertThat(alternative.reason()).contains("$880", "57.9 %", "above max_premium_share (10.0 %)");
        assertThat(e.recommendation().summary()).contains("prefer api", "$880 (57.9 %) more");
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.OPEN_SOURCE);
    }

    @Test
    void aPreferredOptionWithinThePremiumLimitIsRecommendedWithItsPremium() {
        Evaluation e = evaluate(40_000, "{enterprise_support: true, time_to_market: critical, max_premium_share: 0.6}");
        var r = recommended(e);
        assertThat(r.option()).isEqualTo("api");
        assertThat(r.cheapestOption()).isEqualTo("box");
        assertThat(r.premiumUsd()).isCloseTo(880, within(1e-6));
        assertThat(r.alternative()).isEmpty();
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.CLOSED);
        assertThat(e.recommendation().summary()).contains("within max_premium_share (60.0 %)");
    }

    @Test
    void aHybridThatPaysForTheBoxAndTheApiOnTopIsNeverRecommended() {
        // the box alone carries everything for $1,520; the split pays for it and $210 of api use
        Evaluation e = split("{}", "2000");
        assertThat(e.option("split").tcoUsd()).isCloseTo(1520 + 0.7 * 5000 * 0.0025 * 24, within(1e-6));
        assertThat(e.recommendation().recommendedOption()).contains("box");
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.OPEN_SOURCE);
        assertThat(e.recommendation().constraints())
                .anyMatch(c -> c.contains("split routes clients → box, default → api") && c.contains("more than"));
    }

    @Test
    void aHybridThePreferenceFavoursStillPaysItsPremium() {
        // no team and a critical launch pull the routine traffic to the api: the split fits better
        // (1.7 against 1.0) but costs 13.8 % more than the box
        Evaluation e = split("{technical_capability: none, time_to_market: critical}", "2000");
        var r = recommended(e);
        assertThat(r.option()).isEqualTo("box");
        assertThat(r.alternative().orElseThrow().option()).isEqualTo("split");
        assertThat(r.alternative().orElseThrow().premiumShare()).isCloseTo(210 / 1520.0, within(1e-9));
        Evaluation generous =
                split("{technical_capability: none, time_to_market: critical, max_premium_share: 0.2}", "2000");
        assertThat(generous.recommendation().recommendedOption()).contains("split");
        assertThat(generous.recommendation().verdict()).isEqualTo(Verdict.HYBRID);
    }

    @Test
    void aHybridIsTheAnswerWhenNoSingleOptionCarriesEveryClass() {
        // the box delivers 2 tok/s: enough for the sensitive 30 % (0.86 tok/s at peak), not for all (2.85)
        Evaluation e = split("{}", "2");
        assertThat(e.option("box").feasible()).isFalse();
        assertThat(e.option("api").feasible()).isFalse();
        assertThat(e.option("split").feasible()).isTrue();
        assertThat(e.recommendation().recommendedOption()).contains("split");
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.HYBRID);
        assertThat(lean(e, Question.Q1_DATA_SENSITIVITY)).isEqualTo(Lean.OPEN_SOURCE);
    }

    @Test
    void offlineOperationExcludesEveryApi() {
        Evaluation e = evaluate(3000, "{offline_required: true, technical_capability: none}");
        assertThat(e.option("api").feasible()).isFalse();
        assertThat(e.recommendation().recommendedOption()).contains("box");
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.OPEN_SOURCE);
        assertThat(e.recommendation().constraints()).anyMatch(c -> c.contains("offline operation is required"));
    }

    @Test
    void whenEveryClassIsSensitiveTheAnswerIsNeverAnApi() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                horizon_months: 24
                workload:
                  queries_per_month: 3000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 500
                  classes: [{name: patients, share: 1.0, sensitive: true}]
                profile: {technical_capability: none}
                """ + OPTIONS);
        assertThat(e.option("api").feasible()).isFalse();
        assertThat(e.option("api").problems())
                .singleElement()
                .asString()
                .contains("class 'patients' (100.0 % of queries) is sensitive: it is never sent to a third-party API");
        assertThat(e.recommendation().recommendedOption()).contains("box");
        assertThat(e.recommendation().verdict()).isEqualTo(Verdict.OPEN_SOURCE);
    }

    @Test
    void whenTheOwnedOptionsAreOutgrownTheFallbackNeverSendsSensitiveDataToAnApi() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                workload:
                  queries_per_month: 5000000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 500
                  classes: [{name: patients, share: 0.5, sensitive: true}]
                options:
                  - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct, tokens_per_second: 10}
                """);
        assertThat(e.options()).noneMatch(o -> o.feasible());
        assertThat(e.recommendation().choice()).isInstanceOf(Recommendation.NoneFeasible.class);
        assertThat(e.recommendation().recommendedOption()).isEmpty();
        assertThat(e.recommendation().summary()).startsWith("No option is feasible");
        assertThat(e.recommendation().constraints()).anyMatch(c -> c.startsWith("no option is feasible"));
    }

    @Test
    void aFrontierNeedStopsEveryStandardTierModel() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                workload: {queries_per_month: 40000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                profile: {quality_need: frontier}
                options:
                  - {id: mini, api: {model: openai/gpt-5-mini}}
                  - {id: frontier, api: {model: openai/gpt-5.6}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct, tokens_per_second: 2000}
                """);
        assertThat(e.option("mini").feasible()).isFalse();
        assertThat(e.option("mini").problems())
                .anyMatch(p -> p.contains("class 'default' (100.0 % of queries) needs a "
                        + "frontier-tier model, and mini serves openai/gpt-5-mini, rated standard"));
        assertThat(e.option("box").problems()).anyMatch(p -> p.contains("meta/llama-3.1-8b-instruct, rated standard"));
        assertThat(e.recommendation().recommendedOption()).contains("frontier");
    }

    @Test
    void aClassOnThePremisesStaysOffRentedGpus() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                workload:
                  queries_per_month: 40000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 500
                  classes: [{name: records, share: 0.2, sensitive: true}, {name: vault, share: 0.1, on_premises: true}]
                options:
                  - id: rented
                    rented: {offer: runpod/h100-sxm, model: meta/llama-3.1-8b-instruct, tokens_per_second: 2000}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct, tokens_per_second: 2000}
                """);
        // a sensitive class may go to rented GPUs; an on_premises class may not
        assertThat(e.option("rented").problems())
                .singleElement()
                .asString()
                .contains("class 'vault' (10.0 % of queries) must stay on owned hardware (on_premises)");
        assertThat(e.option("box").feasible()).isTrue();
        assertThat(e.recommendation().constraints())
                .anyMatch(c -> c.contains("'records'") && c.contains("never sent to a third-party API"))
                .anyMatch(c -> c.contains("'vault' must stay on owned hardware"));
    }

    @Test
    void openWeightsServedByAnApiCountHalfWayForCustomizationAndIndependence() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                workload: {queries_per_month: 40000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                profile: {customization: fine_tuning, vendor_independence: high}
                options:
                  - {id: closed, api: {model: openai/gpt-5-mini}}
                  - {id: hosted, api: {model: deepinfra/llama-3.3-70b}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct, tokens_per_second: 2000}
                """);
        Scenario s = e.scenario();
        PreferenceFit fit = Decider.fit(e, s.options(), Fixtures.catalog());
        assertThat(fit.of(e.option("closed"))).isZero();
        assertThat(fit.of(e.option("hosted"))).isEqualTo(1.0);
        assertThat(fit.of(e.option("box"))).isEqualTo(2.0);
        assertThat(e.recommendation().constraints())
                .anyMatch(c -> c.startsWith(
                        "hosted serves open weights (meta/llama-3.3-70b-instruct) through an API: it counts half-way"));
    }

    @Test
    void theDecisionIsAPureFunctionOfScenarioAndCatalog() {
        Scenario s = Fixtures.scenario("""
                name: t
                workload: {queries_per_month: 40000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                """ + OPTIONS);
        Evaluation a = Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF);
        Evaluation b = Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF);
        assertThat(a.recommendation()).isEqualTo(b.recommendation());
    }
}
