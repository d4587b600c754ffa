package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aichoose reconcile} end to end, in-process: every format, the rules, the bad inputs, written files read back. */
class ReconcileCommandTest {
    static final Path DIR = Path.of("src/test/resources/reconcile");
    static final String SCENARIO = DIR.resolve("reconcile-example.yaml").toString();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static List<String> january() {
        return List.of(
                "--usage",
                DIR.resolve("openai-usage-2026-01.json").toString(),
                DIR.resolve("openai-costs-2026-01.json").toString(),
                DIR.resolve("anthropic-usage-2026-01.json").toString(),
                DIR.resolve("anthropic-cost-2026-01.json").toString(),
                DIR.resolve("focus-2026-01.csv").toString(),
                "--start",
                "2026-01",
                "--as-of",
                "2026-11-24");
    }

    static CliRun run(List<String> common, String... more) {
        List<String> args = new ArrayList<>(List.of("reconcile", SCENARIO));
        args.addAll(common);
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theTableSaysPredictedBilledAndWhy() {
        CliRun r = run(january());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Predicted $3,858.75, billed $4,223.63: a difference of +$364.88")
                .containsPattern("2026-01 \\(1\\)\\s+mini\\s+\\$53.75\\s+\\$68.91\\s+\\+\\$15.16\\s+\\+28.2%")
                .containsPattern("2026-01 \\(1\\)\\s+haiku\\s+-\\$89.90\\s+-\\$9.60\\s+\\+\\$4.00\\s+\\+\\$0.50")
                .containsPattern("gpus\\s+1,460\\s+1,488\\s+\\$2.500\\s+\\$2.690")
                .contains("no option names one of its tags (team=research)");
        assertThat(r.out().lines().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(100);
    }

    @Test
    void theJsonHasEveryFigureOfTheContractAndMatchesItsSchema() throws IOException {
        CliRun r = run(january(), "-f", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        try (InputStream in = Files.newInputStream(Path.of("docs/schemas/reconcile.schema.json"))) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                            .getSchema(in)
                            .validate(doc))
                    .isEmpty();
        }
        assertThat(doc.path("schema").asText()).isEqualTo("aichoose.reconcile/v1");
        JsonNode mini = doc.path("reconcile").path("months").get(0);
        assertThat(mini.path("month").asInt()).isEqualTo(1);
        assertThat(mini.path("start").asText()).isEqualTo("2026-01");
        assertThat(mini.path("option").asText()).isEqualTo("mini");
        assertThat(List.of(
                                "predicted_usd",
                                "billed_usd",
                                "delta_usd",
                                "volume_usd",
                                "mix_usd",
                                "price_usd",
                                "unmodelled_usd")
                        .stream()
                        .map(f -> mini.path(f).decimalValue())
                        .toList())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal("53.75"),
                        new BigDecimal("68.91"),
                        new BigDecimal("15.16"),
                        new BigDecimal("6.45"),
                        new BigDecimal("3.25"),
                        new BigDecimal("2.46"),
                        new BigDecimal("3.00"));
        for (JsonNode row : doc.path("reconcile").path("months")) {
            BigDecimal parts = row.path("volume_usd")
                    .decimalValue()
                    .add(row.path("mix_usd").decimalValue())
                    .add(row.path("price_usd").decimalValue())
                    .add(row.path("unmodelled_usd").decimalValue());
            assertThat(parts).isEqualByComparingTo(row.path("delta_usd").decimalValue());
        }
        JsonNode summary = doc.path("reconcile").path("summary");
        assertThat(summary.path("delta_usd").decimalValue()).isEqualByComparingTo("364.88");
        assertThat(summary.path("beyond_ten_percent")).hasSize(3);
        assertThat(doc.path("reconcile").path("unmapped")).hasSize(3);
    }

