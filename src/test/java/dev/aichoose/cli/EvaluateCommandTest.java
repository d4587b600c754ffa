package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI, in-process: exit codes, what goes to stdout and what to stderr. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** {@code text} written to {@code name} and evaluated to JSON, which must succeed. */
    private CliRun evaluatedJson(String name, String text) throws IOException {
        CliRun run = CliRun.of("evaluate", write(name, text).toString(), "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    @Test
    void evaluatesTheSeedExampleAsATable() {
        CliRun run = CliRun.of("evaluate", "scenarios/seed-example.yaml", "--as-of", "2026-11-24");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Recommendation: OPEN SOURCE → rtx-4090-box", "$54,000", "$3,360", "month 1");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anOptionRunningMoreStreamsThanItsEngineDecodesByDefaultIsWarnedOfTheSetting() throws IOException {
        String scenario = """
                name: Ollama at four streams
                horizon_months: 12
                workload:
                  queries_per_month: 20000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 300
                options:
                  - id: box
                    self_hosted:
                      hardware: nvidia/rtx-4090
                      model: meta/llama-3.1-8b-instruct
                      quantization: q4_k_m
                      engine: %s
                %s
                """;
        CliRun four = evaluatedJson("four.yaml", scenario.formatted("ollama", "      concurrency: 4"));
        assertThat(four.err())
                .contains(
                        "aichoose: warning: box: ollama decodes 1 request at a time unless its server is told more: 4 "
                                + "streams need OLLAMA_NUM_PARALLEL=4 on each of its servers");
        JsonNode capacity =
                new ObjectMapper().readTree(four.out()).path("options").get(0).path("capacity");
        assertThat(capacity.path("estimate").path("streams").asInt()).isEqualTo(4);

        // one stream (the llama.cpp runners' default in an evaluation), or four on llama-server's four slots: nothing
        // to set
        for (String[] quiet : new String[][] {{"ollama", ""}, {"llama.cpp", "      concurrency: 4"}}) {
            CliRun run = evaluatedJson("quiet.yaml", scenario.formatted(quiet[0], quiet[1]));
            assertThat(run.err()).as(quiet[0]).doesNotContain("unless its server is told more");
        }
    }

    @Test
    void anOptionEstimatedOnAnEngineNoRunMeasuredOnItsMakersGpusIsWarned() throws IOException {
        String scenario = """
                name: A Mac serving with %s
                horizon_months: 12
                workload:
                  queries_per_month: 20000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 300
                options:
                  - id: mac
                    self_hosted:
                      hardware: apple/mac-studio-m2-ultra
                      model: meta/llama-3.1-8b-instruct
                      engine: %s
                """;
        CliRun vllm = evaluatedJson("vllm.yaml", scenario.formatted("vllm", "vllm"));
        assertThat(vllm.err())
                .contains("aichoose: warning: mac: no published run of vllm, nor of the engines that share its fitted "
                        + "figures (sglang, trt-llm), on Apple GPUs is in the table");
        CliRun llama = evaluatedJson("llama.yaml", scenario.formatted("llama.cpp", "llama.cpp"));
        assertThat(llama.err()).doesNotContain("no published run of");
    }

    @Test
    void jsonFollowsTheV1ContractAndWarningsGoToStderr() throws IOException {
        CliRun run = CliRun.of(
                "evaluate", "scenarios/prototype-low-volume.yaml", "--format", "json", "--as-of", "2026-11-24");
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("schema").asText()).isEqualTo("aichoose.evaluation/v1");
        assertThat(json.path("horizon_months").asInt()).isEqualTo(12);
        JsonNode option = json.path("options").get(0);
        for (String field : new String[] {
            "id",
            "kind",
            "feasible",
            "problems",
            "upfront_usd",
            "monthly",
            "total_cash_usd",
            "salvage_usd",
            "tco_usd",
            "npv_usd",
            "cost_per_query_usd",
            "capacity"
        }) {
            assertThat(option.has(field)).as(field).isTrue();
        }
        assertThat(json.path("breakeven").get(0).has("month")).isTrue();
        assertThat(json.path("recommendation").path("verdict").asText()).isEqualTo("closed");
        assertThat(json.path("recommendation").path("questions")).hasSize(5);
        assertThat(run.err()).contains("aichoose: warning: rtx-4090-box: throughput is the serving model's estimate");
    }

    @Test
    void writesTheReportToAFile() throws IOException {
        Path out = dir.resolve("report.json");
        CliRun run = CliRun.of("evaluate", "scenarios/seed-example.yaml", "-f", "json", "-o", out.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(out.toFile()).path("schema").asText())
                .isEqualTo("aichoose.evaluation/v1");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aBadScenarioExitsThreeWithEveryProblemLocated() throws IOException {
        Path file = write("bad.yaml", """
                name: t
                workload: {queries_per_month: -1, input_tokens_per_query: 1, output_tokens_per_query: 1}
                options:
                  - {id: a, api: {model: openai/gpt-4o}}
                """);
        CliRun run = CliRun.of("evaluate", file.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines())
                .containsExactly(
                        file + ":2:31: workload.queries_per_month: must be between 1 and 1000000000000, got -1",
                        file
                                + ":4:26: options[a].api.model: unknown catalog id 'openai/gpt-4o' (did you mean 'openai/gpt-4'?) "
                                + "(or give input_usd_per_mtok and output_usd_per_mtok inline); 'aichoose catalog list' shows the ids");
    }

    @Test
    void aMissingFileIsInvalidInputNotACrash() {
        CliRun run = CliRun.of("evaluate", "no/such.yaml");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("no/such.yaml: no such scenario file" + System.lineSeparator());
    }

    @Test
    void aBadFlagValueIsAUsageError() {
        CliRun run = CliRun.of("evaluate", "scenarios/seed-example.yaml", "--format", "pdf");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--format'", "Try 'aichoose evaluate --help'");
        CliRun date = CliRun.of("evaluate", "scenarios/seed-example.yaml", "--as-of", "yesterday");
        assertThat(date.exitCode()).isEqualTo(2);
        assertThat(date.err()).doesNotContain("Exception\n\tat ");
    }

    @Test
    void aBrokenPriceBookExitsThree() throws IOException {
        write(
                "prices.yaml",
                "api_models:\n  - {id: x/y, provider: x, input_usd_per_mtok: 15000, output_usd_per_mtok: 1,"
                        + " as_of: 2026-01-01, source: s}\n");
        CliRun run = CliRun.of("evaluate", "scenarios/seed-example.yaml", "--pricing", dir.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("prices.yaml:2:48: api_models[x/y].input_usd_per_mtok: must be between 0 and 1000");
    }

    @Test
    void aPriceBookChangesTheResult() throws IOException {
        write("prices.yaml", """
                gpus:
                  - {id: nvidia/rtx-4090, name: RTX 4090 (our supplier), class: consumer, price_usd: 1000, vram_gb: 24,
                     memory_bandwidth_gbps: 1008, bf16_dense_tflops: 165.2, tdp_w: 450, host: host/desktop-1gpu,
                     as_of: 2026-11-01, source: quote 42}
                """);
        CliRun run = CliRun.of(
                "evaluate",
                "scenarios/prototype-low-volume.yaml",
                "--pricing",
                dir.toString(),
                "--as-of",
                "2026-11-24");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("rtx-4090-box +self-hosted +\\$2,400 ")
                .contains("nvidia/rtx-4090 (2026-11-01): quote 42");
    }

    @Test
    void validateChecksWithoutComputing() throws IOException {
        CliRun ok = CliRun.of("validate", "scenarios/seed-example.yaml", "scenarios/newcomer-defaults.yaml");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out())
                .contains(
                        "scenarios/seed-example.yaml: ok: Startup assistant (seed example), 12 months, 2 options",
                        "scenarios/newcomer-defaults.yaml: ok: Internal knowledge assistant (default options), 36 months, "
                                + "the default option set");
        Path bad = write("bad.yaml", "name: t\n");
        CliRun fail = CliRun.of("validate", "scenarios/seed-example.yaml", bad.toString());
        assertThat(fail.exitCode()).isEqualTo(3);
        assertThat(fail.err()).contains("bad.yaml:1:1: missing required field 'workload'");
    }

    @Test
    void catalogListFiltersByKind() {
        CliRun run = CliRun.of("catalog", "list", "--kind", "cloud");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("runpod/h100-sxm").doesNotContain("openai/gpt-4 ");
    }

    @Test
    void everyCommandHasHelpAndCompletionIsGenerated() {
        for (String[] args : new String[][] {
            {"--help"}, {"evaluate", "--help"}, {"validate", "--help"}, {"catalog", "list", "--help"}
        }) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: aichoose");
        }
        CliRun completion = CliRun.of("generate-completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).contains("complete -F");
    }

    @Test
    void anUnwritableOutputIsAnOutputFailureNotACrash() throws IOException {
        Path blocker = write("file", "not a directory");
        CliRun run = CliRun.of(
                "evaluate",
                "scenarios/seed-example.yaml",
                "-o",
                blocker.resolve("report.json").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OUTPUT_FAILURE.code());
        assertThat(run.err())
                .startsWith("aichoose: cannot write " + blocker.resolve("report.json"))
                .doesNotContain("internal error");
        CliRun bench = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:9",
                "--api",
                "ollama",
                "--model",
                "m",
                "--requests",
                "1",
                "-o",
                blocker.resolve("r.json").toString());
        // the bench finds out before its first request, with the same exit as every other command's output
        assertThat(bench.exitCode()).isEqualTo(ExitCode.OUTPUT_FAILURE.code());
        assertThat(bench.err()).startsWith("aichoose: cannot write " + blocker.resolve("r.json"));
    }

    @Test
    void aScenarioWithoutTrafficIsRejected() throws IOException {
        Path file = write(
                "zero.yaml",
                "name: t\nworkload: {queries_per_month: 0, input_tokens_per_query: 1, output_tokens_per_query: 1}\n");
        CliRun run = CliRun.of("evaluate", file.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("workload.queries_per_month: must be between 1 and");
    }
}
