package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRunnerTest {
    @TempDir
    Path dir;

    static BenchPlan plan(java.net.URI endpoint, List<Load> loads, Integer requests) {
        return BenchPlanBuilder.builder()
                .endpoint(endpoint)
                .api(WireApi.OPENAI)
                .model("m")
                .loads(loads)
                .requests(requests)
                .inputTokens(30)
                .outputTokens(10)
                .timeout(Duration.ofSeconds(30))
                .seed(7)
                .build();
    }

    /** Ctrl-C: what finished is summarised, what was in flight (streaming or waiting) is dropped. */
    @Test
    void aStopEndsTheSweepWithWhatFinished() throws Exception {
        Transcript t = Transcript.load("openai-vllm.sse");
        AtomicInteger served = new AtomicInteger();
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            int n = served.incrementAndGet();
            if (n <= 4) {
                t.timed(2, 11, 0, 0).respond(ex); // two calibration requests and the first two of the run
            } else if (n % 2 == 0) {
                ex.head(200, "text/event-stream", java.util.Map.of());
                ex.frame(t.frames().get(0));
                Thread.sleep(60_000); // streaming, never ends
            } else {
                Thread.sleep(60_000); // never answers
            }
        })) {
            Path log = dir.resolve("r.requests.jsonl");
            List<String> notices = new ArrayList<>();
            BenchRunner runner = new BenchRunner(
                    plan(server.uri(), List.of(new Load.Concurrency(1), new Load.Concurrency(4)), 20),
                    log,
                    notices::add);
            Thread.ofVirtual().start(() -> {
                try {
                    // once the run has a request that never answers (not at a set time:
                    // on a busy machine the JIT warm-up and calibration take a while)
                    while (served.get() < 5) Thread.sleep(10);
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                runner.stop();
            });
            long start = System.nanoTime();
            BenchResult result = runner.run();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(result.settings()).containsEntry("stopped_early", true);
            assertThat(result.runs()).hasSize(1);
            assertThat(result.runs().getFirst().requests().completed()).isEqualTo(2);
            assertThat(result.runs().getFirst().requests().failed()).isZero();
            assertThat(Files.readAllLines(log)).hasSize(2);
        }
    }

    @Test
    void calibrationSizesPromptsFromTheServersCount() {
        // a server that counts one token per word plus a 20-token template
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            String body = ex.request.body();
            String content = body.substring(body.indexOf("\"content\":\"") + 11, body.indexOf("\"}]"));
            int tokens = content.split(" ").length + 20;
            ex.head(200, "text/event-stream", java.util.Map.of());
            ex.frame(
                    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi there\"},\"finish_reason\":\"length\"}]}\n\n");
            ex.frame("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":" + tokens + ",\"completion_tokens\":2}}\n\n");
            ex.frame("data: [DONE]\n\n");
            ex.end();
        })) {
            BenchPlan plan = BenchPlanBuilder.builder()
                    .endpoint(server.uri())
                    .api(WireApi.OPENAI)
                    .model("m")
                    .loads(List.of(new Load.Concurrency(2)))
                    .requests(4)
                    .inputTokens(300)
                    .outputTokens(2)
                    .timeout(Duration.ofSeconds(5))
                    .seed(7)
                    .build();
            BenchResult result = new BenchRunner(plan, null, s -> {}).run();
            assertThat(result.settings()).containsEntry("prompt_calibration", "server");
            assertThat(result.runs().getFirst().inputTokens().mean()).isBetween(297.0, 303.0);
        }
    }

    /** One request of each fault in turn, then a good one: the run counts each kind and goes on. */
    @Test
    void faultsAreCountedByKindAndTheRunGoesOn() {
        Transcript good = Transcript.load("openai-vllm.sse");
        AtomicInteger served = new AtomicInteger();
        List<ScriptedServer.Script> faults = List.of(
                ex -> ex.json(429, java.util.Map.of("retry-after", "3"), "{\"error\":{\"message\":\"slow down\"}}"),
                ex -> ex.json(500, java.util.Map.of(), "{}"),
                ex -> ex.json(503, java.util.Map.of(), "{}"),
                ex -> ex.json(529, java.util.Map.of(), "{}"),
                Transcript.load("openai-stream-error.sse").timed(1, 1, 0, 0),
                Transcript.load("openai-malformed.sse").timed(1, 1, 0, 0),
                ex -> {
                    ex.head(200, "text/event-stream", java.util.Map.of());
                    ex.frame(good.frames().get(2));
                    Thread.sleep(100);
                    ex.reset();
                },
                ex -> {
                    ex.head(200, "text/event-stream", java.util.Map.of());
                    ex.frame(good.frames().get(2));
                    Thread.sleep(5_000);
                },
                good.timed(2, 11, 0, 0));
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            int n = served.getAndIncrement();
            // the first two answers are the prompt calibration
            (n < 2 ? good.timed(2, 11, 0, 0) : faults.get((n - 2) % faults.size())).respond(ex);
        })) {
            BenchPlan plan = BenchPlanBuilder.builder()
                    .endpoint(server.uri())
                    .api(WireApi.OPENAI)
                    .model("m")
                    .loads(List.of(new Load.Concurrency(1)))
                    .requests(9)
                    .inputTokens(30)
                    .outputTokens(10)
                    .timeout(Duration.ofMillis(400))
                    .seed(7)
                    .build();
            BenchRun run = new BenchRunner(plan, null, s -> {}).run().runs().getFirst();
            assertThat(run.requests().completed()).isEqualTo(1);
            assertThat(run.requests().errors())
                    .containsOnlyKeys(
                            "http_429",
                            "http_500",
                            "http_503",
                            "http_529",
                            "stream_error",
                            "malformed",
                            "connection_reset",
                            "stall");
            assertThat(run.retryAfterSMax()).isEqualTo(3.0);
        }
    }

    @Test
    void withRespectRetryAfterA429IsWaitedOutAndTheWaitRecorded() throws Exception {
        Transcript good = Transcript.load("openai-vllm.sse");
        AtomicInteger served = new AtomicInteger();
        List<Long> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        Path log = Files.createTempFile("retry", ".jsonl");
        try (ScriptedServer server = ScriptedServer.start(ex -> {
            int n = served.getAndIncrement();
            arrivals.add(System.nanoTime());
            // after the two calibration answers: two refusals asking for 0.2 s each, then the answer
            if (n == 2 || n == 3)
                ex.json(429, java.util.Map.of("retry-after-ms", "200"), "{\"error\":{\"message\":\"slow down\"}}");
            else good.timed(2, 11, 0, 0).respond(ex);
        })) {
            BenchPlan plan = BenchPlanBuilder.builder()
                    .endpoint(server.uri())
                    .api(WireApi.OPENAI)
                    .model("m")
                    .loads(List.of(new Load.Concurrency(1)))
                    .requests(2)
                    .inputTokens(30)
                    .outputTokens(10)
                    .timeout(Duration.ofSeconds(5))
                    .seed(7)
                    .respectRetryAfter(true)
                    .build();
            BenchResult result = new BenchRunner(plan, log, s -> {}).run();
            BenchRun run = result.runs().getFirst();
            assertThat(run.requests().completed()).isEqualTo(2);
            assertThat(run.requests().failed()).isZero();
            assertThat(result.settings()).containsEntry("respect_retry_after", true);
            // the server saw the retry no sooner than it asked
            assertThat((arrivals.get(4) - arrivals.get(3)) / 1e6).isGreaterThanOrEqualTo(200);
            List<String> lines = Files.readAllLines(log);
            assertThat(lines.getFirst()).contains("\"retries\":2", "\"retry_wait_s\":0.4", "\"ok\":true");
            assertThat(lines.get(1)).doesNotContain("retries");
        }
    }
}
