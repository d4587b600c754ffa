package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --simulate}, run through the real CLI. */
class SimulateCommandTest {
    private static final String SCENARIO = "scenarios/support-bot-h100.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A box against an API near their crossover: the recommendation flips inside several ranges. */
    private static final String CLOSE_CALL = """
            name: close call
            horizon_months: 12
            workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 500}
            profile: {technical_capability: strong}
            assumptions: {ops_hours_per_month: 0, maintenance_share_annual: 0, discount_rate_annual: 0, lifetime_months: 48}
            options:
              - {id: api, api: {model: custom, input_usd_per_mtok: 1, output_usd_per_mtok: 1}}
              - id: box
                self_hosted: {hardware: nvidia/rtx-4090, hardware_usd: 1600, host_usd: 1400,
                              electricity_usd_per_month: 30, residual_share: 0, model: meta/llama-3.1-8b-instruct,
                              quantization: q4_k_m, tokens_per_second: 120}
            uncertainty:
              workload.queries_per_month: {low: 20000, mode: 100000, high: 200000}
              options.box.self_hosted.hardware_usd: {low: 800, high: 4000}
              options.api.api.output_usd_per_mtok: {low: 0.5, high: 3}
              assumptions.lifetime_months: {low: 6, high: 120}
            """;

    @TempDir
    Path dir;

