package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Capacity per class (issue 19, item 1; docs/methodology.md §11.1): a fleet generates the classes'
 * mean query, Σ share × (output + reasoning), not the workload's shape, in the engine and in the
 * workbook's sizing formulas.
 */
class ClassCapacityTest {
    private static final String YAML = """
            name: class capacity
            horizon_months: 12
            workload:
              queries_per_month: 2000000
              input_tokens_per_query: 700
              output_tokens_per_query: 8
              peak_to_average: 2
              classes:
                - {name: escalations, share: 0.05, input_tokens_per_query: 12000, output_tokens_per_query: 1500,
                   reasoning_tokens_per_query: 4000}
            assumptions: {ops_hours_per_month: 0}
            options:
              - id: owned
                self_hosted: {hardware: nvidia/h100-sxm, count: auto, model: meta/llama-3.1-8b-instruct,
                              tokens_per_second: 500}
              - id: api
                api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}
            """;

    @Test
    void theFleetIsSizedForTheClassesMeanGeneratedTokens() {
        Evaluation e = Fixtures.evaluate(YAML);
        // 0.95 × 8 + 0.05 × (1,500 + 4,000) = 282.6 tokens a query, not the workload's 8
        double perQuery = 0.95 * 8 + 0.05 * 5500;
        double required = 2_000_000 * perQuery / (730 * 3600) * 2;
        assertThat(e.option("owned").capacity().requiredTokensPerSecond()).isCloseTo(required, within(1e-6));
        // 430.1 tok/s at the peak over 500 × 0.9 per replica: one card, where 8 tokens a query would need a fraction
        assertThat(required).isCloseTo(430.1, within(0.05));
    }

    @Test
    void theWorkbookSizesTheFleetFromEachClassesShape() throws IOException {
        Evaluation e = Fixtures.evaluate(YAML.replace("queries_per_month: 2000000", "queries_per_month: 9000000"));
        assertThat(e.option("owned").capacity().fleet().orElseThrow().month(1).units())
                .isGreaterThan(1);
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            XlsxReportTest.assertAgrees(wb, e);
        }
    }
}
