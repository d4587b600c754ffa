package dev.aichoose.load.usage;

import dev.aichoose.model.Actuals;
import java.time.Instant;
import java.util.List;

/**
 * One export as read: its lines, and the periods it covers (each JSON bucket, each CSV row), which
 * the checks across files use: every period within the scenario's calendar, no two buckets of one
 * endpoint overlapping, no FOCUS charge or usage-CSV month given twice.
 */
record ExportRead(List<Actuals.Line> lines, List<Period> periods) {
    ExportRead {
        lines = List.copyOf(lines);
        periods = List.copyOf(periods);
    }

    /**
     * A bucket or a row: where it was read, what it covers, and {@code key}: what identifies it among
     * its kind's (a bucket's endpoint; a FOCUS charge's period, resource and SKU; a CSV month and option).
     * A bucket's {@code source} is null when its page has no result to name its endpoint.
     */
    record Period(Actuals.Source source, Instant start, Instant end, Actuals.Origin origin, String key) {}
}