    private Path closeCall() throws IOException {
        Path file = dir.resolve("close-call.yaml");
        Files.writeString(file, CLOSE_CALL);
        return file;
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void theSameSeedGivesByteIdenticalJsonAndTheDefaultSeedIsFixed() {
        CliRun a = CliRun.of(
                "evaluate", SCENARIO, "--simulate", "300", "--seed", "11", "-f", "json", "--as-of", "2026-12-01");
        CliRun b = CliRun.of(
                "evaluate", SCENARIO, "--simulate", "300", "--seed", "11", "-f", "json", "--as-of", "2026-12-01");
        CliRun c = CliRun.of(
                "evaluate", SCENARIO, "--simulate", "300", "--seed", "12", "-f", "json", "--as-of", "2026-12-01");
        CliRun d1 = CliRun.of("evaluate", SCENARIO, "--simulate", "300", "-f", "json", "--as-of", "2026-12-01");
        CliRun d2 = CliRun.of("evaluate", SCENARIO, "--simulate", "300", "-f", "json", "--as-of", "2026-12-01");
        assertThat(a.exitCode()).isZero();
        assertThat(a.out()).contains("\"simulation\"").isEqualTo(b.out());
        assertThat(c.out()).isNotEqualTo(a.out());
        assertThat(d1.out()).contains("\"seed\" : 20260312").isEqualTo(d2.out());
    }

    @Test
    void jsonCarriesTheContractFieldsAndTheSharesAddUpToOne() throws IOException {
        JsonNode sim = json(CliRun.of("evaluate", SCENARIO, "--simulate", "400", "-f", "json", "--as-of", "2026-12-01"))
                .path("simulation");
        assertThat(sim.path("draws").asInt()).isEqualTo(400);
        double sum = sim.path("p_none_feasible").asDouble();
        for (JsonNode o : sim.path("options")) {
            for (String f : new String[] {"mean", "p5", "p50", "p95"})
                assertThat(o.path("tco_usd").has(f)).as(f).isTrue();
            assertThat(o.path("tco_usd").path("p5").asDouble())
                    .isLessThanOrEqualTo(o.path("tco_usd").path("p95").asDouble());
            sum += o.path("p_cheapest").asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        for (String f : new String[] {"recommendation_holds_share", "expected_regret_usd", "tornado", "flip_points"}) {
            assertThat(sim.has(f)).as(f).isTrue();
        }
        JsonNode bar = sim.path("tornado").get(0);
        for (String f : new String[] {"input", "low", "high", "gap_low_usd", "gap_high_usd"})
            assertThat(bar.has(f)).isTrue();
        assertThat(sim.path("flip_points"))
                .allSatisfy(f -> assertThat(f.has("value")).isTrue());
    }

    @Test
    void withoutSimulateTheJsonHasNoSimulationField() throws IOException {
        JsonNode doc = json(CliRun.of("evaluate", SCENARIO, "-f", "json", "--as-of", "2026-12-01"));
        assertThat(doc.has("simulation")).isFalse();
    }

    /** Each flip point, set just below and just above in a plain evaluate, gives the two recommendations it names. */
    @Test
    void everyFlipPointSeparatesTheTwoRecommendationsItNames() throws IOException {
        Path scenario = closeCall();
        JsonNode sim = json(CliRun.of(
                        "evaluate", scenario.toString(), "--simulate", "20", "-f", "json", "--as-of", "2026-12-01"))
                .path("simulation");
        List<String> checked = new ArrayList<>();
        for (JsonNode f : sim.path("flip_points")) {
            String input = f.path("input").asText();
            if (f.path("value").isNull() || input.startsWith("factors.")) continue;
            JsonNode bar = null;
            for (JsonNode t : sim.path("tornado")) if (t.path("input").asText().equals(input)) bar = t;
            double width = bar.path("high").asDouble() - bar.path("low").asDouble();
            double v = f.path("value").asDouble();
            boolean whole = input.endsWith("_months");
            double delta = whole ? 0.5 : width * 1e-6;
            boolean above = f.path("direction").asText().equals("above");
            String from = f.path("from_option").asText(null);
            String to = f.path("to_option").asText(null);
            // a whole-month flip point is the first month with the new recommendation
            double below = whole ? (above ? v - 1 : v) : v - delta;
            double aboveValue = whole ? (above ? v : v + 1) : v + delta;
            assertThat(recommendedAt(scenario, input, below))
                    .as(input + " just below " + v)
                    .isEqualTo(above ? from : to);
            assertThat(recommendedAt(scenario, input, aboveValue))
                    .as(input + " just above " + v)
                    .isEqualTo(above ? to : from);
            checked.add(input + " " + f.path("direction").asText());
        }
        assertThat(checked).as("the scenario has flip points to check").hasSizeGreaterThanOrEqualTo(3);
    }

    /** The recommendation of a plain evaluate with one number of the scenario set to {@code value}. */
    private String recommendedAt(Path scenario, String path, double value) throws IOException {
        ObjectNode doc = (ObjectNode) YAML.readTree(scenario.toFile());
        doc.remove("uncertainty");
        String[] parts = path.split("\\.", -1);
        ObjectNode target = null;
        if (parts[0].equals("options")) {
            for (JsonNode o : doc.path("options"))
                if (o.path("id").asText().equals(parts[1])) target = (ObjectNode) o.path(parts[2]);
        } else {
            target = doc.withObjectProperty(parts[0]);
        }
        String key = parts[parts.length - 1];
        if (key.endsWith("_months")) target.put(key, (long) value);
        else target.put(key, value);
        Path file = dir.resolve("probe.yaml");
        YAML.writeValue(file.toFile(), doc);
        return json(CliRun.of("evaluate", file.toString(), "-f", "json", "--as-of", "2026-12-01"))
                .path("recommendation")
                .path("option")
                .asText(null);
    }

    @Test
    void aFailIfRuleOnTheShareOfDrawsFailsTheRunAfterTheReport() throws IOException {
        String scenario = closeCall().toString();
        CliRun run = CliRun.of(
                "evaluate", scenario, "--simulate", "200", "--as-of", "2026-12-01", "--fail-if", "p_cheapest < 0.8");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out()).contains("How sure is this?");
        assertThat(run.err()).contains("--fail-if 'p_cheapest < 0.8' breached: p_cheapest is ");
        CliRun passes = CliRun.of(
                "evaluate", scenario, "--simulate", "200", "--as-of", "2026-12-01", "--fail-if", "p_cheapest > 1");
        assertThat(passes.exitCode()).isZero();
    }

    @Test
    void simulationFlagsAndMetricsWithoutSimulateAreUsageErrors() {
        CliRun metric = CliRun.of("evaluate", SCENARIO, "--fail-if", "p_cheapest < 0.8");
        assertThat(metric.exitCode()).isEqualTo(2);
        assertThat(metric.err()).contains("p_cheapest needs --simulate N");
        CliRun seed = CliRun.of("evaluate", SCENARIO, "--seed", "3");
        assertThat(seed.exitCode()).isEqualTo(2);
        assertThat(seed.err()).contains("--seed needs --simulate N");
        CliRun zero = CliRun.of("evaluate", SCENARIO, "--simulate", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(CliRun.of("evaluate", SCENARIO, "--simulate", "many").exitCode())
                .isEqualTo(2);
    }

    @Test
    void everyFormatCarriesTheSimulation() throws IOException {
        CliRun run = CliRun.of(
                "evaluate",
                SCENARIO,
                "--simulate",
                "200",
                "-f",
                "table,md,html,json,xlsx,csv",
                "-o",
                dir.toString(),
                "--as-of",
                "2026-12-01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("support-bot-h100.txt")))
                .contains("How sure is this?", "P(cheapest)", "Tornado");
        assertThat(Files.readString(dir.resolve("support-bot-h100.md"))).contains("### How sure is this?", "| P95 |");
        String html = Files.readString(dir.resolve("support-bot-h100.html"));
        assertThat(html).contains("id=\"chart-tornado\"", "id=\"chart-tco-distribution\"", "<rect");
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve("support-bot-h100.xlsx")))) {
            var sheet = wb.getSheet("Simulation");
            assertThat(sheet).isNotNull();
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Option");
        }
    }

