package dev.aichoose.report;

import dev.aichoose.model.Reconciliation;
import dev.aichoose.model.Reconciliation.Row;
import dev.aichoose.model.Reconciliation.Unmapped;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code aichoose reconcile} output: the forecast against the bill, in the six formats evaluate
 * writes. Every figure is the reconciliation's; the workbook redoes the decomposition as formulas.
 */
public enum ReconcileFormat implements OutputFormat<Reconciliation> {
    TABLE(List.of("txt")),
    JSON(List.of("json")),
    MD(List.of("md", "markdown")),
    HTML(List.of("html", "htm")),
    /** On stdout (or one named file) the months; into a directory, the months and the lines no option took. */
    CSV(List.of("csv")) {
        @Override
        public List<OutputFile<Reconciliation>> files(String stem) {
            return List.of(
                    new OutputFile<>(stem + ".csv", (Renderer.Text<Reconciliation>) ReconcileFormat::csv),
                    new OutputFile<>(
                            stem + "-unmapped.csv", (Renderer.Text<Reconciliation>) ReconcileFormat::unmappedCsv));
        }
    },
    XLSX(List.of("xlsx")) {
        @Override
        public boolean binary() {
            return true;
        }
    };

    public static final String SCHEMA = "aichoose.reconcile/v1";

    @SuppressWarnings("ImmutableEnumChecker") // built with List.of, which is unmodifiable
    private final List<String> extensions;

    ReconcileFormat(List<String> extensions) {
        this.extensions = extensions;
    }

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public Renderer<Reconciliation> renderer() {
        return switch (this) {
            case TABLE -> (Renderer.Text<Reconciliation>) (r, out) -> text(r, out, false);
            case MD -> (Renderer.Text<Reconciliation>) (r, out) -> text(r, out, true);
            case JSON -> (Renderer.Text<Reconciliation>) (r, out) -> Json.write(document(r), out);
            case CSV -> (Renderer.Text<Reconciliation>) ReconcileFormat::csv;
            case HTML -> new ReconcileHtml();
            case XLSX -> new ReconcileXlsx();
        };
    }

    // ---- table and Markdown

    private static void text(Reconciliation r, Writer out, boolean md) throws IOException {
        ReconcileContent c = ReconcileContent.of(r);
        out.write(md ? "## " + MarkdownReport.escape(c.title()) + "\n\n" : c.title() + "\n");
        if (md) out.write(MarkdownReport.escape(c.period()) + "\n\n");
        else wrapped(out, c.period(), "");
        if (!md) out.write("\n");
        for (String s : c.summary()) {
            if (md) out.write("- " + MarkdownReport.escape(s) + "\n");
            else wrapped(out, s, "  ");
        }
        out.write("\n");
        section(out, md, "Predicted against billed", c.bill());
        section(out, md, "Why they differ (volume + mix + price + unmodelled = difference)", c.parts());
        if (!c.gpus().rows().isEmpty()) section(out, md, "Rented GPUs: hours and price per GPU-hour", c.gpus());
        list(out, md, "Notes", c.notes());
        list(out, md, "Lines no option took", c.unmapped());
        list(out, md, "Warnings", c.warnings());
        out.flush();
    }

    private static void section(Writer out, boolean md, String heading, ReportContent.Table t) throws IOException {
        out.write(
                md
                        ? "### " + heading + "\n\n" + Tables.markdown(t) + "\n"
                        : heading + "\n" + Tables.text(t, TableReport.WIDTH, 1) + "\n");
    }

    private static void list(Writer out, boolean md, String heading, List<String> items) throws IOException {
        if (items.isEmpty()) return;
        out.write(md ? "### " + heading + "\n\n" : heading + "\n");
        for (String item : items) {
            if (md) out.write("- " + MarkdownReport.escape(item) + "\n");
            else wrapped(out, "  " + item, "    ");
        }
        out.write("\n");
    }

