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
        settings = settings == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        runs = List.copyOf(runs);
    }

    /**
     * The run to plan capacity with. A run a capacity search marked {@code chosen} is that run,
     * as long as it meets the targets given here too. Otherwise, with targets: among runs that
     * meet them at p90 ({@link BenchRun#meetsP90}), the run at the highest load level (ties:
     * higher throughput); without: the run with the highest output throughput (ties: higher
     * load). Empty when no run qualifies.
     */
    public Optional<BenchRun> chosenRun(Workload.LatencySlo slo) {
        // a saturated run measured queueing, not capacity (docs/bench.md, "Saturation")
        Optional<BenchRun> searched = runs.stream()
                .filter(r -> !r.saturatedRun())
                .filter(BenchRun::chosenBySearch)
                .filter(r -> r.meetsP90(slo))
                .findFirst();
        if (searched.isPresent()) return searched;
        boolean constrained = slo.ttftMs() != null || slo.tpotMs() != null;
        Comparator<BenchRun> byThroughput = Comparator.comparingDouble(BenchRun::outputTokensPerSecond);
        Comparator<BenchRun> byLoad = Comparator.comparingDouble(BenchRun::loadLevel);
        return runs.stream()
                .filter(r -> !r.saturatedRun())
                .filter(r -> r.meetsP90(slo))
                .max(constrained ? byLoad.thenComparing(byThroughput) : byThroughput.thenComparing(byLoad));
    }

    /** The capacity search's outcome, when the bench ran one ({@code settings.find_max}). */
    public Optional<FindMax> findMax() {
        if (!(settings.get("find_max") instanceof Map<?, ?> m)) return Optional.empty();
        return Optional.of(
                "none_meets".equals(m.get("outcome")) ? new FindMax.NoneMeets(slo()) : new FindMax.Found(slo()));
    }

    /** The bench's own {@code --slo} ({@code settings.slo}); none when it had none. */
    public Workload.LatencySlo slo() {
        return settings.get("slo") instanceof Map<?, ?> s
                ? WorkloadLatencySloBuilder.builder()
                        .ttftMs(number(s.get("ttft_ms")))
                        .tpotMs(number(s.get("tpot_ms")))
                        .e2eMs(number(s.get("e2e_ms")))
                        .build()
                : Workload.LatencySlo.NONE;
    }

    /** What a capacity search found: a highest load meeting the SLO, or none at all. */
    public sealed interface FindMax {
        Workload.LatencySlo slo();

        record Found(Workload.LatencySlo slo) implements FindMax {}

        record NoneMeets(Workload.LatencySlo slo) implements FindMax {}
    }

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    /** Whether the bench was stopped (Ctrl-C) before it ran every load level it was asked for. */
    public boolean stoppedEarly() {
        return Boolean.TRUE.equals(settings.get("stopped_early"));
    }
}