    @Test
    void aScenarioWithoutRangesSimulatesTheBaseAndSaysSo() throws IOException {
        JsonNode sim = json(CliRun.of(
                        "evaluate",
                        "scenarios/seed-example.yaml",
                        "--simulate",
                        "10",
                        "-f",
                        "json",
                        "--as-of",
                        "2026-11-24"))
                .path("simulation");
        assertThat(sim.path("recommendation_holds_share").asDouble()).isEqualTo(1.0);
        CliRun run = CliRun.of("evaluate", "scenarios/seed-example.yaml", "--simulate", "10", "--as-of", "2026-11-24");
        assertThat(run.err()).contains("no uncertainty: section");
    }

    @Test
    void versusPicksTheRivalAndIsCheckedLikeAnyFlag() throws IOException {
        String platform = "scenarios/platform-buy-rent-api.yaml";
        JsonNode sim = json(CliRun.of(
                        "evaluate", platform, "-f", "json", "--simulate", "20", "--versus", "h100-rented"))
                .path("simulation");
        assertThat(sim.path("rivals")).hasSize(1);
        assertThat(sim.path("rivals").get(0).path("option").asText()).isEqualTo("h100-rented");
        assertThat(sim.path("rivals").get(0).path("kind").asText()).isEqualTo("rented");

        CliRun unknown = CliRun.of("evaluate", platform, "--simulate", "20", "--versus", "h100-rentd");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--versus h100-rentd", "has no option 'h100-rentd'", "h100-rented");
        CliRun alone = CliRun.of("evaluate", platform, "--versus", "h100-rented");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--versus needs --simulate N");
    }

    @Test
    void theTableShowsPFeasibleBesidePCheapestAndATornadoPerRival() {
        CliRun run = CliRun.of("evaluate", "scenarios/platform-buy-rent-api.yaml", "--simulate", "20");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("P(cheapest) P(feasible)");
        assertThat(run.out())
                .contains("Tornado against hgx-bought, the best feasible owned option")
                .contains("Tornado against h100-rented, the best feasible rented option");
        assertThat(run.out().lines().filter(l -> l.contains("100.0%")).count())
                .as("each option's row ends with its P(feasible)")
                .isGreaterThanOrEqualTo(4);
    }
}
