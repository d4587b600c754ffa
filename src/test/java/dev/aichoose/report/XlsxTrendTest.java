package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import java.io.IOException;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The workbook's formulas carry the price trends, and agree with the engine to the cent. */
class XlsxTrendTest {
    @Test
    void formulasWithBothTrendsAgreeWithTheEngine() throws IOException {
        Evaluation e = dev.aichoose.testing.Fixtures.evaluate("""
                name: trends
                horizon_months: 30
                workload: {queries_per_month: 2000000, input_tokens_per_query: 800, output_tokens_per_query: 200,
                           monthly_growth: 0.02, classes: [{name: private, share: 0.3, sensitive: true}]}
                assumptions: {api_price_change_annual: -0.6, gpu_rent_change_annual: -0.2, ops_hours_per_month: 5}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - id: rented
                    rented: {offer: runpod/h100-sxm, count: 1, model: meta/llama-3.1-8b-instruct}
                  - id: split
                    hybrid: {routes: [{class: private, option: rented}, {class: default, option: api}]}
                """);
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            XlsxReportTest.assertAgrees(wb, e);
        }
    }
}
