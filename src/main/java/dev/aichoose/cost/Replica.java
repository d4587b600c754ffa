package dev.aichoose.cost;

import dev.aichoose.model.Engine;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult.CapacitySource;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.Workload;
import dev.aichoose.serving.AccuracyCell;
import dev.aichoose.serving.Chassis;
import dev.aichoose.serving.OperatingPoint;
import dev.aichoose.serving.ReplicaSearch;
import dev.aichoose.serving.ServingEstimate;
import dev.aichoose.serving.ServingModel;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One model replica on owned or rented hardware (docs/methodology.md §11.2–11.6, §11.9): how many
 * GPUs of one chassis it spans, how it serves the model, what it delivers and where that figure
 * comes from.
 *
 * @param gpus GPUs per replica: stated, the smallest that holds the model at its concurrency
 *     ({@code auto}, or, for an estimate, when one unit does not hold the model, or holds fewer streams
 *     than the concurrency and the option has the GPUs), else all the GPUs of one unit
 * @param tokensPerSecond generated tokens/s one replica delivers; 0 when it cannot serve
 * @param estimate the serving model at the replica's operating point (its memory check applies to
 *     every source; its throughput only to an estimate)
 * @param problems what makes the option infeasible whatever the load: a replica wider than one
 *     chassis, latency targets no concurrency meets
 * @param accuracy the published accuracy of the estimate's group, when the table has runs in it
 */
