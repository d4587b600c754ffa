package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aichoose.bench.ScriptedServer;
import dev.aichoose.bench.Transcript;
import dev.aichoose.load.BenchResultReader;
import dev.aichoose.model.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bench result measured by the real harness sizes an option's capacity in evaluate. */
class BenchToEvaluateTest {
    @TempDir
    Path dir;

    Path result;

    @BeforeEach
    void measure() {
        // the first content leaves 5 ms after the request, so no run meets a 1 ms first-token target on any machine
        result = dir.resolve("box.json");
        try (ScriptedServer server =
                ScriptedServer.start(Transcript.load("openai-vllm.sse").timed(2, 11, 5, 0))) {
            CliRun run = CliRun.of(
                    "bench",
                    "--endpoint",
                    server.uri().toString(),
                    "--api",
                    "openai",
                    "--model",
                    "meta-llama/Llama-3.1-8B-Instruct",
                    "--concurrency",
                    "1,2",
                    "--requests",
                    "4",
                    "--input-tokens",
                    "50",
                    "--output-tokens",
                    "10",
                    "-o",
                    result.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    private Path scenario(String slo, String throughput) throws IOException {
        return Files.writeString(dir.resolve("s.yaml"), """
                name: measured box
                horizon_months: 12
                workload:
                  queries_per_month: 1000
                  input_tokens_per_query: 50
                  output_tokens_per_query: 10
                  %s
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, model: meta/llama-3.1-8b-instruct %s}
                """.formatted(slo, throughput));
    }

    @Test
    void aScenarioOptionPointsAtABenchResult() throws IOException {
        double measured = BenchResultReader.read(result)
                .chosenRun(Workload.LatencySlo.NONE)
                .orElseThrow()
                .outputTokensPerSecond();
        CliRun run = CliRun.of("evaluate", scenario("", ", bench: box.json").toString(), "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode box = new ObjectMapper().readTree(run.out()).path("options").get(1);
        assertThat(box.path("capacity").path("source").asText()).isEqualTo("bench");
        assertThat(box.path("capacity").path("available_tokens_per_second").asDouble())
                .isEqualTo(dev.aichoose.text.Figures.tenths(measured).doubleValue());
        assertThat(box.path("capacity").path("detail").asText()).contains(result.toString(), "at concurrency");
        assertThat(run.err()).doesNotContain("serving model's estimate");
    }

    /**
     * A run with a throughput interval gives its option a range of its own in --simulate: the
     * interval over the measured figure, as a factor on that option's throughput.
     */
    @Test
    void aBenchIntervalIsTheDefaultRangeOfTheOptionsThroughputInASimulation() throws IOException {
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode bench =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(result.toFile());
        for (JsonNode run : bench.path("runs")) {
            double tps = run.path("output_tokens_per_second").asDouble();
            ((com.fasterxml.jackson.databind.node.ObjectNode) run)
                    .putArray("output_tokens_per_second_ci")
                    .add(tps * 0.9)
                    .add(tps * 1.08);
        }
        json.writeValue(result.toFile(), bench);
        CliRun run =
                CliRun.of("evaluate", scenario("", ", bench: box.json").toString(), "--simulate", "200", "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode bar = null;
        for (JsonNode t : json.readTree(run.out()).path("simulation").path("tornado"))
            if (t.path("input").asText().equals("options.box.throughput")) bar = t;
        assertThat(bar).as(run.out()).isNotNull();
        assertThat(bar.path("low").asDouble()).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(bar.path("high").asDouble()).isCloseTo(1.08, org.assertj.core.api.Assertions.within(1e-9));
        // a range the scenario puts on throughput itself is the one drawn
        Path own = Files.writeString(
                dir.resolve("own.yaml"),
                Files.readString(scenario("", ", bench: box.json"))
                        + "uncertainty:\n  factors.throughput: {low: 0.8, mode: 1.0, high: 1.1}\n");
        CliRun ownRun = CliRun.of("evaluate", own.toString(), "--simulate", "200", "-f", "json");
        assertThat(ownRun.exitCode()).as(ownRun.err()).isZero();
        assertThat(ownRun.out()).doesNotContain("options.box.throughput");
    }

    @Test
    void theBenchFlagAppliesToOptionsWithoutAThroughput() throws IOException {
        CliRun run = CliRun.of("evaluate", scenario("", "").toString(), "--bench", result.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(bench): measured");
    }

    @Test
    void latencyTargetsNoRunMeetsMakeTheOptionInfeasible() throws IOException {
        CliRun run = CliRun.of(
                "evaluate", scenario("slo: {ttft_ms: 1}", ", bench: box.json").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().replaceAll("\\s+", " "))
                .contains("✗ box: the bench result", "no run that meets p90 TTFT ≤ 1 ms");
    }

    /** The capacity search's chosen run, not the fastest probe, is what evaluate plans with. */
    @Test
    void evaluatePlansWithTheRunFindMaxChose() throws IOException {
        Path search = dir.resolve("search.json");
        try (ScriptedServer server = ScriptedServer.start(
                dev.aichoose.bench.FindMaxTest.loadedServer(new java.util.concurrent.atomic.AtomicInteger()))) {
            CliRun run = CliRun.of(
                    "bench",
                    "--endpoint",
                    server.uri().toString(),
                    "--api",
                    "openai",
                    "--model",
                    "m",
                    "--find-max",
                    "--slo",
                    "ttft=" + (int) dev.aichoose.bench.FindMaxTest.SLO_MS + "ms",
                    "--requests",
                    "12",
                    "--input-tokens",
                    "50",
                    "--output-tokens",
                    "10",
                    "-o",
                    search.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains(
                            "concurrency 6: 12 completed",
                            "(chosen: the highest load meeting the SLO)",
                            "find-max: concurrency 6 is the highest load meeting the SLO (6 probes)");
        }
        double chosen = BenchResultReader.read(search).runs().stream()
                .filter(dev.aichoose.model.BenchRun::chosenBySearch)
                .findFirst()
                .orElseThrow()
                .outputTokensPerSecond();
        CliRun run = CliRun.of("evaluate", scenario("", "").toString(), "--bench", "box=" + search, "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode box = new ObjectMapper().readTree(run.out()).path("options").get(1);
        assertThat(box.path("capacity").path("detail").asText()).contains("at concurrency 6");
        assertThat(box.path("capacity").path("available_tokens_per_second").asDouble())
                .isEqualTo(dev.aichoose.text.Figures.tenths(chosen).doubleValue());
    }

    @Test
    void aBenchOfAnotherModelIsAWarning() throws IOException {
        // the harness above talked to Llama 3.1 8B; the option names the bench but serves Qwen 2.5 7B
        Path s = Files.writeString(dir.resolve("s.yaml"), """
                name: another model
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 50, output_tokens_per_query: 10}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - {id: box, self_hosted: {hardware: nvidia/rtx-4090, model: qwen/qwen2.5-7b-instruct, bench: box.json}}
                """);
        CliRun run = CliRun.of("evaluate", s.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the table lists warnings under the ranking; other formats print them on stderr
        assertThat(run.out().replaceAll("\\s+", " "))
                .contains("box: " + result + ": the bench measured the model 'meta-llama/Llama-3.1-8B-Instruct', "
                        + "not the option's qwen/qwen2.5-7b-instruct");
        CliRun json = CliRun.of("evaluate", s.toString(), "--format", "json");
        assertThat(json.err())
                .contains("aichoose: warning: box: " + result
                        + ": the bench measured the model 'meta-llama/Llama-3.1-8B-Instruct'");
    }

    @Test
    void aMissingBenchFileIsAnInputErrorEvenWhenNoOptionWouldTakeIt() throws IOException {
        Path none = dir.resolve("none.json");
        for (String command : List.of("evaluate", "validate")) {
            CliRun run =
                    CliRun.of(command, scenario("", ", tokens_per_second: 50").toString(), "--bench", none.toString());
            assertThat(run.exitCode()).as(command).isEqualTo(3);
            assertThat(run.err()).as(command).contains(none + ": no such bench result file (--bench)");
        }
    }

    @Test
    void aBenchFileNoOptionTakesIsAWarning() throws IOException {
        CliRun run = CliRun.of(
                "evaluate",
                scenario("", ", tokens_per_second: 50").toString(),
                "--bench",
                result.toString(),
                "-f",
                "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("aichoose: warning: --bench " + result + ": no option takes it");
        CliRun taken = CliRun.of("evaluate", scenario("", "").toString(), "--bench", result.toString(), "-f", "json");
        assertThat(taken.err()).doesNotContain("no option takes it");
    }

    @Test
    void aBenchGivenToEveryOptionAppliesOnlyWhereItMeasuredTheOptionsModel() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), """
                name: two models
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 50, output_tokens_per_query: 10}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - {id: small, self_hosted: {hardware: nvidia/rtx-4090, model: meta/llama-3.1-8b-instruct}}
                  - id: big
                    self_hosted: {hardware: nvidia/rtx-4090, count: 1, model: meta/llama-3.3-70b-instruct,
                                  quantization: bf16}
                """);
        CliRun run =
                CliRun.of("evaluate", dir.resolve("s.yaml").toString(), "--bench", result.toString(), "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode options = new ObjectMapper().readTree(run.out()).path("options");
        JsonNode small = options.get(1);
        JsonNode big = options.get(2);
        assertThat(small.path("id").asText()).isEqualTo("small");
        assertThat(small.path("capacity").path("source").asText()).isEqualTo("bench");
        // the 8B bench is not the 70B option's: not applied, and the 70B at bf16 still does not fit one card
        assertThat(big.path("capacity").path("source").asText()).isEqualTo("estimate");
        assertThat(big.path("feasible").asBoolean()).isFalse();
        assertThat(run.err())
                .contains(
                        "big: " + result + ": the bench measured the model 'meta-llama/Llama-3.1-8B-Instruct', not the "
                                + "option's meta/llama-3.3-70b-instruct: not applied");
    }

    @Test
    void aBenchNeverTurnsAModelThatDoesNotFitFeasible() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), """
                name: named bench, too small a card
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 50, output_tokens_per_query: 10}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - id: big
                    self_hosted: {hardware: nvidia/rtx-4090, count: 1, model: meta/llama-3.3-70b-instruct,
                                  quantization: bf16, gpus_per_replica: 1, bench: box.json}
                """);
        CliRun run = CliRun.of("evaluate", dir.resolve("s.yaml").toString(), "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode big = new ObjectMapper().readTree(run.out()).path("options").get(1);
        assertThat(big.path("capacity").path("source").asText()).isEqualTo("bench");
        assertThat(big.path("feasible").asBoolean()).isFalse();
        assertThat(big.path("problems").toString())
                .contains("does not fit in memory", "a bench result does not change what fits");
        // and it warns that the bench measured another model than the option names
        assertThat(run.err()).contains("the bench measured the model 'meta-llama/Llama-3.1-8B-Instruct'");
    }

    @Test
    void aBenchWithOtherPromptLengthsThanTheScenarioSaysSo() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), """
                name: long prompts
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 3000, output_tokens_per_query: 10}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - {id: box, self_hosted: {hardware: nvidia/rtx-4090, model: meta/llama-3.1-8b-instruct, bench: box.json}}
                """);
        CliRun run = CliRun.of("evaluate", dir.resolve("s.yaml").toString(), "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("box: " + result, "the bench's prompts average", "the scenario's 3,000");
        assertThat(run.err()).doesNotContain("the bench's outputs average");
    }

    @Test
    void aTypoInTheBenchOptionIdIsAUsageError() throws IOException {
        Path s = scenario("", "");
        CliRun run = CliRun.of("evaluate", s.toString(), "--bench", "bxo=" + result);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the scenario has no option 'bxo'", "did you mean 'box'");
        CliRun api = CliRun.of("validate", s.toString(), "--bench", "api=" + result);
        assertThat(api.exitCode()).isEqualTo(2);
        assertThat(api.err()).contains("'api' is not a self-hosted or rented option");
    }

    @Test
    void aBrokenBenchResultIsInvalidInputNamingBothFiles() throws IOException {
        Files.writeString(result, "{\"schema\": \"aichoose.bench/v1\", \"runs\": 3}\n");
        Path s = scenario("", ", bench: box.json");
        CliRun run = CliRun.of("evaluate", s.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith(s + ":11:").contains("options[box].self_hosted.bench: " + result);
    }
}
