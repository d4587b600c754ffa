package dev.aichoose.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mean and percentiles of one latency metric in milliseconds; all null when nothing was measured.
 * Beside each percentile, its distribution-free 95 % confidence interval {@code [low, high]} from
 * order statistics (docs/bench.md, "Confidence"), absent when too few samples give one.
 */
public record LatencyStats(
        Double mean,
        Double p50,
        Double p90,
        Double p99,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> p50Ci,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> p90Ci,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> p99Ci) {
    public static final LatencyStats NONE = new LatencyStats(null, null, null, null);

    public LatencyStats {
        p50Ci = interval(p50Ci);
        p90Ci = interval(p90Ci);
        p99Ci = interval(p99Ci);
    }

    /** Figures without intervals, as results before intervals were written hold them. */
    public LatencyStats(Double mean, Double p50, Double p90, Double p99) {
        this(mean, p50, p90, p99, null, null, null);
    }

    private static List<Double> interval(List<Double> ci) {
        if (ci == null) return null;
        if (ci.size() != 2 || ci.get(0) == null || ci.get(1) == null || ci.get(0) > ci.get(1))
            throw new IllegalArgumentException("an interval is [low, high], low <= high: " + ci);
        return List.copyOf(ci);
    }
}
