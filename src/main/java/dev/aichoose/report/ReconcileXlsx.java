package dev.aichoose.report;

import dev.aichoose.model.Reconciliation;
import dev.aichoose.model.Reconciliation.Row;
import dev.aichoose.model.Reconciliation.Unmapped;
import dev.aichoose.report.xlsx.Styles;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The reconciliation as a workbook. On the Reconcile sheet each row holds what the engine and the
 * exports gave (Q planned and its cost each, Q actual and its cost at the plan's prices, what the
 * bill charged for those units, the whole bill) and the decomposition as live formulas over them,
 * each part the change in a running total rounded to the cent (ROUND), exactly as the engine rounds:
 * edit a quantity or the bill and the parts move and still add up to the difference. The Summary's
 * totals, bias and mean absolute percentage error are formulas over those rows.
 */
final class ReconcileXlsx implements Renderer.Binary<Reconciliation> {
    static final String RECONCILE = "Reconcile";
    static final String SUMMARY = "Summary";
    static final String UNMAPPED = "Unmapped";

    /** The Reconcile sheet's columns, in order. */
    static final List<String> HEADERS = List.of(
            "Month",
            "Start",
            "Option",
            "Unit",
            "Planned quantity (Q_p)",
            "Planned cost each, c(s_p, p_p)",
            "Actual quantity (Q_a)",
            "Actual cost each at plan prices, c(s_a, p_p)",
            "Billed for those units, Q_a·c(s_a, p_a)",
            "Billed",
            "Predicted",
            "Volume",
            "Mix",
            "Price",
            "Unmodelled",
            "Difference",
            "Parts added up",
            "Difference of forecast",
            "|Difference| / billed");

    static final int PREDICTED = 10;
    static final int DIFFERENCE = 15;

