package dev.aichoose.report;

import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart over months as inline SVG: no script, no external font, so the page that holds it
 * stays one self-contained file. Scales and ticks are layout, not figures; every plotted value
 * comes from the evaluation. When a few months dwarf the rest (a purchase in month 1), the axis
 * stops above the ordinary months and those points sit on its top edge, each listed under the
 * chart with its figure, so the lines a reader compares are not flattened.
 */
final class SvgChart {
    private SvgChart() {}

    /** How a line is drawn: the recommended option stands out, an infeasible one is dashed and faint. */
    enum Style {
        NORMAL,
        RECOMMENDED,
        INFEASIBLE
    }

    /** One line: a label and its value in months 1..n. */
    record Series(String label, List<Double> values, Style style) {}

    /** A point to call out on a series, such as a breakeven month; {@code tip} is the hover text. */
    record Marker(int series, int month, String label, String tip) {}

    /** A point drawn on the top edge because it is off the scale: its series, month and value. */
    record Clipped(int series, int month, double value) {}

    /** The SVG and the points it could not show to scale. */
    record Chart(String svg, List<Clipped> clipped) {}

    static final List<String> PALETTE =
            List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf");

    /** The page's content width at 1,280 px, so that a chart's 11 px text is drawn at about 11 px. */
    static final int WIDTH = 1200;

    static final int HEIGHT = 340;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 20;
    private static final int BOTTOM = 44;
    /** Width of one character of the 11 px label font, generously: a label must never run past the edge. */
    static final double CHAR_PX = 6.6;

    /** A month whose value is more than this many times the ordinary months' top goes off the scale. */
    static final double OUTLIER_FACTOR = 3;

    static Chart lines(String title, List<Series> series, List<Marker> markers, boolean capOutliers) {
        return lines(title, series, markers, capOutliers, null, Double.NaN, "");
    }

    static Chart lines(
            String title, List<Series> series, List<Marker> markers, boolean capOutliers, List<String> xLabels) {
        return lines(title, series, markers, capOutliers, xLabels, Double.NaN, "");
    }

    /**
     * The value the recommended line reaches when the chart's scale makes it hard to read (the
     * largest value is {@link #DWARF_FACTOR} times its top or more); empty when it reads well or
     * nothing is recommended. A second panel zoomed to that value keeps it readable.
     */
    static java.util.OptionalDouble dwarfed(List<Series> series) {
        double recommendedTop = series.stream()
                .filter(s -> s.style() == Style.RECOMMENDED)
                .flatMap(s -> s.values().stream())
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(Double.NaN);
        double top = series.stream()
                .flatMap(s -> s.values().stream())
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        return recommendedTop > 0 && top >= DWARF_FACTOR * recommendedTop
                ? java.util.OptionalDouble.of(recommendedTop)
                : java.util.OptionalDouble.empty();
    }

    /** The largest line is this many times the recommended one's top or more: the latter is drawn again, zoomed. */
    static final double DWARF_FACTOR = 5;

    /**
     * A chart whose axis stops at {@code zoomTo} (with room above): lines that go higher leave the
     * top, cut at the plot's edge, rather than flatten the others. {@code id} names the clipping
     * area, unique in the page; NaN draws every value to scale.
     */
    static Chart zoomed(String title, List<Series> series, List<Marker> markers, double zoomTo, String id) {
        return lines(title, series, markers, false, null, zoomTo, id);
    }

