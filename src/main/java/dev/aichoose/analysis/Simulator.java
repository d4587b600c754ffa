package dev.aichoose.analysis;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Distribution;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Simulation;
import dev.aichoose.model.Uncertainty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.analysis.solvers.BisectionSolver;
import org.apache.commons.math3.random.Well19937c;

/**
 * How sure the answer is (docs/methodology.md, "How sure is the answer?"): a Monte Carlo over the
 * scenario's ranges, each draw run through the whole engine and the recommendation rules, every
 * option priced on the same draw (common random numbers); then, on the deterministic engine, a
 * tornado of what moves the gap between the recommended option and the runner-up, and the flip
 * point of each input.
 */
public final class Simulator {
    /** Fixed, so that a run without --seed is reproducible. */
    public static final long DEFAULT_SEED = 20_260_312L;
    /** Bars in each option's TCO histogram. */
    static final int BINS = 30;
    /** Probes across each side of a range before the root finder narrows a change down. */
    static final int SCAN_STEPS = 16;
    /** How close a flip point is to the true change, as a share of its side of the range. */
    static final double FLIP_ACCURACY = 1e-8;
    /** Draws evaluated together: enough to keep both cores busy, few enough that their inputs take little memory. */
    static final int CHUNK = 4096;

    private final Evaluation base;
    private final ScenarioDraft draft;
    private final DrawEvaluator evaluator;
    private final List<String> ids;
    private final Optional<String> recommended;
    private final Optional<String> versus;

    private Simulator(Evaluation base, Catalog catalog, Optional<String> versus) {
        this.base = base;
        // the scenario's ranges, for each estimated option its estimate's measured error, and for each
        // option whose capacity a bench measured the bench's interval
        this.draft = new ScenarioDraft(
                base.scenario().withUncertainty(new Uncertainty(BenchRanges.inputs(base, EstimateErrors.inputs(base)))),
                catalog);
        this.evaluator = new DrawEvaluator(base, catalog);
        this.ids = base.options().stream().map(OptionResult::id).toList();
        this.recommended = recommendedOf(base);
        this.versus = versus;
    }

    /** {@code base}: the deterministic evaluation of the scenario, whose ranges are drawn from. */
    public static Simulation simulate(Evaluation base, Catalog catalog, int draws, long seed) {
        return simulate(base, catalog, draws, seed, Optional.empty());
    }

    /**
     * @param versus the option the tornado and the gap flips measure the recommendation against;
     *     empty for the best feasible option of each other kind
     */
    public static Simulation simulate(Evaluation base, Catalog catalog, int draws, long seed, Optional<String> versus) {
        if (draws < 1) throw new IllegalArgumentException("draws must be at least 1, got " + draws);
        versus.ifPresent(v -> {
            if (!base.options().stream().anyMatch(o -> o.id().equals(v)))
                throw new IllegalArgumentException("no option " + v);
        });
        return new Simulator(base, catalog, versus).run(draws, seed);
    }

    /** The option an evaluation recommends; empty when nothing is feasible. */
    static Optional<String> recommendedOf(Evaluation e) {
        return e.recommendation().recommendedOption();
    }

    /** What one evaluation says, per option of the base evaluation, in its order. */
    @SuppressWarnings("ArrayRecordComponent") // arrays read by index, never compared or hashed
    private record Outcome(double[] tco, boolean[] feasible, Optional<String> recommended) {
        /** Index of the cheapest feasible option (the first on a tie), or -1 when none is feasible. */
        int cheapest() {
            int best = -1;
            for (int j = 0; j < tco.length; j++) {
                if (feasible[j] && (best < 0 || tco[j] < tco[best])) best = j;
            }
            return best;
        }
    }

    /** The scenario with input i at {@code values[i]}, evaluated, per option of the base evaluation. */
    private Outcome outcome(double[] values) {
        ScenarioDraft.Point p = draft.at(values);
        DrawEvaluator.Outcome e = evaluator.evaluate(p.scenario(), p.catalog());
        if (e.ids().equals(ids)) return new Outcome(e.tcoUsd(), e.feasible(), e.recommended());
        // the default option set is sized to the draw, so an option of the base may be missing from it
        double[] tco = new double[ids.size()];
        boolean[] feasible = new boolean[ids.size()];
        for (int j = 0; j < ids.size(); j++) {
            int k = e.ids().indexOf(ids.get(j));
            tco[j] = k < 0 ? Double.NaN : e.tcoUsd()[k];
            feasible[j] = k >= 0 && e.feasible()[k];
        }
        return new Outcome(tco, feasible, e.recommended());
    }

