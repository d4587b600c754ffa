package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --fail-if} end to end: exit codes, messages, and reports written before a breach. */
class FailIfTest {
    static final String SEED = "scenarios/seed-example.yaml";
    static final String AS_OF = "2026-11-24";

    @Test
    void aBreachExitsFiveNamingTheRuleAndTheValueAfterWritingTheReports(@TempDir Path dir) {
        CliRun run = CliRun.of(
                "evaluate",
                SEED,
                "--as-of",
                AS_OF,
                "--format",
                "md,json",
                "-o",
                dir.toString(),
                "--fail-if",
                "tco_usd > 1_000");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("--fail-if 'tco_usd > 1_000' breached: tco_usd is $1,360 (rtx-4090-box)");
        assertThat(dir.resolve("seed-example.md")).isNotEmptyFile();
        assertThat(dir.resolve("seed-example.json")).isNotEmptyFile();
    }

    @Test
    void monthlyCostIsBreachedByAnyMonth() {
        // month 1 carries the $3,000 purchase; every later month costs $30
        CliRun run = CliRun.of(
                "evaluate", SEED, "--as-of", AS_OF, "--format", "json", "--fail-if", "monthly_cost_usd > 2_000");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("monthly_cost_usd is $3,030 (rtx-4090-box, month 1)");
        assertThat(run.out()).contains("\"schema\"");
    }

    @Test
    void rulesThatHoldExitZero() {
        CliRun run = CliRun.of(
                "evaluate",
                SEED,
                "--as-of",
                AS_OF,
                "--format",
                "md",
                "--fail-if",
                "tco_usd > 50_000",
                "--fail-if",
                "cost_per_query_usd >= 0.01,monthly_cost_usd > 5000");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Recommended option: **rtx-4090-box**");
    }

    @Test
    void severalBreachesAreAllNamed() {
        CliRun run = CliRun.of(
                "evaluate", SEED, "--as-of", AS_OF, "--fail-if", "tco_usd > 1000", "--fail-if", "upfront_usd >= 3000");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("'tco_usd > 1000' breached").contains("'upfront_usd >= 3000' breached");
    }

    @Test
    void anUnknownMetricIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.of("evaluate", SEED, "--fail-if", "tco > 5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .contains("unknown metric 'tco' (did you mean 'tco_usd' or 'tco_p95_usd'?)");
        assertThat(run.err()).doesNotContain("at dev.aichoose");
    }

    @Test
    void badSyntaxIsAUsageError() {
        CliRun run = CliRun.of("evaluate", SEED, "--fail-if", "tco_usd >> 5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected METRIC OP NUMBER");
    }

    @Test
    void helpListsEveryMetric() {
        assertThat(CliRun.of("evaluate", "--help").out().replaceAll("\\s+", " "))
                .contains(dev.aichoose.rules.Metrics.EVALUATE);
        assertThat(CliRun.of("diff", "--help").out().replaceAll("\\s+", " ")).contains(dev.aichoose.rules.Metrics.DIFF);
    }

    @Test
    void xlsxWithoutAFileIsAUsageError() {
        CliRun run = CliRun.of("evaluate", SEED, "--format", "xlsx");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("xlsx is binary and is not printed").contains("-o");
    }

    @Test
    void severalFormatsWithoutADirectoryIsAUsageError() {
        CliRun run = CliRun.of("evaluate", SEED, "--format", "md,json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("need a directory");
    }

    @Test
    void everyFormatIntoADirectoryNamedAfterTheScenario(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(
                "evaluate", SEED, "--as-of", AS_OF, "--format", "table,json,md,html,csv,xlsx", "-o", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f : new String[] {
            "seed-example.txt",
            "seed-example.json",
            "seed-example.md",
            "seed-example.html",
            "seed-example-options.csv",
            "seed-example-monthly.csv",
            "seed-example-classes.csv",
            "seed-example.xlsx"
        }) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(8);
        }
    }

    @Test
    void aPathEndingInASlashIsADirectory(@TempDir Path dir) {
        Path reports = dir.resolve("reports");
        CliRun run = CliRun.of("evaluate", SEED, "--as-of", AS_OF, "--format", "csv", "-o", reports + "/");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(reports.resolve("seed-example-options.csv")).isNotEmptyFile();
        assertThat(reports.resolve("seed-example-monthly.csv")).isNotEmptyFile();
    }

    @Test
    void severalFormatsIntoAnExistingFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("report.md"), "old");
        CliRun run = CliRun.of("evaluate", SEED, "--format", "md,json", "-o", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is a file");
        assertThat(file).hasContent("old");
    }

    @Test
    void oneFormatToANamedFile(@TempDir Path dir) {
        Path file = dir.resolve("budget.xlsx");
        CliRun run = CliRun.of("evaluate", SEED, "--as-of", AS_OF, "--format", "xlsx", "-o", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(file).isNotEmptyFile();
    }

    @Test
    void withNoFeasibleOptionARuleCannotHoldAndExitsFiveAfterWritingEveryReport(@TempDir Path dir) throws IOException {
        // offline, and the only option is an API
        Path scenario = dir.resolve("none.yaml");
        Files.writeString(scenario, """
                name: nothing feasible
                workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
                profile: {offline_required: true}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                """);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of(
                "evaluate",
                scenario.toString(),
                "--as-of",
                AS_OF,
                "--format",
                "table,json,md,html,csv,xlsx",
                "-o",
                out + "/",
                "--fail-if",
                "tco_usd > 1_000");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err())
                .contains("--fail-if 'tco_usd > 1_000' cannot be checked: no option is feasible, so there "
                        + "is no recommended option to measure");
        assertThat(Files.readString(out.resolve("none.json"))).contains("\"option\" : null");
        assertThat(Files.readString(out.resolve("none.txt")))
                .contains(
                        "Recommendation: OPEN SOURCE: no feasible option",
                        "offline operation is required, and an API is reached over the internet");
        assertThat(out.resolve("none.xlsx")).isNotEmptyFile();
    }
}
