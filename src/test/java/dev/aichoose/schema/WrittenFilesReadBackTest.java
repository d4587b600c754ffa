package dev.aichoose.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aichoose.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file aichoose writes is read back by aichoose itself, and matches its schema where it has
 * one: the evaluation report (by diff, and docs/schemas/evaluation.schema.json), the diff report,
 * the layer catalog import writes (by --pricing), the CSV tables (against the JSON report's figures),
 * the workbook (by Apache POI) and the catalog diff. Written with a CSV-hostile option id.
 */
class WrittenFilesReadBackTest {
    @TempDir
    Path dir;

    private Path scenario() throws IOException {
        Path s = dir.resolve("s.yaml");
        Files.writeString(
                s,
                Files.readString(Path.of("scenarios/seed-example.yaml"))
                        .replace("id: gpt-4", "id: \"-gpt,4 \\\"quoted\\\"\""));
        return s;
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
        return run;
    }

    @Test
    void theEvaluationReportIsReadByDiffAndMatchesItsSchema() throws IOException {
        Path report = dir.resolve("r.json");
        ok("evaluate", scenario().toString(), "-o", report.toString(), "--as-of", "2026-11-24");
        assertThat(SchemaTest.schema("evaluation.schema.json").validate(SchemaTest.JSON.readTree(report.toFile())))
                .isEmpty();
        Path diff = dir.resolve("d.json");
        ok("diff", report.toString(), scenario().toString(), "-o", diff.toString(), "--as-of", "2026-11-24");
        JsonNode read = SchemaTest.JSON.readTree(diff.toFile());
        assertThat(read.path("schema").asText()).isEqualTo("aichoose.diff/v1");
        assertThat(read.path("plan").path("verdict_changed").asBoolean()).isFalse();
    }

    @Test
    void theCsvTablesHoldTheJsonReportsFigures() throws IOException {
        Path json = dir.resolve("r.json");
        ok("evaluate", scenario().toString(), "-o", json.toString(), "--as-of", "2026-11-24");
        ok("evaluate", scenario().toString(), "-f", "csv", "-o", dir.resolve("csv") + "/", "--as-of", "2026-11-24");
        List<List<String>> rows = csv(Files.readString(dir.resolve("csv/s-options.csv")));
        Map<String, Double> tco = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) tco.put(row.get(0), Double.parseDouble(row.get(7)));
        for (JsonNode o : SchemaTest.JSON.readTree(json.toFile()).path("options")) {
            // the id starts with '-': a spreadsheet would run it, so the CSV writes it as text
            String id = o.path("id").asText();
            String cell = id.startsWith("-") ? "'" + id : id;
            assertThat(tco).containsKey(cell);
            assertThat(tco.get(cell)).isCloseTo(o.path("tco_usd").asDouble(), within(0.005));
        }
        assertThat(csv(Files.readString(dir.resolve("csv/s-monthly.csv"))))
                .hasSize(1 + 2 * 12)
                .allSatisfy(r -> assertThat(r).hasSize(6));
    }

    @Test
    void theWorkbookOpens() throws IOException {
        Path xlsx = dir.resolve("r.xlsx");
        ok("evaluate", scenario().toString(), "-o", xlsx.toString());
        try (XSSFWorkbook wb = new XSSFWorkbook(xlsx.toFile())) {
            assertThat(wb.getSheet("Summary").getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo("-gpt,4 \"quoted\"");
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    @Test
    void theImportedLayerIsReadByPricingAndTheCatalogDiffByJackson() throws IOException {
        Path layer = dir.resolve("layer.yaml");
        ok("catalog", "import", "litellm", "src/test/resources/catalog/litellm-trimmed.json", "-o", layer.toString());
        CliRun list = ok("catalog", "list", "-k", "api", "--pricing", layer.toString());
        assertThat(list.out()).contains("anthropic/claude-3-7-sonnet-20250219");
        Path changes = dir.resolve("changes.json");
        ok("catalog", "diff", "pricing", layer.toString(), "-f", "json", "-o", changes.toString());
        assertThat(SchemaTest.JSON.readTree(changes.toFile()).path("schema").asText())
                .isEqualTo("aichoose.catalog-diff/v1");
    }

    /** RFC 4180, as the CSV reports write it: quoted fields, doubled quotes, \n line ends. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
