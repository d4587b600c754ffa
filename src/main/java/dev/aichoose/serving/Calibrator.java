package dev.aichoose.serving;

import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.ThroughputMeasurement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits the serving model's efficiencies on published measurements and measures how well it predicts
 * them (docs/methodology.md §11.7). Few parameters, each a physical quantity with a prior from the
 * literature: the fit minimises a robust loss on log(estimate ÷ measured), each publisher weighing
 * as much as any other however many runs it published, plus a weak pull towards the priors.
 */
public final class Calibrator {
    /** The scale of the robust (soft-L1) loss on log ratios: errors beyond about 20 % count less than squared. */
    static final double LOSS_SCALE = 0.2;
    /** The weight of the priors against one publisher's runs. */
    static final double PRIOR_WEIGHT = 0.05;
    /**
     * The spread (natural log) of the prior, 1, on a GPU generation's factor on the MoE-layer time:
     * weak, as for the times, so that the runs on one generation can move it.
     */
    static final double ARCHITECTURE_SPREAD = 2.0;
    /** Evaluations of the loss one simplex search may take before it settles for the lowest point it reached. */
    static final int MAX_EVALUATIONS = 50_000;

    private Calibrator() {}

    /** The fitted parameters, their priors (mean, and spread in natural log units). */
    enum Parameter {
        SERVER_BANDWIDTH(0.75, 0.3),
        LLAMA_CPP_BANDWIDTH(0.75, 0.3),
        SERVER_LAYER_OVERHEAD_US(20, 1.5),
        LLAMA_CPP_LAYER_OVERHEAD_US(50, 1.5),
        COMPUTE_EFFICIENCY(0.5, 0.5),
        MOE_COMPUTE_EFFICIENCY(0.5, 1.0),
        SERVER_HBM_FACTOR(1, 0.3),
        LLAMA_CPP_HBM_FACTOR(1, 0.3),
        LLAMA_CPP_UNIFIED_FACTOR(1, 0.3),
        MOE_LAYER_OVERHEAD_US(20, 2.0),
        /** The prior is no loss against the BF16 products, held loosely: the runs must show one. */
        WEIGHT_ONLY_READ_SHARE(1, 1.0),
        /** The prior is the link's nominal bandwidth, held loosely: the tensor-parallel runs must show less. */
        LINK_BANDWIDTH_SHARE(1, 1.0);

        final double prior;
        final double spread;

        Parameter(double prior, double spread) {
            this.prior = prior;
            this.spread = spread;
        }
    }

    /** A measurement the model can be held against: its operating point and the figure measured. */
    public record Run(ThroughputMeasurement measurement, OperatingPoint point) {
        /** The estimate of what this run measured: output over the whole run, or the decode rate alone. */
        public double estimate(ServingCalibration calibration) {
            ServingEstimate e = ServingModel.estimate(point, calibration);
            return measurement.decodeOnly() ? e.decodeTokensPerSecond() : e.tokensPerSecond();
        }

        public AccuracyGroup group() {
            return AccuracyGroup.of(point);
        }

        public String publisher() {
            return measurement.publisher();
        }
    }

    /** One run held out: what the model fitted without its publisher estimates, against what was measured. */
    public record Check(Run run, double estimate) {
        public double ratio() {
            return estimate / run.measurement().outputTokensPerSecond();
        }
    }

    /** The operating point of a measurement, when the catalogs know its hardware and model. */
    public static Optional<Run> run(ThroughputMeasurement m, Map<String, Gpu> gpus, Map<String, OpenModel> models) {
        Gpu gpu = gpus.get(m.hardware());
        OpenModel model = models.get(m.model());
        if (gpu == null || model == null) return Optional.empty();
        return Optional.of(new Run(
                m,
                new OperatingPoint(
                        gpu,
                        m.gpus(),
                        m.parallelism(),
                        model,
                        m.quantization(),
                        m.kvPrecision(),
                        m.engine(),
                        m.concurrency(),
                        m.inputTokens(),
                        m.outputTokens())));
    }

    /** The runs of the measurements whose hardware and model the catalogs know, in table order. */
    public static List<Run> runs(
            List<ThroughputMeasurement> measurements, Map<String, Gpu> gpus, Map<String, OpenModel> models) {
        List<Run> runs = new ArrayList<>();
        for (ThroughputMeasurement m : measurements) run(m, gpus, models).ifPresent(runs::add);
        return runs;
    }

