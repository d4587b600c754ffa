package dev.aichoose.serving;

import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.ThroughputMeasurement;
import java.util.List;
import java.util.Optional;

/**
 * The answer of {@code aichoose estimate}: the operating point as resolved (every default filled in),
 * the serving model's estimate there, why it cannot serve when it cannot, the measured error of its
 * group, and the published runs nearest to it with the model's ratio on each.
 *
 * @param requestedConcurrency the concurrency asked for or defaulted; with latency targets, the most tried
 * @param sloConcurrency with latency targets: the highest concurrency that meets them, empty when none does
 * @param problems why the replica cannot serve at all (it does not fit, it would span separate servers)
 * @param narrower where the model does not fit: a narrower format the engine reads at which it would
 *     ({@link ServingModel#narrowerThatFits})
 * @param engineDefault where the replica runs more streams than its engine decodes at once by default:
 *     that default, and the estimate at it ({@link Engine#defaultStreams})
 * @param unmeasured where the table holds no run of the engine's family on GPUs of the hardware's maker,
 *     that, in words ({@link EngineEvidence#unmeasured})
 */
public record EstimateResult(
        Gpu hardware,
        OpenModel model,
        OperatingPoint point,
        int requestedConcurrency,
        EstimateRequest request,
        ServingEstimate estimate,
        Optional<Integer> sloConcurrency,
        List<String> problems,
        AccuracyGroup group,
        Optional<ServingCalibration.GroupAccuracy> accuracy,
        List<Neighbour> nearest,
        int publishedRuns,
        Optional<ServingModel.Narrower> narrower,
        Optional<EngineDefault> engineDefault,
        Optional<String> unmeasured) {

    public EstimateResult {
        problems = List.copyOf(problems);
        nearest = List.copyOf(nearest);
    }

    /** Whether the replica serves at all: the model fits and the replica fits one chassis. */
    public boolean serves() {
        return estimate.fits() && problems.isEmpty();
    }

    /**
     * The engine's default number of streams, below the estimate's, and what the replica delivers at it:
     * what a server started without the setting serves.
     */
    public record EngineDefault(Engine.DefaultStreams streams, ServingEstimate estimate) {}

    /**
     * A published run near the operating point: the model's estimate at the run's own operating point
     * ({@code estimate}, tokens per second as the run measured them) and its ratio to what was measured.
     */
    public record Neighbour(ThroughputMeasurement run, double estimate, double distance) {
        public double ratio() {
            return estimate / run.outputTokensPerSecond();
        }
    }
}