public record Replica(
        int gpus,
        double tokensPerSecond,
        CapacitySource source,
        ServingEstimate estimate,
        OperatingPoint point,
        boolean measuredOrGiven,
        Option.Serving serving,
        String modelId,
        List<String> problems,
        Optional<ServingCalibration.GroupAccuracy> accuracy) {

    public Replica {
        problems = List.copyOf(problems);
    }

    /** The engine when the option names none ({@link Engine#defaultFor}). */
    public static Engine engine(Option.Serving serving, Chassis chassis) {
        return serving.engine() != null ? serving.engine() : Engine.defaultFor(serving.quantization(), chassis.gpu());
    }

    /** Streams a replica runs at once: the option's concurrency, else its engine's default. */
    public static int streamsTarget(Option.Serving serving, Engine engine) {
        if (serving.concurrency() != null) return serving.concurrency();
        return engine.family() == Engine.Family.LLAMA_CPP
                ? dev.aichoose.model.Defaults.GGUF_CONCURRENCY
                : dev.aichoose.model.Defaults.SERVER_CONCURRENCY;
    }

    /**
     * The replica an option serves its model on.
     *
     * @param gpuBudget the GPUs the option has (its stated count's), or {@link Integer#MAX_VALUE} for a
     *     fleet aichoose sizes: a replica wider than one unit is chosen only within it
     */
    public static Replica of(
            Workload workload,
            Chassis chassis,
            OpenModel model,
            Option.Serving serving,
            int gpuBudget,
            ServingCalibration calibration) {
        Engine engine = engine(serving, chassis);
        Parallelism parallelism =
                serving.parallelism() != null ? serving.parallelism() : Parallelism.defaultFor(engine);
        KvPrecision kv = serving.kvPrecision() != null
                ? serving.kvPrecision()
                : KvPrecision.defaultFor(engine, serving.quantization());
        int target = streamsTarget(serving, engine);
        boolean measuredOrGiven = serving.measured() != null || serving.tokensPerSecond() != null;
        List<String> problems = new ArrayList<>();
        OperatingPoint unitPoint = new OperatingPoint(
                chassis.gpu(),
                chassis.gpusPerUnit(),
                parallelism,
                model,
                serving.quantization(),
                kv,
                engine,
                target,
                workload.inputTokensPerQuery(),
                Math.max(1, workload.generatedTokensPerQuery()));
        int gpus;
        if (serving.gpusPerReplica() != null) {
            gpus = serving.gpusPerReplica();
        } else if (measuredOrGiven) {
            gpus = chassis.gpusPerUnit();
        } else {
            ServingEstimate unit = ServingModel.estimate(unitPoint, calibration);
            if (serving.autoReplica() || !unit.fits()) {
                gpus = ReplicaSearch.smallest(unitPoint, chassis, target, Integer.MAX_VALUE, calibration)
                        .or(() -> ReplicaSearch.largestFitting(unitPoint, chassis, calibration))
                        .orElse(Math.max(chassis.gpusPerUnit(), chassis.maxGpus()));
            } else if (unit.streams() < target) {
                // one unit holds the weights but fewer streams than the server runs: spread the replica as a
                // serving engine would, inside one chassis, when the option has the GPUs for it
                gpus = ReplicaSearch.smallest(unitPoint, chassis, target, gpuBudget, calibration)
                        .filter(g -> g > chassis.gpusPerUnit())
                        .orElse(chassis.gpusPerUnit());
            } else {
                gpus = chassis.gpusPerUnit();
            }
        }
        Workload.LatencySlo slo = workload.slo();
        boolean targets = slo.ttftMs() != null || slo.tpotMs() != null;
        if (!measuredOrGiven && targets && serving.gpusPerReplica() == null) {
            // a replica too slow for the latency targets at one stream may meet them wider, within the option's GPUs
            gpus = ReplicaSearch.widenedForTargets(unitPoint.withGpus(gpus), chassis, gpuBudget, slo, calibration);
        }
        problems.addAll(chassis.replicaProblems(unitPoint.withGpus(gpus)));
        OperatingPoint point = unitPoint.withGpus(gpus);
        ServingEstimate estimate = ServingModel.estimate(point, calibration);
        if (!measuredOrGiven && estimate.fits() && targets) {
            Optional<Integer> meets =
                    ReplicaSearch.highestMeeting(point, Math.min(target, estimate.streams()), slo, calibration);
            if (meets.isPresent()) {
                point = point.withConcurrency(meets.get());
                estimate = ServingModel.estimate(point, calibration);
            } else {
                ServingEstimate one = ServingModel.estimate(point.withConcurrency(1), calibration);
                problems.add(ReplicaSearch.noConcurrencyMeets(slo, one, gpus)
                        + (serving.gpusPerReplica() == null
                                ? ReplicaSearch.widestTried(point, chassis, gpuBudget, calibration)
                                : ""));
            }
        }
        double perReplica;
        CapacitySource source;
        if (serving.measured() != null) {
            perReplica = serving.measured() instanceof Option.Measured.Throughput t ? t.tokensPerSecond() : 0;
            source = CapacitySource.BENCH;
        } else if (serving.tokensPerSecond() != null) {
            perReplica = serving.tokensPerSecond();
            source = CapacitySource.GIVEN;
        } else {
            perReplica = estimate.fits() && problems.isEmpty() ? estimate.tokensPerSecond() : 0;
            source = CapacitySource.ESTIMATE;
        }
        return new Replica(
                gpus,
                perReplica * serving.throughputFactor(),
                source,
                estimate,
                point,
                measuredOrGiven,
                serving,
                model.id(),
                problems,
                AccuracyCell.accuracy(calibration, point));
    }

    /** How the replica serves the model, in words: GPUs, split, engine. */
    public String servingWords() {
        return gpus == 1
                ? "1 GPU (" + point.engine().id() + ")"
                : String.format(
                        Locale.ROOT,
                        "%d GPUs (%s parallel, %s)",
                        gpus,
                        point.parallelism().id(),
                        point.engine().id());
    }

    /** Where the throughput comes from, in words; written when a report asks, never on a simulation's draws. */
    public String detail() {
        if (source == CapacitySource.ESTIMATE && !problems.isEmpty()) {
            // a replica that cannot serve has no latency or bound to give: its reasons are the option's
            return String.format(
                    Locale.ROOT,
                    "%s tok/s per replica: %s at %s on %s cannot serve: %s",
                    Figures.rate(tokensPerSecond),
                    modelId,
                    serving.quantization().id(),
                    servingWords(),
                    String.join("; ", problems));
        }
        if (source == CapacitySource.ESTIMATE && !estimate.fits()) {
            // nor has a model that does not fit: the option's reasons give the figures and a format that would
            return String.format(
                    Locale.ROOT,
                    "%s tok/s per replica: %s at %s on %s does not fit in memory (it needs %.1f GB, the replica "
                            + "offers %.1f GB usable)",
                    Figures.rate(tokensPerSecond),
                    modelId,
                    serving.quantization().id(),
                    servingWords(),
                    estimate.memory().neededGbForOneStream(),
                    estimate.memory().usableGb());
        }
        String detail = switch (source) {
            case BENCH ->
                String.format(
                        Locale.ROOT,
                        "measured %s tok/s per replica (%s, %s, %s)",
                        Figures.rate(tokensPerSecond),
                        serving.measured().file(),
                        serving.measured().startedAt(),
                        switch (serving.measured()) {
                            case Option.Measured.Throughput t -> t.run();
                            case Option.Measured.NoRunMeets none -> "no run meets " + none.targets();
                        });
            case GIVEN -> "given " + Figures.rate(tokensPerSecond) + " tok/s per replica";
            case ESTIMATE ->
                String.format(
                                Locale.ROOT,
                                "%s tok/s per replica, estimated: %s at %s on %s, %d stream%s, TTFT %s ms, TPOT %.1f ms, "
                                        + "%s-bound",
                                Figures.rate(tokensPerSecond),
                                modelId,
                                serving.quantization().id(),
                                servingWords(),
                                Math.max(estimate.streams(), 0),
                                estimate.streams() == 1 ? "" : "s",
                                Figures.wholeCount(estimate.ttftMs()),
                                estimate.tpotMs(),
                                estimate.bound().label())
                        + accuracy.map(a -> accuracyWords(a) + rangeWords(a)).orElse("")
                        + estimatedFiguresWords();
        };
        if (!estimate.fits() && source == CapacitySource.GIVEN) {
            // the user's own figure outranks the memory estimate
            detail += String.format(
                    Locale.ROOT,
                    " (the memory estimate says it would not fit in %.1f GB; the given figure overrides it)",
                    estimate.memory().usableGb());
        }
        return detail;
    }

    /** The hardware entry's figures this replica's estimate rests on that the catalog lists as estimates. */
    public List<String> estimatedFigures() {
        return ServingModel.estimatedFigures(point);
    }

    /** "; it rests on catalog estimates: bf16_dense_tflops", or nothing when every figure it uses is published. */
    private String estimatedFiguresWords() {
        List<String> estimated = estimatedFigures();
        return estimated.isEmpty() ? "" : "; it rests on catalog estimates: " + String.join(", ", estimated);
    }

    /**
     * "; dense on one GPU, data-centre or batched: 77 % of 31 published runs within ±30 %, 74 % with its 21
     * publishers weighted equally".
     */
    public static String accuracyWords(ServingCalibration.GroupAccuracy a) {
        return String.format(
                Locale.ROOT,
                "; %s: %.0f %% of %s published run%s within ±30 %%%s",
                a.label(),
                a.within30() * 100,
                Figures.wholeCount(a.runs()),
                a.runs() == 1 ? "" : "s",
                byPublisherWords(a));
    }

    /**
     * ", 240.6–466.2 tok/s a replica from its 10th to 90th percentile": the rate times the group's
     * low and high factor (docs/methodology.md §11.7), the range JSON gives as
     * {@code tokens_per_second_per_replica_range}; nothing when the replica delivers nothing.
     */
    private String rangeWords(ServingCalibration.GroupAccuracy a) {
        if (!(tokensPerSecond > 0)) return "";
        return ", " + Figures.rate(tokensPerSecond * a.lowFactor()) + "–"
                + Figures.rate(tokensPerSecond * a.highFactor()) + " tok/s a replica from its 10th to 90th percentile";
    }

    /** ", 74 % with its 21 publishers weighted equally", or nothing for a group one publisher measured. */
    private static String byPublisherWords(ServingCalibration.GroupAccuracy a) {
        return a.publishers() < 2
                ? ""
                : String.format(
                        Locale.ROOT,
                        ", %.0f %% with its %d publishers weighted equally",
                        a.publisherWithin30() * 100,
                        a.publishers());
    }

    /**
     * Whether a fleet of these replicas can carry load at all: it delivers tokens, fits in memory (a
     * bench never overrides the memory check; a figure the user gives does) and fits in one chassis.
     */
    public boolean delivers() {
        return tokensPerSecond > 0 && (estimate.fits() || source == CapacitySource.GIVEN) && problems.isEmpty();
    }
}
