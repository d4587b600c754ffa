package dev.aichoose.report.xlsx;

import static dev.aichoose.report.xlsx.Cells.widths;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Evaluation.CatalogUse;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** The Catalog sheet: each catalog entry the evaluation used, its date, age and source. */
final class CatalogSheet {
    private final WorkbookModel model;
    private final Evaluation e;
    private final Styles styles;
    private final Sheet catalog;

    CatalogSheet(WorkbookModel model, Sheet catalog) {
        this.model = model;
        this.e = model.evaluation();
        this.styles = model.styles();
        this.catalog = catalog;
    }

    void write() {
        model.header(catalog, 0, "Entry", "As of", "Age (days) on " + e.asOf(), "Source");
        int r = 1;
        for (CatalogUse c : e.catalog()) {
            Row row = catalog.createRow(r++);
            row.createCell(0).setCellValue(c.id());
            Cell d = row.createCell(1);
            d.setCellValue(c.asOf());
            d.setCellStyle(styles.date);
            row.createCell(2).setCellValue((double) c.ageDays());
            row.createCell(3).setCellValue(c.source());
        }
        catalog.createFreezePane(0, 1);
        widths(catalog, 34, 12, 20, 70);
    }
}
