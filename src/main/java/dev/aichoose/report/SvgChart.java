package dev.aichoose.report;

import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart over months as inline SVG: no script, no external font, so the page that holds it
 * stays one self-contained file. Scales and ticks are layout, not figures; every plotted value
 * comes from the evaluation.
 */
final class SvgChart {
    private SvgChart() {}

    /** One line: a label and its value in months 1..n. */
    record Series(String label, List<Double> values) {}

    /** A point to call out on a series, such as a breakeven month. */
    record Marker(int series, int month, String label) {}

    static final List<String> PALETTE =
            List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf");

    private static final int WIDTH = 760;
    private static final int HEIGHT = 340;
    private static final int LEFT = 84;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;

    static String lines(String title, List<Series> series, List<Marker> markers) {
        int months = series.stream().mapToInt(s -> s.values().size()).max().orElse(1);
        double max = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        double min = Math.min(0, series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue)
                .min().orElse(0));
        double step = niceStep((max - min) / 5);
        double top = Math.max(step, Math.ceil(max / step) * step);
        double bottom = Math.floor(min / step) * step;
        Axes axes = new Axes(months, bottom, top);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        svg.append("<title>").append(Html.escape(title)).append("</title>\n");
        for (double v = bottom; v <= top + step / 2; v += step) {
            double y = axes.y(v);
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                            + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, Html.escape(Figures.usdWhole(v))));
        }
        int every = Math.max(1, (int) Math.ceil(months / 12.0));
        for (int m = 1; m <= months; m++) {
            if (m != 1 && m % every != 0) continue;
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
                    axes.x(m), HEIGHT - BOTTOM + 16, m));
        }
        svg.append(String.format(Locale.ROOT,
                "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">month</text>\n",
                LEFT + (WIDTH - LEFT - RIGHT) / 2, HEIGHT - 6));
        svg.append(String.format(Locale.ROOT,
                "<line class=\"axisline\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            List<String> points = new ArrayList<>();
            for (int m = 1; m <= s.values().size(); m++) {
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", axes.x(m), axes.y(s.values().get(m - 1))));
            }
            svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(color(i))
                    .append("\" stroke-width=\"2\" points=\"").append(String.join(" ", points)).append("\">")
                    .append("<title>").append(Html.escape(s.label())).append("</title></polyline>\n");
        }
        java.util.Map<Integer, Integer> labelsInMonth = new java.util.HashMap<>();
        for (Marker mk : markers) {
            double v = series.get(mk.series()).values().get(mk.month() - 1);
            // markers in the same month stack their labels upwards instead of printing over each other
            int stacked = labelsInMonth.merge(mk.month(), 1, Integer::sum) - 1;
            svg.append(String.format(Locale.ROOT,
                    "<g class=\"marker\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"white\" stroke=\"%s\" stroke-width=\"2\">"
                            + "<title>%s</title></circle><text x=\"%.1f\" y=\"%.1f\" class=\"note\">%s</text></g>\n",
                    axes.x(mk.month()), axes.y(v), color(mk.series()), Html.escape(mk.label()), axes.x(mk.month()) + 7,
                    axes.y(v) - 7 - 13 * stacked, Html.escape(mk.label())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The legend as HTML, so it wraps and prints like text. */
    static String legend(List<Series> series) {
        StringBuilder html = new StringBuilder("<ul class=\"legend\">");
        for (int i = 0; i < series.size(); i++) {
            html.append("<li><span class=\"swatch\" style=\"background:").append(color(i)).append("\"></span>")
                    .append(Html.escape(series.get(i).label())).append("</li>");
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
