package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Simulation;
import dev.aichoose.testing.Fixtures;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** The simulation against the deterministic engine it draws from. */
class SimulatorTest {
    private static final String SCENARIO = """
            name: support bot
            horizon_months: 24
            workload: {queries_per_month: 12000000, input_tokens_per_query: 1200, output_tokens_per_query: 250,
                       monthly_growth: 0.03, cached_input_share: 0.5, peak_to_average: 2.5}
            assumptions: {ops_hours_per_month: 60, ops_usd_per_hour: 120, discount_rate_annual: 0.08}
            options:
              - {id: gpt-5-mini, api: {model: openai/gpt-5-mini}}
              - {id: llama70b-hosted, api: {model: deepinfra/llama-3.3-70b}}
              - id: h100-x4
                rented: {offer: lambda/h100-sxm, count: 1, model: meta/llama-3.3-70b-instruct, quantization: fp8,
                         concurrency: 64, gpus_per_replica: 2}
              - id: box
                self_hosted: {hardware: nvidia/h100-sxm, host: none, count: 4, model: meta/llama-3.3-70b-instruct,
                              quantization: fp8, concurrency: 64, gpus_per_replica: 2}
            """;

    private static Simulation simulate(String yaml, int draws) {
        Scenario s = Fixtures.scenario(yaml);
        Evaluation base = Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF);
        return Simulator.simulate(base, Fixtures.catalog(), draws, Simulator.DEFAULT_SEED);
    }

    @Test
    void rangesThatAreSinglePointsReproduceTheDeterministicFiguresExactly() {
        // every range collapsed onto the scenario's own value (or 1 for a factor), with an awkward binary fraction
        String yaml = SCENARIO + """
                uncertainty:
                  workload.queries_per_month: {low: 12000000, high: 12000000}
                  workload.monthly_growth: {low: 0.03, mode: 0.03, high: 0.03}
                  workload.cached_input_share: {low: 0.5, mode: 0.5, high: 0.5, distribution: pert}
                  workload.peak_to_average: {low: 2.5, high: 2.5}
                  assumptions.ops_hours_per_month: {low: 60, high: 60}
                  assumptions.lifetime_months: {low: 48, high: 48}
                  assumptions.api_price_change_annual: {low: 0, high: 0}
                  options.box.self_hosted.hardware_usd: {low: 25000, high: 25000}
                  options.h100-x4.rented.usd_per_gpu_hour: {low: 3.99, high: 3.99}
                  factors.api_prices: {low: 1, high: 1}
                  factors.hardware_prices: {low: 1, high: 1}
                  factors.throughput: {low: 1, high: 1}
                """;
        Scenario s = Fixtures.scenario(yaml);
        Evaluation base = Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF);
        double hardware = ((dev.aichoose.model.Costing.Owned) base.option("box").costing()).unitPriceUsd();
        double rent = ((dev.aichoose.model.Costing.Rent) base.option("h100-x4").costing()).usdPerGpuHour();
        // the two option ranges above must sit on the catalog's figures for the premise to hold
        assertThat(hardware).isEqualTo(25000);
        assertThat(rent).isEqualTo(3.99);
        Simulation sim = Simulator.simulate(base, Fixtures.catalog(), 300, 99);
        OptionResult cheapest = base.options().stream()
                .filter(OptionResult::feasible)
                .min(Comparator.comparingDouble(OptionResult::tcoUsd))
                .orElseThrow();
        for (Simulation.OptionSpread o : sim.options()) {
            double tco = base.option(o.id()).tcoUsd();
            assertThat(o.meanUsd()).as(o.id()).isEqualTo(tco);
            assertThat(o.p5Usd()).as(o.id()).isEqualTo(tco);
            assertThat(o.p50Usd()).as(o.id()).isEqualTo(tco);
            assertThat(o.p95Usd()).as(o.id()).isEqualTo(tco);
            assertThat(o.pCheapest()).as(o.id()).isEqualTo(o.id().equals(cheapest.id()) ? 1.0 : 0.0);
            assertThat(o.pFeasible()).as(o.id()).isEqualTo(base.option(o.id()).feasible() ? 1.0 : 0.0);
        }
        String rec = base.recommendation().recommendedOption().orElseThrow();
        assertThat(sim.recommendationHoldsShare()).contains(1.0);
        assertThat(sim.expectedRegretUsd()).contains(base.option(rec).tcoUsd() - cheapest.tcoUsd());
        assertThat(sim.tornado()).allSatisfy(t -> {
            assertThat(t.gapLowUsd()).isEqualTo(sim.baseGapUsd().orElseThrow());
            assertThat(t.gapHighUsd()).isEqualTo(sim.baseGapUsd().orElseThrow());
        });
        assertThat(sim.flipPoints()).allSatisfy(f -> assertThat(f.flip()).isEmpty());
    }

    @Test
    void theCheapestShareOfEveryOptionAndTheNothingFeasibleShareAddUpToOne() {
        // owned and rented only, with throughput uncertain enough that some draws leave nothing able to carry the load
        String yaml = """
                name: no api
                horizon_months: 12
                workload: {queries_per_month: 12000000, input_tokens_per_query: 1200, output_tokens_per_query: 250,
                           monthly_growth: 0.03, peak_to_average: 2.5}
                options:
                  - id: h100-x4
                    rented: {offer: lambda/h100-sxm, count: 1, model: meta/llama-3.3-70b-instruct, quantization: fp8,
                             concurrency: 64, gpus_per_replica: 2}
                  - id: box
                    self_hosted: {hardware: nvidia/h100-sxm, host: none, count: 4, model: meta/llama-3.3-70b-instruct,
                                  quantization: fp8, concurrency: 64, gpus_per_replica: 2}
                uncertainty:
                  factors.throughput: {low: 0.1, high: 3}
                  options.box.self_hosted.hardware_usd: {low: 10000, high: 40000}
                  options.h100-x4.rented.usd_per_gpu_hour: {low: 0.5, high: 4}
                """;
        Simulation sim = simulate(yaml, 2000);
        double sum = sim.pNoneFeasible()
                + sim.options().stream()
                        .mapToDouble(Simulation.OptionSpread::pCheapest)
                        .sum();
        assertThat(sim.pNoneFeasible())
                .as("some draws are infeasible for every option")
                .isBetween(0.05, 0.95);
        assertThat(sim.options()).allSatisfy(o -> assertThat(o.pCheapest()).isGreaterThan(0));
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theSameSeedDrawsTheSameFiguresAndAnotherSeedOthers() {
        String yaml = SCENARIO + """
                uncertainty:
                  workload.queries_per_month: {low: 6000000, mode: 12000000, high: 20000000}
                  factors.api_prices: {low: 0.5, high: 1.5}
                """;
        Scenario s = Fixtures.scenario(yaml);
        Evaluation base = Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF);
        Simulation a = Simulator.simulate(base, Fixtures.catalog(), 500, 5);
        Simulation b = Simulator.simulate(base, Fixtures.catalog(), 500, 5);
        Simulation c = Simulator.simulate(base, Fixtures.catalog(), 500, 6);
        assertThat(a).isEqualTo(b);
        assertThat(a.options()).isNotEqualTo(c.options());
    }

    @Test
    void commonRandomNumbersPriceEveryOptionOnTheSameDraw() {
        // two API options whose prices scale with the same factor: on every draw their ratio is the catalog's,
        // so one is cheaper on every draw; independent draws per option would split the share
        String yaml = SCENARIO + """
                uncertainty:
                  factors.api_prices: {low: 0.2, high: 5}
                """;
        Simulation sim = simulate(yaml, 400);
        double gptMini = sim.options().stream()
                .filter(o -> o.id().equals("gpt-5-mini"))
                .findFirst()
                .orElseThrow()
                .pCheapest();
        assertThat(gptMini).isIn(0.0, 1.0);
    }

    @Test
    void aWholeMonthFlipPointIsTheFirstMonthWithTheNewRecommendation() {
        // the box's TCO is 3,000 × 12 / lifetime + 360 against the API's 1,200: shorter lives make it dearer
        String yaml = """
                name: lifetime flip
                horizon_months: 12
                workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                profile: {technical_capability: strong}
                assumptions: {ops_hours_per_month: 0, maintenance_share_annual: 0, discount_rate_annual: 0, lifetime_months: LIFE}
                options:
                  - {id: api, api: {model: custom, input_usd_per_mtok: 1, output_usd_per_mtok: 1}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, hardware_usd: 1600, extra_upfront_usd: 1400,
                                  electricity_usd_per_month: 30, residual_share: 0, model: meta/llama-3.1-8b-instruct,
                                  quantization: q4_k_m, tokens_per_second: 120}
                """;
        String ranged =
                yaml.replace("LIFE", "48") + "uncertainty:\n  assumptions.lifetime_months: {low: 6, high: 120}\n";
        Simulation sim = simulate(ranged, 10);
        Simulation.FlipPoint f = sim.flipPoints().getFirst();
        Simulation.Flip flip = f.flip().orElseThrow();
        assertThat(flip.direction()).isEqualTo(Simulation.Direction.BELOW);
        int month = (int) flip.value();
        assertThat((double) month).isEqualTo(flip.value());
        assertThat(Fixtures.evaluate(yaml.replace("LIFE", String.valueOf(month)))
                        .recommendation()
                        .recommendedOption()
                        .orElseThrow())
                .isEqualTo(flip.to().orElseThrow());
        assertThat(Fixtures.evaluate(yaml.replace("LIFE", String.valueOf(month + 1)))
                        .recommendation()
                        .recommendedOption()
                        .orElseThrow())
                .isEqualTo(f.from().orElseThrow())
                .isNotEqualTo(flip.to().orElseThrow());
    }

    /**
     * The platform team (scenarios/platform-buy-rent-api.yaml): an 8×H100 server bought, H100s
     * rented, and two APIs. The runner-up is the other API, so its tornado has no bar for the server's
     * price or the rent; the tornado against the best feasible option of each other kind has both.
     */
    @Test
    void theTornadoMeasuresTheRecommendationAgainstTheBestOfEachOtherKind() throws java.io.IOException {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("scenarios/platform-buy-rent-api.yaml"));
        Evaluation base = Evaluator.evaluate(Fixtures.scenario(yaml), Fixtures.catalog(), Fixtures.AS_OF);
        Simulation sim = Simulator.simulate(base, Fixtures.catalog(), 50, Simulator.DEFAULT_SEED);
        assertThat(sim.recommended()).contains("gpt-5-nano");
        assertThat(sim.runnerUp()).contains("llama-api");
        String hardware = "options.hgx-bought.self_hosted.hardware_usd";
        String rent = "options.h100-rented.rented.usd_per_gpu_hour";
        assertThat(sim.tornado())
                .filteredOn(t -> t.input().equals(hardware) || t.input().equals(rent))
                .allSatisfy(t -> assertThat(t.swingUsd()).isZero());
        assertThat(sim.rivals()).extracting(Simulation.Rival::option).containsExactly("hgx-bought", "h100-rented");
        Simulation.Rival owned = sim.rivals().get(0);
        Simulation.Rival rented = sim.rivals().get(1);
        assertThat(owned.kind()).isEqualTo(dev.aichoose.model.OptionKind.SELF_HOSTED);
        assertThat(owned.baseGapUsd())
                .isCloseTo(
                        base.option("hgx-bought").tcoUsd()
                                - base.option("gpt-5-nano").tcoUsd(),
                        within(1e-6));
        // the server's price moves its gap by what the price moves its TCO: one server bought, 20 % back at the end
        assertThat(bar(owned, hardware).swingUsd()).isGreaterThan(0);
        assertThat(bar(owned, rent).swingUsd()).isZero();
        assertThat(bar(rented, rent).swingUsd()).isGreaterThan(0);
        assertThat(bar(rented, hardware).swingUsd()).isZero();
        // each gap tornado is the gap evaluated with the input at its end, the others at base
        Simulation.TornadoBar t = bar(rented, rent);
        Evaluation cheapRent = Evaluator.evaluate(
                Fixtures.scenario(yaml.substring(0, yaml.indexOf("uncertainty:"))
                        .replace(
                                "      count: auto\n      model: meta/llama-3.3-70b",
                                "      count: auto\n      usd_per_gpu_hour: 2.49\n      model: meta/llama-3.3-70b")),
                Fixtures.catalog(),
                Fixtures.AS_OF);
        assertThat(t.gapLowUsd())
                .isCloseTo(
                        cheapRent.option("h100-rented").tcoUsd()
                                - cheapRent.option("gpt-5-nano").tcoUsd(),
                        within(0.01));
    }

    /** A gap flip point is where the rival's gap changes sign: just either side of it, the rival is dearer, then cheaper. */
    @Test
    void aGapFlipIsWhereTheRivalOvertakesTheRecommendation() {
        String yaml = """
                name: box or api
                horizon_months: 12
                workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                assumptions: {maintenance_share_annual: 0, ops_hours_per_month: 0}
                options:
                  - {id: api, api: {model: custom, input_usd_per_mtok: 1, output_usd_per_mtok: 2}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, count: 1, hardware_usd: 1600,
                                  electricity_usd_per_month: 30, lifetime_months: 36, residual_share: 0,
                                  model: meta/llama-3.1-8b-instruct, tokens_per_second: 120}
                uncertainty:
                  workload.queries_per_month: {low: 10000, high: 200000}
                """;
        Evaluation base = Evaluator.evaluate(Fixtures.scenario(yaml), Fixtures.catalog(), Fixtures.AS_OF);
        Simulation sim = Simulator.simulate(base, Fixtures.catalog(), 20, Simulator.DEFAULT_SEED);
        String rec = sim.recommended().orElseThrow();
        Simulation.Rival rival = sim.rivals().getFirst();
        Simulation.GapFlip flip = rival.flips().getFirst();
        assertThat(flip.value()).isPresent();
        double v = flip.value().get();
        for (double q : new double[] {v * 0.999, v * 1.001}) {
            Evaluation e = Evaluator.evaluate(
                    Fixtures.scenario(yaml.replace("queries_per_month: 100000", "queries_per_month: " + q)),
                    Fixtures.catalog(),
                    Fixtures.AS_OF);
            double gap = e.option(rival.option()).tcoUsd() - e.option(rec).tcoUsd();
            boolean past = flip.direction().orElseThrow() == Simulation.Direction.BELOW ? q < v : q > v;
            assertThat(gap >= 0).as("at %s the gap is %s", q, gap).isEqualTo(rival.baseGapUsd() >= 0 != past);
        }
    }

    @Test
    void versusNamesTheOneRival() throws java.io.IOException {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("scenarios/platform-buy-rent-api.yaml"));
        Evaluation base = Evaluator.evaluate(Fixtures.scenario(yaml), Fixtures.catalog(), Fixtures.AS_OF);
        Simulation sim = Simulator.simulate(
                base, Fixtures.catalog(), 20, Simulator.DEFAULT_SEED, java.util.Optional.of("llama-api"));
        assertThat(sim.rivals()).extracting(Simulation.Rival::option).containsExactly("llama-api");
    }

    private static Simulation.TornadoBar bar(Simulation.Rival r, String input) {
        return r.tornado().stream()
                .filter(t -> t.input().equals(input))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anEstimatedOptionDrawsItsThroughputFromItsGroupsMeasuredError() {
        String yaml = """
                name: estimated
                horizon_months: 12
                workload: {queries_per_month: 60000000, input_tokens_per_query: 1000, output_tokens_per_query: 300}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - id: box
                    self_hosted: {hardware: nvidia/h100-sxm, count: auto, model: meta/llama-3.3-70b-instruct,
                                  quantization: fp8}
                """;
        Scenario s = Fixtures.scenario(yaml);
        Evaluation base = Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF);
        var accuracy = base.option("box")
                .capacity()
                .estimate()
                .orElseThrow()
                .accuracy()
                .orElseThrow();
        // no uncertainty: section, yet the estimate's error is a range of its own
        var inputs = EstimateErrors.inputs(base);
        assertThat(inputs).singleElement().satisfies(in -> {
            assertThat(in.path()).isEqualTo("options.box.throughput");
            assertThat(in.distribution().low()).isEqualTo(accuracy.lowFactor());
            assertThat(in.distribution().high()).isEqualTo(accuracy.highFactor());
        });
        Simulation sim = Simulator.simulate(base, Fixtures.catalog(), 200, Simulator.DEFAULT_SEED);
        Simulation.OptionSpread box = sim.options().stream()
                .filter(o -> o.id().equals("box"))
                .findFirst()
                .orElseThrow();
        // the doubt shows: the sized fleet's TCO spreads with the throughput drawn
        assertThat(box.p95Usd()).isGreaterThan(box.p5Usd());
        assertThat(sim.tornado()).anyMatch(b -> b.input().equals("options.box.throughput"));
        // a range the scenario gives on throughput replaces it
        Evaluation given = Evaluator.evaluate(
                Fixtures.scenario(yaml + "uncertainty:\n  factors.throughput: {low: 0.9, high: 1.1}\n"),
                Fixtures.catalog(),
                Fixtures.AS_OF);
        assertThat(EstimateErrors.inputs(given))
                .extracting(dev.aichoose.model.Uncertainty.Input::path)
                .containsExactly("factors.throughput");
    }
}
