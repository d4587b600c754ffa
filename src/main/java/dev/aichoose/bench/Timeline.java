package dev.aichoose.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run's records lie in time. Each record carries its run's start on the sending machine's
 * wall clock ({@code run_started_at_ms}) and its own times after that start; records of several
 * processes (shards merged) are placed against the earliest start among them, and each repeat of
 * {@code --repeat N} has a clock of its own.
 */
final class Timeline {
    private Timeline() {}

    /** The records by repeat (1 when the bench ran each level once), in order. */
    static Map<Integer, List<RequestRecord>> byRepeat(List<RequestRecord> records) {
        Map<Integer, List<RequestRecord>> repeats = new TreeMap<>();
        for (RequestRecord r : records)
            repeats.computeIfAbsent(r.repeatOrFirst(), k -> new ArrayList<>()).add(r);
        return repeats;
    }

    /** The earliest run start among the records (epoch ms), 0 when none says. */
    static double firstStart(List<RequestRecord> records) {
        return records.stream()
                .filter(r -> r.runStartedAtMs() != null)
                .mapToDouble(RequestRecord::runStartedAtMs)
                .min()
                .orElse(0);
    }

    /** How far after the earliest start {@code first} this record's run clock began, in ms. */
    static double offsetMs(RequestRecord r, double first) {
        return r.runStartedAtMs() == null ? 0 : r.runStartedAtMs() - first;
    }

    /**
     * Output tokens per whole second of the run, each repeat's seconds in turn: a completed request's
     * tokens are spread evenly from its first token to its end (a one-chunk answer's all at its end);
     * the last, partial second of each repeat is left out.
     */
    static double[] outputTokensPerSecond(List<RequestRecord> records) {
        List<Double> series = new ArrayList<>();
        for (List<RequestRecord> repeat : byRepeat(records).values()) {
            double first = firstStart(repeat);
            double endMs = 0;
            for (RequestRecord r : repeat) {
                if (r.endedMs() != null) endMs = Math.max(endMs, offsetMs(r, first) + r.endedMs());
            }
            int seconds = (int) Math.floor(endMs / 1000);
            double[] bins = new double[seconds];
            for (RequestRecord r : repeat) {
                if (!r.ok()
                        || r.endedMs() == null
                        || r.e2eMs() == null
                        || r.outputTokens() == null
                        || r.outputTokens() == 0) continue;
                double end = offsetMs(r, first) + r.endedMs();
                double start = Math.max(0, end - r.e2eMs() + (r.ttftMs() == null ? r.e2eMs() : r.ttftMs()));
                spread(bins, start / 1000, end / 1000, r.outputTokens());
            }
            for (double b : bins) series.add(b);
        }
        return series.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void spread(double[] bins, double from, double to, double tokens) {
        if (to - from < 1e-9) {
            int bin = (int) Math.floor(to);
            if (bin < bins.length) bins[bin] += tokens;
            return;
        }
        double perSecond = tokens / (to - from);
        for (int bin = (int) Math.floor(from); bin < bins.length && bin < to; bin++) {
            double overlap = Math.min(to, bin + 1) - Math.max(from, bin);
            if (overlap > 0) bins[bin] += perSecond * overlap;
        }
    }
}
