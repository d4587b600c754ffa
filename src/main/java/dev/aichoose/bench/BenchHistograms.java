package dev.aichoose.bench;

import dev.aichoose.output.AtomicFile;
import dev.aichoose.output.OutputFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A bench's latencies as an HdrHistogram interval log ({@code x.hlog} beside {@code x.json};
 * docs/bench.md, "Shards"): one histogram per run and metric, tagged {@code run<N>.<metric>}, in
 * microseconds to 3 significant digits. Logs of several shards add up exactly (histograms merge by
 * addition), and a merged histogram can be corrected for coordinated omission with the library's
 * {@code copyCorrectedForCoordinatedOmission}. The exact percentiles stay those of the records.
 */
public final class BenchHistograms {
    /** Significant decimal digits every histogram keeps: a value is known to 0.1 %. */
    static final int DIGITS = 3;

    /** The metrics logged, each under its record field's name. */
    static final Map<String, Function<RequestRecord, List<Double>>> METRICS = metrics();

    private BenchHistograms() {}

    private static Map<String, Function<RequestRecord, List<Double>>> metrics() {
        Map<String, Function<RequestRecord, List<Double>>> m = new LinkedHashMap<>();
        m.put("ttft_ms", r -> r.ok() ? one(r.ttftMs()) : List.of());
        m.put("tpot_ms", r -> r.ok() ? one(r.tpotMs()) : List.of());
        m.put("itl_ms", r -> r.ok() ? r.itlMs() : List.of());
        m.put("e2e_ms", r -> r.ok() ? one(r.e2eMs()) : List.of());
        m.put("ttft_from_intended_ms", r -> r.ok() ? one(r.ttftFromIntendedMs()) : List.of());
        m.put("e2e_from_intended_ms", r -> r.ok() ? one(r.e2eFromIntendedMs()) : List.of());
        m.put("dispatch_delay_ms", r -> one(r.dispatchDelayMs()));
        return m;
    }

    private static List<Double> one(Double v) {
        return v == null ? List.of() : List.of(v);
    }

    /** The log beside a result: {@code x.json} → {@code x.hlog}; beside records, {@code x.requests.jsonl} → {@code x.hlog}. */
    public static Path beside(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : List.of(".requests.jsonl", ".json")) {
            if (name.endsWith(suffix))
                return file.resolveSibling(name.substring(0, name.length() - suffix.length()) + ".hlog");
        }
        return file.resolveSibling(name + ".hlog");
    }

    /** The histograms of the records (warm-up left out), by tag. */
    public static Map<String, Histogram> of(List<RequestRecord> records) {
        Map<String, Histogram> histograms = new TreeMap<>();
        for (RequestRecord r : records) {
            if (r.warmup() || r.run() < 1) continue;
            for (var metric : METRICS.entrySet()) {
                for (Double ms : metric.getValue().apply(r)) {
                    if (ms == null || !(ms >= 0) || Double.isInfinite(ms)) continue;
                    histograms
                            .computeIfAbsent(tag(r.run(), metric.getKey()), t -> histogram(t))
                            .recordValue(Math.round(ms * 1000));
                }
            }
        }
        return histograms;
    }

    static String tag(int run, String metric) {
        return "run" + run + "." + metric;
    }

    private static Histogram histogram(String tag) {
        Histogram h = new Histogram(DIGITS);
        h.setTag(tag);
        return h;
    }

    /** Writes the log as every output is written ({@link OutputFiles}): all at once or not at all. */
    public static void write(Path file, Map<String, Histogram> histograms) {
        OutputFiles.write(file, AtomicFile.WhenStopping.WRITE, stream -> {
            PrintStream out = new PrintStream(stream, false, StandardCharsets.UTF_8);
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputComment("aichoose bench: latencies in microseconds, one histogram per run and metric");
            log.outputLogFormatVersion();
            log.outputLegend();
            for (Histogram h : histograms.values()) log.outputIntervalHistogram(0, 0, h, 1000.0);
            out.flush();
            if (out.checkError()) throw new IOException("the log could not be written");
        });
    }

    /** Reads a log's histograms by tag, adding up any tag that appears more than once. */
    public static Map<String, Histogram> read(Path file) {
        Map<String, Histogram> histograms = new TreeMap<>();
        try {
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null) {
                if (!(e instanceof Histogram h) || h.getTag() == null) continue;
                add(histograms, h);
            }
        } catch (IOException | RuntimeException e) {
            throw new dev.aichoose.input.InputException(new dev.aichoose.input.Diagnostic(
                    file.toString(), 0, 0, "not an HdrHistogram log: " + e.getMessage()));
        }
        return histograms;
    }

    /** Adds {@code h} into the histogram of its tag. */
    static void add(Map<String, Histogram> histograms, Histogram h) {
        histograms.computeIfAbsent(h.getTag(), BenchHistograms::histogram).add(h);
    }

    /** The logs of several shards added up, tag by tag. */
    public static Map<String, Histogram> merge(List<Map<String, Histogram>> logs) {
        Map<String, Histogram> merged = new TreeMap<>();
        for (Map<String, Histogram> log : logs) for (Histogram h : log.values()) add(merged, h);
        return merged;
    }

    /**
     * Copies of the latency histograms corrected for coordinated omission at {@code expectedMs}
     * between samples (HdrHistogram's {@code copyCorrectedForCoordinatedOmission}), tagged
     * {@code <tag>.corrected}; the dispatch delay is left out, being no latency.
     */
    public static Map<String, Histogram> corrected(Map<String, Histogram> histograms, double expectedMs) {
        Map<String, Histogram> corrected = new TreeMap<>();
        for (Histogram h : histograms.values()) {
            if (h.getTag().endsWith(".dispatch_delay_ms")) continue;
            Histogram c = h.copyCorrectedForCoordinatedOmission(Math.round(expectedMs * 1000));
            c.setTag(h.getTag() + ".corrected");
            corrected.put(c.getTag(), c);
        }
        return corrected;
    }

    /** p50, p90 and p99 of one histogram, in ms. */
    public static List<Double> percentilesMs(Histogram h) {
        List<Double> p = new ArrayList<>();
        for (double q : new double[] {50, 90, 99}) p.add(h.getValueAtPercentile(q) / 1000.0);
        return p;
    }
}
