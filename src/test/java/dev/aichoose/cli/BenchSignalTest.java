package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.aichoose.bench.ScriptedServer;
import dev.aichoose.bench.Transcript;
import dev.aichoose.model.BenchResult;
import dev.aichoose.schema.BenchFilesReadBack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C and SIGTERM, sent to a real bench process: it ends at once with the signal's status, and
 * what finished is written, the request records moved into place, no lock or partial file left,
 * whether the signal came while a request streamed or while a 429 was being waited out.
 */
class BenchSignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} while {1}")
    @CsvSource({
        "TERM, waiting out a 429, 143",
        "INT, waiting out a 429, 130",
        "TERM, streaming, 143",
        "INT, streaming, 130"
    })
    void aSignalEndsTheBenchAtOnceWithWhatFinishedWritten(String signal, String during, int status) throws Exception {
        // a process started in the background by a shell ignores SIGINT, and so do its children: nothing to test
        assumeFalse(signal.equals("INT") && sigintIgnored(), "SIGINT is ignored by this test process");
        Transcript answer = Transcript.load("openai-vllm.sse");
        AtomicInteger served = new AtomicInteger();
        CountDownLatch busy = new CountDownLatch(1);
        Path out = dir.resolve("s.json");
        Path prompts = dir.resolve("one.jsonl");
        Files.writeString(prompts, "{\"prompt\": \"Say something\", \"output_tokens\": 10}\n");
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            if (served.incrementAndGet() == 1) {
                answer.timed(2, 11, 0, 0).respond(ex);
                return;
            }
            busy.countDown();
            if (during.startsWith("waiting")) {
                ex.json(429, Map.of("retry-after", "50"), "{}");
            } else {
                ex.head(200, "text/event-stream", Map.of());
                for (int i = 0; i < 2_000; i++) {
                    ex.frame(answer.frames().get(2));
                    Thread.sleep(20);
                }
            }
        })) {
            Process bench = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.aichoose.Main",
                            "bench",
                            "--endpoint",
                            server.uri().toString(),
                            "--api",
                            "openai",
                            "--model",
                            "m",
                            "--prompts",
                            prompts.toString(),
                            "--requests",
                            "3",
                            "--respect-retry-after",
                            "-o",
                            out.toString())
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            try {
                assertThat(busy.await(60, TimeUnit.SECONDS))
                        .as("the second request arrived")
                        .isTrue();
                Thread.sleep(300);
                long sent = System.nanoTime();
                new ProcessBuilder("kill", "-" + signal, Long.toString(bench.pid()))
                        .start()
                        .waitFor();
                assertThat(bench.waitFor(10, TimeUnit.SECONDS))
                        .as("ended within 10 s")
                        .isTrue();
                assertThat((System.nanoTime() - sent) / 1e9).isLessThan(STOP_WITHIN_S);
                assertThat(bench.exitValue())
                        .as(() -> read(dir.resolve("stderr.txt")) + read(dir.resolve("stdout.txt")))
                        .isEqualTo(status);
            } finally {
                bench.destroyForcibly();
            }
        }
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertThat(err).contains("aichoose: wrote " + out).doesNotContain("\tat ");
        BenchResult result = BenchFilesReadBack.result(out);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.runs().getFirst().requests().completed()).isEqualTo(1);
        assertThat(result.runs().getFirst().requests().failed()).isZero();
        assertThat(BenchFilesReadBack.records(dir.resolve("s.requests.jsonl"))).hasSize(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(
                            List.of("one.jsonl", "s.json", "s.requests.jsonl", "s.hlog", "stdout.txt", "stderr.txt"));
        }
    }

    /** Linux: bit 2 of SigIgn in /proc/self/status; elsewhere taken as not ignored. */
    static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:"))
                    return (Long.parseLong(line.substring(7).trim(), 16) & 2) != 0;
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux
        }
        return false;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** Well under the 15 s a stop waits for the result, and the 50 s the server asked for. */
    static final double STOP_WITHIN_S = 8;
}
