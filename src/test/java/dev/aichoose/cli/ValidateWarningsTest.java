package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} says the warnings {@code evaluate} would give about the inputs, with their positions. */
class ValidateWarningsTest {
    @TempDir
    Path dir;

    private static List<String> warnings(String err) {
        return err.lines().filter(l -> l.startsWith("aichoose: warning: ")).toList();
    }

    @Test
    void anImplausibleScenarioPriceWarnsAtItsLineInValidateAndEvaluate() throws IOException {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, """
                name: t
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                options:
                  - id: x
                    api:
                      model: openai/gpt-5-mini
                      input_usd_per_mtok: 0.00000025
                      output_usd_per_mtok: 2
                  - id: h100
                    rented: {offer: runpod/h100-sxm, usd_per_gpu_hour: 0.0015, model: meta/llama-3.1-8b-instruct}
                """);
        CliRun validate = CliRun.of("validate", scenario.toString(), "--as-of", "2026-12-01");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains(scenario + ": ok: t, 36 months, 2 options");
        assertThat(warnings(validate.err()))
                .contains(
                        "aichoose: warning: " + scenario
                                + ":7:27: options[x].api.input_usd_per_mtok: $0.00000025 per million "
                                + "tokens is implausibly low: is it a per-token price? (per million it would be $0.25)",
                        "aichoose: warning: " + scenario + ":10:56: options[h100].rented.usd_per_gpu_hour: $0.0015 per "
                                + "GPU-hour is implausibly low");
        CliRun evaluate = CliRun.of("evaluate", scenario.toString(), "--as-of", "2026-12-01", "-f", "json");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(warnings(evaluate.err())).containsAll(warnings(validate.err()));
    }

    @Test
    void staleCatalogPricesWarnInValidateAsInEvaluate() {
        // a year and a half on, the catalog prices support-bot-h100 takes are stale
        CliRun validate = CliRun.of("validate", "scenarios/support-bot-h100.yaml", "--as-of", "2028-06-01");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        List<String> said = warnings(validate.err());
        assertThat(said)
                .anyMatch(w -> w.startsWith("aichoose: warning: catalog entry openai/gpt-5-mini is ")
                        && w.contains("days old")
                        && w.contains("aichoose catalog import litellm FILE -o prices.yaml"));
        assertThat(said).anyMatch(w -> w.startsWith("aichoose: warning: catalog entry runpod/h100-sxm is "));
        CliRun evaluate =
                CliRun.of("evaluate", "scenarios/support-bot-h100.yaml", "--as-of", "2028-06-01", "-f", "json");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(warnings(evaluate.err())).containsAll(said);
        // on a date the catalog is fresh for (its oldest price it takes, lambda/h100-sxm, is of 2026-01-01),
        // there is nothing to say
        CliRun fresh = CliRun.of("validate", "scenarios/support-bot-h100.yaml", "--as-of", "2026-06-25");
        assertThat(warnings(fresh.err())).noneMatch(w -> w.contains("days old"));
    }

    @Test
    void catalogWarningsAreSaidOnceWithTheirPosition() throws IOException {
        Path book = dir.resolve("book.yaml");
        Files.writeString(book, """
                api_models:
                  - id: acme/chat
                    provider: acme
                    input_usd_per_mtok: 0.00000025
                    output_usd_per_mtok: 2
                    as_of: 2026-11-01
                    source: "acme price page"
                """);
        CliRun run = CliRun.of(
                "validate",
                "scenarios/seed-example.yaml",
                "scenarios/newcomer-defaults.yaml",
                "--pricing",
                book.toString(),
                "--as-of",
                "2026-12-01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String expected = "aichoose: warning: " + book + ":4:25: api_models[acme/chat].input_usd_per_mtok: $0.00000025 "
                + "per million tokens is implausibly low: is it a per-token price? (per million it would be $0.25)";
        assertThat(warnings(run.err())).containsOnlyOnce(expected);
        CliRun evaluate = CliRun.of(
                "evaluate",
                "scenarios/seed-example.yaml",
                "--pricing",
                book.toString(),
                "--as-of",
                "2026-12-01",
                "-f",
                "json");
        assertThat(warnings(evaluate.err())).contains(expected);
    }
}
