package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.bench.RequestRecord;
import dev.aichoose.bench.ScriptedServer;
import dev.aichoose.bench.Transcript;
import dev.aichoose.model.BenchResult;
import dev.aichoose.schema.BenchFilesReadBack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench command, in-process, against hostile servers: it ends on time with a documented exit
 * code, its files are written, read back by the tool's own readers and valid against the schemas,
 * nothing it leaves behind is partial, and an earlier result is never destroyed.
 */
class BenchHostileServerTest {
    @TempDir
    Path dir;

    static final String CONTENT =
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok\"},\"finish_reason\":null}]}\n\n";

    Path onePrompt() throws IOException {
        Path prompts = dir.resolve("one.jsonl");
        Files.writeString(prompts, "{\"prompt\": \"Say something\", \"output_tokens\": 10}\n");
        return prompts;
    }

    CliRun bench(ScriptedServer server, Path out, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "bench",
                "--endpoint",
                server.uri().toString(),
                "--api",
                "openai",
                "--model",
                "m",
                "--prompts",
                onePrompt().toString(),
                "-o",
                out.toString()));
        args.addAll(List.of(more));
        if (!args.contains("--duration") && !args.contains("--requests")) args.addAll(List.of("--requests", "1"));
        return CliRun.of(args.toArray(String[]::new));
    }

    /**
     * Only the pair of files the bench announces and the HdrHistogram log beside each result: no
     * FILE.lock, no .partial.
     */
    void assertOnly(String... names) throws IOException {
        List<String> expected = new java.util.ArrayList<>(List.of(names));
        for (String name : names)
            if (name.endsWith(".json")) expected.add(name.substring(0, name.length() - 5) + ".hlog");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("one.jsonl")))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aOneRequestBenchAgainstAnEndlessStreamIsAFailedRequestWithTheResultWrittenAndReadable() throws IOException {
        Path out = dir.resolve("x.json");
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            ex.raw("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] block = CONTENT.repeat(500).getBytes(StandardCharsets.US_ASCII);
            while (true) ex.raw(block);
        })) {
            CliRun run = bench(server, out, "--max-response", "2MiB");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
            assertThat(run.err())
                    .contains("no request to", "first: too_large a response longer than 2 MiB (--max-response)")
                    .doesNotContain("\tat ");
        }
        BenchResult result = BenchFilesReadBack.result(out);
        assertThat(result.runs().getFirst().requests().errors()).containsEntry("too_large", 1);
        assertThat(result.settings())
                .containsEntry("max_response_bytes", 2 << 20)
                .containsEntry("deadline_s", 600.0);
        List<RequestRecord> records = BenchFilesReadBack.records(dir.resolve("x.requests.jsonl"));
        assertThat(records)
                .singleElement()
                .satisfies(r -> assertThat(r.errorKind()).isEqualTo("too_large"));
        assertOnly("x.json", "x.requests.jsonl");
    }

    /** A byte every 50 ms keeps a 5 s silence timeout at bay; a 1 s run still ends by its grace (as long again). */
    @Test
    void aDurationEndsTheRunOnTimeAgainstADrip() throws IOException {
        Path out = dir.resolve("d.json");
        long start = System.nanoTime();
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            ex.raw("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                ex.raw(new byte[] {':'});
                Thread.sleep(50);
            }
        })) {
            CliRun run = bench(server, out, "--duration", "1s", "--timeout", "5s");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(seconds).as(run.err()).isLessThan(6);
            assertThat(run.err())
                    .contains("aichoose: run 1/1 concurrency 1: abandoned 1 request still running 1.00 s after the"
                            + " --duration ended (not counted)");
            assertThat(run.exitCode()).isEqualTo(4);
        }
        BenchFilesReadBack.result(out);
        assertThat(Files.readString(dir.resolve("d.requests.jsonl"))).isEmpty();
    }

    @Test
    void aRerunAgainstADeadEndpointKeepsTheGoodResult() throws IOException {
        Path out = dir.resolve("good.json");
        try (ScriptedServer server =
                ScriptedServer.start(Transcript.load("openai-vllm.sse").timed(2, 11, 0, 0))) {
            assertThat(bench(server, out).exitCode()).isZero();
        }
        byte[] result = Files.readAllBytes(out);
        byte[] records = Files.readAllBytes(dir.resolve("good.requests.jsonl"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun dead = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:" + port,
                "--api",
                "openai",
                "--model",
                "m",
                "--prompts",
                onePrompt().toString(),
                "--requests",
                "3",
                "-o",
                out.toString());
        assertThat(dead.exitCode()).isEqualTo(4);
        assertThat(dead.err())
                .contains("aichoose: no request succeeded: " + out + " (an earlier result) is kept; this bench wrote "
                        + dir.resolve("good.failed.json") + " and " + dir.resolve("good.failed.requests.jsonl"))
                .contains("what ran is in " + dir.resolve("good.failed.json"));
        assertThat(Files.readAllBytes(out)).isEqualTo(result);
        assertThat(Files.readAllBytes(dir.resolve("good.requests.jsonl"))).isEqualTo(records);
        assertThat(BenchFilesReadBack.result(dir.resolve("good.failed.json")).stoppedEarly())
                .isTrue();
        assertOnly("good.json", "good.requests.jsonl", "good.failed.json", "good.failed.requests.jsonl");
    }

    @Test
    void aSecondBenchOnTheSameOutputIsRefusedAndTheFirstFinishes() throws Exception {
        Path out = dir.resolve("same.json");
        CountDownLatch answering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Transcript answer = Transcript.load("openai-vllm.sse");
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            answering.countDown();
            release.await(20, TimeUnit.SECONDS);
            answer.timed(2, 11, 0, 0).respond(ex);
        })) {
            CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return bench(server, out);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(answering.await(20, TimeUnit.SECONDS)).isTrue();
            CliRun second = bench(server, out);
            assertThat(second.exitCode()).isEqualTo(2);
            assertThat(second.err())
                    .contains("another aichoose bench is writing " + out + " (it holds " + out + ".lock)");
            release.countDown();
            CliRun done = first.get(30, TimeUnit.SECONDS);
            assertThat(done.exitCode()).as(done.err()).isZero();
        }
        assertThat(BenchFilesReadBack.records(dir.resolve("same.requests.jsonl")))
                .hasSize(1);
        assertOnly("same.json", "same.requests.jsonl");
    }

    @Test
    void anInfiniteRetryAfterLeavesAResultEveryReaderTakes() throws IOException {
        Path out = dir.resolve("r.json");
        try (ScriptedServer server =
                ScriptedServer.start(ex -> ex.json(429, Map.of("retry-after", "Infinity"), "{}"))) {
            assertThat(bench(server, out, "--requests", "2").exitCode()).isEqualTo(4);
        }
        BenchResult result = BenchFilesReadBack.result(out);
        assertThat(result.runs().getFirst().retryAfterSMax()).isNull();
        assertThat(BenchFilesReadBack.records(dir.resolve("r.requests.jsonl")))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.retryAfterS()).isNull());
        CliRun merge = CliRun.of(
                "bench",
                "merge",
                dir.resolve("r.requests.jsonl").toString(),
                "-o",
                dir.resolve("m.json").toString());
        assertThat(merge.exitCode()).as(merge.err()).isZero();
        BenchFilesReadBack.result(dir.resolve("m.json"));
    }

    /** A Retry-After that is not a delay is none: --respect-retry-after waits its default second, never resends at once. */
    @Test
    void anInvalidRetryAfterIsWaitedOutAsNoneNotResentAtOnce() throws IOException {
        Path out = dir.resolve("w.json");
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        Transcript answer = Transcript.load("openai-vllm.sse");
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            arrivals.add(System.nanoTime());
            if (arrivals.size() == 1) ex.json(429, Map.of("retry-after", "-5"), "{}");
            else answer.timed(2, 11, 0, 0).respond(ex);
        })) {
            CliRun run = bench(server, out, "--respect-retry-after");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        assertThat((arrivals.get(1) - arrivals.get(0)) / 1e9).isGreaterThanOrEqualTo(0.95);
        assertThat(BenchFilesReadBack.records(dir.resolve("w.requests.jsonl")))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.ok()).isTrue();
                    assertThat(r.retries()).isEqualTo(1);
                    assertThat(r.retryWaitS()).isEqualTo(1.0);
                });
    }

    /**
     * PATH's value is the key (every test process has it): the server names a llama.cpp timing after
     * it on one request and sends it across the error-body cap on the other. No 16 characters of it
     * reach the terminal or a file.
     */
    @Test
    void theKeyEchoedAsAFieldNameOrAcrossACapIsNeverWritten() throws IOException {
        String secret = System.getenv("PATH");
        assertThat(secret).hasSizeGreaterThan(16);
        Path out = dir.resolve("k.json");
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            String key = ex.request.headers().get("authorization").substring("Bearer ".length());
            if (ex.request.headers().get("x-request-id").endsWith("-0")) {
                ex.head(200, "text/event-stream", Map.of());
                ex.frame(CONTENT);
                ex.frame("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"timings\":{\""
                        + key + "\":1,\"prompt_n\":3,\"predicted_n\":1}}\n\n");
                ex.frame("data: [DONE]\n\n");
                ex.end();
            } else {
                String start = "{\"error\":\"";
                String pad = "x".repeat(4096 - key.length() / 2 - start.length());
                ex.json(401, Map.of(), start + pad + key + "\"}");
            }
        })) {
            CliRun run = bench(server, out, "--requests", "2", "--api-key-env", "PATH", "--verbose");
            assertThat(run.exitCode()).as(run.err()).isZero();
            List<String> outputs = new ArrayList<>(List.of(run.out(), run.err()));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) outputs.add(Files.readString(f));
            }
            for (String text : outputs) {
                for (int i = 0; i + 16 <= secret.length(); i++) {
                    assertThat(text).doesNotContain(secret.substring(i, i + 16));
                }
            }
        }
        List<RequestRecord> records = BenchFilesReadBack.records(dir.resolve("k.requests.jsonl"));
        // a name this long is dropped; a shorter one would read [redacted]
        assertThat(records.getFirst().serverTimings()).containsOnlyKeys("prompt_n", "predicted_n");
        assertThat(records.get(1).errorKind()).isEqualTo("http_401");
        BenchFilesReadBack.result(out);
    }

    @Test
    void anOutputOverThePromptsFileIsRefused() throws IOException {
        Path prompts = onePrompt();
        CliRun run = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:9",
                "--api",
                "openai",
                "--model",
                "m",
                "--prompts",
                prompts.toString(),
                "-o",
                prompts.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("-o " + prompts + " would overwrite the --prompts file " + prompts);
        assertThat(Files.readString(prompts)).contains("Say something");
    }

    @Test
    void sizesAndDeadlinesAreCheckedBeforeTheFirstRequest() {
        CliRun size = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:9",
                "--api",
                "openai",
                "--model",
                "m",
                "--max-response",
                "lots");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("'lots' is not a size (examples: 64MiB, 512KiB, 1GiB)");
        CliRun deadline = CliRun.of(
                "bench", "--endpoint", "http://127.0.0.1:9", "--api", "openai", "--model", "m", "--deadline", "0s");
        assertThat(deadline.exitCode()).isEqualTo(2);
        assertThat(deadline.err()).contains("'0s' must be a positive duration");
    }
}
