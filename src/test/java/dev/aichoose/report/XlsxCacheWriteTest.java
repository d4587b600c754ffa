package dev.aichoose.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbook's usage formula bills cache writes and a reasoning price the way the engine does. */
class XlsxCacheWriteTest {
    @TempDir
    Path dir;

    @Test
    void cacheWritesAndReasoningPricesAgreeWithTheEngine() throws IOException {
        Path file = dir.resolve("cache.yaml");
        Files.writeString(file, """
                name: cache writes
                horizon_months: 3
                workload: {queries_per_month: 10000, input_tokens_per_query: 300000, output_tokens_per_query: 800,
                           reasoning_tokens_per_query: 400, cached_input_share: 0.3, cache_write_share: 0.2,
                           cache_write_ttl: 1h}
                options:
                  - {id: sonnet, api: {model: anthropic/claude-sonnet-4-5}}
                  - {id: own, api: {model: mine, input_usd_per_mtok: 1, output_usd_per_mtok: 4,
                                    cache_write_usd_per_mtok: 1.5, reasoning_usd_per_mtok: 6}}
                """);
        var e = Engine.evaluate(Engine.scenario(file));
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            XlsxReportTest.assertAgrees(wb, e);
        }
    }
}
