package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Rented GPUs billed as sold (issue 19, item 2; docs/methodology.md §5.2-5.4): a serverless flex worker
 * by the seconds it runs, an active one every hour, spot sized for its interruptions, a reservation
 * held through its term. Figures by hand from the catalog rows (runpod/h100-serverless-flex $0.00116/s
 * = $4.176/h, 5 s idle timeout, 1 s increment, 2.5 s cold start; runpod/h100-serverless-active $3.348/h).
 */
class RentalBillingTest {
    private static final double MONTH_S = 730 * 3600;

    /** 7,884 queries a month of 1,000 generated tokens at {@code tokensPerSecond}: busy 7,884,000 / tps seconds. */
    private static Evaluation serverless(double tokensPerSecond) {
        return Fixtures.evaluate("""
                name: serverless
                horizon_months: 12
                workload: {queries_per_month: 7884, input_tokens_per_query: 500, output_tokens_per_query: 1000}
                assumptions: {ops_hours_per_month: 0}
                options:
                  - id: flex
                    rented: {offer: runpod/h100-serverless-flex, count: auto, model: meta/llama-3.1-8b-instruct,
                             tokens_per_second: %s}
                  - id: active
                    rented: {offer: runpod/h100-serverless-active, count: 1, model: meta/llama-3.1-8b-instruct,
                             tokens_per_second: %s}
                """.formatted(tokensPerSecond, tokensPerSecond));
    }

    /** The flex bill by hand: λ = Q / month; a run lasts c + (e^{λT} − 1)/λ, the wait for a request 1/λ. */
    private static double flexMonthUsd(double busySeconds) {
        double lambda = 7884 / MONTH_S;
        double cycle = lambda * 2.5 + Math.exp(lambda * 5);
        double upShare = (cycle - 1) / cycle;
        double runs = MONTH_S * lambda / cycle;
        double u = Math.min(1, busySeconds / MONTH_S);
        double seconds = Math.min(MONTH_S, busySeconds + (1 - u) * (MONTH_S * upShare + runs * 1 / 2.0));
        return seconds / 3600 * 4.176;
    }

    private static double month1(Evaluation e, String id) {
        return e.option(id).monthly().getFirst().parts().rent();
    }

    @Test
    void aFlexWorkerIsBilledForItsWorkAndItsRunsNotEveryHour() {
        // 0.3 % busy: 7,884 s of work; with the idle timeout and cold starts 19.35 hours billed, $80.81
        Evaluation low = serverless(1000);
        assertThat(month1(low, "flex")).isCloseTo(flexMonthUsd(7884), within(1e-6));
        assertThat(month1(low, "flex")).isCloseTo(80.81, within(0.005));
        // the active worker bills every hour: 730 × $3.348
        assertThat(month1(low, "active")).isCloseTo(2444.04, within(1e-6));
        // always-on at 0.3 % busy would be the issue's $3,048 (730 × $4.176); flex is 2.7 % of it
        assertThat(month1(low, "flex")).isLessThan(0.03 * 3048.48);

        // 30 % busy: $964.86, still below the active worker
        Evaluation mid = serverless(10);
        assertThat(month1(mid, "flex")).isCloseTo(flexMonthUsd(788_400), within(1e-6));
        assertThat(month1(mid, "flex")).isCloseTo(964.86, within(0.005));
        assertThat(month1(mid, "flex")).isLessThan(month1(mid, "active"));

        // 100 % busy: every hour billed at the flex rate, $3,048.48, above the active worker's $2,444.04
        Evaluation full = serverless(3);
        assertThat(month1(full, "flex")).isCloseTo(3048.48, within(1e-6));
        assertThat(month1(full, "flex")).isGreaterThan(month1(full, "active"));
    }

    @Test
    void theActiveWorkerWinsAboveAbout80PercentBusy() {
        // the crossover: flex bills more than active once it bills 3.348 / 4.176 = 80.17 % of the month;
        // at 7,884 requests a month that is 79.69 % busy (the worker also runs 2.2 % of its idle time)
        double crossover = 0.7969;
        double below = 1000 * 0.003 / (crossover - 0.002);
        double above = 1000 * 0.003 / (crossover + 0.002);
        Evaluation under = serverless(below);
        Evaluation over = serverless(above);
        assertThat(month1(under, "flex")).isLessThan(month1(under, "active"));
        assertThat(month1(over, "flex")).isGreaterThan(month1(over, "active"));
    }

