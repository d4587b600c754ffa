package dev.aichoose.report;

import dev.aichoose.model.Simulation;
import dev.aichoose.model.Simulation.OptionSpread;
import dev.aichoose.model.Simulation.TornadoBar;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulation's charts as inline SVG, in the style of {@link SvgChart}: each option's TCO
 * distribution (share of draws per bin) and the tornado. Layout only; every value is the engine's.
 */
final class SvgSimulation {
    private SvgSimulation() {}

    private static final int WIDTH = SvgChart.WIDTH;
    private static final int LEFT = 84;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;

    static String distribution(String title, Simulation s) {
        int height = 300;
        int bins =
                s.options().isEmpty() ? 0 : s.options().getFirst().histogram().size();
        double maxShare = 0;
        for (OptionSpread o : s.options()) {
            for (int c : o.histogram()) maxShare = Math.max(maxShare, (double) c / s.draws());
        }
        double yStep = SvgChart.niceStep(Math.max(maxShare, 0.01) / 4);
        double yTop = Math.max(yStep, Math.ceil(maxShare / yStep) * yStep);
        double xLow = s.histogramLowUsd();
        double xHigh = xLow + s.histogramBinUsd() * Math.max(bins, 1);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        StringBuilder svg = open(title, height);
        for (double v = 0; v <= yTop + yStep / 2; v += yStep) {
            double y = TOP + (yTop - v) * plotH / yTop;
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
                    Figures.share(v)));
        }
        double xStep = SvgChart.niceStep((xHigh - xLow) / 5);
        for (double v = Math.ceil(xLow / xStep) * xStep; v <= xHigh; v += xStep) {
            double x = LEFT + (v - xLow) * plotW / (xHigh - xLow);
            SvgChart.xTick(svg, x, height - BOTTOM + 16, Figures.usdWhole(v));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">TCO over the " + "horizon</text>\n",
                LEFT + (int) plotW / 2,
                height - 6));
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"axisline\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
                LEFT,
                TOP,
                LEFT,
                height - BOTTOM));
        for (int i = 0; i < s.options().size(); i++) {
            OptionSpread o = s.options().get(i);
            List<String> points = new ArrayList<>();
            double base = TOP + plotH;
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", (double) LEFT, base));
            for (int b = 0; b < bins; b++) {
                double y = TOP + (yTop - (double) o.histogram().get(b) / s.draws()) * plotH / yTop;
                double x0 = LEFT + b * plotW / bins;
                double x1 = LEFT + (b + 1) * plotW / bins;
                points.add(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f", x0, y, x1, y));
            }
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + plotW, base));
            svg.append("<polyline class=\"series\" fill=\"")
                    .append(SvgChart.color(i))
                    .append("\" fill-opacity=\"0.15\" ")
                    .append("stroke=\"")
                    .append(SvgChart.color(i))
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(String.join(" ", points))
                    .append("\"><title>")
                    .append(Html.escape(o.id() + ": P5 "
                            + Figures.usdWhole(o.p5Usd()) + ", P50 " + Figures.usdWhole(o.p50Usd()) + ", P95 "
                            + Figures.usdWhole(o.p95Usd())))
                    .append("</title></polyline>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    static String tornado(String title, Simulation s) {
        return tornado(
                title,
                s.runnerUp().orElse("?"),
                s.recommended().orElse("?"),
                s.baseGapUsd().orElse(0.0),
                s.tornado());
    }

    /** The gap between {@code versus} and the recommended option, each input at its low and high value. */
    static String tornado(String title, String versus, String recommended, double baseGap, List<TornadoBar> bars) {
        int rowH = 26;
        // room for an input's path of about 48 characters; a longer one loses its start (full text on hover)
        int left = 330;
        int labelChars = (int) ((left - 12) / SvgChart.CHAR_PX);
        int legendRow = 20;
        int height = TOP + BOTTOM + legendRow + rowH * bars.size();
        double lo = Math.min(0, baseGap);
        double hi = Math.max(0, baseGap);
        for (TornadoBar t : bars) {
            lo = Math.min(lo, Math.min(t.gapLowUsd(), t.gapHighUsd()));
            hi = Math.max(hi, Math.max(t.gapLowUsd(), t.gapHighUsd()));
        }
        if (hi == lo) hi = lo + 1;
        double step = SvgChart.niceStep((hi - lo) / 5);
        double xLow = Math.floor(lo / step) * step;
        double xHigh = Math.ceil(hi / step) * step;
        double plotW = WIDTH - left - RIGHT;
        StringBuilder svg = open(title, height);
        java.util.function.DoubleUnaryOperator x = v -> left + (v - xLow) * plotW / (xHigh - xLow);
        for (double v = xLow; v <= xHigh + step / 2; v += step) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
                    x.applyAsDouble(v),
                    TOP,
                    x.applyAsDouble(v),
                    height - BOTTOM - legendRow));
            SvgChart.xTick(svg, x.applyAsDouble(v), height - BOTTOM - legendRow + 16, Figures.usdWhole(v));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
                        + "%s's TCO less %s's (below 0: %s is cheaper)</text>\n",
                left + plotW / 2,
                height - 6 - legendRow,
                Html.escape(versus),
                Html.escape(recommended),
                Html.escape(versus)));
        for (int i = 0; i < bars.size(); i++) {
            TornadoBar t = bars.get(i);
            double y = TOP + i * rowH + 4;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\"><title>%s</title>%s</text>\n",
                    left - 6,
                    y + 13,
                    Html.escape(t.input()),
                    Html.escape(SvgChart.shortenStart(t.input(), labelChars))));
            bar(
                    svg,
                    x.applyAsDouble(baseGap),
                    x.applyAsDouble(t.gapLowUsd()),
                    y,
                    SvgChart.color(0),
                    t.input() + " at " + SimulationSection.value(t.low()) + ": gap " + Figures.usdWhole(t.gapLowUsd()));
            bar(
                    svg,
                    x.applyAsDouble(baseGap),
                    x.applyAsDouble(t.gapHighUsd()),
                    y,
                    SvgChart.color(3),
                    t.input() + " at " + SimulationSection.value(t.high()) + ": gap "
                            + Figures.usdWhole(t.gapHighUsd()));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"axisline\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\">"
                        + "<title>base gap %s</title></line>\n",
                x.applyAsDouble(baseGap),
                TOP,
                x.applyAsDouble(baseGap),
                height - BOTTOM - legendRow,
                Html.escape(Figures.usdWhole(baseGap))));
        if (xLow < 0 && xHigh > 0) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" "
                            + "stroke-dasharray=\"4 3\"><title>gap 0: the two options cost the same</title></line>\n",
                    x.applyAsDouble(0),
                    TOP,
                    x.applyAsDouble(0),
                    height - BOTTOM - legendRow));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<g class=\"note\"><rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
                        + "fill=\"%s\"/><text x=\"%d\" y=\"%d\">input at its low value</text><rect x=\"%d\" y=\"%d\" width=\"10\" "
                        + "height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">at its high value</text></g>\n",
                left,
                height - 14,
                SvgChart.color(0),
                left + 14,
                height - 5,
                left + 170,
                height - 14,
                SvgChart.color(3),
                left + 184,
                height - 5));
        return svg.append("</svg>\n").toString();
    }

    private static void bar(StringBuilder svg, double from, double to, double y, String color, String label) {
        double x0 = Math.min(from, to);
        double w = Math.max(1, Math.abs(to - from));
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\">" + "<title>%s</title></rect>\n",
                x0,
                y,
                w,
                color,
                Html.escape(label)));
    }

    private static StringBuilder open(String title, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(title))
                .append("\">\n<title>")
                .append(Html.escape(title))
                .append("</title>\n");
        return svg;
    }
}
