package dev.aichoose.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Summarises one run's per-request records: a table with one row per request, filtered and
 * aggregated. Percentiles use Commons Math's R-7 estimator (linear interpolation between closest
 * ranks), the one numpy and vLLM use by default, so figures compare with theirs.
 */
final class RunSummary {
    static final Percentile.EstimationType ESTIMATION = Percentile.EstimationType.R_7;

    private RunSummary() {}

    static BenchRun of(List<RequestRecord> records, Load load, double durationS, Slo slo) {
        Table requests = table(records);
        Table ok = requests.where(requests.booleanColumn("ok").isTrue());
        Table failed = requests.where(requests.booleanColumn("ok").isFalse());

        Map<String, Integer> errors = new LinkedHashMap<>();
        if (!failed.isEmpty()) {
            Table byKind = failed.stringColumn("error_kind").countByCategory();
            for (int i = 0; i < byKind.rowCount(); i++) {
                errors.put(byKind.stringColumn(0).get(i), ((Number) byKind.column(1).get(i)).intValue());
            }
        }
        int completed = ok.rowCount();
        double seconds = durationS > 0 ? durationS : Double.NaN;
        double outputSum = completed == 0 ? 0 : ok.intColumn("output_tokens").sum();
        double inputSum = completed == 0 ? 0 : ok.intColumn("input_tokens").sum();
        DoubleColumn itl = DoubleColumn.create("itl_ms",
                records.stream().filter(RequestRecord::ok).flatMap(r -> r.itlMs().stream()).mapToDouble(Double::doubleValue));
        boolean allFromServer = completed > 0 && ok.stringColumn("token_counts_from").isEqualTo("server").size() == completed;
        Double goodput = slo.isEmpty() ? null
                : rate(records.stream().filter(slo::metBy).count(), seconds);
        Double retryAfterMax = failed.isEmpty() ? null
                : finite(failed.doubleColumn("retry_after_s").removeMissing().max());

        return new BenchRun(
                load instanceof Load.Concurrency c ? c.streams() : null,
                load instanceof Load.Rate r ? r.perSecond() : null,
                new RequestCounts(completed, failed.rowCount(), errors),
                Double.isNaN(seconds) ? 0 : seconds,
                orZero(rate(completed, seconds)),
                orZero(rate(outputSum, seconds)),
                orZero(rate(inputSum + outputSum, seconds)),
                stats(ok.doubleColumn("ttft_ms")),
                stats(ok.doubleColumn("tpot_ms")),
                stats(itl),
                stats(ok.doubleColumn("e2e_ms")),
                new TokenStats(completed == 0 ? null : ok.intColumn("input_tokens").mean()),
                new TokenStats(completed == 0 ? null : ok.intColumn("output_tokens").mean()),
                allFromServer ? "server" : "estimate",
                goodput,
                retryAfterMax);
    }

    private static Table table(List<RequestRecord> records) {
        BooleanColumn ok = BooleanColumn.create("ok");
        StringColumn kind = StringColumn.create("error_kind");
        DoubleColumn ttft = DoubleColumn.create("ttft_ms");
        DoubleColumn tpot = DoubleColumn.create("tpot_ms");
        DoubleColumn e2e = DoubleColumn.create("e2e_ms");
        DoubleColumn retryAfter = DoubleColumn.create("retry_after_s");
        IntColumn input = IntColumn.create("input_tokens");
        IntColumn output = IntColumn.create("output_tokens");
        StringColumn countsFrom = StringColumn.create("token_counts_from");
        for (RequestRecord r : records) {
            ok.append(r.ok());
            kind.append(r.errorKind() == null ? "" : r.errorKind());
            append(ttft, r.ttftMs());
            append(tpot, r.tpotMs());
            append(e2e, r.e2eMs());
            append(retryAfter, r.retryAfterS());
            input.append(r.inputTokens() == null ? 0 : r.inputTokens());
            output.append(r.outputTokens() == null ? 0 : r.outputTokens());
            countsFrom.append(r.tokenCountsFrom());
        }
        return Table.create("requests", ok, kind, ttft, tpot, e2e, retryAfter, input, output, countsFrom);
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
        return new LatencyStats(
                column.removeMissing().mean(), percentile.evaluate(50), percentile.evaluate(90), percentile.evaluate(99));
    }

    private static Double rate(double count, double seconds) {
        return Double.isNaN(seconds) ? null : count / seconds;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
