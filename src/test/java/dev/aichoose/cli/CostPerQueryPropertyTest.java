package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aichoose.testing.Fixtures;
import dev.aichoose.testing.RandomScenarios;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For random valid scenarios, the JSON's and the CSV's {@code cost_per_query_usd} times all the
 * queries of the horizon gives back {@code tco_usd} to the cent (docs/reports.md, "Rounding").
 * The queries are counted here from the scenario, by methodology §2 (Q_m = Q × (1 + g)^(m − 1)),
 * not read back from the report.
 */
class CostPerQueryPropertyTest {
    private static final int SCENARIOS = 24;
    private static final BigDecimal TRILLION = new BigDecimal("1e12");

    @TempDir
    Path dir;

    @Test
    void costPerQueryTimesQueriesIsTheTcoToTheCent() throws IOException {
        RandomScenarios random = new RandomScenarios(2023, Fixtures.catalog());
        ObjectMapper json = new ObjectMapper();
        YAMLMapper yaml = new YAMLMapper();
        int checked = 0;
        int cents = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            String text = random.next();
            Path file = dir.resolve("s" + i + ".yaml");
            Files.writeString(file, text);
            Path out = dir.resolve("out" + i);
            CliRun run = CliRun.of(
                    "evaluate", file.toString(), "--as-of", "2026-11-24", "--format", "json,csv", "-o", out + "/");
            assertThat(run.exitCode()).as("%s%n%s", run.err(), text).isZero();
            JsonNode report = json.readTree(out.resolve("s" + i + ".json").toFile());
            JsonNode workload = yaml.readTree(text).get("workload");
            BigDecimal queries = queries(
                    workload.get("queries_per_month").asDouble(),
                    workload.get("monthly_growth").asDouble(),
                    report.get("horizon_months").asInt());
            List<String> csv = Files.readAllLines(out.resolve("s" + i + "-options.csv"));
            int column = List.of(csv.getFirst().split(",", -1)).indexOf("cost_per_query_usd");
            int tcoColumn = List.of(csv.getFirst().split(",", -1)).indexOf("tco_usd");
            assertThat(column).isNotNegative();
            for (JsonNode o : report.get("options")) {
                BigDecimal tco = o.get("tco_usd").decimalValue();
                BigDecimal perQuery = o.get("cost_per_query_usd").decimalValue();
                // a cent is within a double's precision up to about $10^13; past $10^12 the engine's
                // own sums carry no cent, and the figures agree to a part in 10^12 instead
                BigDecimal tolerance = tco.abs().compareTo(TRILLION) < 0
                        ? new BigDecimal("0.01")
                        : tco.abs().multiply(new BigDecimal("1e-12"));
                assertThat(perQuery.multiply(queries).subtract(tco).abs())
                        .as("%s: %s × %s queries against TCO %s%n%s", o.get("id"), perQuery, queries, tco, text)
                        .isLessThanOrEqualTo(tolerance);
                if (tco.abs().compareTo(TRILLION) < 0) cents++;
                String[] row = csv.stream()
                        .filter(l -> l.startsWith(o.get("id").asText() + ","))
                        .findFirst()
                        .orElseThrow()
                        .split(",", -1);
                assertThat(new BigDecimal(row[column]))
                        .as("CSV's cost per query")
                        .isEqualByComparingTo(perQuery);
                assertThat(new BigDecimal(row[tcoColumn])).as("CSV's TCO").isEqualByComparingTo(tco);
                checked++;
            }
        }
        assertThat(checked).as("options checked").isGreaterThan(SCENARIOS);
        assertThat(cents).as("options checked to the cent").isGreaterThan(SCENARIOS);
    }

    /** Σ Q × (1 + g)^(m − 1) over m = 1..H, in doubles as the engine sums them. */
    private static BigDecimal queries(double q, double g, int months) {
        double sum = 0;
        for (int m = 1; m <= months; m++) sum += q * Math.pow(1 + g, m - 1);
        return new BigDecimal(sum);
    }
}
