package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.bench.ScriptedServer;
import dev.aichoose.bench.Transcript;
import dev.aichoose.load.BenchResultReader;
import dev.aichoose.model.BenchResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI, in-process, against loopback servers speaking the wire formats. */
class BenchCommandTest {
    @TempDir
    Path dir;

    static ScriptedServer openAi() {
        return ScriptedServer.start(Transcript.load("openai-vllm.sse").timed(2, 11, 0, 0));
    }

    @Test
    void aSweepPrintsATablePerRunAndWritesTheResultAndEveryRequest() throws IOException {
        Path out = dir.resolve("x.json");
        try (ScriptedServer server = openAi()) {
            CliRun run = CliRun.of(
                    "bench",
                    "--endpoint",
                    server.uri().toString(),
                    "--api",
                    "openai",
                    "--model",
                    "m",
                    "--concurrency",
                    "1,2",
                    "--requests",
                    "4",
                    "--warmup",
                    "1",
                    "--input-tokens",
                    "50",
                    "--output-tokens",
                    "10",
                    "--slo",
                    "ttft=500ms,tpot=50ms",
                    "-o",
                    out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains(
                            "concurrency 1: 4 completed, 0 failed",
                            "concurrency 2: 4 completed",
                            "TTFT",
                            "TPOT",
                            "ITL",
                            "E2E",
                            "goodput",
                            "counts from server",
                            "connections opened: ");
            // not a terminal: no progress line, only what was written
            assertThat(run.err())
                    .isEqualTo("aichoose: wrote " + out + " and " + dir.resolve("x.requests.jsonl") + "\n");
        }
        BenchResult result = BenchResultReader.read(out);
        assertThat(result.api()).isEqualTo("openai");
        assertThat(result.runs()).extracting(r -> r.concurrency()).containsExactly(1, 2);
        assertThat(result.runs()).allSatisfy(r -> {
            assertThat(r.requests().completed()).isEqualTo(4);
            assertThat(r.goodputRps()).isPositive();
            assertThat(r.outputTokens().mean()).isEqualTo(10);
        });
        assertThat(result.settings())
                .containsEntry("requests", 4)
                .containsEntry("warmup", 1)
                .containsEntry("prompt_calibration", "server");
        List<String> lines = Files.readAllLines(dir.resolve("x.requests.jsonl"));
        assertThat(lines).hasSize(9);
        assertThat(lines.getFirst()).contains("\"warmup\":true");
        assertThat(lines.get(1)).contains("\"ttft_ms\"", "\"itl_ms\"", "\"token_counts_from\":\"server\"");
    }

    @Test
    void aRateRunForADuration() {
        try (ScriptedServer server =
                ScriptedServer.start(Transcript.load("ollama-chat.ndjson").timed(0, 7, 0, 0))) {
            CliRun run = CliRun.of(
                    "bench",
                    "--endpoint",
                    server.uri().toString(),
                    "--api",
                    "ollama",
                    "--model",
                    "m",
                    "--rate",
                    "40",
                    "--duration",
                    "300ms",
                    "--input-tokens",
                    "20",
                    "--output-tokens",
                    "8");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("rate 40.0/s:");
        }
    }

    @Test
    void whenNothingSucceedsItIsAnEndpointFailureAndTheResultIsStillWritten() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path out = dir.resolve("dead.json");
        CliRun run = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:" + port,
                "--api",
                "openai",
                "--model",
                "m",
                "--concurrency",
                "1,4",
                "--requests",
                "500",
                "-o",
                out.toString());
        assertThat(run.exitCode()).isEqualTo(4);
        // found on the first requests (the calibration probe and the run's first), not after 1,000 of them
        assertThat(run.err().lines())
                .anyMatch(l -> l.startsWith("aichoose: nothing answers at http://127.0.0.1:" + port)
                        && l.contains("connection_refused"));
        // a refused calibration probe is the same failure, said once: no line about prompt sizing before it
        assertThat(run.err()).doesNotContain("prompt calibration failed");
        assertThat(run.err()).doesNotContain("\tat ");
        BenchResult result = BenchResultReader.read(out);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.runs()).hasSizeLessThanOrEqualTo(1);
        assertThat(result.runs())
                .allSatisfy(r -> assertThat(r.requests().failed()).isLessThan(3));
    }

    @Test
    void unauthorizedEverywhereIsAnEndpointFailure() {
        try (ScriptedServer server = ScriptedServer.start(
                ex -> ex.json(
                        401,
                        Map.of(),
                        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"))) {
            CliRun run = CliRun.of(
                    "bench",
                    "--endpoint",
                    server.uri().toString(),
                    "--api",
                    "anthropic",
                    "--model",
                    "m",
                    "--requests",
                    "2");
            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.err()).contains("http_401", "authentication_error");
        }
    }

    @Test
    void aBadSloIsAUsageError() {
        CliRun run = CliRun.of(
                "bench", "--endpoint", "http://127.0.0.1:9", "--api", "openai", "--model", "m", "--slo", "ttft=abc");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--slo", "'abc' is not a duration").doesNotContain("\tat ");
    }

    @Test
    void concurrencyAndRateTogetherIsAUsageError() {
        CliRun run = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:9",
                "--api",
                "openai",
                "--model",
                "m",
                "--concurrency",
                "2",
                "--rate",
                "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--concurrency and --rate exclude each other");
    }

    @Test
    void anUnknownApiIsAUsageError() {
        CliRun run = CliRun.of("bench", "--endpoint", "http://127.0.0.1:9", "--api", "gemini", "--model", "m");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void aBrokenPromptsFileIsAnInputError() throws IOException {
        Path prompts = dir.resolve("p.jsonl");
        Files.writeString(prompts, "{\"prompt\": \"hello\"}\n{\"text\": 1}\n");
        CliRun run = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:9",
                "--api",
                "ollama",
                "--model",
                "m",
                "--prompts",
                prompts.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains(prompts + ":2:1: prompt: a non-empty string is required");
    }

    /**
     * The key is the value of a variable every test process has (PATH), so the test knows the
     * secret without setting one. The server even echoes it back in an error body.
     */
    @Test
    void theKeyIsSentButNeverPrintedNorWritten() throws IOException {
        String secret = System.getenv("PATH");
        assertThat(secret).isNotBlank();
        Path out = dir.resolve("k.json");
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            if (ex.request.body().contains("Request 1.")) {
                ex.json(
                        403,
                        Map.of(),
                        "{\"error\":{\"message\":\"key " + ex.request.headers().get("authorization")
                                + " is not allowed\"}}");
            } else {
                Transcript.load("openai-vllm.sse").timed(2, 11, 0, 0).respond(ex);
            }
        })) {
            CliRun run = CliRun.of(
                    "bench",
                    "--endpoint",
                    server.uri().toString(),
                    "--api",
                    "openai",
                    "--model",
                    "m",
                    "--requests",
                    "3",
                    "--api-key-env",
                    "PATH",
                    "--input-tokens",
                    "20",
                    "--output-tokens",
                    "10",
                    "-o",
                    out.toString(),
                    "--verbose");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(server.requests())
                    .allSatisfy(r -> assertThat(r.headers()).containsEntry("authorization", "Bearer " + secret));
            assertThat(run.out()).contains("http_403").doesNotContain(secret);
            assertThat(run.err()).doesNotContain(secret);
        }
        try (Stream<Path> written = Files.list(dir)) {
            for (Path file : written.toList()) {
                assertThat(Files.readString(file))
                        .as(file.toString())
                        .doesNotContain(secret)
                        .doesNotContain("PATH");
            }
        }
        assertThat(Files.readString(dir.resolve("k.requests.jsonl"))).contains("[redacted]");
    }

    @Test
    void aKeyIsNotSentInClearTextToAnotherHost() {
        CliRun run = CliRun.of(
                "bench",
                "--endpoint",
                "http://192.0.2.1:8000",
                "--api",
                "openai",
                "--model",
                "m",
                "--api-key-env",
                "PATH");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("refusing to send the API key from PATH in clear text to 192.0.2.1")
                .doesNotContain(System.getenv("PATH"));
    }

    @Test
    void anUnsetKeyVariableIsAUsageError() {
        CliRun run = CliRun.of(
                "bench",
                "--endpoint",
                "https://api.example.com",
                "--api",
                "openai",
                "--model",
                "m",
                "--api-key-env",
                "AICHOOSE_TEST_SURELY_UNSET_VARIABLE");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("AICHOOSE_TEST_SURELY_UNSET_VARIABLE: the environment variable is not set");
    }

    @Test
    void findMaxNeedsALatencyTargetAndOneStartingLevel() {
        CliRun noSlo =
                CliRun.of("bench", "--endpoint", "http://127.0.0.1:9", "--api", "openai", "--model", "m", "--find-max");
        assertThat(noSlo.exitCode()).isEqualTo(2);
        assertThat(noSlo.err())
                .contains("--find-max needs --slo with a ttft or tpot bound", "Try 'aichoose bench --help'");
        CliRun list = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:9",
                "--api",
                "openai",
                "--model",
                "m",
                "--find-max",
                "--slo",
                "ttft=1s",
                "--concurrency",
                "1,4");
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("--find-max starts from one --concurrency or --rate value");
    }

    @Test
    void aLengthDistributionIsMeanColonDeviation() {
        CliRun bad = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:9",
                "--api",
                "openai",
                "--model",
                "m",
                "--input-tokens",
                "512:x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--input-tokens", "the standard deviation after ':' is not a number");
        CliRun zero = CliRun.of(
                "bench", "--endpoint", "http://127.0.0.1:9", "--api", "openai", "--model", "m", "--output-tokens", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("the length must be at least 1 token");
    }

    @Test
    void drawnLengthsAreAskedForAndRecorded() throws IOException {
        Path out = dir.resolve("d.json");
        try (ScriptedServer server = openAi()) {
            CliRun run = CliRun.of(
                    "bench",
                    "--endpoint",
                    server.uri().toString(),
                    "--api",
                    "openai",
                    "--model",
                    "m",
                    "--requests",
                    "12",
                    "--input-tokens",
                    "50:10",
                    "--output-tokens",
                    "40:15",
                    "-o",
                    out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            // the two calibration requests ask for one token; the others for their draws
            List<Integer> asked = server.requests().stream()
                    .skip(2)
                    .map(r -> Integer.valueOf(r.body().replaceAll(".*\"max_tokens\":(\\d+).*", "$1")))
                    .toList();
            assertThat(asked).hasSize(12).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(java.util.Set.copyOf(asked)).hasSizeGreaterThan(3);
            List<Integer> words = server.requests().stream()
                    .skip(2)
                    .map(r -> r.body().split(" ").length)
                    .toList();
            assertThat(java.util.Set.copyOf(words)).hasSizeGreaterThan(3);
        }
        assertThat(BenchResultReader.read(out).settings())
                .containsEntry("input_tokens", 50)
                .containsEntry("input_tokens_stdev", 10.0)
                .containsEntry("output_tokens", 40)
                .containsEntry("output_tokens_stdev", 15.0);
    }
}
