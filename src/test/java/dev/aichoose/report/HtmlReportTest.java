package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static String page() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlReport().render(Fixtures.seed(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void drawsBothChartsWithEveryOptionAndTheBreakevenPoints() throws IOException {
        String html = page();
        assertThat(html).contains("id=\"chart-cumulative\"").contains("id=\"chart-monthly\"");
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("<polyline ").matcher(html).results().count()).isEqualTo(2 * 4);
        // the fixture breaks even three times: each point is marked on the cumulative chart
        assertThat(Pattern.compile("class=\"marker\"").matcher(html).results().count()).isEqualTo(3);
        assertThat(html).contains("split breaks even vs gpt-4, month 5");
        assertThat(html).contains("@media print");
    }

    @Test
    void referencesNothingOutsideItself() throws IOException {
        String html = page();
        assertThat(html).doesNotContain("src=").doesNotContain("@import").doesNotContain("<link")
                .doesNotContain("<script").doesNotContain("href=");
        assertThat(Pattern.compile("url\\(").matcher(html).find()).as("CSS url(...)").isFalse();
        // the only web addresses are the catalog's sources, printed as text for the audit trail
        Matcher m = Pattern.compile("https?://").matcher(html);
        while (m.find()) {
            String before = html.substring(html.lastIndexOf('<', m.start()), m.start());
            assertThat(before).as("an address outside a table cell").isEqualTo("<td>");
        }
    }

    @Test
    void escapesTextFromTheScenario() {
        assertThat(Html.escape("<b>\"R&D\"</b>")).isEqualTo("&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;");
    }
}
