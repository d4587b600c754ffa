package dev.aichoose.serving;

import dev.aichoose.model.Engine;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.Workload;

/**
 * What {@code aichoose estimate} asks: hardware and model by catalog id; each null field is left to its
 * default (docs/methodology.md §11.4): the quantization by hardware class, the engine by quantization and
 * hardware, the split by engine, FP16 KV, the concurrency by engine, the GPUs to the fewest that hold it.
 *
 * @param slo when given, the highest concurrency whose estimated TTFT and TPOT meet it is estimated
 */
public record EstimateRequest(
        String hardware,
        String model,
        Quantization quantization,
        Integer gpus,
        Parallelism parallelism,
        Engine engine,
        KvPrecision kvPrecision,
        Integer concurrency,
        Workload.LatencySlo slo,
        double inputTokens,
        double outputTokens) {

    public EstimateRequest {
        if (slo == null) slo = Workload.LatencySlo.NONE;
    }
}
