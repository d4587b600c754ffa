package dev.aichoose.model;

import java.util.Locale;

/**
 * How a replica of several GPUs splits the model: tensor parallel (every layer split across the
 * GPUs, which read their shares at once and exchange activations twice a layer) or pipeline (the
 * layers split across the GPUs, which work one after another, as llama.cpp's layer split does).
 */
public enum Parallelism {
    TENSOR,
    PIPELINE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The split an engine uses when the option names none: llama.cpp splits layers, the servers tensors. */
    public static Parallelism defaultFor(Engine engine) {
        return engine.family() == Engine.Family.LLAMA_CPP ? PIPELINE : TENSOR;
    }
}
