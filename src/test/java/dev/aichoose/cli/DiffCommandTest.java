package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aichoose diff} end to end: scenario files, git revisions, JSON reports, formats and exit codes. */
class DiffCommandTest {
    static final String AS_OF = "2026-11-24";

    /** The seed example with the API's prices cut to a fiftieth: the API wins, the verdict flips. */
    static Path cheaperApi(Path dir) throws IOException {
        String seed = Files.readString(Path.of("scenarios/seed-example.yaml"));
        Path file = dir.resolve("cheaper.yaml");
        Files.writeString(
                file,
                seed.replace(
                        "input_usd_per_mtok: 30, output_usd_per_mtok: 60",
                        "input_usd_per_mtok: 0.6, output_usd_per_mtok: 1.2"));
        return file;
    }

    @Test
    void twoScenarioFilesShowEveryChangeAndTheFlippedVerdict(@TempDir Path dir) throws IOException {
        CliRun run =
                CliRun.of("diff", "scenarios/seed-example.yaml", cheaperApi(dir).toString(), "--as-of", AS_OF);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Verdict: open source → closed (changed)")
                .contains("Recommended option: rtx-4090-box → gpt-4 (changed)")
                .contains("$54,000")
                .contains("$1,080")
                .contains("-98.0%");
        assertThat(run.out())
                .containsPattern("rtx-4090-box +gpt-4 +month 1 +none +changed")
                .contains("Why: gpt-4 now costs less: TCO $1,080 against $1,360 for rtx-4090-box");
    }