    private Simulation run(int draws, long seed) {
        List<Distributions.Sampler> samplers = samplers(draft.inputs(), seed);
        int n = ids.size();
        int[] cheapest = new int[n];
        int[] feasible = new int[n];
        int none = 0;
        int holds = 0;
        double regret = 0;
        int regretDraws = 0;
        int rec = recommended.map(ids::indexOf).orElse(-1);
        double[][] tco = new double[n][draws];
        // a chunk of draws at a time, so that memory holds each option's TCOs and not every draw's inputs
        double[][] values = new double[Math.min(draws, CHUNK)][samplers.size()];
        Outcome[] outcomes = new Outcome[values.length];
        for (int d = 0; d < draws; d++) {
            int k = d % CHUNK;
            if (k == 0) {
                int size = Math.min(CHUNK, draws - d);
                for (int e = 0; e < size; e++) {
                    for (int i = 0; i < samplers.size(); i++)
                        values[e][i] = samplers.get(i).next();
                }
                // the chunk's draws are fixed above, so evaluating them in parallel changes nothing in the result
                IntStream.range(0, size).parallel().forEach(e -> outcomes[e] = outcome(values[e]));
            }
            Outcome o = outcomes[k];
            int c = o.cheapest();
            if (c < 0) none++;
            else cheapest[c]++;
            for (int j = 0; j < n; j++) {
                tco[j][d] = o.tco()[j];
                if (o.feasible()[j]) feasible[j]++;
            }
            if (recommended.isPresent() && o.recommended().equals(recommended)) holds++;
            if (rec >= 0 && c >= 0) {
                regretDraws++;
                // a running mean: exact when every draw gives the same figure
                regret += (Math.max(0, o.tco()[rec] - o.tco()[c]) - regret) / regretDraws;
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] t : tco) {
            for (double v : t) {
                if (Double.isNaN(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        double bin = hi > lo ? (hi - lo) / BINS : 1;
        List<Simulation.OptionSpread> spreads = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double[] sorted = tco[j].clone();
            Arrays.sort(sorted);
            Integer[] counts = new Integer[BINS];
            Arrays.fill(counts, 0);
            double mean = 0;
            for (int d = 0; d < draws; d++) {
                mean += (tco[j][d] - mean) / (d + 1);
                if (!Double.isNaN(tco[j][d])) counts[Math.min(BINS - 1, (int) ((tco[j][d] - lo) / bin))]++;
            }
            spreads.add(new Simulation.OptionSpread(
                    ids.get(j),
                    mean,
                    percentile(sorted, 0.05),
                    percentile(sorted, 0.5),
                    percentile(sorted, 0.95),
                    (double) cheapest[j] / draws,
                    (double) feasible[j] / draws,
                    List.of(counts)));
        }
        Optional<String> runnerUp = runnerUp();
        List<String> rivals = rivals();
        // each input at its low and its high value, evaluated once for the runner-up and every rival
        Outcome[][] ends = runnerUp.isPresent() || !rivals.isEmpty() ? ends() : new Outcome[0][];
        List<Simulation.TornadoBar> tornado = runnerUp.isPresent() ? tornado(runnerUp.get(), ends) : List.of();
        List<Simulation.Rival> rivalResults = rivals.stream()
                .map(id -> new Simulation.Rival(
                        id, base.option(id).kind(), gap(base, id), tornado(id, ends), gapFlips(id)))
                .toList();
        return new Simulation(
                draws,
                seed,
                spreads,
                (double) none / draws,
                recommended,
                recommended.isPresent() ? Optional.of((double) holds / draws) : Optional.empty(),
                rec >= 0 && regretDraws > 0 ? Optional.of(regret) : Optional.empty(),
                runnerUp,
                runnerUp.map(u -> gap(base, u)),
                tornado,
                flipPoints(),
                lo,
                bin,
                rivalResults);
    }

    /** One random stream per input, so that adding an input leaves the others' draws as they were. */
    private static List<Distributions.Sampler> samplers(List<Uncertainty.Input> inputs, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<Distributions.Sampler> samplers = new ArrayList<>();
        for (Uncertainty.Input in : inputs) {
            samplers.add(Distributions.sampler(in.distribution(), new Well19937c(root.nextLong())));
        }
        return samplers;
    }

    /** Linear interpolation between order statistics (Hyndman and Fan's type 7, as Excel's PERCENTILE.INC). */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int i = (int) Math.floor(h);
        if (i + 1 >= sorted.length) return sorted[sorted.length - 1];
        double lower = sorted[i];
        double upper = sorted[i + 1];
        return lower == upper ? lower : lower + (h - i) * (upper - lower);
    }

    // ---- tornado

    /** The cheapest feasible option other than the recommended one, at base. */
    private Optional<String> runnerUp() {
        if (recommended.isEmpty()) return Optional.empty();
        return base.options().stream()
                .filter(o -> o.feasible() && !o.id().equals(recommended.get()))
                .min(Comparator.comparingDouble(OptionResult::tcoUsd))
                .map(OptionResult::id);
    }

    private double gap(Evaluation e, String runnerUp) {
        return tcoOf(e, runnerUp) - tcoOf(e, recommended.orElseThrow());
    }

    private double gap(Outcome o, String runnerUp) {
        return o.tco()[ids.indexOf(runnerUp)] - o.tco()[ids.indexOf(recommended.orElseThrow())];
    }

    private static double tcoOf(Evaluation e, String id) {
        return e.options().stream()
                .filter(o -> o.id().equals(id))
                .mapToDouble(OptionResult::tcoUsd)
                .findFirst()
                .orElse(Double.NaN);
    }

    /**
     * What the recommendation is measured against (docs/methodology.md §17.3): the option
     * {@code --versus} names, else the best feasible option at base of each kind other than the
     * recommended one's (owned, rented, API; a hybrid is measured against all three), cheapest first.
     */
    private List<String> rivals() {
        if (recommended.isEmpty()) return List.of();
        if (versus.isPresent()) {
            return versus.filter(v -> !v.equals(recommended.get())).stream().toList();
        }
        OptionKind own = base.option(recommended.get()).kind();
        List<String> rivals = new ArrayList<>();
        for (OptionKind kind : List.of(OptionKind.SELF_HOSTED, OptionKind.RENTED, OptionKind.API)) {
            if (kind == own) continue;
            base.options().stream()
                    .filter(o -> o.kind() == kind && o.feasible())
                    .min(Comparator.comparingDouble(OptionResult::tcoUsd))
                    .ifPresent(o -> rivals.add(o.id()));
        }
        rivals.sort(Comparator.comparingDouble(id -> base.option(id).tcoUsd()));
        return rivals;
    }

    /** Each input at its low ({@code [i][0]}) and high ({@code [i][1]}) value, the others at base. */
    private Outcome[][] ends() {
        List<Uncertainty.Input> inputs = draft.inputs();
        Outcome[][] ends = new Outcome[inputs.size()][];
        IntStream.range(0, inputs.size()).parallel().forEach(i -> {
            Distribution d = inputs.get(i).distribution();
            ends[i] = new Outcome[] {evaluateWith(i, d.low()), evaluateWith(i, d.high())};
        });
        return ends;
    }

    private List<Simulation.TornadoBar> tornado(String versus, Outcome[][] ends) {
        List<Uncertainty.Input> inputs = draft.inputs();
        double[] at = draft.base();
        List<Simulation.TornadoBar> bars = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Distribution d = inputs.get(i).distribution();
            bars.add(new Simulation.TornadoBar(
                    inputs.get(i).path(), at[i], d.low(), d.high(), gap(ends[i][0], versus), gap(ends[i][1], versus)));
        }
        bars.sort(Comparator.comparingDouble(Simulation.TornadoBar::swingUsd).reversed());
        return bars;
    }

    // ---- where a rival overtakes the recommended option

    private double gapWith(int input, double value, String rival) {
        return gap(evaluateWith(input, value), rival);
    }

    private List<Simulation.GapFlip> gapFlips(String rival) {
        List<Uncertainty.Input> inputs = draft.inputs();
        return IntStream.range(0, inputs.size())
                .parallel()
                .mapToObj(i -> gapFlips(i, rival))
                .flatMap(List::stream)
                .toList();
    }

    /** Input i's nearest values below and above its base where the rival's gap changes sign; one "none" if neither. */
    private List<Simulation.GapFlip> gapFlips(int i, String rival) {
        Uncertainty.Input in = draft.inputs().get(i);
        double low = in.distribution().low();
        double high = in.distribution().high();
        double anchor = Math.min(high, Math.max(low, draft.base()[i]));
        boolean cheaper = gapWith(i, anchor, rival) >= 0;
        List<Simulation.GapFlip> flips = new ArrayList<>();
        for (Simulation.Direction direction : Simulation.Direction.values()) {
            double end = direction == Simulation.Direction.BELOW ? low : high;
            crossing(i, in, anchor, end, v -> gapWith(i, v, rival) >= 0 == cheaper)
                    .ifPresent(c -> flips.add(
                            new Simulation.GapFlip(in.path(), Optional.of(c.value()), Optional.of(direction))));
        }
        if (flips.isEmpty()) flips.add(new Simulation.GapFlip(in.path(), Optional.empty(), Optional.empty()));
        return flips;
    }

    private Outcome evaluateWith(int input, double value) {
        double[] values = draft.base();
        values[input] = value;
        return outcome(values);
    }

    // ---- flip points

    private Optional<String> recommendedWith(int input, double value) {
        return evaluateWith(input, value).recommended();
    }

    private List<Simulation.FlipPoint> flipPoints() {
        List<Uncertainty.Input> inputs = draft.inputs();
        return IntStream.range(0, inputs.size())
                .parallel()
                .mapToObj(this::flipPoints)
                .flatMap(List::stream)
                .toList();
    }

    /** Input i's flip points: the nearest change below its base and the nearest above, or one saying there is none. */
    private List<Simulation.FlipPoint> flipPoints(int i) {
        Uncertainty.Input in = draft.inputs().get(i);
        double low = in.distribution().low();
        double high = in.distribution().high();
        double anchor = Math.min(high, Math.max(low, draft.base()[i]));
        Optional<String> from = recommendedWith(i, anchor);
        List<Simulation.FlipPoint> points = new ArrayList<>();
        flip(i, in, anchor, low, from, Simulation.Direction.BELOW)
                .ifPresent(f -> points.add(new Simulation.FlipPoint(in.path(), from, Optional.of(f))));
        flip(i, in, anchor, high, from, Simulation.Direction.ABOVE)
                .ifPresent(f -> points.add(new Simulation.FlipPoint(in.path(), from, Optional.of(f))));
        if (points.isEmpty()) points.add(new Simulation.FlipPoint(in.path(), from, Optional.empty()));
        return points;
    }

    /**
     * The nearest value between {@code anchor} and {@code end} where the recommendation stops being
     * {@code from}: probes across the side, then Commons Math's bisection on the bracket it found (the
     * recommendation is a step function of the input, so bisection, which needs only a sign change, is
     * the root finder that is guaranteed to converge on it). Whole-number inputs are walked instead.
     */
    private Optional<Simulation.Flip> flip(
            int i,
            Uncertainty.Input in,
            double anchor,
            double end,
            Optional<String> from,
            Simulation.Direction direction) {
        return crossing(i, in, anchor, end, v -> recommendedWith(i, v).equals(from))
                .map(c -> new Simulation.Flip(c.value(), recommendedWith(i, c.beyond()), direction));
    }

    /** Where a condition stops holding, and a value just past it, on the side of the change. */
    private record Crossing(double value, double beyond) {}

    /**
     * The nearest value between {@code anchor} and {@code end} where {@code same} stops holding:
     * probes across the side, then Commons Math's bisection on the bracket it found (the condition
     * is a step function of the input, so bisection, which needs only a sign change, is the root
     * finder that is guaranteed to converge on it). Whole-number inputs are walked instead.
     */
    private static Optional<Crossing> crossing(
            int i, Uncertainty.Input in, double anchor, double end, java.util.function.DoublePredicate same) {
        if (end == anchor) return Optional.empty();
        if (in.field().whole()) {
            int step = end > anchor ? 1 : -1;
            for (long v = Math.round(anchor) + step; step > 0 ? v <= end : v >= end; v += step) {
                if (!same.test(v)) return Optional.of(new Crossing(v, v));
            }
            return Optional.empty();
        }
        double previous = anchor;
        for (int k = 1; k <= SCAN_STEPS; k++) {
            double x = k == SCAN_STEPS ? end : anchor + (end - anchor) * k / SCAN_STEPS;
            if (!same.test(x)) {
                double accuracy = Math.max(Math.abs(end - anchor) * FLIP_ACCURACY, Math.ulp(Math.abs(x)) * 4);
                double lo = Math.min(previous, x);
                double hi = Math.max(previous, x);
                double root = new BisectionSolver(accuracy).solve(200, v -> same.test(v) ? -1 : 1, lo, hi);
                double beyond = end > anchor ? Math.min(hi, root + 2 * accuracy) : Math.max(lo, root - 2 * accuracy);
                return Optional.of(new Crossing(root, beyond));
            }
            previous = x;
        }
        return Optional.empty();
    }
}
