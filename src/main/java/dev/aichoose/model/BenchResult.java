package dev.aichoose.model;

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
     * The run to plan capacity with. With targets: among runs that completed requests and whose
     * p90 TTFT and p90 TPOT meet them (a null bound does not constrain), the run at the highest
     * load level (ties: higher throughput). Without: the run with the highest output throughput
     * (ties: higher load). Empty when no run qualifies.
     */
    public Optional<BenchRun> chosenRun(Workload.LatencySlo slo) {
        boolean constrained = slo.ttftMs() != null || slo.tpotMs() != null;
        Comparator<BenchRun> byThroughput = Comparator.comparingDouble(BenchRun::outputTokensPerSecond);
        Comparator<BenchRun> byLoad = Comparator.comparingDouble(BenchRun::loadLevel);
        return runs.stream()
                .filter(r -> r.requests().completed() > 0 && r.outputTokensPerSecond() > 0)
                .filter(r -> meets(r.ttftMs(), slo.ttftMs()) && meets(r.tpotMs(), slo.tpotMs()))
                .max(constrained ? byLoad.thenComparing(byThroughput) : byThroughput.thenComparing(byLoad));
    }

    /** Whether the bench was stopped (Ctrl-C) before it ran every load level it was asked for. */
    public boolean stoppedEarly() {
        return Boolean.TRUE.equals(settings.get("stopped_early"));
    }

    private static boolean meets(LatencyStats stats, Double sloMs) {
        if (sloMs == null) return true;
        // a run that never measured the metric cannot show that it meets the bound
        return stats != null && stats.p90() != null && stats.p90() <= sloMs;
    }
}
