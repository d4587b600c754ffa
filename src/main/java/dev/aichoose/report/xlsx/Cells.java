package dev.aichoose.report.xlsx;

import static dev.aichoose.report.xlsx.Cells.col;
import static dev.aichoose.report.xlsx.Cells.formula;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/** Cell writing and references shared by the sheets. */
final class Cells {
    private Cells() {}

    static void formula(Cell cell, String formula, CellStyle style) {
        cell.setCellFormula(formula);
        cell.setCellStyle(style);
    }

    /** Landscape, one page wide, header rows repeated: how finance prints a wide sheet. */
    static void printable(Sheet sheet) {
        sheet.getPrintSetup().setLandscape(true);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        var pane = sheet.getPaneInformation();
        if (pane != null && pane.getHorizontalSplitPosition() > 0) {
            sheet.setRepeatingRows(new CellRangeAddress(0, pane.getHorizontalSplitPosition() - 1, -1, -1));
        }
    }

    static void widths(Sheet sheet, int... chars) {
        for (int i = 0; i < chars.length; i++) sheet.setColumnWidth(i, chars[i] * 256);
    }

    static String col(int index) {
        return "$" + CellReference.convertNumToColString(index);
    }

    static String ref(int col, int excelRow) {
        return CellReference.convertNumToColString(col) + excelRow;
    }

    static String quoted(String sheet) {
        return "'" + sheet + "'";
    }
}