    @Override
    public void render(Reconciliation r, OutputStream out) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles styles = new Styles(wb);
            Sheet summary = wb.createSheet(SUMMARY);
            Sheet rows = wb.createSheet(RECONCILE);
            reconcile(rows, r, styles);
            summary(summary, r, styles);
            unmapped(wb.createSheet(UNMAPPED), r, styles);
            wb.setForceFormulaRecalculation(true);
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            wb.write(out);
        }
    }

    private static void reconcile(Sheet sheet, Reconciliation r, Styles styles) {
        var header = sheet.createRow(0);
        for (int i = 0; i < HEADERS.size(); i++) {
            Cell c = header.createCell(i);
            c.setCellValue(HEADERS.get(i));
            c.setCellStyle(styles.header);
        }
        sheet.createFreezePane(3, 1);
        for (int i = 0; i < r.months().size(); i++) {
            Row row = r.months().get(i);
            var x = sheet.createRow(i + 1);
            int n = i + 2; // the spreadsheet's row number
            x.createCell(0).setCellValue(row.month());
            x.createCell(1).setCellValue(row.calendarMonth().toString());
            x.createCell(2).setCellValue(row.option());
            x.createCell(3).setCellValue(row.unit().label());
            value(x.createCell(4), row.inputs().plannedQuantity(), styles.decimal);
            value(x.createCell(5), row.inputs().plannedUnitCostUsd(), styles.usdPrecise);
            value(x.createCell(6), row.inputs().actualQuantity(), styles.decimal);
            value(x.createCell(7), row.inputs().actualUnitCostAtPlanPricesUsd(), styles.usdPrecise);
            value(x.createCell(8), row.inputs().pricedUsd(), styles.usd);
            value(x.createCell(9), row.inputs().billedUsd(), styles.usd);
            String predicted = "ROUND(E" + n + "*F" + n + ",2)";
            String afterVolume = "ROUND(G" + n + "*F" + n + ",2)";
            String afterMix = "ROUND(G" + n + "*H" + n + ",2)";
            String afterPrice = "ROUND(I" + n + ",2)";
            String billed = "ROUND(J" + n + ",2)";
            formula(x.createCell(10), predicted, styles.usd);
            formula(x.createCell(11), afterVolume + "-" + predicted, styles.usd);
            formula(x.createCell(12), afterMix + "-" + afterVolume, styles.usd);
            formula(x.createCell(13), afterPrice + "-" + afterMix, styles.usd);
            formula(x.createCell(14), billed + "-" + afterPrice, styles.usd);
            formula(x.createCell(15), billed + "-K" + n, styles.usd);
            formula(x.createCell(16), "L" + n + "+M" + n + "+N" + n + "+O" + n, styles.usd);
            formula(x.createCell(17), "IF(K" + n + "=0,\"\",P" + n + "/K" + n + ")", styles.percent);
            formula(x.createCell(18), "IF(" + billed + "=0,\"\",ABS(P" + n + ")/ABS(" + billed + "))", styles.percent);
        }
        int[] widths = {7, 9, 16, 10, 14, 14, 14, 14, 16, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12};
        for (int i = 0; i < widths.length; i++) sheet.setColumnWidth(i, widths[i] * 256);
    }

    private static void summary(Sheet sheet, Reconciliation r, Styles styles) {
        int last = r.months().size() + 1;
        String range = "'" + RECONCILE + "'!%s2:%s" + Math.max(2, last);
        int row = 0;
        title(sheet, row++, "aichoose reconcile: " + r.scenario().name(), styles.title);
        text(sheet, row++, "Month 1 is " + r.start() + "; exports: " + String.join(", ", r.files()));
        row++;
        String predicted = "SUM(" + range.formatted("K", "K") + ")";
        String billed = "SUM(" + range.formatted("J", "J") + ")";
        String delta = "SUM(" + range.formatted("P", "P") + ")";
        row = line(sheet, row, "Predicted", predicted, styles.usd);
        row = line(sheet, row, "Billed", "ROUND(" + billed + ",2)", styles.usd);
        row = line(sheet, row, "Difference", delta, styles.usd);
        row = line(sheet, row, "Volume", "SUM(" + range.formatted("L", "L") + ")", styles.usd);
        row = line(sheet, row, "Mix", "SUM(" + range.formatted("M", "M") + ")", styles.usd);
        row = line(sheet, row, "Price", "SUM(" + range.formatted("N", "N") + ")", styles.usd);
        row = line(sheet, row, "Unmodelled", "SUM(" + range.formatted("O", "O") + ")", styles.usd);
        row = line(
                sheet,
                row,
                "Bias (difference of forecast)",
                "IF(" + predicted + "=0,\"\"," + delta + "/" + predicted + ")",
                styles.percent);
        row = line(
                sheet,
                row,
                "Mean absolute percentage error",
                "IF(COUNT(" + range.formatted("S", "S") + ")=0,\"\",AVERAGE(" + range.formatted("S", "S") + "))",
                styles.percent);
        row++;
        for (String s : ReconcileContent.summary(r)) text(sheet, row++, s);
        for (String w : r.warnings()) text(sheet, row++, "Warning: " + w);
        sheet.setColumnWidth(0, 34 * 256);
        sheet.setColumnWidth(1, 16 * 256);
    }

    private static void unmapped(Sheet sheet, Reconciliation r, Styles styles) {
        List<String> headers =
                List.of("Where", "Export", "Month", "Model", "Line", "USD", "Tokens", "Why it went to no option");
        var h = sheet.createRow(0);
        for (int i = 0; i < headers.size(); i++) {
            Cell c = h.createCell(i);
            c.setCellValue(headers.get(i));
            c.setCellStyle(styles.header);
        }
        for (int i = 0; i < r.unmapped().size(); i++) {
            Unmapped u = r.unmapped().get(i);
            var x = sheet.createRow(i + 1);
            x.createCell(0).setCellValue(u.origin().toString());
            x.createCell(1).setCellValue(u.source().title());
            x.createCell(2).setCellValue(u.calendarMonth().toString());
            x.createCell(3).setCellValue(u.model() == null ? "" : u.model());
            x.createCell(4).setCellValue(u.label() == null ? "" : u.label());
            value(x.createCell(5), u.usd(), styles.usd);
            value(x.createCell(6), u.tokens(), styles.integer);
            x.createCell(7).setCellValue(u.reason());
        }
        sheet.setColumnWidth(0, 40 * 256);
        sheet.setColumnWidth(7, 60 * 256);
    }

    private static int line(Sheet sheet, int row, String label, String formula, CellStyle style) {
        var x = sheet.createRow(row);
        x.createCell(0).setCellValue(label);
        formula(x.createCell(1), formula, style);
        return row + 1;
    }

    private static void title(Sheet sheet, int row, String text, CellStyle style) {
        Cell c = sheet.createRow(row).createCell(0);
        c.setCellValue(text);
        c.setCellStyle(style);
    }

    private static void text(Sheet sheet, int row, String text) {
        sheet.createRow(row).createCell(0).setCellValue(text);
    }

    private static void value(Cell cell, double v, CellStyle style) {
        cell.setCellValue(v);
        cell.setCellStyle(style);
    }

    private static void formula(Cell cell, String formula, CellStyle style) {
        cell.setCellFormula(formula);
        cell.setCellStyle(style);
    }

    /** A cell's A1 name, for tests that read the sheet. */
    static String ref(int column, int row) {
        return CellReference.convertNumToColString(column) + row;
    }
}
