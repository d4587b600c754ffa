package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.BenchRun;
import dev.aichoose.model.LatencyStats;
import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadLatencySloBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    static RequestRecord ok(double ttft, double tpot, double e2e, int in, int out, String from, List<Double> itl) {
        return RequestRecordBuilder.builder()
                .run(1)
                .warmup(false)
                .concurrency(4)
                .index(0)
                .startedAt("2026-01-01T00:00:00Z")
                .ok(true)
                .httpStatus(200)
                .ttftMs(ttft)
                .tpotMs(tpot)
                .e2eMs(e2e)
                .itlMs(itl)
                .chunks(itl.size() + 1)
                .inputTokens(in)
                .outputTokens(out)
                .tokenCountsFrom(from)
                .newConnection(false)
                .build();
    }

    static RequestRecord failed(String kind, Double retryAfter) {
        return RequestRecordBuilder.builder()
                .run(1)
                .warmup(false)
                .concurrency(4)
                .index(0)
                .startedAt("2026-01-01T00:00:00Z")
                .ok(false)
                .errorKind(kind)
                .errorDetail("x")
                .retryAfterS(retryAfter)
                .itlMs(List.of())
                .chunks(0)
                .inputTokens(10)
                .outputTokens(0)
                .tokenCountsFrom("estimate")
                .newConnection(false)
                .build();
    }

    @Test
    void percentilesInterpolateLinearlyBetweenRanksAsNumpyDoes() {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 1; i <= 10; i++) records.add(ok(i * 10, 20, 1000, 100, 50, "server", List.of(20.0, 22.0)));
        BenchRun run = RunSummary.of(records, new Load.Concurrency(4), 10, Workload.LatencySlo.NONE);
        // numpy.percentile([10..100], q) with linear interpolation
        assertThat(run.ttftMs().mean()).isCloseTo(55, within(1e-9));
        assertThat(run.ttftMs().p50()).isCloseTo(55, within(1e-9));
        assertThat(run.ttftMs().p90()).isCloseTo(91, within(1e-9));
        assertThat(run.ttftMs().p99()).isCloseTo(99.1, within(1e-9));
        assertThat(run.itlMs().mean()).isCloseTo(21, within(1e-9));
        assertThat(run.concurrency()).isEqualTo(4);
        assertThat(run.requestRate()).isNull();
    }

    @Test
    void throughputGoodputAndFailuresByKind() {
        List<RequestRecord> records = List.of(
                ok(100, 20, 1100, 500, 50, "server", List.of()),
                ok(600, 20, 1600, 500, 50, "server", List.of()),
                ok(200, 80, 4200, 500, 50, "server", List.of()),
                failed("http_429", 2.0),
                failed("http_429", 7.0),
                failed("stall", null));
        BenchRun run = RunSummary.of(
                records,
                new Load.Rate(2.5),
                2,
                WorkloadLatencySloBuilder.builder().ttftMs(500.0).tpotMs(50.0).build());
        assertThat(run.requests().completed()).isEqualTo(3);
        assertThat(run.requests().failed()).isEqualTo(3);
        assertThat(run.requests().errors())
                .containsExactly(java.util.Map.entry("http_429", 2), java.util.Map.entry("stall", 1));
        assertThat(run.requestThroughput()).isEqualTo(1.5);
        assertThat(run.outputTokensPerSecond()).isEqualTo(75);
        assertThat(run.totalTokensPerSecond()).isEqualTo(825);
        assertThat(run.goodputRps()).isEqualTo(0.5); // only the first meets both bounds
        assertThat(run.retryAfterSMax()).isEqualTo(7.0);
        assertThat(run.inputTokens().mean()).isEqualTo(500);
        assertThat(run.tokenCountsFrom()).isEqualTo("server");
        assertThat(run.requestRate()).isEqualTo(2.5);
        assertThat(run.concurrency()).isNull();
    }

    @Test
    void oneEstimatedCountLabelsTheRunAnEstimate() {
        BenchRun run = RunSummary.of(
                List.of(ok(1, 1, 2, 10, 10, "server", List.of()), ok(1, 1, 2, 10, 10, "estimate", List.of())),
                new Load.Concurrency(1),
                1,
                Workload.LatencySlo.NONE);
        assertThat(run.tokenCountsFrom()).isEqualTo("estimate");
        assertThat(run.goodputRps()).isNull();
    }

    @Test
    void aRunWithNothingCompletedHasNoLatencies() {
        BenchRun run = RunSummary.of(
                List.of(failed("connection_refused", null)), new Load.Concurrency(1), 0.1, Workload.LatencySlo.NONE);
        assertThat(run.requests().completed()).isZero();
        assertThat(run.ttftMs()).isEqualTo(LatencyStats.NONE);
        assertThat(run.outputTokens().mean()).isNull();
        assertThat(run.requestThroughput()).isZero();
    }

    /**
     * A bench keeps its records in the order its requests finished and writes them to the JSONL
     * file in an order of their own (two threads can pass each other between the two), and a merge
     * reads the files in the order given: the figures must not depend on which. Summed in turn,
     * (0.1 + 0.2) + 0.3 and (0.3 + 0.2) + 0.1 differ in their last digit.
     */
    @Test
    void theSameRecordsInAnotherOrderGiveTheSameFiguresToTheLastDigit() {
        List<RequestRecord> records = new ArrayList<>();
        double[] ttft = {0.1, 0.2, 0.3, 0.7, 1.1, 1.3};
        for (int i = 0; i < ttft.length; i++) {
            records.add(ok(ttft[i], 0.1 * (i + 1), 10 + ttft[i], 100, 50, "server", List.of(0.1 * i, 0.3))
                    .with()
                    .index(i)
                    .runStartedAtMs(1_000.0)
                    .endedMs(100 + 10.1 * i)
                    .sentMs(0.3 * i)
                    .intendedMs(0.1 * i)
                    .dispatchDelayMs(0.2 * i)
                    .ttftFromIntendedMs(ttft[i] + 0.1)
                    .e2eFromIntendedMs(10.1 + ttft[i])
                    .build());
        }
        List<RequestRecord> reversed = new ArrayList<>(records);
        java.util.Collections.reverse(reversed);
        Workload.LatencySlo slo =
                WorkloadLatencySloBuilder.builder().ttftMs(1.0).build();
        BenchRun inOrder = RunSummary.of(records, new Load.Concurrency(6), 1.5, slo);
        assertThat(RunSummary.of(reversed, new Load.Concurrency(6), 1.5, slo)).isEqualTo(inOrder);
        List<RequestRecord> interleaved = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            interleaved.add(records.get(i + 3));
            interleaved.add(records.get(i));
        }
        assertThat(RunSummary.of(interleaved, new Load.Concurrency(6), 1.5, slo))
                .isEqualTo(inOrder);
    }
}
