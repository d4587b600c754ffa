package dev.aichoose.bench;

import dev.aichoose.model.BenchRun;
import dev.aichoose.model.BenchRunBuilder;
import dev.aichoose.model.LatencyStats;
import dev.aichoose.model.LatencyStatsBuilder;
import dev.aichoose.model.RequestCounts;
import dev.aichoose.model.TokenStats;
import dev.aichoose.model.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.selection.Selection;

/**
 * Summarises one run's per-request records with Tablesaw: one row per request, filtered and
 * aggregated. Percentiles use Commons Math's R-7 estimator (linear interpolation between closest
 * ranks), the one numpy and vLLM use by default, so figures compare with theirs.
 */
final class RunSummary {
    static final Percentile.EstimationType ESTIMATION = Percentile.EstimationType.R_7;

    private RunSummary() {}

    /**
     * The order every summary reads a run's records in: by repeat and request number, then by when
     * the request's run started and when it ended (two unsharded processes may both send number n).
     * Records arrive in the order their requests finished, which threads decide, and are written
     * to the JSONL file apart from the list a process keeps: summed in either order, a mean could
     * differ in its last digit between a bench and the merge of its own records.
     */
    static final Comparator<RequestRecord> CANONICAL = Comparator.comparingInt(RequestRecord::repeatOrFirst)
            .thenComparingInt(RequestRecord::index)
            .thenComparing(RequestRecord::runStartedAtMs, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RequestRecord::endedMs, Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * One run's summary from its records, in any order: the same records give the same figures to
     * the last digit (the records are read in {@link #CANONICAL} order; records alike in all its
     * keys keep the order given).
     */
    static BenchRun of(List<RequestRecord> given, Load load, double durationS, Workload.LatencySlo slo) {
        List<RequestRecord> records = given.stream().sorted(CANONICAL).toList();
        Requests requests = Requests.of(records);
        Selection ok = requests.ok.isTrue();
        Selection failed = requests.ok.isFalse();

        Map<String, Integer> errors = new LinkedHashMap<>();
        StringColumn kinds = requests.errorKind.where(failed);
        for (String kind : kinds.unique()) errors.put(kind, kinds.countOccurrences(kind));
        int completed = ok.size();
        double seconds = durationS > 0 ? durationS : Double.NaN;
        var input = requests.inputTokens.where(ok);
        var output = requests.outputTokens.where(ok);
        double outputSum = completed == 0 ? 0 : output.sum();
        double inputSum = completed == 0 ? 0 : input.sum();
        DoubleColumn itl = DoubleColumn.create(
                "itl_ms",
                records.stream()
                        .filter(RequestRecord::ok)
                        .flatMap(r -> r.itlMs().stream())
                        .mapToDouble(Double::doubleValue));
        boolean allFromServer = completed > 0
                && requests.tokenCountsFrom.where(ok).isEqualTo("server").size() == completed;
        Double goodput = slo.isEmpty()
                ? null
                : rate((double) records.stream().filter(r -> meets(slo, r)).count(), seconds);
        DoubleColumn retryAfter = requests.retryAfter.where(failed).removeMissing();
        Double retryAfterMax = retryAfter.isEmpty() ? null : retryAfter.max();
        int opened = (int) records.stream()
                .filter(r -> Boolean.TRUE.equals(r.newConnection()))
                .count();
        DoubleColumn connect = DoubleColumn.create(
                "connect_ms",
                records.stream().filter(r -> r.connectMs() != null).mapToDouble(RequestRecord::connectMs));

        LatencyStats ttft = stats(requests.ttft.where(ok));
        OpenLoop open = OpenLoop.of(records, load, seconds);
        List<String> warnings = new ArrayList<>(open.warnings());
        Repeats repeats = Repeats.of(records);
        if (repeats.summary() != null) warnings.addAll(repeats.warnings());
        return BenchRunBuilder.builder()
                .concurrency(load instanceof Load.Concurrency c ? c.streams() : null)
                .requestRate(load instanceof Load.Rate r ? r.perSecond() : null)
                .requests(new RequestCounts(completed, failed.size(), errors))
                .durationS(Double.isNaN(seconds) ? 0 : seconds)
                .requestThroughput(orZero(rate(completed, seconds)))
                .outputTokensPerSecond(orZero(rate(outputSum, seconds)))
                .totalTokensPerSecond(orZero(rate(inputSum + outputSum, seconds)))
                .ttftMs(ttft)
                .tpotMs(stats(requests.tpot.where(ok)))
                .itlMs(stats(itl))
                .e2eMs(stats(requests.e2e.where(ok)))
                .inputTokens(new TokenStats(completed == 0 ? null : input.mean()))
                .outputTokens(new TokenStats(completed == 0 ? null : output.mean()))
                .tokenCountsFrom(allFromServer ? "server" : "estimate")
                .goodputRps(goodput)
                .retryAfterSMax(retryAfterMax)
                .newConnections(opened)
                .connectMs(connect.isEmpty() ? null : stats(connect))
                .achievedRate(open.achievedRate())
                .meanInFlight(open.meanInFlight())
                .dispatchDelayMs(open.dispatchDelay())
                .ttftFromIntendedMs(open.ttftFromIntended())
                .e2eFromIntendedMs(open.e2eFromIntended())
                .outputTokensPerSecondCi(Confidence.meanOfSeries(Timeline.outputTokensPerSecond(records)))
                .saturated(open.saturated())
                .warnings(warnings)
                .repeats(repeats.summary())
                .build();
    }

    /**
     * The run's requests as Tablesaw columns, one row per request. Columns and selections only:
     * Tablesaw's {@code Table} class scans the class path for readers when first loaded, which
     * costs startup time and prints JVM warnings on recent JDKs.
     */
    private record Requests(
            BooleanColumn ok,
            StringColumn errorKind,
            DoubleColumn ttft,
            DoubleColumn tpot,
            DoubleColumn e2e,
            DoubleColumn retryAfter,
            IntColumn inputTokens,
            IntColumn outputTokens,
            StringColumn tokenCountsFrom) {
        static Requests of(List<RequestRecord> records) {
            Requests t = new Requests(
                    BooleanColumn.create("ok"),
                    StringColumn.create("error_kind"),
                    DoubleColumn.create("ttft_ms"),
                    DoubleColumn.create("tpot_ms"),
                    DoubleColumn.create("e2e_ms"),
                    DoubleColumn.create("retry_after_s"),
                    IntColumn.create("input_tokens"),
                    IntColumn.create("output_tokens"),
                    StringColumn.create("token_counts_from"));
            for (RequestRecord r : records) {
                t.ok.append(r.ok());
                t.errorKind.append(r.errorKind() == null ? "" : r.errorKind());
                append(t.ttft, r.ttftMs());
                append(t.tpot, r.tpotMs());
                append(t.e2e, r.e2eMs());
                append(t.retryAfter, r.retryAfterS());
                t.inputTokens.append(r.inputTokens() == null ? 0 : r.inputTokens());
                t.outputTokens.append(r.outputTokens() == null ? 0 : r.outputTokens());
                t.tokenCountsFrom.append(r.tokenCountsFrom());
            }
            return t;
        }
    }

    /**
     * A run's duration from its records: from the earliest run start among them (records from
     * several processes each carry their own) to the last request's end. Records without the run
     * clock (files from before it was recorded) count 0.
     */
    static double durationS(List<RequestRecord> records) {
        // with --repeat N, each repeat has a clock of its own: the run lasted the sum of theirs
        double total = 0;
        for (List<RequestRecord> repeat : Timeline.byRepeat(records).values()) total += oneDurationS(repeat);
        return total;
    }

    private static double oneDurationS(List<RequestRecord> records) {
        double first = records.stream()
                .filter(r -> r.runStartedAtMs() != null)
                .mapToDouble(RequestRecord::runStartedAtMs)
                .min()
                .orElse(0);
        double endMs = 0;
        for (RequestRecord r : records) {
            if (r.runStartedAtMs() == null || r.endedMs() == null) continue;
            // (start - first) is exactly 0 for a single process's records: the sum is its endedMs itself
            endMs = Math.max(endMs, (r.runStartedAtMs() - first) + r.endedMs());
        }
        return endMs / 1000;
    }

    /** A request is good when it meets every bound given; TPOT is undefined for one-token answers and passes. */
    static boolean meets(Workload.LatencySlo slo, RequestRecord r) {
        if (!r.ok()) return false;
        if (slo.ttftMs() != null && (r.ttftMs() == null || r.ttftMs() > slo.ttftMs())) return false;
        if (slo.tpotMs() != null && r.tpotMs() != null && r.tpotMs() > slo.tpotMs()) return false;
        return slo.e2eMs() == null || (r.e2eMs() != null && r.e2eMs() <= slo.e2eMs());
    }

    private static void append(DoubleColumn column, Double value) {
        if (value == null) column.appendMissing();
        else column.append(value);
    }

    static LatencyStats stats(DoubleColumn column) {
        double[] values = column.removeMissing().asDoubleArray();
        if (values.length == 0) return LatencyStats.NONE;
        Percentile percentile = new Percentile().withEstimationType(ESTIMATION);
        percentile.setData(values);
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return LatencyStatsBuilder.builder()
                .mean(column.removeMissing().mean())
                .p50(percentile.evaluate(50))
                .p90(percentile.evaluate(90))
                .p99(percentile.evaluate(99))
                .p50Ci(Confidence.percentile(sorted, 0.50))
                .p90Ci(Confidence.percentile(sorted, 0.90))
                .p99Ci(Confidence.percentile(sorted, 0.99))
                .build();
    }

    /** The statistics of the figures a record may carry ({@code dispatch_delay_ms} …), null when none does. */
    static LatencyStats statsOf(
            List<RequestRecord> records, java.util.function.Function<RequestRecord, Double> figure) {
        DoubleColumn column = DoubleColumn.create("figure");
        for (RequestRecord r : records) {
            Double v = figure.apply(r);
            if (v != null) column.append(v);
        }
        return column.isEmpty() ? null : stats(column);
    }

    private static Double rate(double count, double seconds) {
        return Double.isNaN(seconds) ? null : count / seconds;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
