package dev.aichoose.report.xlsx;

import static dev.aichoose.report.xlsx.Cells.printable;

import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A workbook for finance: every input on the Assumptions sheet as a named cell, and the cash
 * flows, totals and breakeven months as formulas over them, so a reviewer can change a price and
 * watch the answer move. These formulas are the one place a report re-does the engine's
 * arithmetic; XlsxReportTest checks them against the engine to the cent. Only functions that
 * Apache POI's evaluator also supports (IF, AND, MOD, INT, POWER, SUM, COUNT, MIN) are used.
 *
 * <p>One class per sheet, written in reading order ({@link AssumptionsSheet}, {@link CashFlowSheet},
 * {@link BreakevenSheet}, {@link SummarySheet}, {@link CatalogSheet}); what one sheet places and a
 * later one refers to (defined names, option stems, column blocks) is held by {@link WorkbookModel}.
 * The package knows nothing of the other reports: how an option's kind reads, and any sheet written
 * after these five (the simulation's), come from the caller.
 */
public final class EvaluationWorkbook {
    public static final String SUMMARY = "Summary";
    public static final String ASSUMPTIONS = "Assumptions";
    public static final String CASH_FLOW = "Cash flow";
    public static final String BREAKEVEN = "Breakeven";
    public static final String CATALOG = "Catalog";

    /** First row of months on the Cash flow and Breakeven sheets (0-based), below the titles and headers. */
    public static final int FIRST_MONTH_ROW = 2;

    /** Above this many options the workbook is streamed and stores formulas without their computed values. */
    static final int CACHED_VALUES_MAX_OPTIONS = 40;

    private EvaluationWorkbook() {}

    /**
     * Up to {@link #CACHED_VALUES_MAX_OPTIONS} options the workbook is built in memory and stores each
     * formula's value too; above, it is streamed (POI's SXSSF), a few rows in memory at a time, and
     * stores the formulas only: 1,000 options over 600 months are 7 million formulas, which a workbook in
     * memory held in 4.4 GB (docs/reports.md, "The workbook").
     *
     * @param kind how the reports name an option's kind
     * @param moreSheets writes any sheets after the five, with the workbook's styles
     */
    public static void write(
            Evaluation evaluation,
            OutputStream out,
            Function<OptionResult, String> kind,
            BiConsumer<Workbook, Styles> moreSheets)
            throws IOException {
        if (evaluation.options().size() > CACHED_VALUES_MAX_OPTIONS) {
            stream(evaluation, out, kind, moreSheets);
            return;
        }
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            build(evaluation, wb, kind, moreSheets);
            // cached values too, for viewers that show a file without recalculating it; but POI looks each
            // defined name up by walking them all, so evaluating grows as options squared (100 options: 30 s)
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            wb.write(out);
        }
    }

    /**
     * The streaming workbook: rows go to POI's temporary files (in java.io.tmpdir) as they are
     * written, and are copied into the zip at the end, deflated at the fastest level (the sheets' XML
     * is repetitive, and the default level tripled the time for a few per cent of size). The temporary
     * files are removed on every way out, Ctrl-C and SIGTERM included.
     */
    public static void stream(
            Evaluation evaluation,
            OutputStream out,
            Function<OptionResult, String> kind,
            BiConsumer<Workbook, Styles> moreSheets)
            throws IOException {
        StreamedWorkbook wb = new StreamedWorkbook();
        // deletes the files only: POI's own dispose() first writes out every row still held, for minutes
        Thread cleanUp = new Thread(wb::deleteTemporaries, "aichoose-remove-workbook-temporaries");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            build(evaluation, wb, kind, moreSheets);
            wb.write(out);
        } finally {
            wb.close();
            wb.deleteTemporaries();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException e) {
                // stopping (Ctrl-C): the hook runs and finds the files gone
            }
        }
    }

    private static void build(
            Evaluation e, Workbook wb, Function<OptionResult, String> kind, BiConsumer<Workbook, Styles> moreSheets) {
        WorkbookModel m = new WorkbookModel(e, wb, kind);
        // created in reading order first: a formula can only name a sheet that exists
        // our formulas are checked by the tests that evaluate them; parsing each on the way in walks every name
        switch (wb) {
            case XSSFWorkbook x -> x.setCellFormulaValidation(false);
            case SXSSFWorkbook s -> s.getXSSFWorkbook().setCellFormulaValidation(false);
            default -> {}
        }
        SummarySheet summary = new SummarySheet(m, wb.createSheet(SUMMARY));
        AssumptionsSheet assumptions = new AssumptionsSheet(m, wb.createSheet(ASSUMPTIONS));
        CashFlowSheet cashFlow = new CashFlowSheet(m, wb.createSheet(CASH_FLOW));
        BreakevenSheet breakeven = new BreakevenSheet(m, wb.createSheet(BREAKEVEN));
        CatalogSheet catalog = new CatalogSheet(m, wb.createSheet(CATALOG));

        // the options' own columns, hybrids' legs not counted: enough to refuse before any work
        int columns = 2;
        for (OptionResult o : e.options()) {
            columns += (o.costing() instanceof Costing.Mix
                            ? 0
                            : cashFlow.parts(o, 0).size())
                    + 3;
        }
        if (columns > WorkbookModel.MAX_COLUMNS) throw m.tooWide(columns);
        assumptions.write();
        cashFlow.write();
        breakeven.write();
        summary.write();
        catalog.write();
        moreSheets.accept(wb, m.styles());
        for (Sheet sheet : wb) printable(sheet);
        wb.setForceFormulaRecalculation(true);
    }
}