    /** The three formats of one diff, against golden files (-Dgolden.update=true rewrites them). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"table", "md", "json"})
    void formatsMatchGolden(String format) throws IOException {
        CliRun run = CliRun.of(
                "diff",
                "scenarios/seed-example.yaml",
                "src/test/resources/diff/seed-cheaper-api.yaml",
                "--as-of",
                AS_OF,
                "--format",
                format);
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path golden = Path.of("src/test/resources/golden/diff/seed-cheaper-api." + format.replace("table", "txt"));
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, run.out());
        }
        assertThat(run.out()).isEqualTo(Files.readString(golden));
    }

    @Test
    void aBudgetRuleOnTheChangeExitsFive(@TempDir Path dir) throws IOException {
        Path cheaper = cheaperApi(dir);
        // A = cheaper API, B = the seed: the recommended plan goes from $1,080 (gpt-4) to $1,360 (rtx-4090-box)
        CliRun run = CliRun.of(
                "diff",
                cheaper.toString(),
                "scenarios/seed-example.yaml",
                "--as-of",
                AS_OF,
                "--fail-if",
                "tco_change_pct > 10");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err())
                .contains("--fail-if 'tco_change_pct > 10' breached: tco_change_pct is +25.9%")
                .contains("gpt-4 → rtx-4090-box");
        assertThat(run.out()).contains("Verdict: closed → open source (changed)");

        CliRun verdict = CliRun.of(
                "diff",
                cheaper.toString(),
                "scenarios/seed-example.yaml",
                "--as-of",
                AS_OF,
                "--fail-if",
                "verdict_changed == 1");
        assertThat(verdict.exitCode()).isEqualTo(5);
        CliRun holds = CliRun.of(
                "diff",
                cheaper.toString(),
                "scenarios/seed-example.yaml",
                "--as-of",
                AS_OF,
                "--fail-if",
                "tco_change_usd > 1_000");
        assertThat(holds.exitCode()).as(holds.err()).isZero();
    }

    @Test
    void anEvaluationJsonReportDiffsAgainstItsScenarioAsNoChange(@TempDir Path dir) {
        Path report = dir.resolve("seed.json");
        assertThat(CliRun.of(
                                "evaluate",
                                "scenarios/seed-example.yaml",
                                "--as-of",
                                AS_OF,
                                "--format",
                                "json",
                                "-o",
                                report.toString())
                        .exitCode())
                .isZero();
        CliRun run = CliRun.of(
                "diff",
                report.toString(),
                "scenarios/seed-example.yaml",
                "--as-of",
                AS_OF,
                "--format",
                "json",
                "--fail-if",
                "tco_change_usd > 0.01,tco_change_usd < -0.01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"schema\" : \"aichoose.diff/v1\"").contains("\"verdict_changed\" : false");
    }

    @Test
    void jsonCarriesAbsoluteAndPercentageChanges(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(
                "diff",
                "scenarios/seed-example.yaml",
                cheaperApi(dir).toString(),
                "--as-of",
                AS_OF,
                "--format",
                "json");
        assertThat(run.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode gpt = root.get("options").get(0);
        assertThat(gpt.get("id").asText()).isEqualTo("gpt-4");
        assertThat(gpt.get("tco_before_usd").asDouble()).isEqualTo(54_000.0);
        assertThat(gpt.get("tco_after_usd").asDouble()).isCloseTo(1_080.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(gpt.get("tco_change_pct").asDouble()).isCloseTo(-98.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(root.get("recommendation").get("verdict_changed").asBoolean())
                .isTrue();
        assertThat(root.get("breakeven").get(0).get("month_before").asInt()).isEqualTo(1);
        assertThat(root.get("breakeven").get(0).get("month_after").isNull()).isTrue();
    }

    @Test
    void markdownForAPullRequestComment(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(
                "diff", "scenarios/seed-example.yaml", cheaperApi(dir).toString(), "--as-of", AS_OF, "--format", "md");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("## Changes from")
                .contains("| Option | Feasible | TCO before |")
                .contains("| ---: |");
    }

    @Test
    void aScenarioAtAGitRevision(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("scenarios"));
        Path file = repo.resolve("scenarios/plan.yaml");
        Files.copy(Path.of("scenarios/seed-example.yaml"), file);
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "v1");
        Files.writeString(file, Files.readString(cheaperApi(dir)));

        CliRun run = CliRun.of("diff", file + "@HEAD", file.toString(), "--as-of", AS_OF);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Changes from " + file + "@HEAD to " + file)
                .contains("Verdict: open source → closed (changed)");

        CliRun missing = CliRun.of("diff", file + "@no-such-rev", file.toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains(file + "@no-such-rev: git show no-such-rev:./plan.yaml failed");
    }

    @Test
    void aMissingFileIsAnInputError() {
        CliRun run = CliRun.of("diff", "no/such.yaml", "scenarios/seed-example.yaml");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no/such.yaml: no such file");
    }

    @Test
    void anEvaluateMetricInDiffIsAUsageErrorPointingAtTheChange() {
        CliRun run = CliRun.of(
                "diff", "scenarios/seed-example.yaml", "scenarios/seed-example.yaml", "--fail-if", "tco_usd > 5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("did you mean 'tco_change_usd'?");
    }

    @Test
    void aBadReportIsAnInputErrorWithItsLocation(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"schema\": \"aichoose.evaluation/v1\",\n  \"horizon_months\": \"x\"\n}\n");
        CliRun run = CliRun.of("diff", bad.toString(), "scenarios/seed-example.yaml");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains(bad + ":3:").contains("horizon_months");
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void aSideWithNoFeasibleOptionIsReportedNotACrash(@TempDir Path dir) throws IOException {
        Path none = dir.resolve("none.yaml");
        Files.writeString(none, """
                name: nothing feasible
                workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
                profile: {offline_required: true}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                """);
        for (String format : new String[] {"table", "md", "json"}) {
            CliRun run = CliRun.of(
                    "diff",
                    none.toString(),
                    "scenarios/seed-example.yaml",
                    "--as-of",
                    "2026-11-24",
                    "--format",
                    format);
            assertThat(run.exitCode()).as(format + ": " + run.err()).isZero();
        }
        CliRun table = CliRun.of("diff", none.toString(), "scenarios/seed-example.yaml", "--as-of", "2026-11-24");
        assertThat(table.out())
                .contains(
                        "Recommended option: no feasible option → rtx-4090-box (changed)",
                        "Recommended plan's TCO: none → $1,360");
    }

    /** A hybrid that sends a class to another leg: each moved class, from a report read back and in every format. */
    @Test
    void aRoutingChangeNamesTheClassAndBothLegs(@TempDir Path dir) throws IOException {
        Path before = dir.resolve("before.json");
        assertThat(CliRun.of("evaluate", "scenarios/legal-hybrid.yaml", "--as-of", AS_OF, "-o", before.toString())
                        .exitCode())
                .isZero();
        String legal = Files.readString(Path.of("scenarios/legal-hybrid.yaml"));
        Path after = dir.resolve("after.yaml");
        Files.writeString(
                after,
                legal.replace(
                        "{class: default, option: gpt-5-mini}", "{class: default, option: rtx-5090-workstation}"));
        CliRun table = CliRun.of("diff", before.toString(), after.toString(), "--as-of", AS_OF);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("Routing: classes a hybrid now sends to another leg")
                .contains("  legal-split: default gpt-5-mini → rtx-5090-workstation")
                .doesNotContain("auto-split: ");
        CliRun md = CliRun.of("diff", before.toString(), after.toString(), "--as-of", AS_OF, "-f", "md");
        assertThat(md.out()).contains("### Routing\n\n- legal-split: default gpt-5-mini → rtx-5090-workstation\n");
        CliRun json = CliRun.of("diff", before.toString(), after.toString(), "--as-of", AS_OF, "-f", "json");
        JsonNode options = new ObjectMapper().readTree(json.out()).get("options");
        JsonNode split = null;
        for (JsonNode o : options) if (o.get("id").asText().equals("legal-split")) split = o;
        assertThat(split).isNotNull();
        assertThat(split.get("routing_changes").toString())
                .isEqualTo("[{\"class\":\"default\",\"before\":\"gpt-5-mini\",\"after\":\"rtx-5090-workstation\"}]");
        for (JsonNode o : options) {
            if (!o.get("id").asText().equals("legal-split"))
                assertThat(o.has("routing_changes")).isFalse();
        }
        // the same scenario on both sides: no routing section
        CliRun same = CliRun.of("diff", before.toString(), "scenarios/legal-hybrid.yaml", "--as-of", AS_OF);
        assertThat(same.out()).doesNotContain("Routing");
    }

    /** With routes: auto, a class aichoose now sends elsewhere because the inputs changed is a routing change too. */
    @Test
    void anAutomaticRoutingThatMovesAClassIsReported(@TempDir Path dir) throws IOException {
        String legal = Files.readString(Path.of("scenarios/legal-hybrid.yaml"));
        Path busier = dir.resolve("busier.yaml");
        // ten times the volume: the two cards no longer carry the default class as well as client documents
        Files.writeString(busier, legal.replace("queries_per_month: 60000", "queries_per_month: 600000"));
        CliRun table = CliRun.of("diff", "scenarios/legal-hybrid.yaml", busier.toString(), "--as-of", AS_OF);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("Routing: classes a hybrid now sends to another leg")
                .contains("  auto-split: default rtx-5090-workstation → gpt-5-mini")
                .doesNotContain("legal-split: ");
    }
}
