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

/** {@code --find-max} against a server whose first token comes much later once it holds more than six requests. */
public class FindMaxTest {
    /** Requests waiting for their first token that the server serves at full speed. */
    public static final int SERVED_AT_ONCE = 6;

    /** Milliseconds to a first token while at most {@link #SERVED_AT_ONCE} requests wait for theirs. */
    public static final long PROMPT_MS = 400;

    /** Milliseconds to a first token once more than {@link #SERVED_AT_ONCE} requests wait. */
    public static final long QUEUED_MS = 1_500;

    /**
     * Between the two first-token times: 500 ms of lateness (a busy machine's scheduling) must be
     * added to at least two of a probe's twelve requests before a load that meets it seems to miss
     * it, and none can make a load that misses it seem to meet it (below).
     */
    public static final double SLO_MS = 900;

    /** Requests per probe. */
    public static final int REQUESTS = 12;

    /** Milliseconds between the content chunks of an answer, once its first token is out. */
    public static final long DECODE_GAP_MS = 10;

    /**
     * Time to first token = {@link #PROMPT_MS} while at most six requests wait for theirs, and
     * {@link #QUEUED_MS} for every request that saw a seventh waiting while it waited (a server whose
     * batch holds six: one more and all of them queue). A wave of c requests sent together all see c.
     * The SLO then holds up to 6 streams and not at 7, whose first wave of seven all wait 1,500 ms
     * (its second wave, the five requests left, does not: p90 is still one of the seven).
     *
     * <p>What the client measures is the scripted time plus its own and the server's lateness,
     * never less: the server waits the scripted time from when its thread began on the request,
     * after the client's clock for it started. So lateness can only push a passing probe (400 ms)
     * towards the SLO (900 ms); a failing one (1,500 ms) stays failed. The earlier script grew the
     * first token 60 ms a request, 360 ms at 6 streams against an SLO of 390: 30 ms of lateness on
     * two requests of twelve, which a load average of 10 gives, made 6 miss and the search pick 5.
     * Lateness must not make 6 streams look saturated either (docs/bench.md "Saturation"), which
     * takes both a throughput within 12.5 % of 4 streams' and a mean TTFT more than 10 % above
     * theirs. Below seven the first token does not grow with the streams, so throughput rises in
     * proportion to them (50 % from 4 to 6, nominally), and both need lateness of hundreds of ms:
     * a mean 40 ms above 400 ms is 480 ms added over twelve requests, and the 12.5 % a run of two
     * 490 ms waves lasting 330 ms longer. (A first token of 150 ms, at the same load average of 7
     * to 8, once made 6 streams look saturated: 12.5 % of 150 ms is 15 ms.)
     *
     * <p>A request stops counting before its answer is written, so the next request of the same
     * stream, which can only follow that answer, never meets it.
     */
    public static ScriptedServer.Script loadedServer(AtomicInteger waiting) {
        Transcript answer = Transcript.load("openai-vllm.sse");
        return ex -> {
            int seen = waiting.incrementAndGet();
            try {
                long start = System.nanoTime();
                while ((System.nanoTime() - start) / 1_000_000 < (seen > SERVED_AT_ONCE ? QUEUED_MS : PROMPT_MS)) {
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
