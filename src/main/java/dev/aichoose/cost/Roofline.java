package dev.aichoose.cost;

import dev.aichoose.model.Defaults;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Quantization;

/**
 * First-principles sizing of one unit of hardware ({@code gpus} GPUs of one kind) serving one
 * model (the roofline of KV-planner and gpu_poor). Decode reads the active weights and each stream's KV cache once
 * per token, so it is bound by memory bandwidth; compute caps it at large batches.
 */
public record Roofline(
        double weightsGb,
        double kvGbPerStream,
        double usableVramGb,
        int streams,
        double memoryBoundTokensPerSecond,
        Double computeBoundTokensPerSecond) {

    public static final double GB = 1e9;

    public boolean fits() {
        return streams >= 1;
    }

    /** Memory the model needs with one stream: weights, runtime overhead and one full context of KV. */
    public double neededGbForOneStream() {
        return weightsGb + Defaults.RUNTIME_OVERHEAD_GB + kvGbPerStream;
    }

    public double tokensPerSecond() {
        return computeBoundTokensPerSecond == null
                ? memoryBoundTokensPerSecond
                : Math.min(memoryBoundTokensPerSecond, computeBoundTokensPerSecond);
    }

    /** The largest replica {@code gpus_per_replica: auto} considers (the scenario field's own bound). */
    public static final int MAX_GPUS_PER_REPLICA = 1024;

    /**
     * The smallest replica ({@code gpus_per_replica: auto}): the fewest GPUs, a power of two as
     * tensor parallelism splits a model, that hold the weights, the runtime and the KV cache of
     * {@code targetStreams} streams of {@code contextTokens} tokens each; 0 when none up to
     * {@link #MAX_GPUS_PER_REPLICA} does.
     */
    public static int smallestReplica(
            Gpu gpu, OpenModel model, Quantization q, double contextTokens, int targetStreams) {
        for (int gpus = 1; gpus <= MAX_GPUS_PER_REPLICA; gpus *= 2) {
            if (estimate(gpu, gpus, model, q, contextTokens, contextTokens, targetStreams)
                            .streams()
                    >= targetStreams) {
                return gpus;
            }
        }
        return 0;
    }

    /**
     * Sizes {@code gpus} GPUs serving {@code model}: what fits in memory and what decode and prefill deliver.
     *
     * @param contextTokens tokens a stream holds at its end (prompt plus generated)
     * @param meanContextTokens tokens a stream holds on average while it decodes (prompt plus half the output)
     * @param targetStreams how many streams the server runs at once, before memory limits it
     */
    public static Roofline estimate(
            Gpu gpu,
            int gpus,
            OpenModel model,
            Quantization q,
            double contextTokens,
            double meanContextTokens,
            int targetStreams) {
        double weightsGb = model.paramsB() * q.bytesPerParam();
        double activeGb = model.activeParamsB() * q.bytesPerParam();
        double kvPerToken = model.kvBytesPerToken(Defaults.KV_BYTES_PER_ELEMENT) / GB;
        double kvPerStream = kvPerToken * contextTokens;
        double usable = gpu.vramGb() * gpus * Defaults.USABLE_VRAM_SHARE;
        double free = usable - weightsGb - Defaults.RUNTIME_OVERHEAD_GB;
        int streams = kvPerStream <= 0 ? targetStreams : (int) Math.min(targetStreams, Math.floor(free / kvPerStream));
        streams = Math.max(streams, 0);
        double bandwidth = gpu.memoryBandwidthGbps() * gpus * Defaults.MBU;
        double meanKvGb = kvPerToken * meanContextTokens;
        int b = Math.max(streams, 1);
        double secondsPerStep = (activeGb + b * meanKvGb) / bandwidth;
        double memoryBound = b / secondsPerStep;
        Double computeBound = gpu.bf16DenseTflops() == null
                ? null
                : gpu.bf16DenseTflops() * 1e12 * gpus * Defaults.MFU / (2 * model.activeParamsB() * 1e9);
        return new Roofline(weightsGb, kvPerStream, usable, streams, memoryBound, computeBound);
    }
}
