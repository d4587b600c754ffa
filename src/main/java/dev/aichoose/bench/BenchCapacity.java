package dev.aichoose.bench;

/**
 * What a benchmarked deployment sustains: output tokens per second at a load level.
 * {@code concurrency} is the run's concurrency, or its request rate rounded to a whole number
 * for rate runs.
 */
public record BenchCapacity(double outputTokensPerSecond, int concurrency, String startedAt) {}
