package dev.aichoose.serving;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.ThroughputMeasurement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code aichoose estimate}: the serving model at one operating point, its defaults filled in as an
 * evaluation fills them (docs/methodology.md §11.5, §11.9), with the published runs nearest to it.
 */
public final class Estimator {
    /** How many published runs the answer lists. */
    public static final int NEAREST = 5;
    /** The most concurrency a latency target search tries: vLLM's and SGLang's default running batch is 256 to 1,024. */
    public static final int MOST_STREAMS = 1024;

    private Estimator() {}

    /** The estimate for {@code request}; its ids must be in the catalog (the command checks them first). */
    public static EstimateResult estimate(Catalog catalog, EstimateRequest request) {
        Gpu gpu = catalog.gpus().get(request.hardware());
        OpenModel model = catalog.openModels().get(request.model());
        if (gpu == null || model == null) throw new IllegalArgumentException("unknown hardware or model");
        Quantization quantization = request.quantization() != null
                ? request.quantization()
                : Quantization.defaultFor(gpu, model, request.engine());
        Engine engine = request.engine() != null ? request.engine() : Engine.defaultFor(quantization, gpu);
        Parallelism parallelism =
                request.parallelism() != null ? request.parallelism() : Parallelism.defaultFor(engine);
        KvPrecision kv =
                request.kvPrecision() != null ? request.kvPrecision() : KvPrecision.defaultFor(engine, quantization);
        int concurrency = request.concurrency() != null
                ? request.concurrency()
                : engine.family() == Engine.Family.LLAMA_CPP
                        ? dev.aichoose.model.Defaults.GGUF_CONCURRENCY
                        : dev.aichoose.model.Defaults.SERVER_CONCURRENCY;
        boolean targets = request.slo().ttftMs() != null || request.slo().tpotMs() != null;
        int most = targets ? MOST_STREAMS : concurrency;
        Chassis chassis = Chassis.of(gpu);
        OperatingPoint base = new OperatingPoint(
                gpu,
                1,
                parallelism,
                model,
                quantization,
                kv,
                engine,
                targets ? 1 : concurrency,
                request.inputTokens(),
                request.outputTokens());
        int streams = targets ? 1 : concurrency;
        int gpus = request.gpus() != null
                ? request.gpus()
                : ReplicaSearch.smallest(base, chassis, streams, Integer.MAX_VALUE, catalog.calibration())
                        .or(() -> ReplicaSearch.largestFitting(base, chassis, catalog.calibration()))
                        .orElse(chassis.maxGpus());
        if (targets && request.gpus() == null) {
            // the smallest replica that holds one stream may be too slow for the targets where a wider one is not
            gpus = ReplicaSearch.widenedForTargets(
                    base.withGpus(gpus), chassis, Integer.MAX_VALUE, request.slo(), catalog.calibration());
        }
        List<String> problems = chassis.replicaProblems(base.withGpus(gpus));
        // the request must fit the model's context, as an option's does in evaluate (methodology §11.6)
        model.contextProblem(base.inputTokens() + base.outputTokens()).ifPresent(problems::add);
        OperatingPoint point = base.withGpus(gpus).withConcurrency(targets ? 1 : concurrency);
        Optional<Integer> meeting = Optional.empty();
        if (targets) {
            ServingEstimate widest = ServingModel.estimate(point.withConcurrency(most), catalog.calibration());
            meeting = ReplicaSearch.highestMeeting(
                    point, Math.min(most, Math.max(widest.streams(), 1)), request.slo(), catalog.calibration());
            point = point.withConcurrency(meeting.orElse(1));
        }
        ServingEstimate estimate = ServingModel.estimate(point, catalog.calibration());
        if (targets && meeting.isEmpty() && estimate.fits()) {
            problems.add(ReplicaSearch.noConcurrencyMeets(request.slo(), estimate, gpus)
                    + (request.gpus() == null
                            ? ReplicaSearch.widestTried(point, chassis, Integer.MAX_VALUE, catalog.calibration())
                            : ""));
        }
        AccuracyGroup group = AccuracyGroup.of(point);
        OperatingPoint at = point;
        Optional<EstimateResult.EngineDefault> engineDefault = estimate.fits() && problems.isEmpty()
                ? engine.defaultStreamsBelow(gpu, estimate.streams())
                        .map(d -> new EstimateResult.EngineDefault(
                                d, ServingModel.estimate(at.withConcurrency(d.streams()), catalog.calibration())))
                : Optional.empty();
        return new EstimateResult(
                gpu,
                model,
                point,
                most,
                request,
                estimate,
                meeting,
                problems,
                group,
                AccuracyCell.accuracy(catalog.calibration(), point),
                nearest(catalog, point),
                (int) catalog.measurements().stream()
                        .filter(ThroughputMeasurement::used)
                        .count(),
                ServingModel.narrowerThatFits(point),
                engineDefault,
                EngineEvidence.unmeasured(catalog, engine, gpu));
    }

    /**
     * The published runs nearest to the point: the same model counts most, then the same hardware (or the
     * card of a system), the same engine, quantization and GPUs, then concurrency and lengths on a log scale.
     */
    static List<EstimateResult.Neighbour> nearest(Catalog catalog, OperatingPoint point) {
        Gpu gpu = point.gpu();
        String card = gpu.card() != null ? gpu.card() : gpu.id();
        List<EstimateResult.Neighbour> all = new ArrayList<>();
        for (ThroughputMeasurement m : catalog.measurements()) {
            // the runs the table excludes are not the model's evidence either way
            if (!m.used()) continue;
            Optional<Calibrator.Run> run = Calibrator.run(m, catalog.gpus(), catalog.openModels());
            if (run.isEmpty()) continue;
            double d = (m.model().equals(point.model().id()) ? 0 : 4)
                    + (m.hardware().equals(card) || m.hardware().equals(gpu.id()) ? 0 : 2)
                    + (m.engine() == point.engine() ? 0 : 1)
                    + (m.quantization() == point.quantization() ? 0 : 0.5)
                    + Math.abs(Math.log((double) m.gpus() / point.gpus()))
                    + 0.25 * Math.abs(Math.log((double) m.concurrency() / point.concurrency()))
                    + 0.25 * Math.abs(Math.log((m.inputTokens() + 1) / (point.inputTokens() + 1)))
                    + 0.25 * Math.abs(Math.log(m.outputTokens() / point.outputTokens()));
            all.add(new EstimateResult.Neighbour(m, run.get().estimate(catalog.calibration()), d));
        }
        all.sort(Comparator.comparingDouble(EstimateResult.Neighbour::distance)
                .thenComparing(n -> n.run().id()));
        return all.subList(0, Math.min(NEAREST, all.size()));
    }
}
