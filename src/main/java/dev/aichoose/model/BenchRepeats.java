package dev.aichoose.model;

import java.util.List;
import java.util.Map;

/**
 * A load level run {@code count} times in a row ({@code --repeat N}): each repeat's throughput and
 * median TTFT, and the coefficient of variation of each across the repeats (sample standard
 * deviation ÷ mean; absent where the mean is 0). The run's other figures pool every repeat's requests.
 */
public record BenchRepeats(
        int count,
        List<Double> outputTokensPerSecond,
        List<Double> requestThroughput,
        List<Double> ttftP50Ms,
        Map<String, Double> cv) {
    public BenchRepeats {
        outputTokensPerSecond = List.copyOf(outputTokensPerSecond);
        requestThroughput = List.copyOf(requestThroughput);
        // a repeat that completed no request has no median: null in its place
        ttftP50Ms = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ttftP50Ms));
        cv = Map.copyOf(cv);
    }
}
