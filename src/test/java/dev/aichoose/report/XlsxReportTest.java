package dev.aichoose.report;

import static dev.aichoose.report.xlsx.SummarySheet.COL_COST_PER_QUERY;
import static dev.aichoose.report.xlsx.SummarySheet.COL_NPV;
import static dev.aichoose.report.xlsx.SummarySheet.COL_SALVAGE;
import static dev.aichoose.report.xlsx.SummarySheet.COL_TCO;
import static dev.aichoose.report.xlsx.SummarySheet.COL_TOTAL_CASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.report.xlsx.AssumptionsSheet;
import dev.aichoose.report.xlsx.EvaluationWorkbook;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The workbook's formulas, evaluated by POI, agree with the engine to the cent, before and after an edit. */
class XlsxReportTest {

    @Test
    void everyTotalAndBreakevenAgreesWithTheEngine() throws IOException {
        Evaluation e = Fixtures.seed();
        try (XSSFWorkbook wb = open(e)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            assertAgrees(wb, e);
        }
    }

    @Test
    void changingAnApiPriceMovesTheTotalsAsTheEngineWould() throws IOException {
        Evaluation expected =
                Fixtures.evaluate(Fixtures.SEED.replace("output_usd_per_mtok: 60", "output_usd_per_mtok: 12"));
        assertEditMatchesEngine(Fixtures.seed(), "o_gpt_4_output_usd_per_mtok", 12, expected);
    }

    @Test
    void changingTheHardwarePriceMovesMaintenanceSalvageReplacementAndBreakeven() throws IOException {
        // maintenance follows the price: 88,600 × 7.5 % / 12 a month instead of 1,600 × 7.5 % / 12
        Evaluation expected = Fixtures.evaluate(Fixtures.SEED.replace("hardware_usd: 1600", "hardware_usd: 88600"));
        assertThat(expected.breakeven().getFirst().month())
                .isNotEqualTo(Fixtures.seed().breakeven().getFirst().month());
        assertEditMatchesEngine(Fixtures.seed(), "o_rtx_4090_box_unit_price_usd", 88_600, expected);
    }

    /** An automatic hybrid's shares are the routing aichoose chose; the sheet says they stay fixed, a written one's not. */
    @Test
    void anAutomaticHybridSaysItsRoutingIsFixed() throws IOException {
        String legal = java.nio.file.Files.readString(java.nio.file.Path.of("scenarios/legal-hybrid.yaml"));
        try (XSSFWorkbook wb = open(Fixtures.evaluate(legal))) {
            var sheet = wb.getSheet(EvaluationWorkbook.ASSUMPTIONS);
            java.util.List<String> column = new java.util.ArrayList<>();
            for (var row : sheet) {
                var cell = row.getCell(0);
                column.add(cell == null ? "" : cell.toString());
            }
            int auto = column.indexOf("Option auto-split (hybrid)");
            int written = column.indexOf("Option legal-split (hybrid)");
            assertThat(auto).isNotNegative();
            assertThat(written).isNotNegative();
            int note = column.indexOf(AssumptionsSheet.AUTO_ROUTING_FIXED);
            assertThat(note).as("the note, under auto-split's shares").isGreaterThan(auto);
            assertThat(column.subList(auto, note))
                    .as("auto-split's shares, then the note")
                    .anyMatch(l -> l.startsWith("Share of queries to "));
            assertThat(java.util.Collections.frequency(column, AssumptionsSheet.AUTO_ROUTING_FIXED))
                    .as("once: legal-split's routes are written in the scenario")
                    .isEqualTo(1);
        }
    }

    @Test
    void idsThatDifferOnlyInCaseOrPunctuationGetTheirOwnNames() throws IOException {
        Evaluation e = Fixtures.evaluate(Fixtures.SEED.replace(
                "  - id: h100-rented\n",
                "  - id: GPT_4\n    api: {model: openai/gpt-4, input_usd_per_mtok: 3, output_usd_per_mtok: 6}\n"
                        + "  - id: h100-rented\n"));
        try (XSSFWorkbook wb = open(e)) {
            assertThat(wb.getName("o_gpt_4_2_output_usd_per_mtok")).isNotNull();
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            assertAgrees(wb, e);
        }
    }

