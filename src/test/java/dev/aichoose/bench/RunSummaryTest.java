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
}
