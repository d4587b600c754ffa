package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.input.InputException;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Uncertainty;
import dev.aichoose.testing.Fixtures;
import dev.aichoose.testing.RandomScenarios;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The simulation's lean evaluation against the full one, over random valid scenarios with ranges
 * on the workload, the assumptions, the catalog factors and the options' own numbers, each drawn
 * several times (seeded; the failing scenario and draw are printed): every option's TCO is the
 * same double, feasibility the same, and the recommendation the same option.
 */
class DrawEvaluatorTest {
    private static final int SCENARIOS = 250;
    private static final int DRAWS = 4;

    @Test
    void aDrawsTcosFeasibilityAndRecommendationAreTheFullEvaluations() {
        RandomScenarios scenarios = new RandomScenarios(23, Fixtures.catalog());
        Random random = new Random(29);
        int compared = 0;
        int recommended = 0;
        int preferredOverCheapest = 0;
        int autoRouted = 0;
        int declined = 0;
        int infeasibleOptions = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            String plain = scenarios.next();
            // a generous premium now and then, so that the preferred option often wins over the cheapest
            if (i % 3 == 0 && !plain.contains("max_premium_share")) {
                plain = plain.replace("profile:\n", "profile:\n  max_premium_share: " + (i % 2 == 0 ? 100 : 2) + "\n");
            }
            String yaml = plain + uncertainty(scenario(plain));
            Scenario s = scenario(yaml);
            Evaluation base = Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF);
            ScenarioDraft draft = new ScenarioDraft(s, Fixtures.catalog());
            DrawEvaluator lean = new DrawEvaluator(base, Fixtures.catalog());
            for (int d = 0; d <= DRAWS; d++) {
                // draw 0 is the scenario as written; odd draws anywhere in the ranges, even ones near the scenario
                double[] values = draft.base();
                double reach = d % 2 == 1 ? 1 : 0.05;
                List<Uncertainty.Input> inputs = draft.inputs();
                for (int k = 0; k < values.length && d > 0; k++) {
                    var range = inputs.get(k).distribution();
                    double anywhere = range.low() + random.nextDouble() * (range.high() - range.low());
                    double at = Math.min(range.high(), Math.max(range.low(), values[k]));
                    values[k] = at + reach * (anywhere - at);
                }
                ScenarioDraft.Point p = draft.at(values);
                Evaluation full = compare(p, lean, "draw " + d + " " + Arrays.toString(values) + " of\n" + yaml);
                compared++;
                infeasibleOptions +=
                        (int) full.options().stream().filter(r -> !r.feasible()).count();
                if (full.recommendation().choice() instanceof Recommendation.Recommended r) {
                    recommended++;
                    if (!r.option().equals(r.cheapestOption())) preferredOverCheapest++;
                    if (r.alternative().isPresent()) declined++;
                }
                if (s.options().stream().anyMatch(x -> x instanceof Option.Hybrid h && h.auto())) autoRouted++;
            }
        }
        // the scenarios reach every branch of the decision often enough for the comparison to mean something
        assertThat(compared).isEqualTo(SCENARIOS * (DRAWS + 1));
        assertThat(recommended).isGreaterThan(compared / 4);
        assertThat(compared - recommended).isGreaterThan(compared / 20);
        assertThat(preferredOverCheapest).isGreaterThanOrEqualTo(5);
        assertThat(declined).isGreaterThanOrEqualTo(20);
        assertThat(autoRouted).isGreaterThan(compared / 10);
        assertThat(infeasibleOptions).isGreaterThan(compared / 4);
    }

    @Test
    void aPreferredOptionWithinItsPremiumIsRecommendedOnTheSameDrawsAsInTheFullEvaluation() {
        // the profile leans open source and allows a premium near the rented option's, so draws fall on both sides;
        // 70B on rented H100s costs a few times the hosted API at the serving model's throughput, so the premium
        // allowed (300 %) and the throughput range (up to 4×) are wide enough for every path of the decision
        Scenario s = scenario("""
                name: support bot
                horizon_months: 24
                workload: {queries_per_month: 12000000, input_tokens_per_query: 1200, output_tokens_per_query: 250,
                           monthly_growth: 0.03, cached_input_share: 0.5, peak_to_average: 2.5}
                profile: {customization: fine_tuning, technical_capability: strong, vendor_independence: high,
                          max_premium_share: 3.0}
                assumptions: {ops_hours_per_month: 60, ops_usd_per_hour: 120, discount_rate_annual: 0.08}
                options:
                  - {id: gpt-5-mini, api: {model: openai/gpt-5-mini}}
                  - {id: llama70b-hosted, api: {model: deepinfra/llama-3.3-70b}}
                  - id: h100-x4
                    rented: {offer: lambda/h100-sxm, count: auto, model: meta/llama-3.3-70b-instruct,
                             quantization: fp8, concurrency: 64, gpus_per_replica: 2}
                  - id: box
                    self_hosted: {hardware: nvidia/h100-sxm, host: none, count: 4, model: meta/llama-3.3-70b-instruct,
                                  quantization: fp8, concurrency: 64, gpus_per_replica: 2}
                uncertainty:
                  workload.queries_per_month: {low: 2000000, mode: 12000000, high: 16000000}
                  workload.output_tokens_per_query: {low: 180, mode: 250, high: 400, distribution: pert}
                  assumptions.api_price_change_annual: {low: -0.9, mode: -0.5, high: 0.0}
                  factors.api_prices: {low: 0.5, high: 3}
                  options.box.self_hosted.hardware_usd: {low: 5000, high: 40000}
                  factors.throughput: {low: 0.5, mode: 1.0, high: 4.0}
                """);
        Evaluation base = Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF);
        ScenarioDraft draft = new ScenarioDraft(s, Fixtures.catalog());
        DrawEvaluator lean = new DrawEvaluator(base, Fixtures.catalog());
        Random random = new Random(31);
        int preferred = 0;
        int declined = 0;
        int cheapest = 0;
        for (int d = 0; d < 300; d++) {
            double[] values = new double[draft.inputs().size()];
            for (int k = 0; k < values.length; k++) {
                var range = draft.inputs().get(k).distribution();
                values[k] = range.low() + random.nextDouble() * (range.high() - range.low());
            }
            Evaluation full = compare(draft.at(values), lean, "draw " + Arrays.toString(values));
            if (full.recommendation().choice() instanceof Recommendation.Recommended r) {
                if (!r.option().equals(r.cheapestOption())) preferred++;
                else if (r.alternative().isPresent()) declined++;
                else cheapest++;
            }
        }
        assertThat(preferred).isGreaterThanOrEqualTo(20);
        assertThat(declined).isGreaterThanOrEqualTo(20);
        assertThat(cheapest).isGreaterThanOrEqualTo(3);
    }

    /** Asserts that the lean evaluation of the point gives the full one's figures; returns the full one. */
    private static Evaluation compare(ScenarioDraft.Point p, DrawEvaluator lean, String where) {
        Evaluation full = Evaluator.evaluate(p.scenario(), p.catalog(), Fixtures.AS_OF);
        DrawEvaluator.Outcome o = lean.evaluate(p.scenario(), p.catalog());
        assertThat(o.ids())
                .as(where)
                .containsExactlyElementsOf(
                        full.options().stream().map(OptionResult::id).toList());
        double[] tco = full.options().stream().mapToDouble(OptionResult::tcoUsd).toArray();
        // bit for bit: Arrays.equals compares doubles as Double.equals does
        assertThat(Arrays.equals(o.tcoUsd(), tco))
                .as("TCOs %s and %s, %s", Arrays.toString(o.tcoUsd()), Arrays.toString(tco), where)
                .isTrue();
        boolean[] feasible = new boolean[tco.length];
        for (int j = 0; j < feasible.length; j++)
            feasible[j] = full.options().get(j).feasible();
        assertThat(o.feasible()).as(where).containsExactly(feasible);
        assertThat(o.recommended()).as(where).isEqualTo(full.recommendation().recommendedOption());
        return full;
    }

    /** Ranges within every field's bounds on what the scenario has: workload, assumptions, factors, its options. */
    private static String uncertainty(Scenario s) {
        StringBuilder y = new StringBuilder("uncertainty:\n");
        y.append("  workload.queries_per_month: {low: 1, high: 1000000000}\n");
        y.append("  workload.input_tokens_per_query: {low: 0, mode: 1000, high: 200000}\n");
        y.append("  workload.output_tokens_per_query: {low: 1, high: 20000}\n");
        y.append("  workload.monthly_growth: {low: -0.05, high: 0.1}\n");
        y.append("  workload.cached_input_share: {low: 0, mode: 0.5, high: 1, distribution: pert}\n");
        y.append("  workload.peak_to_average: {low: 1, high: 10}\n");
        y.append("  assumptions.electricity_usd_per_kwh: {low: 0, high: 0.5}\n");
        y.append("  assumptions.ops_hours_per_month: {low: 0, high: 100}\n");
        y.append("  assumptions.discount_rate_annual: {low: 0, high: 0.2}\n");
        y.append("  assumptions.lifetime_months: {low: 1, high: 72}\n");
        y.append("  assumptions.residual_share: {low: 0, high: 0.5}\n");
        y.append("  assumptions.api_price_change_annual: {low: -0.9, high: 0.5}\n");
        y.append("  assumptions.gpu_rent_change_annual: {low: -0.5, high: 0.2}\n");
        y.append("  factors.api_prices: {low: 0.2, high: 5}\n");
        y.append("  factors.hardware_prices: {low: 0.2, high: 5}\n");
        y.append("  factors.throughput: {low: 0.2, high: 5}\n");
        if (s.optionsFromDefaults()) return y.toString();
        for (Option o : s.options()) {
            String at = "  options." + o.id() + ".";
            switch (o) {
                case Option.Api a -> {
                    if (a.inputUsdPerMtok() != null)
                        y.append(at).append("api.input_usd_per_mtok: {low: 0, high: 20}\n");
                }
                case Option.SelfHosted h -> {
                    y.append(at).append("self_hosted.hardware_usd: {low: 500, high: 60000}\n");
                    y.append(at).append("self_hosted.power_w: {low: 100, high: 10000}\n");
                    y.append(at).append("self_hosted.lifetime_months: {low: 1, high: 72}\n");
                    if (h.serving().tokensPerSecond() != null) {
                        y.append(at).append("self_hosted.tokens_per_second: {low: 1, high: 20000}\n");
                    }
                }
                case Option.Rented r -> {
                    y.append(at).append("rented.usd_per_gpu_hour: {low: 0.5, high: 6}\n");
                    y.append(at).append("rented.hours_per_month: {low: 200, high: 744}\n");
                    if (r.serving().tokensPerSecond() != null) {
                        y.append(at).append("rented.tokens_per_second: {low: 1, high: 20000}\n");
                    }
                }
                case Option.Hybrid h -> {}
            }
        }
        return y.toString();
    }

    private static Scenario scenario(String yaml) {
        try {
            return Fixtures.scenario(yaml);
        } catch (InputException ex) {
            throw new AssertionError("a generated scenario did not load: " + ex.diagnostics() + "\n" + yaml, ex);
        }
    }
}
