package dev.aichoose.report;

import dev.aichoose.model.Reconciliation;
import dev.aichoose.model.Reconciliation.Row;
import dev.aichoose.model.Reconciliation.Unmapped;
import dev.aichoose.report.ReportContent.Align;
import dev.aichoose.report.ReportContent.Column;
import dev.aichoose.report.ReportContent.Table;
import dev.aichoose.text.Figures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the human-readable reconciliation (table, Markdown, HTML) says, as text: the forecast against
 * the bill, why they differ, the GPU-hours, the summary, the notes, the lines no option took. Money
 * is written to the cent, so that the parts read as adding up to the difference.
 */
record ReconcileContent(
        String title,
        String period,
        Table bill,
        Table parts,
        Table gpus,
        List<String> summary,
        List<String> notes,
        List<String> unmapped,
        List<String> warnings) {

    static final String PREDICTED = "Predicted";
    static final String BILLED = "Billed";
    static final String DELTA = "Difference";

    static ReconcileContent of(Reconciliation r) {
        List<Row> rows = r.months();
        List<List<String>> bill = new ArrayList<>();
        List<List<String>> parts = new ArrayList<>();
        List<List<String>> gpus = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Row row : rows) {
            var c = row.cents();
            String month = month(row);
            bill.add(List.of(
                    month,
                    row.option(),
                    money(c.predicted()),
                    money(c.billed()),
                    change(c.delta()),
                    row.deltaShare().map(s -> Figures.percentChange(s * 100)).orElse("n/a")));
            parts.add(List.of(
                    month,
                    row.option(),
                    change(c.volume()),
                    change(c.mix()),
                    change(c.price()),
                    change(c.unmodelled())));
            row.gpu()
                    .ifPresent(g -> gpus.add(List.of(
                            month,
                            row.option(),
                            Figures.count(g.plannedGpuHours()),
                            g.billedGpuHours().map(Figures::count).orElse("not on the bill"),
                            Figures.usdPerQuery(g.plannedUsdPerGpuHour()),
                            g.billedUsdPerGpuHour().map(Figures::usdPerQuery).orElse("—"))));
            row.notes().forEach(n -> notes.add(row.option() + ", " + row.calendarMonth() + ": " + n));
        }
        Table billTable = Table.unmarked(
                List.of(
                        new Column("Month", Align.LEFT),
                        new Column("Option", Align.LEFT),
                        new Column(PREDICTED, Align.RIGHT),
                        new Column(BILLED, Align.RIGHT),
                        new Column(DELTA, Align.RIGHT),
                        new Column("of forecast", Align.RIGHT)),
                bill);
        Table partsTable = Table.unmarked(
                List.of(
                        new Column("Month", Align.LEFT),
                        new Column("Option", Align.LEFT),
                        new Column("Volume", Align.RIGHT),
                        new Column("Mix", Align.RIGHT),
                        new Column("Price", Align.RIGHT),
                        new Column("Unmodelled", Align.RIGHT)),
                parts);
        Table gpuTable = Table.unmarked(
                List.of(
                        new Column("Month", Align.LEFT),
                        new Column("Option", Align.LEFT),
                        new Column("GPU-hours planned", Align.RIGHT),
                        new Column("billed", Align.RIGHT),
                        new Column("$/GPU-hour planned", Align.RIGHT),
                        new Column("billed", Align.RIGHT)),
                gpus);
        return new ReconcileContent(
                "aichoose reconcile: " + r.scenario().name(),
                "Month 1 is " + r.start() + "; " + r.months().size() + " option-month"
                        + (r.months().size() == 1 ? "" : "s") + " reconciled from " + String.join(", ", r.files()),
                billTable,
                partsTable,
                gpuTable,
                summary(r),
                notes,
                unmapped(r),
                r.warnings());
    }

    static String month(Row row) {
        return row.calendarMonth() + " (" + row.month() + ")";
    }

    static List<String> summary(Reconciliation r) {
        var s = r.summary();
        List<String> lines = new ArrayList<>();
        lines.add("Predicted " + money(s.predicted()) + ", billed " + money(s.billed()) + ": a difference of "
                + change(s.delta())
                + s.biasShare()
                        .map(b -> " (" + Figures.percentChange(b * 100) + " of the forecast: the bias)")
                        .orElse(""));
        lines.add("Mean absolute percentage error (|difference| / billed, by month and option): "
                + s.mape().map(Figures::share).orElse("n/a (nothing billed)"));
        lines.add(
                s.beyond().isEmpty()
                        ? "No month is beyond ±10 % of its forecast."
                        : s.beyond().size() + " of " + s.rows() + " beyond ±10 % of the forecast: "
                                + String.join(
                                        "; ",
                                        s.beyond().stream()
                                                .map(row -> row.option() + " " + row.calendarMonth() + " "
                                                        + row.deltaShare()
                                                                .map(x -> Figures.percentChange(x * 100))
                                                                .orElse("(nothing predicted)"))
                                                .toList()));
        double unmapped = r.unmapped().stream().mapToDouble(Unmapped::usd).sum();
        if (!r.unmapped().isEmpty()) {
            lines.add(r.unmapped().size() + " line" + (r.unmapped().size() == 1 ? "" : "s")
                    + " of the exports went to no option (" + Figures.usdCents(unmapped)
                    + "), listed below; they are in no figure above.");
        }
        return lines;
    }

    static List<String> unmapped(Reconciliation r) {
        List<String> out = new ArrayList<>();
        for (Unmapped u : r.unmapped()) {
            String what = u.label() != null ? u.label() : u.model() != null ? u.model() : "no model";
            String amount =
                    u.usd() != 0 || u.tokens() == 0 ? Figures.usdCents(u.usd()) : Figures.count(u.tokens()) + " tokens";
            out.add(u.origin() + ": " + u.source().title() + ", " + u.calendarMonth() + ", " + what + ", " + amount
                    + ": " + u.reason());
        }
        return out;
    }

    static String money(BigDecimal cents) {
        return Figures.usdCents(cents.doubleValue());
    }

    static String change(BigDecimal cents) {
        return Figures.usdCentsChange(cents.doubleValue());
    }
}
