package dev.aichoose.cost;

import dev.aichoose.model.Defaults;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult.CapacitySource;
import dev.aichoose.model.Workload;
import java.util.Locale;

/**
 * One model replica on owned or rented hardware (docs/methodology.md §11.2–11.5, §11.9): how many
 * GPUs it spans, what it delivers and where that figure comes from.
 *
 * @param gpus GPUs per replica: stated, the smallest that holds the model at its concurrency ({@code auto},
 *     or, for an estimate, when one unit does not hold the model, or holds fewer streams than the
 *     concurrency and the option has the GPUs), else all the GPUs of one unit
 * @param tokensPerSecond generated tokens/s one replica delivers; 0 when the estimate says it does not fit
 * @param roofline the memory and decode estimate for a replica of {@code gpus} GPUs
 * @param serving how the option serves the model, and {@code modelId} the model: for {@link #detail}
 */
public record Replica(
        int gpus,
        double tokensPerSecond,
        CapacitySource source,
        Roofline roofline,
        boolean measuredOrGiven,
        Option.Serving serving,
        String modelId) {

    /** Streams a replica runs at once: the option's concurrency, else the runner class's default. */
    public static int streamsTarget(Option.Serving serving) {
        return serving.concurrency() != null
                ? serving.concurrency()
                : serving.quantization().gguf() ? Defaults.GGUF_CONCURRENCY : Defaults.SERVER_CONCURRENCY;
    }

    /**
     * The replica an option serves its model on.
     *
     * @param gpuBudget the GPUs the option has (its stated count's), or {@link Integer#MAX_VALUE} for a
     *     fleet aichoose sizes: a replica wider than one unit is chosen only within it
     */
    public static Replica of(
            Workload workload, Gpu gpu, int gpusPerUnit, OpenModel model, Option.Serving serving, int gpuBudget) {
        double generated = workload.generatedTokensPerQuery();
        double context = workload.inputTokensPerQuery() + generated;
        double meanContext = workload.inputTokensPerQuery() + generated / 2;
        int target = streamsTarget(serving);
        boolean measuredOrGiven = serving.measured() != null || serving.tokensPerSecond() != null;
        int gpus;
        Roofline unit = measuredOrGiven
                ? null
                : Roofline.estimate(gpu, gpusPerUnit, model, serving.quantization(), context, meanContext, target);
        if (serving.gpusPerReplica() != null) {
            gpus = serving.gpusPerReplica();
        } else if (serving.autoReplica() || (unit != null && !unit.fits())) {
            int smallest = Roofline.smallestReplica(gpu, model, serving.quantization(), context, target);
            gpus = smallest > 0 ? smallest : gpusPerUnit;
        } else if (unit != null && unit.streams() < target) {
            // one unit holds the weights but fewer streams than the server runs: spread the replica as a
            // serving engine would (tensor parallel), when the option has the GPUs for it
            int smallest = Roofline.smallestReplica(gpu, model, serving.quantization(), context, target);
            gpus = smallest > gpusPerUnit && smallest <= gpuBudget ? smallest : gpusPerUnit;
        } else {
            gpus = gpusPerUnit;
        }
        Roofline roofline = Roofline.estimate(gpu, gpus, model, serving.quantization(), context, meanContext, target);
        double perReplica;
        CapacitySource source;
        if (serving.measured() != null) {
            perReplica = serving.measured() instanceof Option.Measured.Throughput t ? t.tokensPerSecond() : 0;
            source = CapacitySource.BENCH;
        } else if (serving.tokensPerSecond() != null) {
            perReplica = serving.tokensPerSecond();
            source = CapacitySource.GIVEN;
        } else {
            perReplica = roofline.fits() ? roofline.tokensPerSecond() : 0;
            source = CapacitySource.ESTIMATE;
        }
        return new Replica(gpus, perReplica, source, roofline, measuredOrGiven, serving, model.id());
    }

    /** Where the throughput comes from, in words; written when a report asks, never on a simulation's draws. */
    public String detail() {
        String detail = switch (source) {
            case BENCH ->
                String.format(
                        Locale.ROOT,
                        "measured %.1f tok/s per replica (%s, %s, %s)",
                        tokensPerSecond,
                        serving.measured().file(),
                        serving.measured().startedAt(),
                        switch (serving.measured()) {
                            case Option.Measured.Throughput t -> t.run();
                            case Option.Measured.NoRunMeets none -> "no run meets " + none.targets();
                        });
            case GIVEN -> String.format(Locale.ROOT, "given %.1f tok/s per replica", tokensPerSecond);
            case ESTIMATE ->
                String.format(
                        Locale.ROOT,
                        "roofline estimate %.1f tok/s per replica of %d GPU%s: %s at %s, %d stream%s, %s-bound",
                        tokensPerSecond,
                        gpus,
                        gpus == 1 ? "" : "s",
                        modelId,
                        serving.quantization().id(),
                        Math.max(roofline.streams(), 0),
                        roofline.streams() == 1 ? "" : "s",
                        roofline.computeBoundTokensPerSecond() != null
                                        && roofline.computeBoundTokensPerSecond()
                                                < roofline.memoryBoundTokensPerSecond()
                                ? "compute"
                                : "memory-bandwidth");
        };
        if (!roofline.fits() && measuredOrGiven) {
            // a measurement (or the user's own figure) outranks the memory estimate, which overstates
            // KV for sliding-window and latent attention
            detail += String.format(
                    Locale.ROOT,
                    " (the memory estimate says it would not fit in %.1f GB; " + "the %s figure overrides it)",
                    roofline.usableVramGb(),
                    source.id());
        }
        return detail;
    }

    /** Whether a fleet of these replicas can carry load at all: it fits (or was measured) and delivers tokens. */
    public boolean delivers() {
        return tokensPerSecond > 0 && (roofline.fits() || measuredOrGiven);
    }
}