    @Test
    void theWorkbookRebuildsTheFlexBillByFormula() throws IOException {
        Evaluation e = serverless(10);
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            XlsxReportTest.assertAgrees(wb, e);
        }
        // editing the volume in the workbook moves the flex bill as the engine does
        Evaluation expected = Fixtures.evaluate("""
                name: serverless
                horizon_months: 12
                workload: {queries_per_month: 50000, input_tokens_per_query: 500, output_tokens_per_query: 1000}
                assumptions: {ops_hours_per_month: 0}
                options:
                  - id: flex
                    rented: {offer: runpod/h100-serverless-flex, count: auto, model: meta/llama-3.1-8b-instruct,
                             tokens_per_second: 10.0}
                  - id: active
                    rented: {offer: runpod/h100-serverless-active, count: 1, model: meta/llama-3.1-8b-instruct,
                             tokens_per_second: 10.0}
                """);
        XlsxReportTest.assertEditMatchesEngine(e, "queries_per_month", 50_000, expected);
    }

    @Test
    void aColdStartThatMissesTheTtftTargetMakesAnIdleFlexWorkerInfeasible() {
        String yaml = """
                name: cold
                horizon_months: 12
                workload: {queries_per_month: 7884, input_tokens_per_query: 500, output_tokens_per_query: 1000,
                           slo: {ttft_ms: %s}}
                options:
                  - id: flex
                    rented: {offer: runpod/h100-serverless-flex, count: auto, model: meta/llama-3.1-8b-instruct,
                             tokens_per_second: 1000}
                """;
        OptionResult tight = Fixtures.evaluate(yaml.formatted(1000)).option("flex");
        assertThat(tight.feasible()).isFalse();
        assertThat(String.join(" ", tight.problems()))
                .contains("starts a cold worker for 97.8 % of requests")
                .contains("cold start of 2.5 s misses the TTFT target of 1,000 ms");
        assertThat(Fixtures.evaluate(yaml.formatted(3000)).option("flex").feasible())
                .isTrue();
    }

    /** 4,455 generated tok/s at the peak: 4.95 replicas of 1,000 tok/s at 90 %, five H100s, six with interruptions. */
    private static Evaluation spot(String terms, String slo) {
        return Fixtures.evaluate("""
                name: spot
                horizon_months: 12
                workload: {queries_per_month: 11707740, input_tokens_per_query: 100, output_tokens_per_query: 1000,
                           peak_to_average: 1%s}
                assumptions: {ops_hours_per_month: 0}
                options:
                  - id: spot
                    rented: {offer: vast/h100-spot, count: auto, model: meta/llama-3.1-8b-instruct,
                             tokens_per_second: 1000%s}
                """.formatted(slo, terms));
    }

    @Test
    void aSpotFleetIsSizedWithTheCapacityItsInterruptionsTakeAway() {
        OptionResult steady = spot(", interruptions_per_month: 0", "").option("spot");
        assertThat(steady.capacity().fleet().orElseThrow().month(1).units()).isEqualTo(5);
        // 100 interruptions a month of 600 s each lose 60,000 / 2,628,000 = 2.28 % of the time: 4.95 / 0.9772 = 5.07
        OptionResult interrupted =
                spot(", interruptions_per_month: 100, restart_seconds: 600", "").option("spot");
        assertThat(interrupted.capacity().fleet().orElseThrow().month(1).units())
                .isEqualTo(6);
        assertThat(interrupted.monthly().getFirst().parts().rent()).isCloseTo(6 * 1.52 * 730, within(1e-6));
    }

    @Test
    void spotAloneCarriesNoLatencyTargetUnlessTheScenarioAcceptsIt() {
        OptionResult refused = spot("", ", slo: {ttft_ms: 5000}").option("spot");
        assertThat(refused.feasible()).isFalse();
        assertThat(String.join(" ", refused.problems()))
                .contains("vast/h100-spot is spot capacity")
                .contains("spot_carries_latency: true");
        assertThat(spot(", spot_carries_latency: true", ", slo: {ttft_ms: 5000}")
                        .option("spot")
                        .feasible())
                .isTrue();
    }

    @Test
    void aReservationIsPaidForItsWholeTerm() {
        Evaluation e = Fixtures.evaluate("""
                name: reserved
                horizon_months: 24
                workload: {queries_per_month: 3000000, input_tokens_per_query: 100, output_tokens_per_query: 1000,
                           monthly_growth: 0.1}
                assumptions: {ops_hours_per_month: 0}
                options:
                  - id: reserved
                    rented: {offer: lambda/h100-sxm-reserved, count: auto, term_months: 12,
                             model: meta/llama-3.1-8b-instruct, tokens_per_second: 1000}
                  - id: on-demand
                    rented: {offer: runpod/h100-sxm, count: auto, model: meta/llama-3.1-8b-instruct,
                             tokens_per_second: 1000}
                """);
        var held = e.option("reserved").capacity().fleet().orElseThrow();
        var needed = e.option("on-demand").capacity().fleet().orElseThrow();
        // the on-demand fleet grows month by month; the reservation holds month 12's need from month 1
        assertThat(needed.month(1).units()).isLessThan(needed.month(12).units());
        for (int m = 1; m <= 12; m++)
            assertThat(held.month(m).units()).isEqualTo(needed.month(12).units());
        for (int m = 13; m <= 24; m++)
            assertThat(held.month(m).units()).isEqualTo(needed.month(24).units());
        assertThat(e.option("reserved").monthly().getFirst().parts().rent())
                .isCloseTo(needed.month(12).units() * 1.85 * 730, within(1e-6));
    }

    @Test
    void aRentedOfferSaysWhatItsPriceLeavesOutAndTheScenarioAddsIt() {
        var shipped = Fixtures.catalog();
        var h100 = shipped.cloudOffers().get("runpod/h100-sxm");
        var offers = new java.util.LinkedHashMap<>(shipped.cloudOffers());
        offers.put(
                "book/h100",
                new dev.aichoose.model.CloudOffer(
                        "book/h100",
                        "book",
                        h100.gpu(),
                        1,
                        2.0,
                        "on_demand",
                        h100.provenance(),
                        null,
                        new dev.aichoose.model.CloudOffer.Billing(
                                "included", "billed", null, null, null, null, null, null)));
        var catalog = shipped.with(shipped.apiModels(), shipped.gpus(), offers, shipped.openModels());
        var loader = new dev.aichoose.load.ScenarioLoader(
                catalog,
                (file, slo) -> {
                    throw new IllegalStateException("no bench files in this test");
                },
                java.util.Map.of());
        Evaluation e = dev.aichoose.analysis.Evaluator.evaluate(
                loader.parse("extras.yaml", new java.io.StringReader("""
                        name: extras
                        horizon_months: 12
                        workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
                        assumptions: {ops_hours_per_month: 0}
                        options:
                          - id: r
                            rented: {offer: book/h100, count: 1, model: meta/llama-3.1-8b-instruct, tokens_per_second: 100,
                                     recurring: [{name: egress, usd_per_month: 80}]}
                        """), java.nio.file.Path.of(".")),
                catalog,
                Fixtures.AS_OF);
        assertThat(e.option("r").capacity().detail())
                .contains("storage included, egress billed (in this cost as the option's recurring lines)");
        // the egress line is there, so no warning that the cost is the GPU rent alone
        assertThat(e.warnings()).noneMatch(w -> w.contains("sticker"));
        // 730 × $2.00 + the $80 egress line
        assertThat(e.option("r").monthly().getFirst().costUsd()).isCloseTo(1540, within(1e-9));
    }

    /** One shipped offer rented with or without a recurring line; the rest as the test above. */
    private static Evaluation rentedShipped(String offer, String recurring) {
        return Fixtures.evaluate("""
                name: billed apart
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
                assumptions: {ops_hours_per_month: 0}
                options:
                  - id: r
                    rented: {offer: %s, count: 1, model: meta/llama-3.1-8b-instruct, tokens_per_second: 100%s}
                """.formatted(offer, recurring));
    }

    @Test
    void anOfferThatBillsStorageApartSaysSoAndWarnsUntilTheScenarioAddsIt() {
        // RunPod pods: storage billed per GB-month, no egress fees (pricing/cloud-offers.yaml)
        Evaluation bare = rentedShipped("runpod/h100-sxm", "");
        assertThat(bare.option("r").capacity().detail())
                .contains("storage billed, egress included (storage not in this cost: add it as rented.recurring:"
                        + " [{name, usd_per_month}])");
        assertThat(bare.warnings())
                .filteredOn(w -> w.startsWith("r: runpod/h100-sxm bills storage apart"))
                .singleElement()
                .satisfies(w -> assertThat(w)
                        .contains("the option adds no rented.recurring line, so its cost is the GPU rent alone")
                        .contains("30-50 % above the GPU sticker (mercatus-ai.com/blog/cloud-gpu-pricing, May 2026)")
                        .contains("which aichoose does not add")
                        .contains("recurring: [{name: storage, usd_per_month: N}]"));
        // no uplift: the month is the rent alone, 730 × $3.99
        assertThat(bare.option("r").monthly().getFirst().costUsd()).isCloseTo(730 * 3.99, within(1e-9));

        // 200 GB at RunPod's $0.10 per GB-month: $20 a month, and the warning goes
        Evaluation added = rentedShipped("runpod/h100-sxm", ", recurring: [{name: storage, usd_per_month: 20}]");
        assertThat(added.warnings()).noneMatch(w -> w.contains("bills storage apart"));
        assertThat(added.option("r").monthly().getFirst().costUsd()).isCloseTo(730 * 3.99 + 20, within(1e-9));
    }

    @Test
    void anOfferThatBillsBothApartNamesBothAndOneThatIncludesBothIsSilent() {
        Evaluation aws = rentedShipped("aws/p5-h100", "");
        assertThat(aws.option("r").capacity().detail())
                .contains("storage billed, egress billed (storage and egress not in this cost: add each as");
        assertThat(aws.warnings()).anyMatch(w -> w.startsWith("r: aws/p5-h100 bills storage and egress apart"));

        Evaluation lambda = rentedShipped("lambda/h100-sxm", "");
        assertThat(lambda.option("r").capacity().detail()).contains("storage included, egress included");
        assertThat(lambda.option("r").capacity().detail()).doesNotContain("not in this cost");
        assertThat(lambda.warnings()).noneMatch(w -> w.contains(" apart from its hourly price"));
    }
}
