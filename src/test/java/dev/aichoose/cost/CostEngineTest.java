package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Every formula of the cost engine against values worked out by hand (see docs/methodology.md). */
class CostEngineTest {
    private static final double CENT = 0.005;

    private static OptionResult only(String yaml) {
        return Fixtures.evaluate(yaml).options().getFirst();
    }

    @Test
    void apiCostPerQueryCountsCachedInputAndReasoningTokens() {
        OptionResult api = only("""
                name: t
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 1000, output_tokens_per_query: 200,
                           reasoning_tokens_per_query: 100, cached_input_share: 0.4}
                options:
                  - id: x
                    api: {model: custom, input_usd_per_mtok: 2, output_usd_per_mtok: 8, cached_input_usd_per_mtok: 0.5}
                """);
        // (1000·0.6·2 + 1000·0.4·0.5 + 300·8) / 1e6 = (1200 + 200 + 2400) / 1e6
        assertThat(api.costPerQueryUsd()).isCloseTo(0.0038, within(1e-12));
        assertThat(api.monthly().getFirst().costUsd()).isCloseTo(3.8, within(1e-9));
        assertThat(api.tcoUsd()).isCloseTo(45.6, within(1e-9));
        assertThat(api.upfrontUsd()).isZero();
    }

    @Test
    void longContextTierPricesTheWholeRequest() {
        OptionResult api = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 10, input_tokens_per_query: 300000, output_tokens_per_query: 1000}
                options:
                  - {id: x, api: {model: openai/gpt-5.4}}
                """);
        // above 272k tokens gpt-5.4 bills 5 / 22.5 per million for the whole request
        assertThat(api.costPerQueryUsd()).isCloseTo((300_000 * 5 + 1000 * 22.5) / 1e6, within(1e-12));
    }

    @Test
    void batchUseAppliesTheCatalogDiscount() {
        OptionResult api = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1, input_tokens_per_query: 1000, output_tokens_per_query: 1000}
                options:
                  - {id: x, api: {model: openai/gpt-5.6, batch: true}}
                """);
        // gpt-5.6 at 5 / 30, half off in batch
        assertThat(api.costPerQueryUsd()).isCloseTo((1000 * 2.5 + 1000 * 15) / 1e6, within(1e-12));
    }

    @Test
    void queriesGrowByCompounding() {
        OptionResult api = only("""
                name: t
                horizon_months: 3
                workload: {queries_per_month: 1000, input_tokens_per_query: 0, output_tokens_per_query: 1000,
                           monthly_growth: 0.1}
                options:
                  - {id: x, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 1}}
                """);
        assertThat(api.monthly())
                .extracting(OptionResult.MonthlyCost::queries)
                .containsExactly(1000.0, 1100.0, 1210.0000000000002);
        assertThat(api.monthly().get(2).cumulativeUsd()).isCloseTo(3.31, within(1e-9));
    }

    @Test
    void ownedHardwareIsReplacedEachLifetimeAndSalvagedAtTheEnd() {
        OptionResult owned = only("""
                name: t
                horizon_months: 30
                workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
                assumptions: {electricity_usd_per_kwh: 0.20, pue: 1.2, maintenance_share_annual: 0.06,
                              ops_hours_per_month: 5, ops_usd_per_hour: 100, discount_rate_annual: 0}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, count: 2, hardware_usd: 1500, extra_upfront_usd: 1000,
                                  lifetime_months: 12, residual_share: 0.25, model: meta/llama-3.1-8b-instruct,
                                  tokens_per_second: 100}
                """);
        // electricity 2 × 450 W / 1000 × 730 h × 1.2 × $0.20 = 157.68; maintenance 3000 × 0.06 / 12 = 15; staff 500
        double running = 157.68 + 15 + 500;
        assertThat(owned.upfrontUsd()).isEqualTo(4000);
        assertThat(owned.monthly().getFirst().costUsd()).isCloseTo(4000 + running, within(CENT));
        assertThat(owned.monthly().get(1).costUsd()).isCloseTo(running, within(CENT));
        // month 13: bought again, a quarter of the old price back
        assertThat(owned.monthly().get(12).costUsd()).isCloseTo(4000 - 1000 + running, within(CENT));
        assertThat(owned.monthly().get(12).parts().residualCredit()).isCloseTo(1000, within(CENT));
        assertThat(owned.monthly().get(24).costUsd()).isCloseTo(4000 - 1000 + running, within(CENT));
        assertThat(owned.totalCashUsd()).isCloseTo(3 * 4000 - 2 * 1000 + 30 * running, within(CENT));
        // the last purchase (month 25) is 6 months old: 4000 − (4000 − 1000) × 6/12
        assertThat(owned.salvageUsd()).isCloseTo(2500, within(CENT));
        assertThat(owned.tcoUsd()).isCloseTo(30180.4 - 2500, within(CENT));
        assertThat(owned.costPerQueryUsd()).isCloseTo((30180.4 - 2500) / 30_000, within(1e-9));
    }

    @Test
    void electricityCanBeAFlatMonthlyFigure() {
        OptionResult owned = only("""
                name: t
                horizon_months: 2
                workload: {queries_per_month: 1, input_tokens_per_query: 1, output_tokens_per_query: 1}
                assumptions: {maintenance_share_annual: 0}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, hardware_usd: 1000, electricity_usd_per_month: 30,
                                  model: meta/llama-3.1-8b-instruct}
                """);
        assertThat(owned.monthly().get(1).parts().electricity()).isEqualTo(30);
    }

    @Test
    void rentedGpusBillEveryHour() {
        OptionResult rented = only("""
                name: t
                horizon_months: 10
                workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
                assumptions: {ops_hours_per_month: 2, ops_usd_per_hour: 50}
                options:
                  - id: r
                    rented: {offer: runpod/h100-sxm, count: 3, hours_per_month: 500, model: meta/llama-3.1-8b-instruct}
                """);
        // 3 GPUs × $3.99 (the catalog's runpod/h100-sxm) × 500 h + 2 h × $50
        assertThat(rented.monthly().getFirst().costUsd()).isCloseTo(5985 + 100, within(CENT));
        assertThat(rented.tcoUsd()).isCloseTo(60_850, within(CENT));
        assertThat(rented.upfrontUsd()).isZero();
        assertThat(rented.salvageUsd()).isZero();
    }

    @Test
    void hybridSplitsVariableCostsAndCountsFixedCostsOnce() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                horizon_months: 12
                workload:
                  queries_per_month: 10000
                  input_tokens_per_query: 1000
                  output_tokens_per_query: 1000
                  classes: [{name: private, share: 0.3, sensitive: true}]
                assumptions: {maintenance_share_annual: 0, discount_rate_annual: 0}
                options:
                  - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 2}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, hardware_usd: 2000, electricity_usd_per_month: 40,
                                  lifetime_months: 24, residual_share: 0, model: meta/llama-3.1-8b-instruct,
                                  tokens_per_second: 100}
                  - id: split
                    hybrid: {routes: [{class: private, option: box}, {class: default, option: api}]}
                """);
        OptionResult split = e.option("split");
        // api: $0.003 a query × 7,000 queries = $21 a month; the box: $2,000 upfront and $40 a month, once
        assertThat(split.upfrontUsd()).isEqualTo(2000);
        assertThat(split.monthly().getFirst().costUsd()).isCloseTo(2000 + 40 + 21, within(CENT));
        assertThat(split.monthly().get(5).costUsd()).isCloseTo(61, within(CENT));
        assertThat(split.salvageUsd()).isCloseTo(1000, within(CENT));
        assertThat(split.tcoUsd()).isCloseTo(2000 + 12 * 61 - 1000, within(CENT));
        assertThat(split.feasible()).isTrue();
        // capacity is sized for the 30 % routed to the box
        assertThat(split.capacity().requiredTokensPerSecond())
                .isCloseTo(3000 * 1000 / (730 * 3600.0) * 3, within(1e-9));
    }

    @Test
    void npvDiscountsEachMonthAtTheAnnualRate() {
        OptionResult api = only("""
                name: t
                horizon_months: 12
                workload: {queries_per_month: 100000, input_tokens_per_query: 0, output_tokens_per_query: 1000}
                assumptions: {discount_rate_annual: 0.12}
                options:
                  - {id: x, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 1}}
                """);
        // Σ 100 / 1.12^(m/12), m = 1..12
        assertThat(api.npvUsd()).isCloseTo(1129.151598960105, within(1e-6));
    }

    @Test
    void requiredThroughputIsThePeakOfTheBusiestMonth() {
        OptionResult box = only("""
                name: t
                horizon_months: 12
                workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 500,
                           peak_to_average: 3}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct, tokens_per_second: 120}
                """);
        assertThat(box.capacity().requiredTokensPerSecond()).isCloseTo(100_000 * 500 / 2_628_000.0 * 3, within(1e-9));
        assertThat(box.capacity().availableTokensPerSecond()).isEqualTo(120);
        assertThat(box.capacity().source()).isEqualTo(OptionResult.CapacitySource.GIVEN);
    }

    @Test
    void anEstimateIsTheServingModelAtTheOptionsOperatingPoint() {
        OptionResult box = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct, quantization: q4_k_m}
                """);
        // a GGUF quantization runs on llama.cpp, one stream, one card: the serving model at that point
        var catalog = Fixtures.catalog();
        var point = new dev.aichoose.serving.OperatingPoint(
                catalog.gpus().get("nvidia/rtx-4090"),
                1,
                dev.aichoose.model.Parallelism.PIPELINE,
                catalog.openModels().get("meta/llama-3.1-8b-instruct"),
                dev.aichoose.model.Quantization.Q4_K_M,
                dev.aichoose.model.KvPrecision.FP16,
                dev.aichoose.model.Engine.LLAMA_CPP,
                1,
                500,
                500);
        double expected = dev.aichoose.serving.ServingModel.estimate(point, catalog.calibration())
                .tokensPerSecond();
        assertThat(box.capacity().availableTokensPerSecond()).isCloseTo(expected, within(1e-9));
        assertThat(box.capacity().source()).isEqualTo(OptionResult.CapacitySource.ESTIMATE);
        assertThat(box.capacity().detail()).contains("estimated", "on 1 GPU (llama.cpp)", "1 stream");
        assertThat(box.capacity().estimate()).hasValueSatisfying(e -> {
            assertThat(e.engine()).isEqualTo("llama.cpp");
            assertThat(e.accuracy()).isPresent();
        });
    }

    @Test
    void aModelThatDoesNotFitMakesTheOptionInfeasible() {
        OptionResult box = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-70b-instruct, quantization: bf16,
                                  gpus_per_replica: 1}
                """);
        assertThat(box.feasible()).isFalse();
        assertThat(box.problems())
                .singleElement()
                .asString()
                .contains("meta/llama-3.1-70b-instruct at bf16 does not fit in memory", "23.2 GB usable");
        // an impossible option is still priced, so the report can show what it would have cost
        assertThat(box.tcoUsd()).isPositive();
    }

    private static final String GROWING_BOX = """
            name: t
            horizon_months: 12
            workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 500,
                       monthly_growth: 0.05}
            assumptions: {planning_utilisation: %s}
            options:
              - id: box
                self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct, tokens_per_second: 60,
                              count: %s}
            """;

    @Test
    void loadThatOutgrowsTheHardwareNamesTheMonth() {
        // 57.08 tok/s in month 1, 59.93 in month 2, 62.93 in month 3: at full load the box carries two months
        OptionResult box = only(GROWING_BOX.formatted("1", "1"));
        assertThat(box.feasible()).isFalse();
        assertThat(box.problems())
                .singleElement()
                .asString()
                .contains("outgrows the hardware in month 3")
                .doesNotContain("planning utilisation");
    }

    @Test
    void aStatedCountCarriesTheLoadOnlyAtThePlanningUtilisationASizedFleetKeeps() {
        // month 1's 57.08 tok/s run the box at 95 %, above the default 90 %: a sized fleet would buy a second box
        // for it, so the stated one box is outgrown from month 1, not "feasible" beside an auto fleet of two
        OptionResult stated = only(GROWING_BOX.formatted("0.9", "1"));
        assertThat(stated.feasible()).isFalse();
        assertThat(stated.problems())
                .singleElement()
                .asString()
                .startsWith("the load outgrows the hardware in month 1: it needs 57.1 tok/s at peak and 1 replica "
                        + "delivers 60.0 (given), 54.0 at the planning utilisation of 90.0 %; about 2 replicas would "
                        + "carry the whole horizon")
                .contains("with count: auto aichoose would grow it to 2 units by month 1");
        OptionResult two = only(GROWING_BOX.formatted("0.9", "2"));
        OptionResult auto = only(GROWING_BOX.formatted("0.9", "auto"));
        // 12 months of 5 % growth end at 97.6 tok/s: two boxes carry it at 81 %, as the sized fleet does
        assertThat(two.feasible()).isTrue();
        assertThat(auto.feasible()).isTrue();
        assertThat(auto.capacity().fleet().orElseThrow().peakUnits()).isEqualTo(2);
        assertThat(two.capacity().fleet().orElseThrow().peakUtilisation().getAsDouble())
                .isCloseTo(
                        auto.capacity().fleet().orElseThrow().peakUtilisation().getAsDouble(), within(1e-12))
                .isLessThanOrEqualTo(0.9);
    }

    @Test
    void tensorParallelReplicasShareTheGpusOfOneInstance() {
        OptionResult rented = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 1000, output_tokens_per_query: 200}
                options:
                  - id: r
                    rented: {offer: lambda/h100-sxm, count: 1, model: meta/llama-3.3-70b-instruct, quantization: fp8,
                             gpus_per_replica: 2, tokens_per_second: 500}
                """);
        // one 8-GPU instance holds four replicas of two
        assertThat(rented.feasible()).isTrue();
        assertThat(rented.capacity().availableTokensPerSecond()).isEqualTo(2000);
    }

    @Test
    void latencyTargetsApplyToAnEstimate() {
        String yaml = """
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 1000, output_tokens_per_query: 200,
                           slo: {tpot_ms: %s}}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/h100-sxm, model: meta/llama-3.1-8b-instruct, concurrency: 256}
                """;
        OptionResult loose = only(yaml.formatted("60"));
        OptionResult tight = only(yaml.formatted("12"));
        // the capacity is taken at the highest concurrency whose estimated TTFT and TPOT meet the targets
        assertThat(loose.capacity().estimate().orElseThrow().tpotMs()).isLessThanOrEqualTo(60);
        assertThat(tight.capacity().estimate().orElseThrow().tpotMs()).isLessThanOrEqualTo(12);
        assertThat(tight.capacity().estimate().orElseThrow().streams())
                .isLessThan(loose.capacity().estimate().orElseThrow().streams());
        assertThat(tight.capacity().availableTokensPerSecond())
                .isLessThan(loose.capacity().availableTokensPerSecond());
        // a target no concurrency meets makes the option infeasible and says why
        OptionResult impossible = only(yaml.formatted("1"));
        assertThat(impossible.feasible()).isFalse();
        assertThat(impossible.problems())
                .singleElement()
                .asString()
                .startsWith("the estimate meets the latency targets (TPOT ≤ 1.0 ms) at no concurrency: one stream "
                        + "alone has a TTFT of");
    }

    @Test
    void aReplicaNeverSpansSeparateInstancesOrServers() {
        OptionResult rented = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 1000, output_tokens_per_query: 200}
                options:
                  - id: r
                    rented: {offer: runpod/h100-sxm, count: 4, model: meta/llama-3.3-70b-instruct, quantization: fp8,
                             gpus_per_replica: 2, tokens_per_second: 500}
                """);
        assertThat(rented.feasible()).isFalse();
        assertThat(rented.problems())
                .singleElement()
                .asString()
                .startsWith("a replica of 2 GPUs would span 2 separate runpod/h100-sxm instances");
        OptionResult servers = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 1000, output_tokens_per_query: 200}
                options:
                  - id: s
                    self_hosted: {hardware: nvidia/l40s-1x-server, count: 2, model: meta/llama-3.3-70b-instruct,
                                  quantization: fp8, gpus_per_replica: 2}
                """);
        assertThat(servers.feasible()).isFalse();
        assertThat(servers.problems())
                .anyMatch(p -> p.startsWith("a replica of 2 GPUs would span 2 separate nvidia/l40s-1x-server servers"));
        // without gpus_per_replica the model does not fit one server, and no replica may join two
        OptionResult estimated = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 1000, output_tokens_per_query: 200}
                options:
                  - id: s
                    self_hosted: {hardware: nvidia/l40s-1x-server, count: 2, model: meta/llama-3.3-70b-instruct,
                                  quantization: fp8}
                """);
        assertThat(estimated.feasible()).isFalse();
        assertThat(estimated.problems()).anyMatch(p -> p.contains("does not fit in memory"));
    }

    @Test
    void hardConstraintsMakeOptionsInfeasibleWithTheReason() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                workload:
                  queries_per_month: 1000
                  input_tokens_per_query: 100
                  output_tokens_per_query: 100
                  classes: [{name: secret, share: 0.5, sensitive: true}]
                profile: {offline_required: true}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - {id: cloud, rented: {offer: runpod/rtx-4090, model: meta/llama-3.1-8b-instruct}}
                  - {id: box, self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct}}
                  - {id: leak, hybrid: {routes: [{class: secret, option: api}, {class: default, option: box}]}}
                """);
        assertThat(e.option("api").problems()).anyMatch(p -> p.contains("offline operation is required"));
        assertThat(e.option("cloud").problems()).anyMatch(p -> p.contains("offline operation is required"));
        assertThat(e.option("box").feasible()).isTrue();
        assertThat(e.option("leak").problems())
                .anyMatch(p -> p.equals("class 'secret' (50.0 % of queries) is sensitive: it is never sent to a "
                        + "third-party API, and api sends it to openai"));
        // a single API carries every class, the sensitive one too
        assertThat(e.option("api").problems())
                .anyMatch(p -> p.startsWith("class 'secret' (50.0 % of queries) is sensitive"));
        // rented GPUs may carry a sensitive class: only offline operation rules the cloud option out here
        assertThat(e.option("cloud").problems()).singleElement().asString().contains("offline operation is required");
    }

    @Test
    void aFrontierClassInAHybridNeedsAFrontierTierModel() {
        Evaluation e = Fixtures.evaluate("""
                name: t
                workload:
                  queries_per_month: 1000
                  input_tokens_per_query: 100
                  output_tokens_per_query: 100
                  classes: [{name: research, share: 0.2, quality: frontier, complexity: complex}]
                options:
                  - {id: mini, api: {model: openai/gpt-5-mini}}
                  - {id: top, api: {model: openai/gpt-5.6}}
                  - {id: box, self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct}}
                  - {id: weak, hybrid: {routes: [{class: research, option: box}, {class: default, option: mini}]}}
                  - {id: strong, hybrid: {routes: [{class: research, option: top}, {class: default, option: box}]}}
                """);
        assertThat(e.option("weak").problems())
                .singleElement()
                .asString()
                .startsWith("class 'research' (20.0 % of queries) needs a frontier-tier model, and box serves "
                        + "meta/llama-3.1-8b-instruct, rated standard (");
        assertThat(e.option("strong").feasible()).isTrue();
        assertThat(e.option("strong").routing())
                .containsExactly(new Option.Route("research", "top"), new Option.Route("default", "box"));
        // the single options carry the research class too
        assertThat(e.option("mini").feasible()).isFalse();
        assertThat(e.option("box").feasible()).isFalse();
        assertThat(e.option("top").feasible()).isTrue();
    }

    @Test
    void aHybridLegsCapacityIsCheckedAtTheShareItCarries() {
        // 1,000,000 queries of 100 output tokens at peak 3: 114 tok/s for all, 22.8 for a 20 % class
        Evaluation e = Fixtures.evaluate("""
                name: t
                workload:
                  queries_per_month: 1000000
                  input_tokens_per_query: 100
                  output_tokens_per_query: 100
                  classes: [{name: small, share: 0.2}]
                options:
                  - {id: mini, api: {model: openai/gpt-5-mini}}
                  - {id: box, self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-8b-instruct, tokens_per_second: 50}}
                  - {id: split, hybrid: {routes: [{class: small, option: box}, {class: default, option: mini}]}}
                """);
        assertThat(e.option("box").feasible()).isFalse();
        assertThat(e.option("split").feasible()).isTrue();
        assertThat(e.option("split").capacity().requiredTokensPerSecond())
                .isCloseTo(0.2 * 1_000_000 * 100 / (730 * 3600.0) * 3, within(1e-9));
    }

    @Test
    void anInlineNegotiatedPriceIsNotRepricedByTheCatalogTier() {
        OptionResult api = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 10, input_tokens_per_query: 300000, output_tokens_per_query: 1000}
                options:
                  - {id: x, api: {model: openai/gpt-5.4, input_usd_per_mtok: 2, output_usd_per_mtok: 10}}
                """);
        assertThat(api.costPerQueryUsd()).isCloseTo((300_000 * 2 + 1000 * 10) / 1e6, within(1e-12));
    }

    @Test
    void aGivenThroughputOverridesTheMemoryEstimate() {
        OptionResult box = only("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-70b-instruct, quantization: bf16,
                                  tokens_per_second: 20}
                """);
        assertThat(box.feasible()).isTrue();
        assertThat(box.capacity().detail()).contains("the memory estimate says it would not fit");
    }
}
