package dev.aichoose.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A benchmark result, mirroring bench JSON v1 ({@code aichoose.bench/v1}) field for field. */
public record BenchResult(
        String schema,
        String endpoint,
        String api,
        String model,
        String startedAt,
        Map<String, Object> settings,
        List<BenchRun> runs) {
    public static final String SCHEMA = "aichoose.bench/v1";

    public BenchResult {
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        runs = List.copyOf(runs);
    }

    /**
     * The capacity to plan with. With SLOs: among runs that completed requests and whose p90 TTFT
     * and p90 TPOT meet the given bounds (a null bound does not constrain), the run at the highest
     * load level (ties: higher throughput). Without SLOs: the run with the highest output
     * throughput (ties: higher load). Empty when no run qualifies.
     */
    public Optional<BenchCapacity> capacity(Double ttftSloMs, Double tpotSloMs) {
        boolean constrained = ttftSloMs != null || tpotSloMs != null;
        Comparator<BenchRun> byThroughput = Comparator.comparingDouble(BenchRun::outputTokensPerSecond);
        Comparator<BenchRun> byLoad = Comparator.comparingDouble(BenchRun::loadLevel);
        return runs.stream()
                .filter(r -> r.requests().completed() > 0 && r.outputTokensPerSecond() > 0)
                .filter(r -> meets(r.ttftMs(), ttftSloMs) && meets(r.tpotMs(), tpotSloMs))
                .max(constrained ? byLoad.thenComparing(byThroughput) : byThroughput.thenComparing(byLoad))
                .map(r -> new BenchCapacity(r.outputTokensPerSecond(), (int) Math.round(r.loadLevel()), startedAt));
    }

    private static boolean meets(LatencyStats stats, Double sloMs) {
        if (sloMs == null) return true;
        // a run that never measured the metric cannot show that it meets the bound
        return stats != null && stats.p90() != null && stats.p90() <= sloMs;
    }
}
