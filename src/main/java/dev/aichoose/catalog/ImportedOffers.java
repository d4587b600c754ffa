package dev.aichoose.catalog;

import dev.aichoose.model.CloudOffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a SkyPilot import produced: the rented offers for a price-book layer, the rows counted and
 * not imported (by reason), the accelerators no mapping names (each with its rows), the malformed
 * rows ({@code --skip-bad}) and the offers outside the loader's bounds.
 */
public record ImportedOffers(
        LocalDate asOf,
        int rowsRead,
        List<CloudOffer> offers,
        int onDemand,
        int spot,
        Map<String, Integer> skipped,
        Map<String, Integer> unmapped,
        List<String> bad,
        List<String> outOfBounds) {

    public ImportedOffers {
        offers = List.copyOf(offers);
        skipped = new TreeMap<>(skipped);
        unmapped = new TreeMap<>(unmapped);
        bad = List.copyOf(bad);
        outOfBounds = List.copyOf(outOfBounds);
    }

    /** The standard-error summary, in the words the API importers use. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        int skippedRows = skipped.values().stream().mapToInt(Integer::intValue).sum();
        int unmappedRows =
                unmapped.values().stream().mapToInt(Integer::intValue).sum();
        lines.add("imported " + offers.size() + " rented offers (" + onDemand + " on-demand, " + spot
                + " spot) from skypilot (as of " + asOf + ") out of " + rowsRead + " rows; skipped " + skippedRows
                + "; unmapped " + unmappedRows + "; malformed " + bad.size() + "; out of bounds " + outOfBounds.size());
        skipped.forEach((reason, n) -> lines.add("  skipped " + n + ": " + reason));
        unmapped.forEach((accelerator, n) -> lines.add("  unmapped accelerator, " + n + " rows: " + accelerator));
        bad.forEach(b -> lines.add("  malformed: " + b));
        outOfBounds.forEach(o -> lines.add("  out of bounds: " + o));
        return lines;
    }
}
