package dev.aichoose.report.xlsx;

import static dev.aichoose.report.xlsx.Cells.formula;
import static dev.aichoose.report.xlsx.Cells.quoted;
import static dev.aichoose.report.xlsx.Cells.ref;
import static dev.aichoose.report.xlsx.EvaluationWorkbook.CASH_FLOW;
import static dev.aichoose.report.xlsx.EvaluationWorkbook.FIRST_MONTH_ROW;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Evaluation.Breakeven;
import dev.aichoose.report.xlsx.WorkbookModel.Block;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** The Breakeven sheet: for each pair of options, the months the option costs no more than its baseline. */
final class BreakevenSheet {
    /** The engine's tolerance: cash flows equal to the cent meet, whatever order they were summed in. */
    static final String BREAKEVEN_TOLERANCE_USD = "0.005";

    private final WorkbookModel model;
    private final Evaluation e;
    private final Styles styles;
    private final Sheet breakeven;

    BreakevenSheet(WorkbookModel model, Sheet breakeven) {
        this.model = model;
        this.e = model.evaluation();
        this.styles = model.styles();
        this.breakeven = breakeven;
    }

    /** The Breakeven sheet, row by row as the Cash flow sheet: one column per pair of options. */
    void write() {
        breakeven
                .createRow(0)
                .createCell(0)
                .setCellValue("A month appears where the option's cumulative cost is at or below the baseline's");
        Row headers = breakeven.createRow(1);
        model.headerCell(headers, 0, "Month");
        List<Breakeven> pairs = e.breakeven();
        for (int i = 0; i < pairs.size(); i++) {
            model.headerCell(
                    headers,
                    i + 1,
                    pairs.get(i).option() + " vs " + pairs.get(i).baseline());
        }
        String cf = quoted(CASH_FLOW) + "!";
        for (int r = FIRST_MONTH_ROW; r <= model.lastMonthRow(); r++) {
            int x = r + 1;
            Row row = breakeven.createRow(r);
            formula(row.createCell(0), cf + "$A" + x, styles.integer);
            for (int i = 0; i < pairs.size(); i++) {
                Block a = model.block(pairs.get(i).option());
                Block base = model.block(pairs.get(i).baseline());
                formula(
                        row.createCell(i + 1),
                        "IF(" + cf + ref(a.cumulativeCol(), x) + "<=" + cf + ref(base.cumulativeCol(), x) + "+"
                                + BREAKEVEN_TOLERANCE_USD + ",$A" + x + ",\"\")",
                        styles.integer);
            }
        }
        breakeven.setDefaultColumnWidth(26);
        breakeven.setColumnWidth(0, 8 * 256);
        breakeven.createFreezePane(1, FIRST_MONTH_ROW);
    }
}
