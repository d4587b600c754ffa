package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadLatencySloBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code --find-max} against a server whose first token comes later the more requests it holds. */
public class FindMaxTest {
    /** Milliseconds of first-token latency per request waiting for its first token. */
    public static final long STEP_MS = 60;

    public static final double SLO_MS = 390;

    /** Requests per probe. */
    public static final int REQUESTS = 12;

    /** Milliseconds between the content chunks of an answer, once its first token is out. */
    public static final long DECODE_GAP_MS = 25;

    /**
     * Time to first token = STEP_MS × the most requests seen waiting for theirs while this one
     * waited, so a wave of c requests sent together all wait c steps. The SLO of 390 ms then holds
     * up to 6 streams (360 ms) and not at 7 (420 ms), 30 ms either side of the bound (a busy
     * machine delays a first token by tens of milliseconds). A request stops counting before its
     * answer is written, so the next request of the same stream, which can only follow that answer,
     * never meets it. The answer then takes 225 ms (nine gaps of {@link #DECODE_GAP_MS}), so that
     * more streams still deliver more tokens a second: 48 % more at 4 streams than at 2, 19 % more
     * at 6 than at 4 (a quarter of the load's rise is what a server still scaling must add,
     * docs/bench.md "Saturation"), none at 7 than at 6, where the added stream only queues.
     */
    public static ScriptedServer.Script loadedServer(AtomicInteger waiting) {
        Transcript answer = Transcript.load("openai-vllm.sse");
        return ex -> {
            int seen = waiting.incrementAndGet();
            try {
                long start = System.nanoTime();
                while ((System.nanoTime() - start) / 1_000_000 < STEP_MS * seen) {
                    Thread.sleep(5);
                    seen = Math.max(seen, waiting.get());
                }
            } finally {
                waiting.decrementAndGet();
            }
            ex.head(200, answer.contentType(), Map.of());
            for (int i = 0; i < answer.frames().size(); i++) {
                if (i > 2 && i <= 11) Thread.sleep(DECODE_GAP_MS);
                ex.frame(answer.frames().get(i));
            }
            ex.end();
        };
    }

    static BenchPlan plan(java.net.URI endpoint, Load start, Workload.LatencySlo slo) {
        return BenchPlanBuilder.builder()
                .endpoint(endpoint)
                .api(WireApi.OPENAI)
                .model("m")
                .loads(List.of(start))
                .requests(REQUESTS)
                .inputTokens(30)
                .outputTokens(10)
                .slo(slo)
                .timeout(Duration.ofSeconds(30))
                .seed(7)
                .findMax(true)
                .build();
    }

    @Test
    void convergesOnTheHighestConcurrencyThatMeetsTheSloRecordingEveryProbe() {
        try (ScriptedServer server = ScriptedServer.start(loadedServer(new AtomicInteger()))) {
            BenchResult result = new BenchRunner(
                            plan(
                                    server.uri(),
                                    new Load.Concurrency(1),
                                    WorkloadLatencySloBuilder.builder()
                                            .ttftMs(SLO_MS)
                                            .build()),
                            null,
                            n -> {})
                    .run();
            assertThat(result.runs())
                    .as(() -> result.runs().stream()
                            .map(r -> r.concurrency() + ": p90 TTFT "
                                    + r.ttftMs().p90() + " p99 " + r.ttftMs().p99())
                            .toList()
                            .toString())
                    .extracting(BenchRun::concurrency)
                    .containsExactly(1, 2, 4, 8, 6, 7);
            assertThat(result.runs())
                    .filteredOn(BenchRun::chosenBySearch)
                    .extracting(BenchRun::concurrency)
                    .containsExactly(6);
            assertThat(result.runs())
                    .allSatisfy(r -> assertThat(r.requests().completed()).isEqualTo(REQUESTS));
            // each probe is a measured run: its p90 TTFT is what decided it
            assertThat(result.runs())
                    .allSatisfy(r -> assertThat(r.meetsP90(WorkloadLatencySloBuilder.builder()
                                    .ttftMs(SLO_MS)
                                    .build()))
                            .as(
                                    "concurrency %d, p90 TTFT %.0f ms",
                                    r.concurrency(), r.ttftMs().p90())
                            .isEqualTo(r.concurrency() <= 6));
            assertThat(result.settings().get("find_max"))
                    .isEqualTo(Map.of(
                            "outcome",
                            "found",
                            "probes",
                            6,
                            "limit_reached",
                            false,
                            "failure_share_max",
                            BenchRunner.FIND_MAX_FAILURE_SHARE));
            assertThat(result.findMax()).containsInstanceOf(BenchResult.FindMax.Found.class);
            assertThat(result.chosenRun(Workload.LatencySlo.NONE))
                    .map(BenchRun::concurrency)
                    .contains(6);
        }
    }

    @Test
    void whenNoLoadMeetsTheSloTheResultSaysSoAndChoosesNone() {
        try (ScriptedServer server = ScriptedServer.start(loadedServer(new AtomicInteger()))) {
            BenchResult result = new BenchRunner(
                            plan(
                                    server.uri(),
                                    new Load.Concurrency(2),
                                    WorkloadLatencySloBuilder.builder()
                                            .ttftMs(20.0)
                                            .build()),
                            null,
                            n -> {})
                    .run();
            assertThat(result.runs()).extracting(BenchRun::concurrency).containsExactly(2, 1);
            assertThat(result.runs()).noneMatch(BenchRun::chosenBySearch);
            assertThat(result.findMax()).containsInstanceOf(BenchResult.FindMax.NoneMeets.class);
            assertThat(BenchTable.render(result)).contains("find-max: no load meets the SLO (2 probes)");
        }
    }
}
