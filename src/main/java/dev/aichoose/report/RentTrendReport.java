package dev.aichoose.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aichoose.catalog.RentTrends;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code catalog trend} output: a table for people, JSON for machines, HTML with a chart of the medians. */
public enum RentTrendReport {
    TABLE,
    JSON,
    HTML;

    public static final String SCHEMA = "aichoose.rent-trend/v1";

    public void render(RentTrends.Trend trend, Writer out) throws IOException {
        switch (this) {
            case TABLE -> table(trend, out);
            case JSON -> json(trend, out);
            case HTML -> html(trend, out);
        }
        out.flush();
    }

    private static void table(RentTrends.Trend t, Writer out) throws IOException {
        out.write("Rent trend over " + t.snapshots().size() + " snapshots, " + dates(t) + "\n");
        out.write("Median $/GPU-hour per date over instance types (each at its cheapest region); annual change from a "
                + "least-squares line through ln(price), " + Math.round(RentTrends.CONFIDENCE * 100)
                + "% interval\n\n");
        int w = Math.max(
                3, t.series().stream().mapToInt(s -> s.gpu().length()).max().orElse(3));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s %-9s", "gpu", "tier"));
        for (RentTrends.Snapshot s : t.snapshots()) head.append(String.format(Locale.ROOT, " %10s", s.date()));
        head.append(String.format(Locale.ROOT, " %9s %9s %9s%n", "change/yr", "low", "high"));
        out.write(head.toString());
        for (RentTrends.Series s : t.series()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s %-9s", s.gpu(), s.tier()));
            for (RentTrends.Snapshot snap : t.snapshots()) {
                var p = s.points().stream()
                        .filter(x -> x.date().equals(snap.date()))
                        .findFirst();
                row.append(String.format(
                        Locale.ROOT,
                        " %10s",
                        p.map(x -> String.format(Locale.ROOT, "%.4f", x.medianUsdPerGpuHour()))
                                .orElse("-")));
            }
            row.append(
                    String.format(Locale.ROOT, " %9s %9s %9s%n", pct(s.annualChange()), pct(s.low()), pct(s.high())));
            out.write(row.toString());
        }
        if (t.series().stream().anyMatch(RentTrends.Series::clamped)) {
            out.write(
                    "\nA change beyond -99.9% or +100% a year is cut to that bound (that of gpu_rent_change_annual).\n");
        }
    }

    private static String dates(RentTrends.Trend t) {
        return t.snapshots().isEmpty()
                ? "none"
                : t.snapshots().getFirst().date() + " to "
                        + t.snapshots().getLast().date();
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", v * 100);
    }

    private static void json(RentTrends.Trend t, Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeNumberField("confidence", RentTrends.CONFIDENCE);
            g.writeArrayFieldStart("snapshots");
            for (RentTrends.Snapshot s : t.snapshots()) {
                g.writeStartObject();
                g.writeStringField("label", s.label());
                g.writeStringField("date", s.date().toString());
                g.writeNumberField("offers", s.offers().size());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("series");
            for (RentTrends.Series s : t.series()) {
                g.writeStartObject();
                g.writeStringField("gpu", s.gpu());
                g.writeStringField("tier", s.tier());
                g.writeArrayFieldStart("points");
                for (RentTrends.Point p : s.points()) {
                    g.writeStartObject();
                    g.writeStringField("date", p.date().toString());
                    number(g, "median_usd_per_gpu_hour", p.medianUsdPerGpuHour());
                    g.writeNumberField("offers", p.offers());
                    g.writeEndObject();
                }
                g.writeEndArray();
                number(g, "annual_change", s.annualChange());
                number(g, "low", s.low());
                number(g, "high", s.high());
                number(g, "slope_per_year", s.slopePerYear());
                number(g, "slope_std_err", s.slopeStdErr());
                g.writeBooleanField("clamped", s.clamped());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write("\n");
    }

    private static void number(JsonGenerator g, String key, Double v) throws IOException {
        if (v == null) g.writeNullField(key);
        else g.writeNumberField(key, new BigDecimal(dev.aichoose.load.Sanity.show(v)));
    }

    private static void html(RentTrends.Trend t, Writer out) throws IOException {
        out.write(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rent trend</title>\n"
                        + "<style>body{font-family:system-ui,sans-serif;max-width:820px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}"
                        + "td:first-child,th:first-child,td:nth-child(2),th:nth-child(2){text-align:left}</style></head><body>\n");
        out.write("<h1>Rent trend</h1>\n<p>" + t.snapshots().size() + " snapshots, " + Html.escape(dates(t))
                + ". Median $/GPU-hour per date over instance types (each at its cheapest region); the annual change "
                + "is a least-squares line through ln(price), with a " + Math.round(RentTrends.CONFIDENCE * 100)
                + "% interval.</p>\n");
        // the chart draws the on-demand series that have a median at every date; the table lists all
        List<SvgChart.Series> lines = new ArrayList<>();
        for (RentTrends.Series s : t.series()) {
            if (!s.tier().equals("on_demand")
                    || s.points().size() != t.snapshots().size()) continue;
            lines.add(new SvgChart.Series(
                    s.gpu(),
                    s.points().stream()
                            .map(RentTrends.Point::medianUsdPerGpuHour)
                            .toList(),
                    SvgChart.Style.NORMAL));
        }
        if (!lines.isEmpty() && t.snapshots().size() > 1) {
            out.write("<h2>On-demand median $/GPU-hour by snapshot (1 = "
                    + t.snapshots().getFirst().date() + ")</h2>\n");
            out.write(SvgChart.lines("Median $/GPU-hour by snapshot", lines, List.of(), false)
                    .svg());
            out.write(SvgChart.legend(lines));
        }
        out.write("<table>\n<tr><th>GPU</th><th>tier</th>");
        for (RentTrends.Snapshot s : t.snapshots()) out.write("<th>" + s.date() + "</th>");
        out.write("<th>change/yr</th><th>low</th><th>high</th></tr>\n");
        for (RentTrends.Series s : t.series()) {
            out.write("<tr><td>" + Html.escape(s.gpu()) + "</td><td>" + s.tier() + "</td>");
            for (RentTrends.Snapshot snap : t.snapshots()) {
                String v = s.points().stream()
                        .filter(x -> x.date().equals(snap.date()))
                        .findFirst()
                        .map(x -> String.format(Locale.ROOT, "%.4f", x.medianUsdPerGpuHour()))
                        .orElse("-");
                out.write("<td>" + v + "</td>");
            }
            out.write("<td>" + pct(s.annualChange()) + "</td><td>" + pct(s.low()) + "</td><td>" + pct(s.high())
                    + "</td></tr>\n");
        }
        out.write("</table>\n<h2>Snapshots</h2>\n<ul>\n");
        for (RentTrends.Snapshot s : t.snapshots()) {
            out.write("<li>" + s.date() + ": " + Html.escape(s.label()) + " ("
                    + s.offers().size() + " offers)</li>\n");
        }
        out.write("</ul>\n</body></html>\n");
    }
}
