package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.analysis.Simulator;
import dev.aichoose.model.Evaluation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streamed workbook (more than 40 options) is the workbook built in memory, cell for cell, less
 * the stored values: the same sheets, formulas, constants, names and merged cells. So the formulas
 * the engine tests check in small workbooks are the ones a large one carries, and they agree with
 * the engine there too.
 */
class XlsxStreamingTest {

    static Stream<Evaluation> evaluations() {
        Evaluation seed = Fixtures.seed();
        return Stream.of(
                seed,
                Fixtures.evaluate(XlsxFleetTest.HYBRID.formatted(400_000, 150)),
                seed.withSimulation(Simulator.simulate(
                        seed, dev.aichoose.testing.Fixtures.catalog(), 200, Simulator.DEFAULT_SEED)));
    }

    @ParameterizedTest
    @MethodSource("evaluations")
    void theStreamedWorkbookHoldsTheSameCellsAsTheOneBuiltInMemory(Evaluation e) throws IOException {
        try (XSSFWorkbook inMemory = open(e, false);
                XSSFWorkbook streamed = open(e, true)) {
            assertThat(sheetNames(streamed)).isEqualTo(sheetNames(inMemory));
            for (Sheet expected : inMemory) {
                Sheet actual = streamed.getSheet(expected.getSheetName());
                assertThat(cells(actual)).as(expected.getSheetName()).isEqualTo(cells(expected));
                assertThat(actual.getMergedRegions()).isEqualTo(expected.getMergedRegions());
            }
            assertThat(inMemory.getAllNames().stream()
                            .map(n -> n.getNameName() + "=" + n.getRefersToFormula())
                            .toList())
                    .isEqualTo(streamed.getAllNames().stream()
                            .map(n -> n.getNameName() + "=" + n.getRefersToFormula())
                            .toList());
        }
    }

    @ParameterizedTest
    @MethodSource("evaluations")
    void theStreamedWorkbooksFormulasAgreeWithTheEngine(Evaluation e) throws IOException {
        try (XSSFWorkbook wb = open(e, true)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            XlsxReportTest.assertAgrees(wb, e);
        }
    }

    private static XSSFWorkbook open(Evaluation e, boolean streamed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (streamed) XlsxReport.stream(e, bytes);
        else new XlsxReport().render(e, bytes);
        return new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static List<String> sheetNames(XSSFWorkbook wb) {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    /** Each cell as its address, style's format and content: a formula as written, else the value. */
    private static List<String> cells(Sheet sheet) {
        List<String> out = new ArrayList<>();
        for (Row row : sheet) {
            for (Cell c : row) {
                String content = switch (c.getCellType()) {
                    case FORMULA -> "=" + c.getCellFormula();
                    case NUMERIC -> String.valueOf(c.getNumericCellValue());
                    case STRING -> c.getStringCellValue();
                    case BOOLEAN -> String.valueOf(c.getBooleanCellValue());
                    default -> "";
                };
                out.add(c.getAddress() + " " + c.getCellStyle().getDataFormatString() + " " + content);
            }
        }
        return out;
    }
}