    /**
     * The calibration fitted on every run the table fits, with its accuracy by group out of sample: each
     * fitted run estimated by the fit without its publisher, and each run held out of the fit by the full
     * fit, together (a user's run is a publisher's the fit has not seen, whichever way it is checked).
     * Then each {@link AccuracyCell}'s, the held-out runs' accuracy alone, and last the runs it excludes
     * (neither fitted, so both estimated by the full fit).
     */
    public static ServingCalibration calibrate(List<Run> runs) {
        List<Run> used = runs.stream().filter(r -> r.measurement().fitted()).toList();
        if (used.isEmpty()) return ServingCalibration.PRIOR;
        ServingCalibration fitted = fit(used);
        List<Check> heldOut = heldOut(runs, fitted);
        List<Check> outOfSample = new ArrayList<>(crossValidate(used));
        outOfSample.addAll(heldOut);
        List<ServingCalibration.GroupAccuracy> groups = new ArrayList<>(accuracy(outOfSample));
        for (AccuracyCell cell : AccuracyCell.values()) {
            List<Check> in = outOfSample.stream()
                    .filter(c -> AccuracyCell.of(c.run().point()).orElse(null) == cell)
                    .toList();
            if (!in.isEmpty()) groups.add(summary(cell.id(), cell.label(), in));
        }
        if (!heldOut.isEmpty()) groups.add(summary(HELD_OUT, "runs held out of the fit", heldOut));
        List<Check> excluded = estimated(runs, fitted, m -> !m.used());
        if (!excluded.isEmpty()) groups.add(summary(EXCLUDED, "runs the table excludes", excluded));
        return fitted.withAccuracy(groups);
    }

    /** The runs held out of the fit, each estimated by {@code fitted}: the model's out-of-sample check. */
    public static List<Check> heldOut(List<Run> runs, ServingCalibration fitted) {
        return estimated(runs, fitted, m -> m.used() && !m.fitted());
    }

    /** The runs {@code which} picks, each estimated by {@code fitted}, which was never fitted on them. */
    private static List<Check> estimated(
            List<Run> runs, ServingCalibration fitted, java.util.function.Predicate<ThroughputMeasurement> which) {
        return runs.stream()
                .filter(r -> which.test(r.measurement()))
                .map(r -> new Check(r, r.estimate(fitted)))
                .toList();
    }

    /** The group the held-out runs' accuracy is reported under. */
    public static final String HELD_OUT = "held-out";

    /** The group the excluded runs' accuracy is reported under. */
    public static final String EXCLUDED = "excluded";

    /** Each run estimated by the model fitted on every other publisher's runs. */
    public static List<Check> crossValidate(List<Run> runs) {
        Set<String> publishers = new LinkedHashSet<>();
        for (Run r : runs) publishers.add(r.publisher());
        // one fit a publisher held out, each on its own: they run side by side on the machine's cores,
        // and each is the same fit whatever ran beside it
        Map<String, ServingCalibration> withoutPublisher = publishers.parallelStream()
                .collect(java.util.stream.Collectors.toConcurrentMap(held -> held, held -> {
                    List<Run> others = runs.stream()
                            .filter(r -> !r.publisher().equals(held))
                            .toList();
                    return others.isEmpty() ? ServingCalibration.PRIOR : fit(others);
                }));
        return runs.stream()
                .map(r -> new Check(r, r.estimate(withoutPublisher.get(r.publisher()))))
                .toList();
    }

    /** Accuracy by group, and over all runs last, in the order of {@link AccuracyGroup}. */
    public static List<ServingCalibration.GroupAccuracy> accuracy(List<Check> checks) {
        List<ServingCalibration.GroupAccuracy> out = new ArrayList<>();
        for (AccuracyGroup g : AccuracyGroup.values()) {
            List<Check> in = checks.stream().filter(c -> c.run().group() == g).toList();
            if (!in.isEmpty()) out.add(summary(g.id(), g.label(), in));
        }
        if (!checks.isEmpty()) out.add(summary("all", "all runs", checks));
        return out;
    }

