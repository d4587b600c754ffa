package dev.aichoose.model;

import java.util.Locale;

/** The number format of the KV cache: 16-bit (FP16 or BF16, every engine's default) or FP8. */
public enum KvPrecision {
    FP16(2.0),
    FP8(1.0);

    private final double bytesPerElement;

    KvPrecision(double bytesPerElement) {
        this.bytesPerElement = bytesPerElement;
    }

    public double bytesPerElement() {
        return bytesPerElement;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The KV cache when a replica names none: FP8 where TensorRT-LLM serves FP8 or NVFP4 weights, FP16
     * everywhere else. TensorRT-LLM's KV type defaults to the checkpoint's ({@code kv_cache_config.dtype:
     * auto}), and the FP8 and FP4 checkpoints it serves, NVIDIA's ModelOpt exports, carry an FP8 KV cache
     * ({@code kv_cache_quant_algo: FP8} in {@code hf_quant_config.json}); NVIDIA's own recipes set it too
     * (docs/methodology.md §11.4).
     */
    public static KvPrecision defaultFor(Engine engine, Quantization quantization) {
        boolean fp8Kv =
                engine == Engine.TRT_LLM && (quantization == Quantization.FP8 || quantization == Quantization.NVFP4);
        return fp8Kv ? FP8 : FP16;
    }
}
