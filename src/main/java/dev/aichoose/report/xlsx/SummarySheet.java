package dev.aichoose.report.xlsx;

import static dev.aichoose.report.xlsx.Cells.col;
import static dev.aichoose.report.xlsx.Cells.formula;
import static dev.aichoose.report.xlsx.Cells.quoted;
import static dev.aichoose.report.xlsx.Cells.ref;
import static dev.aichoose.report.xlsx.Cells.widths;
import static dev.aichoose.report.xlsx.EvaluationWorkbook.BREAKEVEN;
import static dev.aichoose.report.xlsx.EvaluationWorkbook.CASH_FLOW;
import static dev.aichoose.report.xlsx.EvaluationWorkbook.FIRST_MONTH_ROW;

import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Evaluation.Breakeven;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Recommendation.Answer;
import dev.aichoose.report.xlsx.WorkbookModel.Block;
import dev.aichoose.text.Figures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** The Summary sheet: each option's totals as formulas over the Cash flow sheet, breakeven months, the recommendation. */
public final class SummarySheet {
    /** Summary columns, shared with the test that reads them back. */
    public static final int COL_OPTION = 0,
            COL_TOTAL_CASH = 4,
            COL_SALVAGE = 5,
            COL_TCO = 6,
            COL_NPV = 7,
            COL_QUERIES = 8,
            COL_COST_PER_QUERY = 9;

    private final WorkbookModel model;
    private final Evaluation e;
    private final Styles styles;
    private final Sheet summary;
    /** Each option's Salvage cell, which a hybrid's salvage adds up for its legs. */
    private final Map<String, String> salvageCells = new HashMap<>();

    SummarySheet(WorkbookModel model, Sheet summary) {
        this.model = model;
        this.e = model.evaluation();
        this.styles = model.styles();
        this.summary = summary;
    }

    void write() {
        model.header(
                summary,
                0,
                "Option",
                "Kind",
                "Feasible",
                "Upfront",
                "Total cash",
                "Salvage",
                "TCO",
                "NPV",
                "Queries",
                "Cost per query",
                "Recommended",
                "Why not comparable");
        String cf = quoted(CASH_FLOW) + "!";
        String first = String.valueOf(FIRST_MONTH_ROW + 1);
        String last = String.valueOf(model.lastMonthRow() + 1);
        String lastMonth = cf + "$A$" + last;
        for (int i = 0; i < e.options().size(); i++)
            salvageCells.put(e.options().get(i).id(), ref(COL_SALVAGE, i + 2));
        int r = 1;
        for (OptionResult o : e.options()) {
            Block b = model.block(o.id());
            Row row = summary.createRow(r);
            int x = r + 1;
            row.createCell(0).setCellValue(o.id());
            row.createCell(1).setCellValue(model.kind(o));
            row.createCell(2).setCellValue(o.feasible() ? "yes" : "no: not comparable");
            formula(row.createCell(3), upfront(o), styles.usd);
            formula(
                    row.createCell(COL_TOTAL_CASH),
                    "SUM(" + cf + col(b.costCol()) + first + ":" + col(b.costCol()) + last + ")",
                    styles.usd);
            formula(row.createCell(COL_SALVAGE), salvage(o, lastMonth), styles.usd);
            formula(row.createCell(COL_TCO), ref(COL_TOTAL_CASH, x) + "-" + ref(COL_SALVAGE, x), styles.usdBold);
            formula(
                    row.createCell(COL_NPV),
                    "SUM(" + cf + col(b.discountedCol()) + first + ":" + col(b.discountedCol()) + last + ")-"
                            + ref(COL_SALVAGE, x) + "/POWER(1+discount_rate_annual," + lastMonth + "/12)",
                    styles.usd);
            formula(row.createCell(COL_QUERIES), "SUM(" + cf + "$B" + first + ":$B" + last + ")", styles.integer);
            formula(row.createCell(COL_COST_PER_QUERY), ref(COL_TCO, x) + "/" + ref(COL_QUERIES, x), styles.usdPrecise);
            row.createCell(10)
                    .setCellValue(
                            e.recommendation()
                                            .recommendedOption()
                                            .filter(o.id()::equals)
                                            .isPresent()
                                    ? "yes"
                                    : "");
            // the reasons every other format gives: a finance reviewer reads why beside the greyed figures
            if (!o.feasible()) row.createCell(11).setCellValue(String.join("; ", o.problems()));
            // an infeasible option's figures stay live but read as what they are: not comparable
            if (!o.feasible()) for (Cell cell : row) cell.setCellStyle(styles.infeasible(cell.getCellStyle()));
            r++;
        }
        r++;
        model.header(summary, r++, "Option", "Baseline", "Breakeven month");
        int col = 1;
        for (Breakeven b : e.breakeven()) {
            Row row = summary.createRow(r++);
            row.createCell(0).setCellValue(b.option());
            row.createCell(1).setCellValue(b.baseline());
            String range = quoted(BREAKEVEN) + "!" + col(col) + first + ":" + col(col) + last;
            formula(row.createCell(2), "IF(COUNT(" + range + ")=0,\"none\",MIN(" + range + "))", styles.integer);
            col++;
        }
        r = recommendation(r + 1, e.recommendation());
        list(r, "Warnings", e.warnings());
        summary.createFreezePane(1, 1);
        widths(summary, 30, 14, 16, 14, 16, 14, 16, 16, 14, 15, 13, 60);
    }

