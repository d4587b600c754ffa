package dev.aichoose.model;

import java.util.Map;
import java.util.TreeMap;

/** Completed and failed requests of a run, failures counted by kind ({@code http_503}, {@code stall} …). */
public record RequestCounts(int completed, int failed, Map<String, Integer> errors) {
    public RequestCounts {
        if (completed < 0 || failed < 0) throw new IllegalArgumentException("negative request count");
        errors = errors == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(errors));
    }
}