    @Test
    void theCsvAndItsDirectoryFilesReadBack() throws IOException {
        CliRun r = run(january(), "-f", "csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().toList())
                .first()
                .isEqualTo("month,start,option,kind,unit,predicted_usd,billed_usd,delta_usd,delta_share,volume_usd,"
                        + "mix_usd,price_usd,unmodelled_usd,planned_quantity,actual_quantity");
        assertThat(r.out())
                .contains(
                        "1,2026-01,gpus,rented,gpu_hours,3650.00,4094.72,444.72,0.121841,70.00,0.00,282.72,92.00,1460,1488");
        CliRun all = run(january(), "-f", "csv,md,html,json", "-o", tmp + "/");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(Files.readString(tmp.resolve("reconcile-example-reconcile-unmapped.csv")))
                .contains("team=research")
                .contains("focus-2026-01.csv,6,1,row 5,focus,2026-01,,GPU Cloud a100-ondemand Usage,500,0,");
        assertThat(Files.readString(tmp.resolve("reconcile-example-reconcile.md")))
                .contains("| 2026-01 (1) | mini | +$6.45 | +$3.25 | +$2.46 | +$3.00 |");
        String html = Files.readString(tmp.resolve("reconcile-example-reconcile.html"));
        assertThat(html).contains("<svg", "Predicted against billed, every option", "Predicted against billed: gpus");
        assertThat(html).doesNotContain("<script", "http://", "https://");
    }

    /**
     * The workbook's decomposition is formulas over the engine's figures: POI evaluates them, and each
     * part and total agrees with the JSON to the cent, and still adds up after an edit.
     */
    @Test
    void theWorkbookDecomposesWithLiveFormulas() throws IOException {
        Path xlsx = tmp.resolve("r.xlsx");
        CliRun r = run(january(), "-o", xlsx.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(run(january(), "-f", "json").out());
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
            Sheet sheet = wb.getSheet("Reconcile");
            assertThat(sheet.getRow(1).getCell(11).getCellFormula()).isEqualTo("ROUND(G2*F2,2)-ROUND(E2*F2,2)");
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            String[] fields = {"predicted_usd", "volume_usd", "mix_usd", "price_usd", "unmodelled_usd", "delta_usd"};
            for (int i = 0; i < 3; i++) {
                Row row = sheet.getRow(i + 1);
                JsonNode expected = json.path("reconcile").path("months").get(i);
                for (int f = 0; f < fields.length; f++) {
                    assertThat(row.getCell(10 + f + (f == 5 ? 0 : 0)).getNumericCellValue())
                            .as("%s %s", expected.path("option").asText(), fields[f])
                            .isCloseTo(expected.path(fields[f]).asDouble(), within(0.0049));
                }
                assertThat(row.getCell(16).getNumericCellValue())
                        .isCloseTo(row.getCell(15).getNumericCellValue(), within(1e-9));
            }
            Sheet summary = wb.getSheet("Summary");
            assertThat(summary.getRow(5).getCell(1).getNumericCellValue())
                    .as("difference")
                    .isCloseTo(364.88, within(1e-6));
            // a bill that is $100 higher moves only the unmodelled part and the difference
            sheet.getRow(1).getCell(9).setCellValue(168.912);
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            assertThat(sheet.getRow(1).getCell(14).getNumericCellValue()).isCloseTo(103.00, within(1e-9));
            assertThat(sheet.getRow(1).getCell(16).getNumericCellValue()).isCloseTo(115.16, within(1e-9));
        }
    }

    @Test
    void failIfOverTheForecastIsExitFiveAfterTheReport() {
        CliRun r = run(january(), "--fail-if", "reconcile.delta_share>0.10");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.out()).contains("Predicted against billed");
        assertThat(r.err())
                .contains("--fail-if 'reconcile.delta_share>0.10' breached: reconcile.delta_share is 28.2%")
                .contains("mini, 2026-01 (month 1)");
        assertThat(run(january(), "--fail-if", "reconcile.delta_share > 0.5").exitCode())
                .isZero();
        CliRun unknown = run(january(), "--fail-if", "reconcile.delta > 0.1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown metric 'reconcile.delta'");
    }

    @Test
    void badFlagsAreUsageErrors() {
        CliRun month = run(List.of("--usage", DIR.resolve("usage.csv").toString(), "--start", "2026-13"));
        assertThat(month.exitCode()).isEqualTo(2);
        assertThat(month.err()).contains("'2026-13' is no such month: write YYYY-MM");
        assertThat(run(List.of("--usage", DIR.resolve("usage.csv").toString(), "--start", "Jan 2026"))
                        .err())
                .contains("is not a month");
        CliRun noUsage = run(List.of("--start", "2026-01"));
        assertThat(noUsage.exitCode()).isEqualTo(2);
        assertThat(noUsage.err()).contains("--usage");
    }