    /**
     * The same chart over points labelled {@code xLabels} (one a point, e.g. calendar months) rather
     * than months 1, 2, 3, …; null labels them by month number.
     */
    private static Chart lines(
            String title,
            List<Series> series,
            List<Marker> markers,
            boolean capOutliers,
            List<String> xLabels,
            double zoomTo,
            String id) {
        boolean zoomed = !Double.isNaN(zoomTo);
        int months = series.stream().mapToInt(s -> s.values().size()).max().orElse(1);
        double[] all = series.stream()
                .flatMap(s -> s.values().stream())
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        double max = zoomed ? 1.2 * zoomTo : all.length == 0 ? 1 : all[all.length - 1];
        double min = Math.min(0, all.length == 0 ? 0 : all[0]);
        double cap = Double.POSITIVE_INFINITY;
        if (capOutliers && !zoomed && all.length > 0) {
            double ordinary = all[(int) Math.floor(0.9 * (all.length - 1))];
            if (ordinary > 0 && max > OUTLIER_FACTOR * ordinary) {
                // room for the ordinary months and their growth; anything above sits on the top edge
                double below =
                        Arrays.stream(all).filter(v -> v <= 2 * ordinary).max().orElse(ordinary);
                cap = Math.max(below * 1.1, 1.5 * ordinary);
                max = cap;
            }
        }
        double step = niceStep((max - min) / 5);
        double top = Math.max(step, Math.ceil(max / step) * step);
        double bottom = Math.floor(min / step) * step;
        Axes axes = new Axes(months, bottom, top);
        boolean capped = cap != Double.POSITIVE_INFINITY;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(title))
                .append("\">\n");
        svg.append("<title>").append(Html.escape(title)).append("</title>\n");
        if (zoomed) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<clipPath id=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></clipPath>\n",
                    Html.escape(id),
                    LEFT,
                    TOP,
                    WIDTH - LEFT - RIGHT,
                    HEIGHT - TOP - BOTTOM));
        }
        for (double v = bottom; v <= top + step / 2; v += step) {
            double y = axes.y(v);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                            + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y,
                    LEFT - 6,
                    y + 4,
                    Html.escape(tick(v, step))));
        }
        if (capped) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text class=\"note\" x=\"%d\" y=\"%d\" text-anchor=\"end\">▲ off the scale: see below</text>\n",
                    WIDTH - RIGHT,
                    TOP - 6));
        }
        int every = Math.max(1, (int) Math.ceil(months / 12.0));
        for (int m = 1; m <= months; m++) {
            if (m != 1 && m % every != 0) continue;
            xTick(svg, axes.x(m), HEIGHT - BOTTOM + 16, xLabels == null ? String.valueOf(m) : xLabels.get(m - 1));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">month</text>\n",
                LEFT + (WIDTH - LEFT - RIGHT) / 2,
                HEIGHT - 6));
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"axisline\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
                LEFT,
                TOP,
                LEFT,
                HEIGHT - BOTTOM));
        List<Clipped> clipped = new ArrayList<>();
        // infeasible lines first, so the comparable ones are drawn over them
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) if (series.get(i).style() == Style.INFEASIBLE) order.add(i);
        for (int i = 0; i < series.size(); i++) if (series.get(i).style() == Style.NORMAL) order.add(i);
        for (int i = 0; i < series.size(); i++) if (series.get(i).style() == Style.RECOMMENDED) order.add(i);
        for (int i : order) {
            Series s = series.get(i);
            List<String> points = new ArrayList<>();
            for (int m = 1; m <= s.values().size(); m++) {
                double v = s.values().get(m - 1);
                if (v > cap) clipped.add(new Clipped(i, m, v));
                // zoomed: drawn to scale and cut by the clipping area; else held at the top edge
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", axes.x(m), axes.y(zoomed ? v : Math.min(v, top))));
            }
            svg.append("<polyline class=\"series ")
                    .append(s.style().name().toLowerCase(Locale.ROOT))
                    .append("\" fill=\"none\" stroke=\"")
                    .append(color(i))
                    .append("\" stroke-width=\"")
                    .append(
                            switch (s.style()) {
                                case RECOMMENDED -> "3.5";
                                case NORMAL -> "2";
                                case INFEASIBLE -> "1.5";
                            })
                    .append('"')
                    .append(s.style() == Style.INFEASIBLE ? " stroke-dasharray=\"6 4\" opacity=\"0.6\"" : "")
                    .append(zoomed ? " clip-path=\"url(#" + Html.escape(id) + ")\"" : "")
                    .append(" points=\"")
                    .append(String.join(" ", points))
                    .append("\">")
                    .append("<title>")
                    .append(Html.escape(s.label()))
                    .append("</title></polyline>\n");
        }
        for (Clipped c : clipped) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<path class=\"clipped\" d=\"M%.1f %.1f l-5 8 h10 z\" fill=\"%s\"><title>%s</title></path>\n",
                    axes.x(c.month()),
                    axes.y(top),
                    color(c.series()),
                    Html.escape(series.get(c.series()).label() + ": " + Figures.usd(c.value()) + " in month "
                            + c.month())));
        }
        Map<Integer, Integer> labelsInMonth = new HashMap<>();
        for (Marker mk : markers) {
            if (series.get(mk.series()).style() == Style.INFEASIBLE) continue;
            if (zoomed && series.get(mk.series()).values().get(mk.month() - 1) > top) continue;
            double v = Math.min(series.get(mk.series()).values().get(mk.month() - 1), top);
            double x = axes.x(mk.month());
            double y = axes.y(v);
            // markers in the same month stack their labels instead of printing over each other
            int stacked = labelsInMonth.merge(mk.month(), 1, Integer::sum) - 1;
            double textWidth = mk.label().length() * CHAR_PX;
            boolean toTheLeft = x + 8 + textWidth > WIDTH - 2;
            double ty = Math.max(TOP + 10, y - 8 - 14 * stacked);
            svg.append(String.format(
                    Locale.ROOT,
                    "<g class=\"marker\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"white\" stroke=\"%s\" stroke-width=\"2\">"
                            + "<title>%s</title></circle><text x=\"%.1f\" y=\"%.1f\" class=\"note\" text-anchor=\"%s\">%s</text></g>\n",
                    x,
                    y,
                    color(mk.series()),
                    Html.escape(mk.tip()),
                    toTheLeft ? x - 8 : x + 8,
                    ty,
                    toTheLeft ? "end" : "start",
                    Html.escape(mk.label())));
        }
        svg.append("</svg>\n");
        return new Chart(svg.toString(), List.copyOf(clipped));
    }

    /**
     * A label under the x axis, centred on {@code x} unless that would put it past either edge of
     * the chart: then it ends at the right edge or starts at the left one.
     */
    static void xTick(StringBuilder svg, double x, int y, String label) {
        xTick(svg, x, y, label, WIDTH);
    }

    static void xTick(StringBuilder svg, double x, int y, String label, int width) {
        double half = label.length() * CHAR_PX / 2;
        String anchor = "middle";
        double at = x;
        if (x + half > width - 2) {
            anchor = "end";
            at = Math.min(x + half, width - 2);
        } else if (x - half < 2) {
            anchor = "start";
            at = Math.max(x - half, 2);
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>\n",
                at,
                y,
                anchor,
                Html.escape(label)));
    }

    /**
     * {@code text} shortened to at most {@code chars} characters by dropping its start (an input's
     * path ends in what tells it apart), with "…" in front; unchanged when it fits.
     */
    static String shortenStart(String text, int chars) {
        return text.length() <= chars ? text : "…" + text.substring(text.length() - Math.max(1, chars - 1));
    }

    /** Axis labels in k and M, so that they stay short at any magnitude; the figures themselves are in the tables. */
    static String tick(double v, double step) {
        double abs = Math.abs(v);
        String sign = v < 0 ? "-" : "";
        if (abs >= 1e6 && step >= 1e5) return sign + "$" + trim(abs / 1e6) + "M";
        if (abs >= 1e3 && step >= 100) return sign + "$" + trim(abs / 1e3) + "k";
        return Figures.usdWhole(v);
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(v)
                .setScale(2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** The legend as HTML, so it wraps and prints like text. */
    static String legend(List<Series> series) {
        StringBuilder html = new StringBuilder("<ul class=\"legend\">");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            html.append("<li class=\"")
                    .append(s.style().name().toLowerCase(Locale.ROOT))
                    .append("\"><span class=\"swatch\" style=\"")
                    .append(
                            s.style() == Style.INFEASIBLE
                                    ? "border-top:2px dashed " + color(i)
                                    : "background:" + color(i))
                    .append("\"></span>")
                    .append(Html.escape(s.label()))
                    .append(
                            switch (s.style()) {
                                case RECOMMENDED -> " <strong>(recommended)</strong>";
                                case INFEASIBLE -> " (infeasible: not comparable)";
                                case NORMAL -> "";
                            })
                    .append("</li>");
        }
        return html.append("</ul>\n").toString();
    }

    static String color(int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    /** 1, 2 or 5 times a power of ten: ticks a reader can add up. */
    static double niceStep(double raw) {
        if (raw <= 0 || Double.isNaN(raw)) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    private record Axes(int months, double bottom, double top) {
        double x(int month) {
            double span = Math.max(1, months - 1);
            return LEFT + (month - 1) * (WIDTH - LEFT - RIGHT) / span;
        }

        double y(double v) {
            return TOP + (top - v) * (HEIGHT - TOP - BOTTOM) / (top - bottom);
        }
    }
}
