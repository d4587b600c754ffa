package dev.aichoose.model;

/**
 * Weight formats and their bytes per parameter. GGUF figures from
 * sterlenjohnson/ViVi-Buddy research/models/memory_calculations.md.
 */
public enum Quantization {
    FP32(4.0, false),
    BF16(2.0, false),
    FP16(2.0, false),
    FP8(1.0, false),
    INT8(1.0, false),
    AWQ(0.5, false),
    GPTQ(0.5, false),
    INT4(0.5, false),
    Q8_0(1.0625, true),
    Q6_K(0.82, true),
    Q5_K_M(0.71, true),
    Q4_K_M(0.6, true);

    private final double bytesPerParam;
    private final boolean gguf;

    Quantization(double bytesPerParam, boolean gguf) {
        this.bytesPerParam = bytesPerParam;
        this.gguf = gguf;
    }

    public double bytesPerParam() {
        return bytesPerParam;
    }

    /** GGUF formats run on llama.cpp-class runners (Ollama, LM Studio), which serve few streams at once. */
    public boolean gguf() {
        return gguf;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
