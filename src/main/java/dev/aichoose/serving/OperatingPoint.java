package dev.aichoose.serving;

import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Quantization;

/**
 * One replica serving one model at one load: the question the serving model answers.
 *
 * @param gpu the hardware entry: per-GPU memory, bandwidth and compute, and the interconnect of its chassis
 * @param gpus GPUs in the replica, all in one chassis
 * @param concurrency streams the engine is asked to run at once (memory may allow fewer)
 * @param inputTokens prompt tokens a request brings; {@code outputTokens} tokens it generates
 */
public record OperatingPoint(
        Gpu gpu,
        int gpus,
        Parallelism parallelism,
        OpenModel model,
        Quantization quantization,
        KvPrecision kvPrecision,
        Engine engine,
        int concurrency,
        double inputTokens,
        double outputTokens) {

    public OperatingPoint {
        if (gpus < 1) throw new IllegalArgumentException("a replica has at least one GPU, got " + gpus);
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        if (!(inputTokens >= 0) || !(outputTokens >= 1)) {
            throw new IllegalArgumentException("tokens: input " + inputTokens + ", output " + outputTokens);
        }
    }

    /** The same point at another concurrency. */
    public OperatingPoint withConcurrency(int streams) {
        return new OperatingPoint(
                gpu, gpus, parallelism, model, quantization, kvPrecision, engine, streams, inputTokens, outputTokens);
    }

    /** The same point with its weights in another format. */
    public OperatingPoint withQuantization(Quantization format) {
        return new OperatingPoint(
                gpu, gpus, parallelism, model, format, kvPrecision, engine, concurrency, inputTokens, outputTokens);
    }

    /** The same point on another number of GPUs. */
    public OperatingPoint withGpus(int count) {
        return new OperatingPoint(
                gpu,
                count,
                parallelism,
                model,
                quantization,
                kvPrecision,
                engine,
                concurrency,
                inputTokens,
                outputTokens);
    }
}