    static ServingCalibration.GroupAccuracy summary(String id, String label, List<Check> checks) {
        double[] ratios = checks.stream().mapToDouble(Check::ratio).sorted().toArray();
        long within30 = Arrays.stream(ratios).filter(Calibrator::within30).count();
        long within25 = Arrays.stream(ratios)
                .filter(r -> Math.abs(r - 1) <= 0.25 + 1e-12)
                .count();
        // each publisher weighs one, shared among its runs in the group
        Map<String, Long> runsOf =
                checks.stream().collect(Collectors.groupingBy(c -> c.run().publisher(), Collectors.counting()));
        double publishers = runsOf.size();
        double[] weights = checks.stream()
                .mapToDouble(c -> 1.0 / (runsOf.get(c.run().publisher()) * publishers))
                .toArray();
        double[] byRatio = checks.stream().mapToDouble(Check::ratio).toArray();
        double[] byFactor = checks.stream().mapToDouble(c -> 1 / c.ratio()).toArray();
        double weightedWithin30 = 0;
        for (int i = 0; i < byRatio.length; i++) if (within30(byRatio[i])) weightedWithin30 += weights[i];
        return new ServingCalibration.GroupAccuracy(
                id,
                label,
                ratios.length,
                runsOf.size(),
                quantile(ratios, 0.5),
                (double) within30 / ratios.length,
                (double) within25 / ratios.length,
                weightedQuantile(byFactor, weights, 0.1),
                weightedQuantile(byFactor, weights, 0.9),
                Math.min(1, weightedWithin30),
                weightedQuantile(byRatio, weights, 0.5));
    }

    private static boolean within30(double ratio) {
        return Math.abs(ratio - 1) <= 0.30 + 1e-12;
    }