    /** Text for a terminal: wrapped to the table's width, later lines indented. */
    private static void wrapped(Writer out, String text, String indent) throws IOException {
        java.io.StringWriter s = new java.io.StringWriter();
        java.io.PrintWriter p = new java.io.PrintWriter(s);
        TableReport.wrap(p, text, indent);
        p.flush();
        out.write(s.toString());
    }

    // ---- CSV

    static final List<String> CSV_HEADER = List.of(
            "month",
            "start",
            "option",
            "kind",
            "unit",
            "predicted_usd",
            "billed_usd",
            "delta_usd",
            "delta_share",
            "volume_usd",
            "mix_usd",
            "price_usd",
            "unmodelled_usd",
            "planned_quantity",
            "actual_quantity");

    private static void csv(Reconciliation r, Writer out) throws IOException {
        CsvReport.row(out, CSV_HEADER);
        for (Row row : r.months()) {
            var c = row.cents();
            CsvReport.row(
                    out,
                    List.of(
                            String.valueOf(row.month()),
                            row.calendarMonth().toString(),
                            row.option(),
                            row.kind().id(),
                            row.unit().id(),
                            c.predicted().toPlainString(),
                            c.billed().toPlainString(),
                            c.delta().toPlainString(),
                            row.deltaShare().map(s -> share(s).toPlainString()).orElse(""),
                            c.volume().toPlainString(),
                            c.mix().toPlainString(),
                            c.price().toPlainString(),
                            c.unmodelled().toPlainString(),
                            Figures.upTo(row.inputs().plannedQuantity(), 2).toPlainString(),
                            Figures.upTo(row.inputs().actualQuantity(), 2).toPlainString()));
        }
        out.flush();
    }

    private static void unmappedCsv(Reconciliation r, Writer out) throws IOException {
        CsvReport.row(
                out,
                List.of(
                        "file", "line", "column", "pointer", "source", "start", "model", "label", "usd", "tokens",
                        "reason"));
        for (Unmapped u : r.unmapped()) {
            CsvReport.row(
                    out,
                    List.of(
                            u.origin().file(),
                            String.valueOf(u.origin().line()),
                            String.valueOf(u.origin().column()),
                            u.origin().pointer() == null ? "" : u.origin().pointer(),
                            u.source().id(),
                            u.calendarMonth().toString(),
                            u.model() == null ? "" : u.model(),
                            u.label() == null ? "" : u.label(),
                            Figures.upTo(u.usd(), 6).toPlainString(),
                            Figures.upTo(u.tokens(), 2).toPlainString(),
                            u.reason()));
        }
        out.flush();
    }

    /** A share (0.282 is 28.2 %), to six decimals. */
    static BigDecimal share(double s) {
        return Figures.upTo(s, 6);
    }

    // ---- JSON: output records, snake_case through the one mapper

    record Document(
            String schema,
            Scenario scenario,
            String asOf,
            String start,
            List<String> usage,
            Body reconcile,
            List<String> warnings) {}

    record Scenario(String name, String file) {}

    record Body(List<Month> months, List<Total> totals, Summary summary, List<Line> unmapped, BigDecimal unmappedUsd) {}

    record Month(
            int month,
            String start,
            String option,
            String kind,
            String unit,
            BigDecimal predictedUsd,
            BigDecimal billedUsd,
            BigDecimal deltaUsd,
            BigDecimal deltaShare,
            BigDecimal volumeUsd,
            BigDecimal mixUsd,
            BigDecimal priceUsd,
            BigDecimal unmodelledUsd,
            BigDecimal plannedQuantity,
            BigDecimal plannedUnitCostUsd,
            BigDecimal actualQuantity,
            BigDecimal actualUnitCostAtPlanPricesUsd,
            BigDecimal pricedUsd,
            boolean measured,
            boolean brokenDown,
            Gpu gpu,
            List<String> notes) {}

