package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aichoose.model.Evaluation;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A fleet sized with {@code count: auto} is rebuilt in the workbook from the load: its totals agree with
 * the engine's, and editing the volume or the throughput there moves them as re-running the engine does.
 */
class XlsxFleetTest {

    static Evaluation evaluate(double queries, double tokensPerSecond) {
        return Fixtures.evaluate("""
            name: sized
            horizon_months: 30
            workload: {queries_per_month: %s, input_tokens_per_query: 400, output_tokens_per_query: 600,
                       monthly_growth: 0.08, peak_to_average: 3}
            assumptions: {lifetime_months: 12, residual_share: 0.25, ops_hours_per_month: 5}
            options:
              - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
              - id: owned
                self_hosted: {hardware: nvidia/rtx-4090, count: auto, hardware_usd: 1800, extra_upfront_usd: 900,
                              model: meta/llama-3.1-8b-instruct, tokens_per_second: %s}
              - id: flat-power
                self_hosted: {hardware: nvidia/l40s, count: auto, hardware_usd: 8000, electricity_usd_per_month: 55,
                              model: meta/llama-3.1-8b-instruct, tokens_per_second: 300}
              - id: rented
                rented: {offer: runpod/h100-sxm, count: auto, model: meta/llama-3.1-8b-instruct}
            """.formatted(queries, tokensPerSecond));
    }

    @Test
    void theSizedFleetsFormulasAgreeWithTheEngine() throws IOException {
        Evaluation e = evaluate(400_000, 150);
        // the fleets grow over the horizon, so the schedule matters
        assertThat(e.option("owned").capacity().fleet().orElseThrow().peakUnits())
                .isGreaterThan(3);
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            XlsxReportTest.assertAgrees(wb, e);
        }
    }

    @Test
    void editingTheVolumeMovesTheTotalsAsTheEngineDoes() throws IOException {
        Evaluation expected = evaluate(900_000, 150);
        assertThat(expected.option("owned").tcoUsd())
                .isGreaterThan(evaluate(400_000, 150).option("owned").tcoUsd());
        XlsxReportTest.assertEditMatchesEngine(evaluate(400_000, 150), "queries_per_month", 900_000, expected);
    }

    @Test
    void editingTheThroughputMovesTheTotalsAsTheEngineDoes() throws IOException {
        XlsxReportTest.assertEditMatchesEngine(
                evaluate(400_000, 150), "o_owned_replica_tokens_per_second", 60, evaluate(400_000, 60));
    }
    /** Hybrids that send a share of the traffic to sized fleets, owned and rented, beside a stated count. */
    static final String HYBRID = """
            name: sized legs
            horizon_months: 30
            workload:
              queries_per_month: %s
              input_tokens_per_query: 400
              output_tokens_per_query: 600
              monthly_growth: 0.08
              peak_to_average: 3
              classes: [{name: clients, share: 0.35, sensitive: true}, {name: bulk, share: 0.25}]
            assumptions: {lifetime_months: 12, residual_share: 0.25, ops_hours_per_month: 5}
            options:
              - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
              - id: owned
                self_hosted: {hardware: nvidia/rtx-4090, count: auto, hardware_usd: 1800, extra_upfront_usd: 900,
                              model: meta/llama-3.1-8b-instruct, tokens_per_second: %s}
              - id: stated
                self_hosted: {hardware: nvidia/rtx-4090, count: 30, hardware_usd: 1800,
                              model: meta/llama-3.1-8b-instruct, tokens_per_second: 150}
              - id: rented
                rented: {offer: runpod/h100-sxm, count: auto, model: meta/llama-3.1-8b-instruct}
              - id: owned-and-api
                hybrid: {routes: [{class: clients, option: owned}, {class: bulk, option: api}, {class: default, option: api}]}
              - id: rented-and-owned
                hybrid: {routes: [{class: clients, option: owned}, {class: bulk, option: rented},
                                  {class: default, option: stated}]}
            """;

    @Test
    void aHybridsSizedLegsAreLiveFormulasThatFollowTheVolume() throws IOException {
        Evaluation before = Fixtures.evaluate(HYBRID.formatted(400_000, 150));
        Evaluation after = Fixtures.evaluate(HYBRID.formatted(900_000, 150));
        // the leg's fleet is sized for its 35 %, not for all the traffic its own option carries
        var legFleet = before.option("owned").capacity().fleet().orElseThrow();
        assertThat(before.option("owned-and-api").upfrontUsd())
                .isLessThan(before.option("owned").upfrontUsd());
        assertThat(legFleet.peakUnits()).isGreaterThan(3);
        assertThat(after.option("rented-and-owned").tcoUsd())
                .isGreaterThan(before.option("rented-and-owned").tcoUsd());
        try (XSSFWorkbook wb = XlsxReportTest.open(before)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            XlsxReportTest.assertAgrees(wb, before);
        }
        XlsxReportTest.assertEditMatchesEngine(before, "queries_per_month", 900_000, after);
        XlsxReportTest.assertEditMatchesEngine(
                before, "o_owned_replica_tokens_per_second", 60, Fixtures.evaluate(HYBRID.formatted(400_000, 60)));
    }

    @Test
    void moreSizedFleetsThanAWorkbooksColumnsHoldIsRefusedWithTheReason() {
        // a sized owned fleet of cards takes 18 columns of the Cash flow sheet (its units, its hosts, eight
        // parts of its cash, cost, cumulative and discounted): 1,300 of them need 23,402 of 16,384
        StringBuilder yaml = new StringBuilder("""
                name: wide
                horizon_months: 2
                workload: {queries_per_month: 2000, input_tokens_per_query: 800, output_tokens_per_query: 300}
                options:
                """);
        for (int i = 0; i < 1300; i++) {
            yaml.append("  - {id: o")
                    .append(i)
                    .append(", self_hosted: {hardware: nvidia/rtx-4090, count: auto, ")
                    .append("hardware_usd: 1500, model: meta/llama-3.1-8b-instruct, tokens_per_second: 200}}\n");
        }
        Evaluation e = Fixtures.evaluate(yaml.toString());
        assertThatThrownBy(() -> new XlsxReport().render(e, java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(ReportDoesNotFit.class)
                .hasMessage("the Cash flow sheet of 1,300 options needs at least 23,402 columns and a workbook has "
                        + "16,384; write --format json or csv, or evaluate fewer options at a time");
    }
}
