package dev.aichoose.model;

/** Mean and percentiles of one latency metric in milliseconds; all null when nothing was measured. */
public record LatencyStats(Double mean, Double p50, Double p90, Double p99) {
    public static final LatencyStats NONE = new LatencyStats(null, null, null, null);
}