    record Gpu(
            BigDecimal plannedGpuHours,
            BigDecimal billedGpuHours,
            BigDecimal plannedUsdPerGpuHour,
            BigDecimal billedUsdPerGpuHour) {}

    record Total(int month, String start, BigDecimal predictedUsd, BigDecimal billedUsd) {}

    record Summary(
            int months,
            BigDecimal predictedUsd,
            BigDecimal billedUsd,
            BigDecimal deltaUsd,
            BigDecimal deltaShare,
            BigDecimal mape,
            List<Beyond> beyondTenPercent) {}

    record Beyond(int month, String start, String option, BigDecimal deltaShare) {}

    record Line(
            String file,
            int line,
            int column,
            String pointer,
            String source,
            String start,
            String model,
            String label,
            Map<String, String> tags,
            BigDecimal usd,
            BigDecimal tokens,
            String reason) {}

    static Document document(Reconciliation r) {
        List<Month> months = new ArrayList<>();
        for (Row row : r.months()) {
            var c = row.cents();
            var in = row.inputs();
            months.add(new Month(
                    row.month(),
                    row.calendarMonth().toString(),
                    row.option(),
                    row.kind().id(),
                    row.unit().id(),
                    c.predicted(),
                    c.billed(),
                    c.delta(),
                    row.deltaShare().map(ReconcileFormat::share).orElse(null),
                    c.volume(),
                    c.mix(),
                    c.price(),
                    c.unmodelled(),
                    Figures.upTo(in.plannedQuantity(), 2),
                    Figures.perQuery(in.plannedUnitCostUsd()),
                    Figures.upTo(in.actualQuantity(), 2),
                    Figures.perQuery(in.actualUnitCostAtPlanPricesUsd()),
                    c.priced(),
                    in.measured(),
                    in.brokenDown(),
                    row.gpu()
                            .map(g -> new Gpu(
                                    Figures.upTo(g.plannedGpuHours(), 2),
                                    g.billedGpuHours()
                                            .map(h -> Figures.upTo(h, 2))
                                            .orElse(null),
                                    Figures.perQuery(g.plannedUsdPerGpuHour()),
                                    g.billedUsdPerGpuHour()
                                            .map(Figures::perQuery)
                                            .orElse(null)))
                            .orElse(null),
                    row.notes()));
        }
        var s = r.summary();
        Summary summary = new Summary(
                s.rows(),
                s.predicted(),
                s.billed(),
                s.delta(),
                s.biasShare().map(ReconcileFormat::share).orElse(null),
                s.mape().map(ReconcileFormat::share).orElse(null),
                s.beyond().stream()
                        .map(b -> new Beyond(
                                b.month(),
                                b.calendarMonth().toString(),
                                b.option(),
                                b.deltaShare().map(ReconcileFormat::share).orElse(null)))
                        .toList());
        List<Line> unmapped = r.unmapped().stream()
                .map(u -> new Line(
                        u.origin().file(),
                        u.origin().line(),
                        u.origin().column(),
                        u.origin().pointer(),
                        u.source().id(),
                        u.calendarMonth().toString(),
                        u.model(),
                        u.label(),
                        new TreeMap<>(u.tags()),
                        Figures.upTo(u.usd(), 6),
                        Figures.upTo(u.tokens(), 2),
                        u.reason()))
                .toList();
        List<Total> totals = r.totals().stream()
                .map(t -> new Total(t.month(), t.calendarMonth().toString(), t.predicted(), t.billed()))
                .toList();
        return new Document(
                SCHEMA,
                new Scenario(r.scenario().name(), r.scenario().file()),
                r.asOf().toString(),
                r.start().toString(),
                r.files(),
                new Body(
                        months,
                        totals,
                        summary,
                        unmapped,
                        Figures.cents(
                                r.unmapped().stream().mapToDouble(Unmapped::usd).sum())),
                r.warnings());
    }
}
