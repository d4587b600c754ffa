package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static String page() throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        new HtmlReport().render(Fixtures.seed(), out);
        return out.toString();
    }

    @Test
    void drawsBothChartsWithEveryOptionAndTheBreakevenPoints() throws IOException {
        String html = page();
        assertThat(html).contains("id=\"chart-cumulative\"").contains("id=\"chart-monthly\"");
        // the cumulative chart has a second panel: gpt-4's line dwarfs the recommended box's
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(3);
        assertThat(Pattern.compile("<polyline ").matcher(html).results().count())
                .isEqualTo(3 * 4);
        assertThat(html)
                .contains("Zoomed to the recommended option, rtx-4090-box, up to $10,680")
                .contains("clip-path=\"url(#zoom-cumulative)\"");
        // the fixture breaks even three times: each point is marked on the cumulative chart
        String cumulative = html.substring(html.indexOf("<svg "), html.indexOf("</svg>"));
        assertThat(Pattern.compile("class=\"marker\"")
                        .matcher(cumulative)
                        .results()
                        .count())
                .isEqualTo(3);
        assertThat(html).contains("split breaks even against gpt-4 in month 5");
        assertThat(html).contains("@media print");
        assertThat(html)
                .containsPattern(
                        "<tr class=\"recommended\"><td class=\"num\">1</td><td>rtx-4090-box \\(recommended\\)");
    }

    /** An option that cannot carry the load: dashed, no breakeven marker, no rank, no figures. */
    @Test
    void anInfeasibleOptionIsVisiblyInfeasible() throws IOException {
        var e = Fixtures.evaluate(Fixtures.SEED.replace("tokens_per_second: 120", "tokens_per_second: 10"));
        assertThat(e.option("rtx-4090-box").feasible()).isFalse();
        java.io.StringWriter out = new java.io.StringWriter();
        new HtmlReport().render(e, out);
        String html = out.toString();
        assertThat(Pattern.compile("<polyline class=\"series infeasible\"[^>]*stroke-dasharray")
                        .matcher(html)
                        .results()
                        .count())
                .as("the box and the hybrid that routes to it, dashed in both charts")
                .isEqualTo(2 * 2);
        assertThat(html).doesNotContain("rtx-4090-box breaks even").doesNotContain("split breaks even");
        assertThat(html)
                .containsPattern("<tr class=\"infeasible\"><td class=\"num\">✗</td><td>rtx-4090-box \\(infeasible\\)"
                        + "</td><td>self-hosted</td>(<td class=\"num\">—</td>){7}<td>—</td>");
        assertThat(html).contains("rtx-4090-box (infeasible: not comparable)");
    }

    /** Labels keep the end that tells them apart, and tick labels stay inside the chart at either edge. */
    @Test
    void longLabelsAreShortenedAndEdgeTicksStayInside() {
        assertThat(SvgChart.shortenStart("options.buy-hgx-8x.self_hosted.hardware_usd", 30))
                .isEqualTo("…x-8x.self_hosted.hardware_usd")
                .hasSize(30);
        assertThat(SvgChart.shortenStart("factors.throughput", 30)).isEqualTo("factors.throughput");
        StringBuilder right = new StringBuilder();
        SvgChart.xTick(right, SvgChart.WIDTH - 10, 300, "$100,000");
        assertThat(right.toString()).contains("x=\"1198.0\"").contains("text-anchor=\"end\"");
        StringBuilder left = new StringBuilder();
        SvgChart.xTick(left, 5, 300, "$100,000");
        assertThat(left.toString()).contains("x=\"2.0\"").contains("text-anchor=\"start\"");
        StringBuilder middle = new StringBuilder();
        SvgChart.xTick(middle, 600, 300, "$100,000");
        assertThat(middle.toString()).contains("x=\"600.0\"").contains("text-anchor=\"middle\"");
    }

    /** Dates in cells keep to one line; a date inside a longer token is left alone. */
    @Test
    void datesAreKeptOnOneLine() {
        assertThat(Html.escapeKeepingDates("model (2026-07-24); as of 2026-07 <b>"))
                .isEqualTo("model (<span class=\"date\">2026-07-24</span>); as of <span class=\"date\">2026-07</span>"
                        + " &lt;b&gt;");
        assertThat(Html.escapeKeepingDates("h100-2026-07-24x")).isEqualTo("h100-2026-07-24x");
    }

    @Test
    void referencesNothingOutsideItself() throws IOException {
        assertSelfContained("fixture", page());
    }

    /** The same check on every scenario's golden page, whose catalog sources and warnings hold real addresses. */
    @Test
    void noGoldenPageReferencesAnythingOutsideItself() throws IOException {
        try (var files = java.nio.file.Files.list(Golden.ROOT.resolve("html"))) {
            for (var file : files.toList()) assertSelfContained(file.toString(), java.nio.file.Files.readString(file));
        }
    }

    private static void assertSelfContained(String name, String html) {
        assertThat(html)
                .as(name)
                .doesNotContain("src=")
                .doesNotContain("@import")
                .doesNotContain("<link")
                .doesNotContain("<script")
                .doesNotContain("href=")
                .doesNotContain("<img")
                .doesNotContain("<iframe");
        assertThat(Pattern.compile("url\\((?!#)").matcher(html).find())
                .as(name + ": CSS url(...)")
                .isFalse();
        // web addresses may appear only as text a reader sees (catalog sources), never inside a tag
        Matcher m = Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}").matcher(html);
        while (m.find()) {
            int lastOpen = html.lastIndexOf('<', m.start());
            int lastClose = html.lastIndexOf('>', m.start());
            assertThat(lastClose)
                    .as(name + ": address " + m.group() + " inside a tag")
                    .isGreaterThan(lastOpen);
        }
    }

    @Test
    void escapesTextFromTheScenario() {
        assertThat(Html.escape("<b>\"R&D\"</b>")).isEqualTo("&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;");
    }
}
