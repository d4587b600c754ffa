package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.report.xlsx.EvaluationWorkbook;
import dev.aichoose.report.xlsx.SummarySheet;
import dev.aichoose.text.Figures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same evaluation through every renderer: each named figure (upfront, steady monthly, total
 * cash, TCO, NPV, cost per query, rank, breakeven against the baseline) reads the same in the
 * table, Markdown, HTML, CSV, JSON and the workbook. Text formats show what
 * {@link Figures} makes of the JSON's number; the workbook's formulas land within a cent of it.
 */
class CrossFormatTest {
    static List<Path> scenarios() throws IOException {
        return Engine.scenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyFormatShowsTheSameFigures(Path file) throws IOException {
        Evaluation e = Engine.evaluate(Engine.scenario(file));
        // decimals as written, so "0.00" stays "0.00"
        ObjectMapper mapper = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        JsonNode json = mapper.readTree(text(new JsonReport(), e));
        Map<String, JsonNode> byId = new HashMap<>();
        json.path("options").forEach(o -> byId.put(o.path("id").asText(), o));
        Map<String, List<String>> md = markdownRows(text(new MarkdownReport(), e));
        Map<String, List<String>> html = htmlRows(text(new HtmlReport(), e));
        Map<String, List<String>> csv = csvRows(text(new CsvReport.Options(), e));
        Map<String, List<String>> table = tableRows(text(new TableReport(), e));
        Map<String, Double> xlsxTco = workbookTco(e);

        for (OptionResult o : e.options()) {
            JsonNode j = byId.get(o.id());
            String id = o.id();
            List<String> mdRow = md.get(id);
            List<String> htmlRow = html.get(id);
            assertThat(htmlRow).as(id + ": HTML row is the Markdown row").isEqualTo(mdRow);
            // rank
            String rank = j.path("rank").isNull() ? "✗" : j.path("rank").asText();
            assertThat(mdRow.getFirst()).as(id + " rank").isEqualTo(rank);
            assertThat(csv.get(id).get(13)).isEqualTo(j.path("rank").isNull() ? "" : rank);
            assertThat(table.get(id).getFirst().replace("*", "")).isEqualTo(rank);
            // machine formats: the same decimals
            for (var f : Map.of(
                            "upfront_usd",
                            4,
                            "total_cash_usd",
                            5,
                            "salvage_usd",
                            6,
                            "tco_usd",
                            7,
                            "npv_usd",
                            8,
                            "cost_per_query_usd",
                            9,
                            "steady_monthly_usd",
                            10)
                    .entrySet()) {
                assertThat(csv.get(id).get(f.getValue()))
                        .as(id + " " + f.getKey())
                        .isEqualTo(j.path(f.getKey()).decimalValue().toPlainString());
            }
            assertThat(j.path("tco_usd").decimalValue()).isEqualByComparingTo(Figures.cents(o.tcoUsd()));
            assertThat(xlsxTco.get(id))
                    .as(id + " workbook TCO")
                    .isCloseTo(j.path("tco_usd").asDouble(), within(0.005));
            // text formats: what Figures makes of the JSON's figure, or nothing for an infeasible option
            if (o.feasible()) {
                assertThat(mdRow.subList(3, 10))
                        .as(id + " upfront … per query")
                        .containsExactly(
                                Figures.usd(j.path("upfront_usd").asDouble()),
                                Figures.usd(j.path("steady_monthly_usd").asDouble()),
                                Figures.usd(j.path("total_cash_usd").asDouble()),
                                Figures.usd(j.path("salvage_usd").asDouble()),
                                Figures.usd(j.path("tco_usd").asDouble()),
                                Figures.usd(j.path("npv_usd").asDouble()),
                                Figures.usdPerQuery(j.path("cost_per_query_usd").asDouble()));
                assertThat(table.get(id).subList(3, 8))
                        .as(id + " table")
                        .containsExactly(mdRow.get(3), mdRow.get(4), mdRow.get(5), mdRow.get(7), mdRow.get(9));
            } else {
                assertThat(mdRow.subList(3, 11)).as(id + ": not comparable").containsOnly("—");
                assertThat(table.get(id).subList(3, 8)).containsOnly("—");
                assertThat(json.path("breakeven").findValuesAsText("option"))
                        .as(id + ": paired with nothing")
                        .doesNotContain(id);
            }
            // breakeven against the baseline
            String baseline = json.path("baseline").isNull()
                    ? null
                    : json.path("baseline").asText();
            Integer month = null;
            for (JsonNode b : json.path("breakeven")) {
                if (b.path("option").asText().equals(id)
                        && b.path("baseline").asText().equals(baseline)) {
                    month = b.path("month").isNull() ? null : b.path("month").asInt();
                }
            }
            assertThat(csv.get(id).get(12)).isEqualTo(month == null ? "" : String.valueOf(month));
            if (month != null) {
                assertThat(mdRow.get(10)).isEqualTo("month " + month);
                assertThat(table.get(id).get(8)).isEqualTo("month " + month);
            }
        }
    }

    static String text(Renderer.Text<Evaluation> r, Evaluation e) throws IOException {
        StringWriter out = new StringWriter();
        r.render(e, out);
        return out.toString();
    }

    /** Options table rows of the Markdown report, keyed by option id, cells unescaped. */
    static Map<String, List<String>> markdownRows(String md) {
        String section = md.substring(md.indexOf("### Options"), md.indexOf("<sub>"));
        Map<String, List<String>> rows = new HashMap<>();
        section.lines()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| Rank") && !l.startsWith("| ---"))
                .forEach(l -> {
                    List<String> cells = Arrays.stream(
                                    l.substring(2, l.length() - 2).split(" \\| "))
                            .map(c -> c.replace("\\_", "_").replace("\\|", "|"))
                            .toList();
                    rows.put(cells.get(1).replaceFirst(" \\((recommended|infeasible)\\)$", ""), cells);
                });
        return rows;
    }

    static Map<String, List<String>> htmlRows(String html) {
        String table = html.substring(html.indexOf("<table id=\"options\">"));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        Map<String, List<String>> rows = new HashMap<>();
        Matcher tr = Pattern.compile("<tr[^>]*>(.*?)</tr>").matcher(table);
        while (tr.find()) {
            List<String> cells = Pattern.compile("<td[^>]*>(.*?)</td>")
                    .matcher(tr.group(1))
                    .results()
                    .map(m -> m.group(1).replace("&amp;", "&").replace("&#39;", "'"))
                    .toList();
            rows.put(cells.get(1).replaceFirst(" \\((recommended|infeasible)\\)$", ""), cells);
        }
        return rows;
    }

    static Map<String, List<String>> csvRows(String csv) {
        Map<String, List<String>> rows = new HashMap<>();
        csv.lines().skip(1).forEach(l -> {
            List<String> cells = Arrays.asList(l.split(",", -1));
            rows.put(cells.getFirst(), cells);
        });
        return rows;
    }

    /** The terminal table's option rows: cells are two or more spaces apart. */
    static Map<String, List<String>> tableRows(String table) {
        Map<String, List<String>> rows = new HashMap<>();
        String block = table.substring(table.indexOf("\n#"), table.indexOf("\n¹"));
        block.lines()
                .skip(3)
                .filter(l -> !l.startsWith("*") && !l.startsWith("("))
                .forEach(l -> {
                    List<String> cells = Arrays.asList(l.split(" {2,}"));
                    rows.put(cells.get(1), cells);
                });
        return rows;
    }

    static Map<String, Double> workbookTco(Evaluation e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new XlsxReport().render(e, bytes);
        Map<String, Double> tco = new HashMap<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            var summary = wb.getSheet(EvaluationWorkbook.SUMMARY);
            for (int r = 1; r <= e.options().size(); r++) {
                var row = summary.getRow(r);
                tco.put(
                        row.getCell(0).getStringCellValue(),
                        row.getCell(SummarySheet.COL_TCO).getNumericCellValue());
            }
        }
        return tco;
    }
}
