package dev.aichoose.bench;

import static dev.aichoose.bench.BenchResultFileTest.result;
import static dev.aichoose.bench.BenchResultFileTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCapacityTest {
    // concurrency, output tok/s, p90 TTFT, p90 TPOT
    final BenchResult sweep = result(run(1, 100, 150, 10), run(4, 350, 300, 20), run(16, 900, 900, 45), run(64, 850, 4000, 120));

    @Test
    void withoutSlosTheHighestThroughputRun() {
        assertThat(sweep.capacity(null, null)).contains(new BenchCapacity(900, 16, "2026-11-24T01:00:00Z"));
    }

    @Test
    void withSlosTheHighestConcurrencyWhoseP90sMeetThem() {
        assertThat(sweep.capacity(500.0, 50.0)).contains(new BenchCapacity(350, 4, "2026-11-24T01:00:00Z"));
        assertThat(sweep.capacity(1000.0, null)).contains(new BenchCapacity(900, 16, "2026-11-24T01:00:00Z"));
        assertThat(sweep.capacity(null, 15.0)).contains(new BenchCapacity(100, 1, "2026-11-24T01:00:00Z"));
    }

    @Test
    void emptyWhenNoRunMeetsTheSlos() {
        assertThat(sweep.capacity(100.0, null)).isEmpty();
    }

    @Test
    void runsThatCompletedNothingNeverCount() {
        BenchRun dead = new BenchRun(8, null, new RequestCounts(0, 5, Map.of("connection_refused", 5)), 1, 0, 0, 0,
                LatencyStats.NONE, LatencyStats.NONE, LatencyStats.NONE, LatencyStats.NONE,
                new TokenStats(null), new TokenStats(null), "estimate", null, null);
        assertThat(result(dead).capacity(null, null)).isEmpty();
        assertThat(result(dead).capacity(1e9, 1e9)).isEmpty();
    }

    @Test
    void aRateRunReportsItsRateRounded() {
        BenchRun rated = new BenchRun(null, 2.6, new RequestCounts(10, 0, Map.of()), 1, 1, 42, 84,
                new LatencyStats(1.0, 1.0, 1.0, 1.0), new LatencyStats(1.0, 1.0, 1.0, 1.0), LatencyStats.NONE,
                LatencyStats.NONE, new TokenStats(1.0), new TokenStats(1.0), "server", null, null);
        assertThat(result(rated).capacity(10.0, 10.0)).contains(new BenchCapacity(42, 3, "2026-11-24T01:00:00Z"));
    }
}
