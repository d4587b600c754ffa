package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import dev.aichoose.report.xlsx.EvaluationWorkbook;
import dev.aichoose.report.xlsx.Styles;
import dev.aichoose.report.xlsx.WorkbookTooWide;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The workbook as a report: the sheets are {@code dev.aichoose.report.xlsx}'s ({@link EvaluationWorkbook});
 * this adds what the workbook shares with the other reports, the options' kinds as every report names
 * them and the simulation's sheet, and raises the reports' own error when it does not fit.
 */
final class XlsxReport implements Renderer.Binary<Evaluation> {

    @Override
    public void render(Evaluation evaluation, OutputStream out) throws IOException {
        try {
            EvaluationWorkbook.write(
                    evaluation, out, ReportContent::kind, (wb, styles) -> simulation(evaluation, wb, styles));
        } catch (WorkbookTooWide e) {
            throw new ReportDoesNotFit(e.getMessage());
        }
    }

    /** The streaming workbook whatever the number of options, for tests that compare it with the one in memory. */
    static void stream(Evaluation evaluation, OutputStream out) throws IOException {
        try {
            EvaluationWorkbook.stream(
                    evaluation, out, ReportContent::kind, (wb, styles) -> simulation(evaluation, wb, styles));
        } catch (WorkbookTooWide e) {
            throw new ReportDoesNotFit(e.getMessage());
        }
    }

    private static void simulation(Evaluation evaluation, Workbook wb, Styles styles) {
        evaluation.simulation().ifPresent(sim -> SimulationSection.xlsx(wb, sim, styles.header));
    }
}