    private String upfront(OptionResult o) {
        String p = model.slug(o.id());
        if (model.sizing(o).isPresent() && o.costing() instanceof Costing.Owned) {
            return quoted(CASH_FLOW) + "!" + ref(model.fleetCol(o, "Hardware"), FIRST_MONTH_ROW + 1);
        }
        return switch (o.costing()) {
            case null -> String.valueOf(o.upfrontUsd());
            case Costing.PerToken t -> "0";
            case Costing.Rent rent -> "0";
            case Costing.Owned h -> p + "_upfront_usd";
            case Costing.Mix m ->
                fixedLegs(m).stream()
                        .map(leg -> model.sizedLeg(leg).isPresent()
                                ? model.block(leg).costing() instanceof Costing.Owned
                                        ? quoted(CASH_FLOW) + "!"
                                                + ref(model.fleetCol(o, leg + ": Hardware"), FIRST_MONTH_ROW + 1)
                                        : "0"
                                : model.declared(model.slug(leg) + "_upfront_usd")
                                        ? model.slug(leg) + "_upfront_usd"
                                        : "0")
                        .reduce((a, b) -> a + "+" + b)
                        .orElse("0");
        };
    }

    /** Book value left at the horizon: straight line from the last purchase's price to its residual. */
    private String salvage(OptionResult o, String lastMonth) {
        String p = model.slug(o.id());
        if (model.sizing(o).isPresent() && o.costing() instanceof Costing.Owned) {
            return sizedSalvage(p, model.fleetCol(o, "Book value at the end"), lastMonth);
        }
        return switch (o.costing()) {
            case null -> String.valueOf(o.salvageUsd());
            case Costing.PerToken t -> "0";
            case Costing.Rent rent -> "0";
            case Costing.Owned h -> {
                String up = p + "_upfront_usd";
                String life = p + "_lifetime_months";
                String lastPurchase = "(1+" + life + "*INT((" + lastMonth + "-1)/" + life + "))";
                yield up + "-(" + up + "-" + p + "_residual_share*" + up + ")*(" + lastMonth + "-" + lastPurchase
                        + "+1)/" + life;
            }
            case Costing.Mix m ->
                fixedLegs(m).stream()
                        .map(leg -> model.sizedLeg(leg).isPresent()
                                ? model.block(leg).costing() instanceof Costing.Owned
                                        ? sizedSalvage(
                                                model.slug(leg),
                                                model.fleetCol(o, leg + ": Book value at the end"),
                                                lastMonth)
                                        : "0"
                                : salvageCells.get(leg))
                        .reduce((a, b) -> a + "+" + b)
                        .orElse("0");
        };
    }

    /** A sized owned fleet's salvage: each purchase's book value (its own column), the site's as a stated count's. */
    private String sizedSalvage(String p, int bookCol, String lastMonth) {
        String book = col(bookCol);
        String up = p + "_extra_upfront_usd";
        String life = p + "_lifetime_months";
        String lastSite = "(1+" + life + "*INT((" + lastMonth + "-1)/" + life + "))";
        return "SUM(" + quoted(CASH_FLOW) + "!" + book + (FIRST_MONTH_ROW + 1) + ":" + book + (model.lastMonthRow() + 1)
                + ")+" + up + "-" + up + "*(1-" + p + "_residual_share)*(" + lastMonth + "-" + lastSite + "+1)/"
                + life;
    }

    private List<String> fixedLegs(Costing.Mix m) {
        return m.legs().stream()
                .map(Costing.Leg::option)
                .distinct()
                .filter(id -> !(model.block(id).costing() instanceof Costing.PerToken))
                .toList();
    }

    private int recommendation(int r, Recommendation rec) {
        Row head = summary.createRow(r++);
        Cell t = head.createCell(0);
        t.setCellValue("Recommendation");
        t.setCellStyle(styles.title);
        text(r++, "Verdict", rec.verdict().id());
        text(r++, "Option", rec.recommendedOption().orElse("no feasible option"));
        if (rec.choice() instanceof Recommendation.Recommended c) {
            text(r++, "Cheapest feasible", c.cheapestOption());
            text(r++, "Premium over it", Figures.usd(c.premiumUsd()) + " (" + Figures.percent(c.premiumShare()) + ")");
            if (c.alternative().isPresent()) {
                var a = c.alternative().get();
                text(
                        r++,
                        "Alternative",
                        a.option() + ", " + Figures.usd(a.premiumUsd()) + " (" + Figures.percent(a.premiumShare())
                                + ") more: " + a.reason());
            }
        }
        text(r++, "Why", rec.summary());
        r++;
        model.header(summary, r++, "Question", "Leans", "Reason");
        for (Answer a : rec.questions()) {
            Row row = summary.createRow(r++);
            row.createCell(0).setCellValue(a.id().text());
            row.createCell(1).setCellValue(a.leans().id());
            row.createCell(2).setCellValue(a.reason());
        }
        return list(r + 1, "Constraints", rec.constraints());
    }

    private void text(int r, String label, String value) {
        Row row = summary.createRow(r);
        Cell l = row.createCell(0);
        l.setCellValue(label);
        l.setCellStyle(styles.bold);
        row.createCell(1).setCellValue(value);
    }

    private int list(int r, String title, List<String> items) {
        if (items.isEmpty()) return r;
        Cell c = summary.createRow(r++).createCell(0);
        c.setCellValue(title);
        c.setCellStyle(styles.title);
        for (String item : items) summary.createRow(r++).createCell(0).setCellValue(item);
        return r + 1;
    }
}