    /**
     * The {@code p} quantile of values with weights summing to 1: each value stands at the middle of
     * its weight on the cumulative scale, and between two values the quantile is interpolated
     * linearly; below the first middle it is the least value, above the last the greatest. With
     * equal weights it is the type 5 quantile (Hyndman and Fan, 1996).
     */
    static double weightedQuantile(double[] values, double[] weights, double p) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double below = 0;
        double previousMiddle = Double.NaN;
        double previousValue = Double.NaN;
        for (int i : order) {
            double middle = below + weights[i] / 2;
            if (p <= middle) {
                if (Double.isNaN(previousMiddle) || middle == previousMiddle) return values[i];
                return previousValue + (p - previousMiddle) / (middle - previousMiddle) * (values[i] - previousValue);
            }
            below += weights[i];
            previousMiddle = middle;
            previousValue = values[i];
        }
        return previousValue;
    }

    /** Linear interpolation between order statistics (type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int i = (int) Math.floor(h);
        if (i + 1 >= sorted.length) return sorted[sorted.length - 1];
        return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
    }

    /**
     * The GPU generations whose MoE-layer time the fit sets apart: those {@code runs} serve a mixture of
     * experts on, in name order. A generation with no MoE run keeps the common figure.
     */
    static List<String> moeArchitectures(List<Run> runs) {
        return runs.stream()
                .filter(r -> r.point().model().moe())
                .map(r -> r.point().gpu().architecture())
                .filter(a -> a != null && !a.isBlank())
                .distinct()
                .sorted()
                .toList();
    }

    /** The parameters that minimise the loss on {@code runs} (no accuracy: see {@link #calibrate}). */
    public static ServingCalibration fit(List<Run> runs) {
        return fit(runs, MAX_EVALUATIONS);
    }

    /** The same, each simplex search allowed {@code maxEvaluations} of the loss. */
    static ServingCalibration fit(List<Run> runs, int maxEvaluations) {
        Map<String, Integer> perPublisher = new HashMap<>();
        for (Run r : runs) perPublisher.merge(r.publisher(), 1, Integer::sum);
        Parameter[] params = Parameter.values();
        List<String> architectures = moeArchitectures(runs);
        // the named parameters, then one factor a GPU generation (log 1 = 0 to start)
        double[] start = new double[params.length + architectures.size()];
        for (int i = 0; i < params.length; i++) start[i] = Math.log(params[i].prior);
        // the lowest loss any evaluation reached, kept should a search run out of evaluations
        double[] lowest = start.clone();
        double[] lowestLoss = {Double.POSITIVE_INFINITY};
        ObjectiveFunction objective = new ObjectiveFunction(theta -> {
            double value = loss(theta, architectures, runs, perPublisher);
            if (value < lowestLoss[0]) {
                lowestLoss[0] = value;
                System.arraycopy(theta, 0, lowest, 0, theta.length);
            }
            return value;
        });
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-12);
        double[] point = start;
        // restarts from the last optimum: a simplex can stall on a ridge before it reaches the minimum
        for (int restart = 0; restart < 3; restart++) {
            try {
                PointValuePair best = optimizer.optimize(
                        new MaxEval(maxEvaluations),
                        objective,
                        GoalType.MINIMIZE,
                        new InitialGuess(point),
                        new NelderMeadSimplex(start.length, 0.3));
                point = best.getPoint();
            } catch (TooManyEvaluationsException e) {
                // a price book's runs can leave a flat direction the simplex wanders along: take the
                // lowest point it reached rather than fail the catalogs' load
                point = lowest.clone();
                break;
            }
        }
        return calibration(point, architectures, runs);
    }

    private static double loss(
            double[] theta, List<String> architectures, List<Run> runs, Map<String, Integer> perPublisher) {
        ServingCalibration c = calibration(theta, architectures, List.of());
        double total = 0;
        for (Run r : runs) {
            double estimate = r.estimate(c);
            double z = Math.log(Math.max(estimate, 1e-9) / r.measurement().outputTokensPerSecond()) / LOSS_SCALE;
            total += 2 * LOSS_SCALE * LOSS_SCALE * (Math.sqrt(1 + z * z) - 1) / perPublisher.get(r.publisher());
        }
        Parameter[] params = Parameter.values();
        for (int i = 0; i < params.length; i++) {
            double d = (theta[i] - Math.log(params[i].prior)) / params[i].spread;
            total += PRIOR_WEIGHT * 0.5 * d * d;
        }
        for (int i = params.length; i < theta.length; i++) {
            double d = theta[i] / ARCHITECTURE_SPREAD;
            total += PRIOR_WEIGHT * 0.5 * d * d;
        }
        return total;
    }

    /**
     * The calibration a parameter vector (natural logs) stands for: the named parameters, then a factor
     * for each of {@code architectures}; {@code runs} count the runs behind each family.
     */
    static ServingCalibration calibration(double[] theta, List<String> architectures, List<Run> runs) {
        Map<Engine.Family, int[]> counts = new EnumMap<>(Engine.Family.class);
        Map<Engine.Family, Set<String>> publishers = new EnumMap<>(Engine.Family.class);
        for (Run r : runs) {
            Engine.Family f = r.point().engine().family();
            counts.computeIfAbsent(f, k -> new int[1])[0]++;
            publishers.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(r.publisher());
        }
        Map<Engine, ServingCalibration.EngineFit> engines = new LinkedHashMap<>();
        for (Engine e : Engine.values()) {
            boolean server = e.family() == Engine.Family.SERVER;
            Map<Gpu.Memory, Double> memory = new EnumMap<>(Gpu.Memory.class);
            memory.put(Gpu.Memory.GDDR, 1.0);
            memory.put(
                    Gpu.Memory.HBM,
                    value(theta, server ? Parameter.SERVER_HBM_FACTOR : Parameter.LLAMA_CPP_HBM_FACTOR));
            // no batching server runs on Apple's unified memory: theirs stays at the nominal bandwidth
            memory.put(Gpu.Memory.UNIFIED, server ? 1.0 : value(theta, Parameter.LLAMA_CPP_UNIFIED_FACTOR));
            engines.put(
                    e,
                    new ServingCalibration.EngineFit(
                            value(theta, server ? Parameter.SERVER_BANDWIDTH : Parameter.LLAMA_CPP_BANDWIDTH),
                            memory,
                            value(
                                    theta,
                                    server
                                            ? Parameter.SERVER_LAYER_OVERHEAD_US
                                            : Parameter.LLAMA_CPP_LAYER_OVERHEAD_US),
                            counts.getOrDefault(e.family(), new int[1])[0],
                            publishers.getOrDefault(e.family(), Set.of()).size()));
        }
        long allPublishers = runs.stream().map(Run::publisher).distinct().count();
        return new ServingCalibration(
                engines,
                value(theta, Parameter.COMPUTE_EFFICIENCY),
                value(theta, Parameter.MOE_COMPUTE_EFFICIENCY),
                value(theta, Parameter.MOE_LAYER_OVERHEAD_US),
                List.of(),
                runs.size(),
                (int) allPublishers,
                architectureFactors(theta, architectures),
                value(theta, Parameter.WEIGHT_ONLY_READ_SHARE),
                value(theta, Parameter.LINK_BANDWIDTH_SHARE));
    }

    private static Map<String, Double> architectureFactors(double[] theta, List<String> architectures) {
        Map<String, Double> factors = new LinkedHashMap<>();
        int first = Parameter.values().length;
        for (int i = 0; i < architectures.size(); i++) factors.put(architectures.get(i), Math.exp(theta[first + i]));
        return factors;
    }

    private static double value(double[] theta, Parameter p) {
        return Math.exp(theta[p.ordinal()]);
    }
}
