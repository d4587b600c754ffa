package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A spot fleet and a reserved fleet sized by aichoose, in the workbook as in the engine
 * (docs/methodology.md §5.3, §5.4): the spot fleet's need divided by the capacity its interruptions
 * leave, and each reserved month holding the most units any month of its term needs. Every month's
 * units, evaluated afresh by POI, equal the engine's, and so does every total.
 */
class XlsxRentalTermsTest {
    private static final String SCENARIO = """
            name: spot and reserved
            horizon_months: 14
            workload:
              queries_per_month: 6000000
              input_tokens_per_query: 800
              output_tokens_per_query: 300
              monthly_growth: 0.2
              peak_to_average: 2
            assumptions: {ops_hours_per_month: 0}
            options:
              - id: spot
                rented: {offer: vast/h100-spot, count: auto, model: meta/llama-3.1-8b-instruct,
                         interruptions_per_month: 300, restart_seconds: 3600}
              - id: reserved
                rented: {offer: lambda/h100-sxm-reserved, count: auto, model: meta/llama-3.1-8b-instruct,
                         term_months: 6}
              - id: api
                api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}
            """;

    @Test
    void spotAndReservedFleetsHaveTheEnginesUnitsEveryMonth() throws IOException {
        Evaluation e = Fixtures.evaluate(SCENARIO);
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            for (String id : new String[] {"spot", "reserved"}) {
                OptionResult o = e.option(id);
                Fleet fleet = o.capacity().fleet().orElseThrow();
                int col = column(wb, o, e, "Units");
                Sheet cash = wb.getSheet("Cash flow");
                for (int m = 1; m <= e.scenario().horizonMonths(); m++) {
                    assertThat(cash.getRow(m + 1).getCell(col).getNumericCellValue())
                            .as(id + " units in month " + m)
                            .isEqualTo((double) fleet.month(m).units());
                }
            }
            // the test can fail: with growth, a reserved month holds more units than it needs itself
            OptionResult r = e.option("reserved");
            int needed = column(wb, r, e, "Units needed");
            int units = column(wb, r, e, "Units");
            Sheet cash = wb.getSheet("Cash flow");
            int held = 0;
            for (int m = 1; m <= e.scenario().horizonMonths(); m++)
                if (cash.getRow(m + 1).getCell(units).getNumericCellValue()
                        > cash.getRow(m + 1).getCell(needed).getNumericCellValue()) held++;
            assertThat(held).as("reserved months held above their own need").isPositive();
            XlsxReportTest.assertAgrees(wb, e);
        }
    }

    /** An option's Cash flow column by header, read as the leg-sizing test reads them. */
    private static int column(XSSFWorkbook wb, OptionResult o, Evaluation e, String header) {
        Integer col = XlsxLegSizingTest.columns(wb, o.id(), e).get(header);
        assertThat(col).as(o.id() + " has a column " + header).isNotNull();
        return col;
    }
}
