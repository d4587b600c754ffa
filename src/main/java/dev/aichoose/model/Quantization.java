package dev.aichoose.model;

/**
 * Weight formats and their bytes per parameter. GGUF figures from
 * sterlenjohnson/ViVi-Buddy research/models/memory_calculations.md; {@code q4_0} and the 4-bit
 * floating-point formats from their block layouts (docs/methodology.md §11.3): Q4_0 is 32 4-bit
 * weights and one FP16 scale (4.5 bits), NVFP4 16 weights and one FP8 scale (4.5 bits), MXFP4 32
 * weights and one 8-bit scale (4.25 bits).
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
    NVFP4(0.5625, false),
    MXFP4(0.53125, false),
    Q8_0(1.0625, true),
    Q6_K(0.82, true),
    Q5_K_M(0.71, true),
    Q4_K_M(0.6, true),
    Q4_0(0.5625, true);

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

    /**
     * Whether a GGUF file can hold weights in this format: its own formats, the 16- and 32-bit floats, MXFP4
     * and NVFP4 are ggml types; AWQ, GPTQ, plain INT4 and INT8, and FP8 are not (docs/methodology.md §11.6).
     */
    public boolean inGguf() {
        return switch (this) {
            case AWQ, GPTQ, INT4, INT8, FP8 -> false;
            default -> true;
        };
    }

    /** The GGUF format of this one's width: {@code q8_0} for 8 bits and more, {@code q4_k_m} below. */
    public Quantization ggufOfItsWidth() {
        return bytesPerParam >= 1 ? Q8_0 : Q4_K_M;
    }

    /** The 4-bit floating-point formats (NVFP4, MXFP4), which run on FP4 tensor cores where the card has them. */
    public boolean fp4() {
        return this == NVFP4 || this == MXFP4;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The format an option or an estimate that names none runs {@code model} at on {@code gpu}
     * (docs/methodology.md §11.4): {@code q4_k_m} on consumer hardware, where GGUF runners serve, and
     * wherever llama.cpp or Ollama serves, stated ({@code engine}, null when the option names none) or
     * the default on Apple hardware: the format their users get (Ollama's library serves Q4_K_M by
     * default), but there a model released in a narrower format GGUF holds keeps it (gpt-oss's MXFP4).
     * Elsewhere the format the model is released in where it is smaller than BF16 (DeepSeek's FP8,
     * gpt-oss's MXFP4: what is served), else {@code bf16}.
     */
    public static Quantization defaultFor(Gpu gpu, OpenModel model, Engine engine) {
        Quantization released = model == null ? null : model.architecture().nativePrecision();
        Quantization served = released != null && released.bytesPerParam() < BF16.bytesPerParam() ? released : BF16;
        boolean ggufRunner = (gpu != null && gpu.isConsumer())
                || (engine != null ? engine : Engine.defaultFor(served, gpu)).family() == Engine.Family.LLAMA_CPP;
        if (!ggufRunner) return served;
        return served.inGguf() && served.bytesPerParam() < Q4_K_M.bytesPerParam() ? served : Q4_K_M;
    }
}
