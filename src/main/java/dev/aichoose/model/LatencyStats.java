package dev.aichoose.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * Mean and percentiles of one latency metric in milliseconds; all null when nothing was measured.
 * Beside each percentile, its distribution-free 95 % confidence interval {@code [low, high]} from
 * order statistics (docs/bench.md, "Confidence"), absent when too few samples give one. Assembled by
 * name with {@link LatencyStatsBuilder}: four figures of one type are too easy to swap by position.
 */
@RecordBuilder
public record LatencyStats(
        Double mean,
        Double p50,
        Double p90,
        Double p99,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> p50Ci,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> p90Ci,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> p99Ci) {
    public static final LatencyStats NONE = LatencyStatsBuilder.builder().build();

    public LatencyStats {
        p50Ci = interval(p50Ci);
        p90Ci = interval(p90Ci);
        p99Ci = interval(p99Ci);
    }

    private static List<Double> interval(List<Double> ci) {
        if (ci == null) return null;
        if (ci.size() != 2 || ci.get(0) == null || ci.get(1) == null || ci.get(0) > ci.get(1))
            throw new IllegalArgumentException("an interval is [low, high], low <= high: " + ci);
        return List.copyOf(ci);
    }
}
