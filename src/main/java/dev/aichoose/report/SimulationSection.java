package dev.aichoose.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Simulation;
import dev.aichoose.model.Simulation.Direction;
import dev.aichoose.model.Simulation.FlipPoint;
import dev.aichoose.model.Simulation.OptionSpread;
import dev.aichoose.model.Simulation.TornadoBar;
import dev.aichoose.text.Figures;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * "How sure is this?": every format's rendering of {@code evaluate --simulate}, kept here so that
 * each renderer hooks it in with one line. One place words it ({@link #sentences}); the formats
 * add their markup.
 */
final class SimulationSection {
    static final String HEADING = "How sure is this?";
    static final String SHEET = "Simulation";

    private SimulationSection() {}

    // ---- wording, shared by the table, Markdown and HTML

    static String intro(Simulation s) {
        return Figures.wholeCount(s.draws()) + " draws from the scenario's ranges (seed " + s.seed()
                + "), every option priced on the same draws, the recommendation rules run on each.";
    }

    /** The figures a decision-maker reads first, as sentences. */
    static List<String> sentences(Simulation s) {
        List<String> out = new ArrayList<>();
        if (s.recommended().isPresent()) {
            String id = s.recommended().get();
            OptionSpread r = spread(s, id);
            out.add(id + " is the cheapest feasible option in " + Figures.share(r.pCheapest())
                    + " of the draws and stays "
                    + "the recommendation in "
                    + Figures.share(s.recommendationHoldsShare().orElse(0.0))
                    + "; its expected regret (what it costs over each draw's cheapest feasible option, on average) is "
                    + s.expectedRegretUsd().map(Figures::usdWhole).orElse("n/a") + ".");
        } else {
            out.add("Nothing is feasible at the base values, so there is no recommendation to test.");
        }
        out.add("Nothing is feasible in " + Figures.share(s.pNoneFeasible()) + " of the draws.");
        for (FlipPoint f : s.flipPoints()) out.add(flip(f));
        return out;
    }

    static String flip(FlipPoint f) {
        String from = f.from().orElse("nothing feasible");
        if (f.flip().isEmpty()) {
            return f.input() + ": the recommendation stays " + from + " across the whole range.";
        }
        Simulation.Flip x = f.flip().get();
        String to =
                x.to().map(t -> "flips from " + from + " to " + t).orElse("leaves " + from + " with nothing feasible");
        return "The recommendation " + to + (x.direction() == Direction.BELOW ? " below " : " above ")
                + value(x.value()) + " (" + f.input() + ").";
    }

    /** Four significant figures, grouped: 61,430 queries, -0.5123 a year. */
    static String value(double v) {
        if (v == 0 || !Double.isFinite(v)) return Figures.count(v);
        BigDecimal b = new BigDecimal(v).round(new MathContext(4));
        return Math.abs(v) >= 1000
                ? Figures.wholeCount(b.doubleValue())
                : b.stripTrailingZeros().toPlainString();
    }

    static OptionSpread spread(Simulation s, String id) {
        return s.options().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    static ReportContent.Table options(Simulation s) {
        var right = ReportContent.Align.RIGHT;
        List<ReportContent.Column> columns = List.of(
                new ReportContent.Column("Option", ReportContent.Align.LEFT),
                new ReportContent.Column("Mean TCO", right),
                new ReportContent.Column("P5", right),
                new ReportContent.Column("P50", right),
                new ReportContent.Column("P95", right),
                new ReportContent.Column("P(cheapest)", right),
                new ReportContent.Column("P(feasible)", right));
        List<List<String>> rows = new ArrayList<>();
        for (OptionSpread o : s.options()) {
            rows.add(List.of(
                    o.id(),
                    Figures.usdWhole(o.meanUsd()),
                    Figures.usdWhole(o.p5Usd()),
                    Figures.usdWhole(o.p50Usd()),
                    Figures.usdWhole(o.p95Usd()),
                    Figures.share(o.pCheapest()),
                    Figures.share(o.pFeasible())));
        }
        return ReportContent.Table.unmarked(columns, rows);
    }

    /**
     * One tornado to draw: the recommendation against {@code versus}. The rivals when there are any
     * (the best feasible option of each other kind, or the one --versus names), else the runner-up.
     */
    record Gap(String versus, String who, double baseGapUsd, List<TornadoBar> bars, List<Simulation.GapFlip> flips) {}

    static List<Gap> gaps(Simulation s) {
        if (!s.rivals().isEmpty()) {
            return s.rivals().stream()
                    .map(r -> new Gap(r.option(), who(r), r.baseGapUsd(), r.tornado(), r.flips()))
                    .toList();
        }
        if (s.runnerUp().isEmpty() || s.tornado().isEmpty()) return List.of();
        return List.of(
                new Gap(s.runnerUp().get(), "the runner-up", s.baseGapUsd().orElse(0.0), s.tornado(), List.of()));
    }

    private static String who(Simulation.Rival r) {
        return switch (r.kind()) {
            case SELF_HOSTED -> "the best feasible owned option";
            case RENTED -> "the best feasible rented option";
            case API -> "the best feasible API";
            case HYBRID -> "the option asked about";
        };
    }

    static String tornadoTitle(Simulation s, Gap g) {
        return "Tornado against " + g.versus() + ", " + g.who() + ": the gap (" + g.versus() + "'s TCO less "
                + s.recommended().orElse("?") + "'s; " + Figures.usdWhole(g.baseGapUsd())
                + " at base), each input at its low and high value with the others at base";
    }

    static ReportContent.Table tornado(Gap g) {
        var right = ReportContent.Align.RIGHT;
        List<ReportContent.Column> columns = List.of(
                new ReportContent.Column("Input", ReportContent.Align.LEFT),
                new ReportContent.Column("Low", right),
                new ReportContent.Column("Base", right),
                new ReportContent.Column("High", right),
                new ReportContent.Column("Gap at low", right),
                new ReportContent.Column("Gap at high", right),
                new ReportContent.Column("Swing", right));
        List<List<String>> rows = new ArrayList<>();
        for (TornadoBar t : g.bars()) {
            rows.add(List.of(
                    t.input(),
                    value(t.low()),
                    value(t.base()),
                    value(t.high()),
                    Figures.usdWhole(t.gapLowUsd()),
                    Figures.usdWhole(t.gapHighUsd()),
                    Figures.usdWhole(t.swingUsd())));
        }
        return ReportContent.Table.unmarked(columns, rows);
    }

    /** Where each input would make the rival the cheaper (or no longer the cheaper) of the two. */
    static List<String> gapSentences(Simulation s, Gap g) {
        String rec = s.recommended().orElse("?");
        boolean dearer = g.baseGapUsd() >= 0;
        List<String> out = new ArrayList<>();
        List<String> steady = new ArrayList<>();
        for (Simulation.GapFlip f : g.flips()) {
            if (f.value().isEmpty()) {
                steady.add(f.input());
            } else {
                out.add(g.versus() + " would cost " + (dearer ? "less" : "more") + " than " + rec
                        + (f.direction().orElseThrow() == Direction.BELOW ? " below " : " above ")
                        + value(f.value().get()) + " (" + f.input() + ").");
            }
        }
        if (!steady.isEmpty()) {
            out.add(g.versus() + " stays " + (dearer ? "dearer" : "cheaper") + " than " + rec + " across the whole "
                    + (steady.size() == 1 ? "range of " : "ranges of ") + String.join(", ", steady) + ".");
        }
        return out;
    }

    // ---- the terminal table

    /** The sections print line by line; the renderers hand over a Writer, flushed when the section ends. */
    private static void printing(java.io.Writer writer, java.util.function.Consumer<PrintWriter> section) {
        PrintWriter out = writer instanceof PrintWriter p ? p : new PrintWriter(writer);
        try {
            section.accept(out);
        } finally {
            out.flush();
        }
    }

    static void table(java.io.Writer writer, Evaluation e) {
        printing(writer, out -> table0(out, e));
    }

    private static void table0(PrintWriter out, Evaluation e) {
        if (e.simulation().isEmpty()) return;
        Simulation s = e.simulation().get();
        out.println();
        out.println(HEADING);
        TableReport.wrap(out, "  " + intro(s), "  ");
        String row = "  %-20s%11s%11s%11s%11s%12s%12s";
        out.println(String.format(
                Locale.ROOT, row, "option", "mean TCO", "P5", "P50", "P95", "P(cheapest)", "P(feasible)"));
        for (OptionSpread o : s.options()) {
            out.println(String.format(
                    Locale.ROOT,
                    row,
                    clip(o.id(), 19),
                    Figures.usdCompact(o.meanUsd()),
                    Figures.usdCompact(o.p5Usd()),
                    Figures.usdCompact(o.p50Usd()),
                    Figures.usdCompact(o.p95Usd()),
                    Figures.share(o.pCheapest()),
                    Figures.share(o.pFeasible())));
        }
        for (String line : sentences(s)) TableReport.wrap(out, "  - " + line, "    ");
        for (Gap g : gaps(s)) {
            TableReport.wrap(out, "  " + tornadoTitle(s, g) + ":", "  ");
            for (TornadoBar t : g.bars()) {
                TableReport.wrap(
                        out,
                        String.format(
                                Locale.ROOT,
                                "    %-40s %s to %s: gap %s to %s",
                                clip(t.input(), 40),
                                value(t.low()),
                                value(t.high()),
                                Figures.usdCompact(t.gapLowUsd()),
                                Figures.usdCompact(t.gapHighUsd())),
                        "      ");
            }
            for (String line : gapSentences(s, g)) TableReport.wrap(out, "    - " + line, "      ");
        }
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    // ---- Markdown

    static void markdown(java.io.Writer writer, Evaluation e) {
        printing(writer, out -> markdown0(out, e));
    }

    private static void markdown0(PrintWriter out, Evaluation e) {
        if (e.simulation().isEmpty()) return;
        Simulation s = e.simulation().get();
        out.print("### " + HEADING + "\n\n" + MarkdownReport.escape(intro(s)) + "\n\n");
        out.print(Tables.markdown(options(s)) + "\n");
        for (String line : sentences(s)) out.print("- " + MarkdownReport.escape(line) + "\n");
        out.print("\n");
        for (Gap g : gaps(s)) {
            out.print(MarkdownReport.escape(tornadoTitle(s, g)) + ":\n\n" + Tables.markdown(tornado(g)) + "\n");
            for (String line : gapSentences(s, g)) out.print("- " + MarkdownReport.escape(line) + "\n");
            if (!g.flips().isEmpty()) out.print("\n");
        }
    }

    // ---- HTML: the tables, a tornado chart and each option's TCO distribution as inline SVG

    static void html(java.io.Writer writer, Evaluation e) {
        printing(writer, out -> html0(out, e));
    }

    private static void html0(PrintWriter out, Evaluation e) {
        if (e.simulation().isEmpty()) return;
        Simulation s = e.simulation().get();
        out.print("<h2 id=\"how-sure\">" + Html.escape(HEADING) + "</h2>\n<p>" + Html.escape(intro(s)) + "</p>\n");
        htmlTable(out, options(s));
        out.print("<ul class=\"simulation\">\n");
        for (String line : sentences(s)) out.print("<li>" + Html.escape(line) + "</li>\n");
        out.print("</ul>\n");
        out.print("<h2>TCO distribution by option</h2>\n<figure class=\"chart\" id=\"chart-tco-distribution\">\n");
        out.print(SvgSimulation.distribution("Share of draws by TCO, every option (" + s.draws() + " draws)", s));
        out.print(SvgChart.legend(s.options().stream()
                        .map(o -> new SvgChart.Series(o.id(), List.of(), SvgChart.Style.NORMAL))
                        .toList())
                + "</figure>\n");
        List<Gap> gaps = gaps(s);
        for (int i = 0; i < gaps.size(); i++) {
            Gap g = gaps.get(i);
            String title = tornadoTitle(s, g);
            out.print("<h2>Tornado against " + Html.escape(g.versus()) + "</h2>\n<p>" + Html.escape(title) + ".</p>\n");
            out.print("<figure class=\"chart\" id=\"chart-tornado" + (i == 0 ? "" : "-" + (i + 1)) + "\">\n"
                    + SvgSimulation.tornado(title, g.versus(), s.recommended().orElse("?"), g.baseGapUsd(), g.bars())
                    + "</figure>\n");
            htmlTable(out, tornado(g));
            List<String> lines = gapSentences(s, g);
            if (!lines.isEmpty()) {
                out.print("<ul class=\"simulation\">\n");
                for (String line : lines) out.print("<li>" + Html.escape(line) + "</li>\n");
                out.print("</ul>\n");
            }
        }
    }

    private static void htmlTable(PrintWriter out, ReportContent.Table t) {
        out.print("<div class=\"wide\"><table>\n<thead><tr>");
        for (ReportContent.Column c : t.columns()) out.print("<th" + cls(c) + ">" + Html.escape(c.title()) + "</th>");
        out.print("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            out.print("<tr>");
            for (int i = 0; i < row.size(); i++)
                out.print("<td" + cls(t.columns().get(i)) + ">" + Html.escape(row.get(i)) + "</td>");
            out.print("</tr>\n");
        }
        out.print("</tbody>\n</table></div>\n");
    }

    private static String cls(ReportContent.Column c) {
        return c.align() == ReportContent.Align.RIGHT ? " class=\"num\"" : "";
    }

    // ---- JSON (additive: present only with --simulate)

    record Out(
            int draws,
            long seed,
            List<OptionOut> options,
            BigDecimal pNoneFeasible,
            String recommendedOption,
            BigDecimal recommendationHoldsShare,
            BigDecimal expectedRegretUsd,
            String runnerUp,
            BigDecimal baseGapUsd,
            List<TornadoOut> tornado,
            List<FlipOut> flipPoints,
            HistogramOut histogram,
            List<RivalOut> rivals) {}

    /** The recommendation against the best feasible option of another kind (or the --versus option). */
    record RivalOut(
            String option, String kind, BigDecimal baseGapUsd, List<TornadoOut> tornado, List<GapFlipOut> flipPoints) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record GapFlipOut(String input, BigDecimal value, String direction) {}

    record OptionOut(
            String id, TcoOut tcoUsd, BigDecimal pCheapest, BigDecimal pFeasible, List<Integer> tcoHistogram) {}

    record TcoOut(BigDecimal mean, BigDecimal p5, BigDecimal p50, BigDecimal p95) {}

    record TornadoOut(
            String input,
            BigDecimal base,
            BigDecimal low,
            BigDecimal high,
            BigDecimal gapLowUsd,
            BigDecimal gapHighUsd) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FlipOut(String input, BigDecimal value, String fromOption, String toOption, String direction) {}

    record HistogramOut(BigDecimal lowUsd, BigDecimal binUsd, int bins) {}

    static Out json(Simulation s) {
        return new Out(
                s.draws(),
                s.seed(),
                s.options().stream()
                        .map(o -> new OptionOut(
                                o.id(),
                                new TcoOut(
                                        Figures.cents(o.meanUsd()),
                                        Figures.cents(o.p5Usd()),
                                        Figures.cents(o.p50Usd()),
                                        Figures.cents(o.p95Usd())),
                                share(o.pCheapest()),
                                share(o.pFeasible()),
                                o.histogram()))
                        .toList(),
                share(s.pNoneFeasible()),
                s.recommended().orElse(null),
                s.recommendationHoldsShare().map(SimulationSection::share).orElse(null),
                s.expectedRegretUsd().map(Figures::cents).orElse(null),
                s.runnerUp().orElse(null),
                s.baseGapUsd().map(Figures::cents).orElse(null),
                bars(s.tornado()),
                s.flipPoints().stream()
                        .map(f -> new FlipOut(
                                f.input(),
                                f.flip().map(x -> input(x.value())).orElse(null),
                                f.from().orElse(null),
                                f.flip().flatMap(Simulation.Flip::to).orElse(null),
                                f.flip().map(x -> x.direction().id()).orElse(null)))
                        .toList(),
                new HistogramOut(
                        Figures.cents(s.histogramLowUsd()),
                        Figures.cents(s.histogramBinUsd()),
                        s.options().isEmpty()
                                ? 0
                                : s.options().getFirst().histogram().size()),
                s.rivals().stream()
                        .map(r -> new RivalOut(
                                r.option(),
                                r.kind().id(),
                                Figures.cents(r.baseGapUsd()),
                                bars(r.tornado()),
                                r.flips().stream()
                                        .map(f -> new GapFlipOut(
                                                f.input(),
                                                f.value()
                                                        .map(SimulationSection::input)
                                                        .orElse(null),
                                                f.direction().map(Direction::id).orElse(null)))
                                        .toList()))
                        .toList());
    }

    private static List<TornadoOut> bars(List<TornadoBar> bars) {
        return bars.stream()
                .map(t -> new TornadoOut(
                        t.input(),
                        input(t.base()),
                        input(t.low()),
                        input(t.high()),
                        Figures.cents(t.gapLowUsd()),
                        Figures.cents(t.gapHighUsd())))
                .toList();
    }

    /** A probability or share of draws, as a plain decimal. */
    private static BigDecimal share(double p) {
        return Figures.upTo(p, 6);
    }

    /** An input's value as a plain decimal, precise enough for a flip point or a range end. */
    private static BigDecimal input(double v) {
        return Figures.upTo(v, 8);
    }

    // ---- the workbook: a sheet with the summary, the tornado and the flip points (values, not formulas:
    // a simulation is not a spreadsheet calculation)

    static void xlsx(Workbook wb, Simulation s, CellStyle header) {
        Sheet sheet = wb.createSheet(SHEET);
        int r = 0;
        r = line(sheet, r, HEADING + " " + intro(s));
        r = headers(sheet, r, header, "Option", "Mean TCO", "P5", "P50", "P95", "P(cheapest)", "P(feasible)");
        for (OptionSpread o : s.options()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(o.id());
            double[] v = {o.meanUsd(), o.p5Usd(), o.p50Usd(), o.p95Usd(), o.pCheapest(), o.pFeasible()};
            for (int i = 0; i < v.length; i++) row.createCell(i + 1).setCellValue(v[i]);
        }
        r++;
        r = pair(sheet, r, "P(nothing feasible)", Optional.of(s.pNoneFeasible()));
        r = text(sheet, r, "Recommended option", s.recommended().orElse("none"));
        r = pair(sheet, r, "Recommendation holds (share of draws)", s.recommendationHoldsShare());
        r = pair(sheet, r, "Expected regret (USD)", s.expectedRegretUsd());
        r = text(sheet, r, "Runner-up", s.runnerUp().orElse("none"));
        r = pair(sheet, r, "Gap at base (USD, runner-up less recommended)", s.baseGapUsd());
        r++;
        r = headers(sheet, r, header, "Tornado input", "Low", "Base", "High", "Gap at low (USD)", "Gap at high (USD)");
        for (TornadoBar t : s.tornado()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(t.input());
            double[] v = {t.low(), t.base(), t.high(), t.gapLowUsd(), t.gapHighUsd()};
            for (int i = 0; i < v.length; i++) row.createCell(i + 1).setCellValue(v[i]);
        }
        for (Simulation.Rival rival : s.rivals()) {
            r++;
            r = text(
                    sheet,
                    r,
                    "Against " + rival.option(),
                    "the best feasible " + rival.kind().id() + " option");
            r = pair(
                    sheet,
                    r,
                    "Gap at base (USD, " + rival.option() + " less recommended)",
                    Optional.of(rival.baseGapUsd()));
            r = headers(
                    sheet, r, header, "Tornado input", "Low", "Base", "High", "Gap at low (USD)", "Gap at high (USD)");
            for (TornadoBar t : rival.tornado()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(t.input());
                double[] v = {t.low(), t.base(), t.high(), t.gapLowUsd(), t.gapHighUsd()};
                for (int i = 0; i < v.length; i++) row.createCell(i + 1).setCellValue(v[i]);
            }
            r = headers(sheet, r, header, "Gap flips sign at", "Value", "Direction");
            for (Simulation.GapFlip f : rival.flips()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(f.input());
                Cell value = row.createCell(1);
                if (f.value().isPresent()) value.setCellValue(f.value().get());
                else value.setCellValue("none within the range");
                row.createCell(2).setCellValue(f.direction().map(Direction::id).orElse(""));
            }
        }
        r++;
        r = headers(sheet, r, header, "Flip point input", "Value", "From", "To", "Direction", "Reads");
        for (FlipPoint f : s.flipPoints()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(f.input());
            Cell value = row.createCell(1);
            if (f.flip().isPresent()) value.setCellValue(f.flip().get().value());
            else value.setCellValue("none within the range");
            row.createCell(2).setCellValue(f.from().orElse("nothing feasible"));
            row.createCell(3)
                    .setCellValue(
                            f.flip().map(x -> x.to().orElse("nothing feasible")).orElse(""));
            row.createCell(4).setCellValue(f.flip().map(x -> x.direction().id()).orElse(""));
            row.createCell(5).setCellValue(flip(f));
        }
        sheet.setColumnWidth(0, 44 * 256);
        for (int c = 1; c <= 6; c++) sheet.setColumnWidth(c, 16 * 256);
    }

    private static int line(Sheet sheet, int r, String text) {
        sheet.createRow(r).createCell(0).setCellValue(text);
        return r + 2;
    }

    private static int headers(Sheet sheet, int r, CellStyle style, String... titles) {
        Row row = sheet.createRow(r);
        for (int i = 0; i < titles.length; i++) {
            Cell c = row.createCell(i);
            c.setCellValue(titles[i]);
            c.setCellStyle(style);
        }
        return r + 1;
    }

    private static int pair(Sheet sheet, int r, String label, Optional<Double> value) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(label);
        if (value.isPresent()) row.createCell(1).setCellValue(value.get());
        else row.createCell(1).setCellValue("n/a");
        return r + 1;
    }

    private static int text(Sheet sheet, int r, String label, String value) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(label);
        row.createCell(1).setCellValue(value);
        return r + 1;
    }
}
