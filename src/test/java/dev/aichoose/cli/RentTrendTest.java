package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code catalog trend skypilot} over three dated snapshots (src/test/resources/catalog/skypilot/trend:
 * the trimmed Lambda file with its prices times 1, 0.9 and 0.8, the H100 PCIe held at $2.49), and
 * the range it writes read back by a scenario.
 *
 * <p>By hand: t = 0, 182/365.25 = 0.498289, 365/365.25 = 0.999316 years; ln(median) falls by ln 0.9
 * and ln 0.8. The least-squares slope is b = Σ(t−t̄)(y−ȳ)/Σ(t−t̄)² = −0.2233072 a year, so the
 * annual change is e^b − 1 = −20.0131 %; the residuals give s² = 2.3286e-5 and se(b) = 0.0068238; with
 * Student's t(0.95, 1 df) = 6.313752 the 90 % interval is e^(b ∓ t·se) − 1 = −23.3861 % to −16.4916 %.
 * The H100 SXM median at the first date is the mean of the middle two of 3.29, 3.19, 3.09, 2.99: 3.14.
 */
class RentTrendTest {
    static final Path TREND = Path.of("src/test/resources/catalog/skypilot/trend");

    @TempDir
    Path dir;

    /** A catalog checkout with the three snapshots as three commits, each dated as its folder. */
    private String[] revisions() throws Exception {
        Path repo = dir.resolve("skypilot-catalog");
        Path file = repo.resolve("catalogs/v7/lambda/vms.csv");
        Files.createDirectories(file.getParent());
        GitRepo.init(repo);
        String[] revs = new String[3];
        String[] dates = {"2026-01-01", "2026-07-02", "2027-01-01"};
        for (int i = 0; i < 3; i++) {
            Files.copy(TREND.resolve(dates[i] + "/lambda/vms.csv"), file, StandardCopyOption.REPLACE_EXISTING);
            revs[i] = repo.resolve("catalogs/v7") + "@" + GitRepo.commit(repo, dates[i] + "T12:00:00Z");
        }
        return revs;
    }

    @Test
    void threeRevisionsGiveTheHandComputedChangeAndInterval() throws Exception {
        String[] revs = revisions();
        Path out = dir.resolve("trend.yaml");
        CliRun run = CliRun.of(
                "catalog", "trend", "skypilot", revs[2], revs[0], revs[1], "-f", "json", "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("\"schema\" : \"aichoose.rent-trend/v1\"")
                // sorted by the commits' dates, whatever the order given
                .containsSubsequence(
                        "\"date\" : \"2026-01-01\"", "\"date\" : \"2026-07-02\"", "\"date\" : \"2027-01-01\"")
                .containsSubsequence(
                        "\"gpu\" : \"nvidia/h100-sxm\"",
                        "\"median_usd_per_gpu_hour\" : 3.14,",
                        "\"offers\" : 4",
                        "\"median_usd_per_gpu_hour\" : 2.826,",
                        "\"median_usd_per_gpu_hour\" : 2.512,",
                        "\"annual_change\" : -0.2001308947819",
                        "\"low\" : -0.23386062848",
                        "\"high\" : -0.16491618983")
                .containsSubsequence("\"gpu\" : \"nvidia/h100-pcie\"", "\"annual_change\" : 0,", "\"low\" : 0,");
        assertThat(Files.readString(out))
                .contains(
                        "- {gpu: \"nvidia/h100-sxm\", tier: on_demand, dates: 3, annual_change: -0.200131, low: -0.233861, high: -0.164916}");

        CliRun table = CliRun.of("catalog", "trend", "skypilot", revs[0], revs[1], revs[2]);
        assertThat(table.out())
                .containsPattern("nvidia/h100-sxm +on_demand +3.1400 +2.8260 +2.5120 +-20.0% +-23.4% +-16.5%");
        CliRun html = CliRun.of("catalog", "trend", "skypilot", revs[0], revs[1], revs[2], "-f", "html");
        assertThat(html.out())
                .contains("<svg")
                .contains("<td>nvidia/h100-sxm</td>")
                .contains("<td>-20.0%</td>");
    }

    @Test
    void plainFilesAreDatedByHandAndTwoDatesGiveNoInterval() {
        CliRun two = CliRun.of(
                "catalog",
                "trend",
                "skypilot",
                TREND.resolve("2026-01-01") + "=2026-01-01",
                TREND.resolve("2027-01-01") + "=2027-01-01",
                "-f",
                "json");
        assertThat(two.exitCode()).as(two.err()).isZero();
        // two points: the line through them, ln 0.8 over 365/365.25 years, and no interval
        assertThat(two.out())
                .containsSubsequence("\"gpu\" : \"nvidia/h100-sxm\"", "\"annual_change\" : -0.2001", "\"low\" : null");
        CliRun undated = CliRun.of(
                "catalog", "trend", "skypilot", TREND.resolve("2026-01-01").toString());
        assertThat(undated.exitCode()).isEqualTo(2);
        assertThat(undated.err()).contains("has no date: give PATH=YYYY-MM-DD, or PATH@REV");
    }

    @Test
    void aScenarioTakesItsRentDoubtFromTheTrend() throws Exception {
        Path trend = dir.resolve("trend.yaml");
        CliRun t = CliRun.of(
                "catalog",
                "trend",
                "skypilot",
                TREND.resolve("2026-01-01") + "=2026-01-01",
                TREND.resolve("2026-07-02") + "=2026-07-02",
                TREND.resolve("2027-01-01") + "=2027-01-01",
                "-o",
                trend.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, """
                name: rent doubt from observed prices
                horizon_months: 24
                workload: {queries_per_month: 200000, input_tokens_per_query: 500, output_tokens_per_query: 200}
                options:
                  - id: h100
                    rented: {offer: lambda/h100-sxm-reserved, model: meta/llama-3.1-8b-instruct}
                  - id: mini
                    api: {model: openai/gpt-5-mini}
                uncertainty:
                  assumptions.gpu_rent_change_annual: {from_trend: trend.yaml, gpu: nvidia/h100-sxm}
                """);
        CliRun run =
                CliRun.of("evaluate", scenario.toString(), "--as-of", "2026-12-06", "--simulate", "100", "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsSubsequence(
                        "\"input\" : \"assumptions.gpu_rent_change_annual\"",
                        "\"low\" : -0.233861",
                        "\"high\" : -0.164916");

        Files.writeString(scenario, Files.readString(scenario).replace("gpu: nvidia/h100-sxm", "gpu: nvidia/b200"));
        CliRun missing = CliRun.of("validate", scenario.toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err())
                .contains("has no trend for nvidia/b200 on_demand (it has: nvidia/a100-40gb-sxm on_demand");
        Files.writeString(
                scenario,
                Files.readString(scenario)
                        .replace(
                                "assumptions.gpu_rent_change_annual: {from_trend",
                                "assumptions.api_price_change_annual: {from_trend"));
        CliRun wrongPath = CliRun.of("validate", scenario.toString());
        assertThat(wrongPath.exitCode()).isEqualTo(3);
        assertThat(wrongPath.err()).contains("a rent trend is a range for assumptions.gpu_rent_change_annual only");
    }
}