    @Test
    void sheetsAreFrozenAndFormattedForPeople() throws IOException {
        try (XSSFWorkbook wb = open(Fixtures.seed())) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Summary");
            for (Sheet s : wb)
                assertThat(s.getPaneInformation()).as(s.getSheetName()).isNotNull();
            Cell tco = wb.getSheet("Summary").getRow(1).getCell(COL_TCO);
            assertThat(tco.getCellStyle().getDataFormatString()).contains("$");
            assertThat(wb.getName("o_gpt_4_input_usd_per_mtok")).isNotNull();
            assertThat(wb.getSheet("Catalog").getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("openai/gpt-4");
        }
    }

    static void assertEditMatchesEngine(Evaluation original, String name, double value, Evaluation expected)
            throws IOException {
        try (XSSFWorkbook wb = open(original)) {
            AreaReference area = new AreaReference(wb.getName(name).getRefersToFormula(), wb.getSpreadsheetVersion());
            CellReference ref = area.getFirstCell();
            wb.getSheet(ref.getSheetName())
                    .getRow(ref.getRow())
                    .getCell(ref.getCol())
                    .setCellValue(value);
            XSSFFormulaEvaluator evaluator = wb.getCreationHelper().createFormulaEvaluator();
            evaluator.clearAllCachedResultValues();
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            assertAgrees(wb, expected);
        }
    }

    static XSSFWorkbook open(Evaluation e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new XlsxReport().render(e, bytes);
        return new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()));
    }

    static void assertAgrees(XSSFWorkbook wb, Evaluation e) {
        Sheet summary = wb.getSheet("Summary");
        for (int i = 0; i < e.options().size(); i++) {
            OptionResult o = e.options().get(i);
            Row row = summary.getRow(i + 1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo(o.id());
            assertThat(row.getCell(COL_TOTAL_CASH).getNumericCellValue())
                    .as(o.id() + " total cash")
                    .isCloseTo(o.totalCashUsd(), within(0.005));
            assertThat(row.getCell(COL_SALVAGE).getNumericCellValue())
                    .as(o.id() + " salvage")
                    .isCloseTo(o.salvageUsd(), within(0.005));
            assertThat(row.getCell(COL_TCO).getNumericCellValue())
                    .as(o.id() + " tco")
                    .isCloseTo(o.tcoUsd(), within(0.005));
            assertThat(row.getCell(COL_NPV).getNumericCellValue())
                    .as(o.id() + " npv")
                    .isCloseTo(o.npvUsd(), within(0.005));
            assertThat(row.getCell(COL_COST_PER_QUERY).getNumericCellValue())
                    .as(o.id() + " cost per query")
                    .isCloseTo(o.costPerQueryUsd(), within(0.000_005));
        }
        int r = e.options().size() + 2;
        for (Evaluation.Breakeven b : e.breakeven()) {
            Row row = summary.getRow(++r);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo(b.option());
            Cell month = row.getCell(2);
            if (b.month() == null) {
                assertThat(month.getCachedFormulaResultType()).isEqualTo(CellType.STRING);
                assertThat(month.getStringCellValue())
                        .as(b.option() + " breakeven")
                        .isEqualTo("none");
            } else {
                assertThat(month.getCachedFormulaResultType())
                        .as(b.option() + " breakeven")
                        .isEqualTo(CellType.NUMERIC);
                assertThat((int) month.getNumericCellValue())
                        .as(b.option() + " breakeven")
                        .isEqualTo(b.month());
            }
        }
        Sheet cash = wb.getSheet("Cash flow");
        assertThat(cash.getRow(EvaluationWorkbook.FIRST_MONTH_ROW + e.scenario().horizonMonths() - 1)
                        .getCell(1)
                        .getNumericCellValue())
                .isCloseTo(e.options().getFirst().monthly().getLast().queries(), within(1e-6));
    }
}
