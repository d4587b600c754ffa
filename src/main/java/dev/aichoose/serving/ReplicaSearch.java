package dev.aichoose.serving;

import dev.aichoose.model.Parallelism;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.Workload;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The searches a replica's size and load are chosen by (docs/methodology.md §11.9, §11.5): the fewest
 * GPUs that hold the streams, the widest replica that fits at all, the most streams that meet latency
 * targets.
 */
public final class ReplicaSearch {
    private ReplicaSearch() {}

    /**
     * The fewest GPUs, a power of two one chassis holds and at most {@code budget}, whose replica holds
     * {@code streams} streams.
     */
    public static Optional<Integer> smallest(
            OperatingPoint point, Chassis chassis, int streams, int budget, ServingCalibration calibration) {
        for (int g = 1; g <= Math.min(chassis.maxGpus(), budget); g *= 2) {
            if (!chassis.holds(g) || Chassis.headSplitProblem(point.withGpus(g)).isPresent()) continue;
            if (ServingModel.estimate(point.withGpus(g).withConcurrency(streams), calibration)
                            .streams()
                    >= streams) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** The widest replica (a power of two) one chassis holds, if the model fits it at all. */
    public static Optional<Integer> largestFitting(OperatingPoint point, Chassis chassis, ServingCalibration c) {
        for (int g = Integer.highestOneBit(Math.max(1, chassis.maxGpus())); g >= 1; g /= 2) {
            if (chassis.holds(g)
                    && Chassis.headSplitProblem(point.withGpus(g)).isEmpty()
                    && ServingModel.estimate(point.withGpus(g), c).fits()) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /**
     * The highest concurrency up to {@code most} whose estimated TTFT and TPOT meet the targets. Both grow
     * with the streams, so the search halves the range.
     */
    public static Optional<Integer> highestMeeting(
            OperatingPoint point, int most, Workload.LatencySlo slo, ServingCalibration calibration) {
        if (most < 1 || !meets(ServingModel.estimate(point.withConcurrency(1), calibration), slo)) {
            return Optional.empty();
        }
        int lo = 1;
        int hi = most;
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (meets(ServingModel.estimate(point.withConcurrency(mid), calibration), slo)) lo = mid;
            else hi = mid - 1;
        }
        return Optional.of(lo);
    }

    /**
     * The smallest tensor-parallel replica wider than {@code point}'s (a power of two within one chassis and
     * {@code budget}, of GPUs that split the model's heads) at which one stream meets the latency targets: a
     * wider replica divides each step among more GPUs, where more streams only lengthen it. Empty for a layer
     * split, whose GPUs work in turn, and when no such replica meets them.
     */
    public static Optional<Integer> widerMeeting(
            OperatingPoint point,
            Chassis chassis,
            int budget,
            Workload.LatencySlo slo,
            ServingCalibration calibration) {
        if (point.parallelism() != Parallelism.TENSOR) return Optional.empty();
        for (int g = Math.max(2, point.gpus() * 2); g <= Math.min(chassis.maxGpus(), budget); g *= 2) {
            OperatingPoint wider = point.withGpus(g);
            if (!chassis.holds(g) || Chassis.headSplitProblem(wider).isPresent()) continue;
            if (meets(ServingModel.estimate(wider.withConcurrency(1), calibration), slo)) return Optional.of(g);
        }
        return Optional.empty();
    }

    /** The targets in words: "TTFT ≤ 500 ms and TPOT ≤ 20.0 ms". */
    public static String targetsWords(Workload.LatencySlo slo) {
        List<String> t = new ArrayList<>();
        if (slo.ttftMs() != null) t.add(String.format(Locale.ROOT, "TTFT ≤ %.0f ms", slo.ttftMs()));
        if (slo.tpotMs() != null) t.add(String.format(Locale.ROOT, "TPOT ≤ %.1f ms", slo.tpotMs()));
        return String.join(" and ", t);
    }

    /** Why a replica serves nothing within the targets: what one stream alone takes on it. */
    public static String noConcurrencyMeets(Workload.LatencySlo slo, ServingEstimate oneStream, int gpus) {
        return String.format(
                Locale.ROOT,
                "the estimate meets the latency targets (%s) at no concurrency: one stream alone has a TTFT "
                        + "of %s ms and a TPOT of %.1f ms on a replica of %d GPU%s",
                targetsWords(slo),
                Figures.wholeCount(oneStream.ttftMs()),
                oneStream.tpotMs(),
                gpus,
                gpus == 1 ? "" : "s");
    }

    /**
     * The GPUs a replica of {@code point}'s serves the latency targets on: its own where one stream meets
     * them there (or where the model does not fit it, which its caller reports), else the smallest wider
     * one that does ({@link #widerMeeting}), else its own.
     */
    public static int widenedForTargets(
            OperatingPoint point,
            Chassis chassis,
            int budget,
            Workload.LatencySlo slo,
            ServingCalibration calibration) {
        if (!ServingModel.estimate(point, calibration).fits()
                || highestMeeting(point, 1, slo, calibration).isPresent()) {
            return point.gpus();
        }
        return widerMeeting(point, chassis, budget, slo, calibration).orElse(point.gpus());
    }

    /**
     * Where a wider tensor-parallel replica was tried for the targets ({@link #widerMeeting}) and none met
     * them, what one stream takes on the widest of them, in words to follow {@link #noConcurrencyMeets}:
     * "; on 8 GPUs, the widest one chassis holds, a TTFT of 60 ms and a TPOT of 9.8 ms". Empty otherwise.
     */
    public static String widestTried(
            OperatingPoint point, Chassis chassis, int budget, ServingCalibration calibration) {
        if (point.parallelism() != Parallelism.TENSOR) return "";
        for (int g = Integer.highestOneBit(Math.max(1, Math.min(chassis.maxGpus(), budget)));
                g > point.gpus();
                g /= 2) {
            OperatingPoint widest = point.withGpus(g).withConcurrency(1);
            if (!chassis.holds(g) || Chassis.headSplitProblem(widest).isPresent()) continue;
            ServingEstimate one = ServingModel.estimate(widest, calibration);
            if (!one.fits()) return "";
            return String.format(
                    Locale.ROOT,
                    "; on %d GPUs, the widest replica it may span, a TTFT of %s ms and a TPOT of %.1f ms",
                    g,
                    Figures.wholeCount(one.ttftMs()),
                    one.tpotMs());
        }
        return "";
    }

    /** Whether an estimate meets the targets (a missing target does not constrain). */
    public static boolean meets(ServingEstimate e, Workload.LatencySlo slo) {
        return e.fits()
                && (slo.ttftMs() == null || e.ttftMs() <= slo.ttftMs())
                && (slo.tpotMs() == null || e.tpotMs() <= slo.tpotMs());
    }
}
