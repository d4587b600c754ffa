package dev.aichoose.bench;

import dev.aichoose.model.BenchRepeats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * A load level run several times ({@code --repeat N}): each repeat's throughput and median TTFT,
 * and their coefficient of variation, as vLLM's {@code --num-runs} reports it.
 */
record Repeats(BenchRepeats summary, List<String> warnings) {
    /** A coefficient of variation of the throughput above this is worth a warning. */
    static final double CV_WARNING = 0.10;

    static Repeats of(List<RequestRecord> records) {
        if (records.stream().allMatch(r -> r.repeat() == null)) return new Repeats(null, List.of());
        List<Double> output = new ArrayList<>();
        List<Double> requests = new ArrayList<>();
        List<Double> ttft = new ArrayList<>();
        for (List<RequestRecord> repeat : Timeline.byRepeat(records).values()) {
            double seconds = RunSummary.durationS(repeat);
            List<RequestRecord> ok = repeat.stream().filter(RequestRecord::ok).toList();
            double tokens = ok.stream()
                    .mapToDouble(r -> r.outputTokens() == null ? 0 : r.outputTokens())
                    .sum();
            output.add(seconds > 0 ? tokens / seconds : 0);
            requests.add(seconds > 0 ? ok.size() / seconds : 0);
            double[] t = ok.stream()
                    .filter(r -> r.ttftMs() != null)
                    .mapToDouble(RequestRecord::ttftMs)
                    .toArray();
            ttft.add(
                    t.length == 0
                            ? null
                            : new Percentile()
                                    .withEstimationType(RunSummary.ESTIMATION)
                                    .evaluate(t, 50));
        }
        Map<String, Double> cv = new LinkedHashMap<>();
        put(cv, "output_tokens_per_second", Confidence.coefficientOfVariation(output));
        put(cv, "request_throughput", Confidence.coefficientOfVariation(requests));
        put(cv, "ttft_p50_ms", Confidence.coefficientOfVariation(ttft));
        List<String> warnings = new ArrayList<>();
        Double throughputCv = cv.get("output_tokens_per_second");
        if (throughputCv != null && throughputCv > CV_WARNING) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "the output throughput of its %d repeats varied by a coefficient of variation of %.0f%%",
                    output.size(),
                    throughputCv * 100));
        }
        return new Repeats(new BenchRepeats(output.size(), output, requests, ttft, cv), warnings);
    }

    private static void put(Map<String, Double> cv, String key, Double value) {
        if (value != null) cv.put(key, value);
    }
}
