package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Evaluation.Pair;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.MonthlyCost;
import dev.aichoose.report.ReportContent.Align;
import dev.aichoose.report.ReportContent.Column;
import dev.aichoose.report.ReportContent.Mark;
import dev.aichoose.report.ReportContent.Span;
import dev.aichoose.report.ReportContent.Table;
import dev.aichoose.report.SvgChart.Clipped;
import dev.aichoose.report.SvgChart.Marker;
import dev.aichoose.report.SvgChart.Series;
import dev.aichoose.report.SvgChart.Style;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained page: the Markdown report's content plus inline SVG charts. It loads nothing
 * from anywhere (no external CSS, script, font or image), so it can be mailed, archived as a CI
 * artifact and opened offline; catalog sources appear as text, not as links. Laid out for a
 * 1,280 px screen and for A4/Letter in landscape or portrait: wide tables wrap their text columns
 * and scroll sideways only when the window is narrower still.
 */
final class HtmlReport implements Renderer.Text<Evaluation> {
    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem auto;max-width:78rem;\
            padding:0 1rem;color:#1b1f23;line-height:1.45}
            h1{font-size:1.6rem;margin-bottom:.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
            .headline{font-size:1.1rem}.summary{border-left:4px solid #1f77b4;padding:.2rem .8rem;color:#444}
            .wide{overflow-x:auto;max-width:100%}table{border-collapse:collapse;margin:.5rem 0;font-size:.82rem}
            th,td{border:1px solid #d0d7de;padding:.25rem .45rem;vertical-align:top}th{background:#f6f8fa;text-align:left}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
            tr.recommended td{background:#e8f4ea;font-weight:600}tr.recommended td:first-child{box-shadow:inset 4px 0 #2ca02c}
            tr.infeasible td{color:#6b7280;background:#f9fafb;font-style:italic}
            .notes{font-size:.8rem;color:#555;margin:.2rem 0 1rem}.notes p{margin:.1rem 0}
            .infeasible-list li{color:#6b7280}.warnings li{color:#9a6700}
            .chart{margin:0}.chart svg{width:100%;height:auto;display:block}.zoom{margin-top:1rem}
            .grid{stroke:#e5e7eb;stroke-width:1}.axisline{stroke:#6b7280}.tick,.axis,.note{font-size:11px;fill:#374151}
            .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.85rem}
            .legend li.infeasible{color:#6b7280}
            .swatch{display:inline-block;width:.9rem;height:.6rem;margin-right:.3rem;vertical-align:middle}
            figcaption{font-size:.8rem;color:#555}.date,#catalog td:first-child{white-space:nowrap}
            @media print{body{margin:0;max-width:none;font-size:9pt}h2{break-after:avoid}table{font-size:7.5pt}\
            .chart,table{break-inside:avoid}.wide{overflow:visible}\
            .swatch,tr.recommended td,tr.infeasible td{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
            """;

    @Override
    public void render(Evaluation e, Writer out) throws IOException {
        ReportContent c = ReportContent.of(e);
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.write("<title>" + Html.escape(c.title()) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n");
        out.write("<h1>" + Html.escape(c.title()) + "</h1>\n");
        out.write("<p class=\"headline\">");
        for (Span s : c.headline())
            out.write(s.strong() ? "<strong>" + Html.escape(s.text()) + "</strong>" : Html.escape(s.text()));
        out.write("</p>\n");
        if (!c.summary().isBlank()) out.write("<p class=\"summary\">" + Html.escape(c.summary()) + "</p>\n");
        table(out, "Options", "options", c.options(), c.optionNotes());
        charts(out, e);
        SimulationSection.html(out, e);
        if (!c.pairs().rows().isEmpty()) table(out, "Breakeven and crossover", "pairs", c.pairs(), c.pairNotes());
        if (!c.classes().rows().isEmpty()) table(out, "Classes", "classes", c.classes(), c.classNotes());
        table(out, "The five questions", "questions", c.questions(), List.of());
        list(out, "Constraints", "constraints", c.constraints());
        list(out, "Infeasible options", "infeasible-list", c.infeasible());
        list(out, "Capacity", "capacity", c.capacity(), ReportContent.CAPACITY);
        list(out, "Warnings", "warnings", c.warnings());
        table(out, "Catalog entries used", "catalog", c.catalog(), List.of());
        out.write("<footer><p>Generated by aichoose for "
                + Html.escape(e.scenario().file()) + " on " + e.asOf() + ".</p></footer>\n</body>\n</html>\n");
        out.flush();
    }

    private static void charts(Writer out, Evaluation e) throws IOException {
        List<Series> cumulative = new ArrayList<>();
        List<Series> monthly = new ArrayList<>();
        for (OptionResult o : e.options()) {
            Style style = !o.feasible()
                    ? Style.INFEASIBLE
                    : o.id().equals(e.recommendation().recommendedOption().orElse(null))
                            ? Style.RECOMMENDED
                            : Style.NORMAL;
            cumulative.add(new Series(
                    o.id(), o.monthly().stream().map(MonthlyCost::cumulativeUsd).toList(), style));
            monthly.add(new Series(
                    o.id(), o.monthly().stream().map(MonthlyCost::costUsd).toList(), style));
        }
        // one marker per option, against the baseline the options table uses; the others are in the table below
        List<Marker> markers = new ArrayList<>();
        var pairs = e.baselinePairs();
        for (int i = 0; i < e.options().size(); i++) {
            OptionResult o = e.options().get(i);
            Pair p = pairs.get(o.id());
            if (p == null || p.breakevenMonth() == null) continue;
            markers.add(new Marker(
                    i,
                    p.breakevenMonth(),
                    Figures.month(p.breakevenMonth()),
                    p.option() + " breaks even against " + p.baseline() + " in " + Figures.month(p.breakevenMonth())));
        }
        String baseline = e.ranking()
                .baseline()
                .map(b -> ", breakeven against " + b + " marked")
                .orElse("");
        SvgChart.Chart cum =
                SvgChart.lines("Cumulative cost by month, every option" + baseline, cumulative, markers, false);
        out.write("<h2>Cumulative cost by month</h2>\n<figure class=\"chart\" id=\"chart-cumulative\">\n");
        out.write(cum.svg());
        zoomPanel(out, "cumulative", "Cumulative cost by month", cumulative, markers);
        out.write(SvgChart.legend(cumulative));
        out.write("<figcaption>Cash paid to date; a circle marks the month an option breaks even"
                + e.ranking()
                        .baseline()
                        .map(b -> " against " + Html.escape(b) + ", the cheapest feasible API")
                        .orElse("")
                + ". Dashed lines are infeasible options: not comparable.</figcaption>\n</figure>\n");
        SvgChart.Chart mon =
                SvgChart.lines("Monthly cost by option (month 1 includes upfront purchases)", monthly, List.of(), true);
        out.write("<h2>Monthly cost by option</h2>\n<figure class=\"chart\" id=\"chart-monthly\">\n");
        out.write(mon.svg());
        zoomPanel(out, "monthly", "Monthly cost by option", monthly, List.of());
        out.write(SvgChart.legend(monthly));
        out.write("<figcaption>Cash paid each month; month 1 includes upfront purchases.");
        if (!mon.clipped().isEmpty()) {
            out.write(" Off the scale (▲ on the top edge): ");
            List<String> items = new ArrayList<>();
            for (Clipped x : mon.clipped()) {
                items.add(Html.escape(monthly.get(x.series()).label()) + " " + Figures.usd(x.value()) + " in month "
                        + x.month());
            }
            out.write(String.join("; ", items) + ".");
        }
        out.write("</figcaption>\n</figure>\n");
    }

    /**
     * When one line dwarfs the recommended option's, the same chart again with its axis stopping
     * just above the recommended line; the lines that go higher leave the top of this panel.
     */
    private static void zoomPanel(Writer out, String id, String title, List<Series> series, List<Marker> markers)
            throws IOException {
        var recommendedTop = SvgChart.dwarfed(series);
        if (recommendedTop.isEmpty()) return;
        String recommended = series.stream()
                .filter(s -> s.style() == Style.RECOMMENDED)
                .map(Series::label)
                .findFirst()
                .orElse("");
        String zoomTitle = title + ", zoomed to " + recommended + " (lines above leave the top)";
        out.write("<p class=\"notes zoom\">Zoomed to the recommended option, " + Html.escape(recommended)
                + ", up to " + Html.escape(Figures.usdWhole(recommendedTop.getAsDouble()))
                + ": the lines that go higher leave the top of this panel.</p>\n");
        out.write(SvgChart.zoomed(zoomTitle, series, markers, recommendedTop.getAsDouble(), "zoom-" + id)
                .svg());
    }

    static void table(Writer out, String heading, String id, Table t, List<String> notes) throws IOException {
        out.write("<h2>" + Html.escape(heading) + "</h2>\n<div class=\"wide\"><table id=\"" + id + "\">\n<thead><tr>");
        for (Column col : t.columns()) out.write("<th" + cls(col) + ">" + Html.escape(col.title()) + "</th>");
        out.write("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = t.rows().get(r);
            Mark mark = t.marks().get(r);
            out.write(mark == Mark.NONE ? "<tr>" : "<tr class=\"" + mark.name().toLowerCase(Locale.ROOT) + "\">");
            for (int i = 0; i < row.size(); i++)
                out.write("<td" + cls(t.columns().get(i)) + ">" + Html.escapeKeepingDates(row.get(i)) + "</td>");
            out.write("</tr>\n");
        }
        out.write("</tbody>\n</table></div>\n");
        if (!notes.isEmpty()) {
            out.write("<div class=\"notes\">");
            for (String n : notes) out.write("<p>" + Html.escape(n) + "</p>");
            out.write("</div>\n");
        }
    }

    private static String cls(Column col) {
        return col.align() == Align.RIGHT ? " class=\"num\"" : "";
    }

    static void list(Writer out, String heading, String cssClass, List<String> items) throws IOException {
        list(out, heading, cssClass, items, null);
    }

    /** A list under its heading, with a sentence before it when {@code lead} is not null. */
    static void list(Writer out, String heading, String cssClass, List<String> items, String lead) throws IOException {
        if (items.isEmpty()) return;
        out.write("<h2>" + Html.escape(heading) + "</h2>\n");
        if (lead != null) out.write("<div class=\"notes\"><p>" + Html.escape(lead) + "</p></div>\n");
        out.write("<ul class=\"" + cssClass + "\">\n");
        for (String item : items) out.write("<li>" + Html.escapeKeepingDates(item) + "</li>\n");
        out.write("</ul>\n");
    }
}