    @Test
    void aBadExportIsExitThreeWithItsPlace() throws IOException {
        Path eur = tmp.resolve("eur.csv");
        Files.writeString(
                eur,
                "month,option,queries,input_tokens,cached_input_tokens,output_tokens,cost_usd,other_usd\n"
                        + "2027-03,mini,1,1,0,1,1.00,\n");
        CliRun r = run(List.of("--usage", eur.toString(), "--start", "2026-01"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err())
                .isEqualTo(eur + ":2:1: row 1: 2027-03 would be month 15, after the horizon's last, month 12"
                        + " (2026-12): give the months the scenario covers, or another --start\n");
        CliRun missing = run(List.of("--usage", tmp.resolve("nope.json").toString(), "--start", "2026-01"));
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("nope.json: no such usage export file");
    }

    /**
     * Three months billed at the scenario's own prices, with no other lines: the calibrated scenario,
     * evaluated, gives each of them back within 2 %, and its forecast goes on from the last of them.
     */
    @Test
    void theCalibratedScenarioReproducesItsMonthsAndGoesOnFromThem() throws IOException {
        double[] queries = {112_000, 121_500, 130_000};
        StringBuilder csv = new StringBuilder(
                "month,option,queries,input_tokens,cached_input_tokens,output_tokens,cost_usd,other_usd\n");
        double[] billed = new double[3];
        for (int m = 0; m < 3; m++) {
            double q = queries[m];
            double in = q * 1100;
            double cached = in * 0.6;
            double out = q * 220;
            billed[m] = ((in - cached) * 0.25 + cached * 0.025 + out * 2.0) / 1e6;
            csv.append("2026-0")
                    .append(m + 1)
                    .append(",mini,")
                    .append((long) q)
                    .append(',')
                    .append((long) in)
                    .append(',')
                    .append((long) cached)
                    .append(',')
                    .append((long) out)
                    .append(',')
                    .append(billed[m])
                    .append(",\n");
        }
        Path usage = tmp.resolve("usage.csv");
        Files.writeString(usage, csv);
        Path calibrated = tmp.resolve("calibrated.yaml");
        CliRun r = run(
                List.of("--usage", usage.toString(), "--start", "2026-01", "--as-of", "2026-11-24"),
                "--calibrate",
                "-o",
                calibrated.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("wrote " + calibrated);
        assertThat(r.out()).contains("Predicted against billed");

        String original = Files.readString(Path.of(SCENARIO));
        String edited = Files.readString(calibrated);
        assertThat(edited).contains("queries_per_month: 112", "# calibrated: ", "monthly_growth: 0.07");
        // every line the calibration did not touch is still there, in order
        List<String> kept = original.lines()
                .filter(l -> !l.matches("\\s+(queries_per_month|input_tokens_per_query|output_tokens_per_query|"
                        + "monthly_growth|cached_input_share):.*"))
                .toList();
        assertThat(edited.lines().toList()).containsSubsequence(kept);

        CliRun json = CliRun.of("evaluate", calibrated.toString(), "-f", "json", "--as-of", "2026-11-24");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode mini = null;
        for (JsonNode o : JSON.readTree(json.out()).path("options"))
            if (o.path("id").asText().equals("mini")) mini = o;
        assertThat(mini).isNotNull();
        for (int m = 0; m < 3; m++) {
            double forecast = mini.path("monthly").get(m).path("cost_usd").asDouble();
            assertThat(forecast).as("month %d", m + 1).isCloseTo(billed[m], within(0.02 * billed[m]));
        }
        var fitted =
                java.util.regex.Pattern.compile("monthly_growth: ([0-9.]+)").matcher(edited);
        assertThat(fitted.find()).isTrue();
        double g = Double.parseDouble(fitted.group(1));
        // ln Q on (m − 1) by least squares through 112,000, 121,500 and 130,000: (ln 130,000 − ln 112,000) / 2
        assertThat(g).isCloseTo(Math.exp(Math.log(130_000 / 112_000.0) / 2) - 1, within(0.00005));
        double month4 = mini.path("monthly").get(3).path("cost_usd").asDouble();
        assertThat(month4)
                .as("month 4 goes on from month 3 as fitted")
                .isCloseTo(billed[2] * (1 + g), within(0.02 * billed[2]));
    }

    @Test
    void calibrateNeedsAYamlFileThatIsNoInput() {
        List<String> common = List.of("--usage", DIR.resolve("usage.csv").toString(), "--start", "2026-01");
        assertThat(run(common, "--calibrate").err()).contains("give it a name with -o FILE.yaml");
        assertThat(run(common, "--calibrate", "-o", SCENARIO).err())
                .contains("an input of this command: refusing to write over it");
        assertThat(run(common, "--calibrate", "-o", tmp.resolve("c.json").toString())
                        .exitCode())
                .isEqualTo(2);
        assertThat(run(common, "--calibrate", "-o", tmp.resolve("c.yaml").toString(), "-f", "xlsx")
                        .exitCode())
                .isEqualTo(2);
    }
}
