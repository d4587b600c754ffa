package dev.aichoose.bench;

import dev.aichoose.model.BenchRun;
import dev.aichoose.model.LatencyStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Saturation at a fixed concurrency (docs/bench.md, "Saturation"): a point is saturated when its
 * output throughput is within noise of the nearest lower concurrency measured that was not itself
 * saturated, while its mean
 * TTFT grew: the streams added only queued. Within noise: less than the lower point's throughput
 * plus the largest of 5 % of it, a quarter of the load's rise times it (doubling the streams must add
 * at least 25 %), and the two points' throughput intervals (their half-widths in quadrature); TTFT grew
 * when its mean is more than 10 % above the lower point's. The mean, not the median: the first
 * streams past a server's limit make a minority of requests wait, which moves the mean at once and
 * the median only once most requests wait. A rate run is judged on its own records ({@link OpenLoop}).
 */
final class Saturation {
    /** Throughput within this share of the lower point's is flat whatever the intervals say. */
    static final double FLAT_SHARE = 0.05;
    /** Throughput that rose by less than this share of the load's rise has stopped rising. */
    static final double SCALING_SHARE = 0.25;
    /** A mean TTFT this much above the lower point's has grown. */
    static final double TTFT_GROWTH = 0.10;

    private Saturation() {}

    /** Every run judged against the others, from the lowest concurrency up; rate runs keep their own verdict. */
    static List<BenchRun> judgeAll(List<BenchRun> runs) {
        List<BenchRun> judged = new ArrayList<>(runs);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble(i -> runs.get(i).loadLevel()));
        List<BenchRun> below = new ArrayList<>();
        for (int i : order) {
            BenchRun run = judge(runs.get(i), below);
            judged.set(i, run);
            below.add(run);
        }
        return judged;
    }

    /**
     * {@code run} judged against the nearest lower concurrency among {@code measured} that was not
     * itself saturated: the last load at which the server still scaled.
     */
    static BenchRun judge(BenchRun run, List<BenchRun> measured) {
        if (run.concurrency() == null) return run;
        Optional<BenchRun> lower = measured.stream()
                .filter(r -> r.concurrency() != null && r.concurrency() < run.concurrency() && !r.saturatedRun())
                .max(Comparator.comparingInt(BenchRun::concurrency));
        List<String> warnings = new ArrayList<>(run.warningsOrNone());
        warnings.removeIf(w -> w.startsWith(PREFIX));
        if (lower.isEmpty() || !saturated(run, lower.get())) return run.judged(false, warnings);
        BenchRun q = lower.get();
        warnings.add(String.format(
                Locale.ROOT,
                PREFIX + " %s output tok/s at concurrency %d, within noise of the %s at concurrency %d, while "
                        + "mean TTFT grew from %s to %s ms; the added streams only queued, so it is not capacity",
                BenchTable.fmt(run.outputTokensPerSecond()),
                run.concurrency(),
                BenchTable.fmt(q.outputTokensPerSecond()),
                q.concurrency(),
                BenchTable.fmt(q.ttftMs().mean()),
                BenchTable.fmt(run.ttftMs().mean())));
        return run.judged(true, warnings);
    }

    private static final String PREFIX = "saturated:";

    private static boolean saturated(BenchRun p, BenchRun q) {
        if (p.requests().completed() == 0 || q.requests().completed() == 0) return false;
        // a server that still scales adds throughput in some proportion to the load added
        double loadRise = p.concurrency() / (double) q.concurrency() - 1;
        double noise = Math.max(FLAT_SHARE, SCALING_SHARE * loadRise) * q.outputTokensPerSecond();
        double hp = halfWidth(p.outputTokensPerSecondCi());
        double hq = halfWidth(q.outputTokensPerSecondCi());
        if (!Double.isNaN(hp) && !Double.isNaN(hq)) noise = Math.max(noise, Math.hypot(hp, hq));
        boolean flat = p.outputTokensPerSecond() <= q.outputTokensPerSecond() + noise;
        return flat && ttftGrew(p.ttftMs(), q.ttftMs());
    }

    private static boolean ttftGrew(LatencyStats p, LatencyStats q) {
        if (p == null || q == null || p.mean() == null || q.mean() == null) return false;
        return p.mean() > q.mean() * (1 + TTFT_GROWTH);
    }

    private static double halfWidth(List<Double> ci) {
        return ci == null ? Double.NaN : (ci.get(1) - ci.get(0)) / 2;
    }
}
