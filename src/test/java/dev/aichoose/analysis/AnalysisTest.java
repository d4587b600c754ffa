package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.testing.Fixtures;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AnalysisTest {
    private static final String TWO_OPTIONS = """
            name: t
            horizon_months: %d
            workload: {queries_per_month: 10000, input_tokens_per_query: 0, output_tokens_per_query: 1000}
            assumptions: {maintenance_share_annual: 0}
            options:
              - {id: api, api: {model: m, input_usd_per_mtok: 0, output_usd_per_mtok: 100}}
              - id: box
                self_hosted: {hardware: nvidia/rtx-4090, host: none, hardware_usd: 5000, electricity_usd_per_month: 100,
                              lifetime_months: 50, residual_share: 0, model: meta/llama-3.1-8b-instruct,
                              tokens_per_second: 1000}
            """;

    @Test
    void breakevenIsTheFirstMonthCumulativeCashIsAtOrBelowTheBaseline() {
        // api $1,000 a month; box $5,000 + $100 a month: 1000·m ≥ 5000 + 100·m from m = 5.56, so month 6
        Evaluation e = Fixtures.evaluate(TWO_OPTIONS.formatted(12));
        assertThat(e.breakeven()).containsExactly(new Evaluation.Breakeven("box", "api", 6));
    }

    @Test
    void noBreakevenWithinTheHorizonIsAnAnswer() {
        Evaluation e = Fixtures.evaluate(TWO_OPTIONS.formatted(5));
        assertThat(e.breakeven()).containsExactly(new Evaluation.Breakeven("box", "api", null));
    }

    @Test
    void crossoverVolumeIsWhereSteadyStateMonthlyCostsMeet() {
        // steady box: $100 + $5,000 / 50 months = $200; the api costs $0.10 a query: 2,000 queries
        Evaluation e = Fixtures.evaluate(TWO_OPTIONS.formatted(12));
        assertThat(e.crossovers()).singleElement().satisfies(c -> {
            assertThat(c.option()).isEqualTo("box");
            assertThat(c.queriesPerMonth()).isCloseTo(2000, within(1e-3));
        });
    }

    @Test
    void costsThatNeverMeetHaveNoCrossover() {
        OptionalDouble none = Crossovers.volume(q -> 10 + q);
        assertThat(none).isEmpty();
        assertThat(Crossovers.volume(q -> 300 - 0.25 * q).getAsDouble()).isCloseTo(1200, within(1e-4));
    }

    @Test
    void seedExampleReproducesTheArticle() {
        Evaluation e = dev.aichoose.testing.Fixtures.evaluate(SeedScenario.TEXT);
        var api = e.option("gpt-4");
        var box = e.option("rtx-4090-box");
        // "Total: $4,500/month = $54,000/year"
        assertThat(api.monthly().getFirst().costUsd()).isCloseTo(4500, within(1e-6));
        assertThat(api.totalCashUsd()).isCloseTo(54_000, within(1e-6));
        // "$1,600 + $1,400 + ~$30/month": $3,360 of cash in year one (the article rounds to $3,400)
        assertThat(box.upfrontUsd()).isEqualTo(3000);
        assertThat(box.totalCashUsd()).isCloseTo(3360, within(1e-6));
        // "By month 1, you've saved more than the hardware cost"
        assertThat(e.breakeven()).containsExactly(new Evaluation.Breakeven("rtx-4090-box", "gpt-4", 1));
        assertThat(e.recommendation().recommendedOption()).contains("rtx-4090-box");
    }
}
