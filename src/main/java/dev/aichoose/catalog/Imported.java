package dev.aichoose.catalog;

import dev.aichoose.model.ApiModel;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import produced: the entries for a price-book layer, each with the source key it came
 * from, what was skipped (by reason, counted), and the values our sanity bounds refused.
 */
public record Imported(
        String format, LocalDate asOf, List<Entry> entries, Map<String, Integer> skipped, List<String> outOfBounds) {

    public Imported {
        entries = List.copyOf(entries);
        skipped = new TreeMap<>(skipped);
        outOfBounds = List.copyOf(outOfBounds);
    }

    /** One model: our entry, and the key in the source file it was read from. */
    public record Entry(ApiModel model, String sourceKey) {}

    /** The stderr summary: imported, skipped by reason, out of bounds. */
    public List<String> summary() {
        List<String> lines = new java.util.ArrayList<>();
        int skippedTotal = skipped.values().stream().mapToInt(Integer::intValue).sum();
        lines.add("imported " + entries.size() + " chat models from " + format + " (as of " + asOf + "); skipped "
                + skippedTotal + "; out of bounds " + outOfBounds.size());
        skipped.forEach((reason, n) -> lines.add("  skipped " + n + ": " + reason));
        outOfBounds.forEach(o -> lines.add("  out of bounds: " + o));
        return lines;
    }
}
