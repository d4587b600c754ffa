package dev.aichoose.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The serving engine a replica runs (docs/methodology.md §11.3–11.5): what it reads per step, how much
 * memory it keeps for itself, and how many streams it serves by default differ by engine.
 */
public enum Engine {
    VLLM("vllm", Family.SERVER),
    SGLANG("sglang", Family.SERVER),
    TRT_LLM("trt-llm", Family.SERVER),
    LLAMA_CPP("llama.cpp", Family.LLAMA_CPP),
    OLLAMA("ollama", Family.LLAMA_CPP);

    /**
     * Engines that batch many streams with paged KV caches and CUDA graphs (vLLM, SGLang, TensorRT-LLM),
     * and llama.cpp with the runners built on it (Ollama, LM Studio).
     */
    public enum Family {
        SERVER,
        LLAMA_CPP;

        public String id() {
            return this == SERVER ? "server" : "llama.cpp";
        }
    }

    private final String id;
    private final Family family;

    Engine(String id, Family family) {
        this.id = id;
        this.family = family;
    }

    public String id() {
        return id;
    }

    public Family family() {
        return family;
    }

    /** The ids as a scenario and the command line write them. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Engine::id).toList();
    }

    /** The engine with this id (case-insensitive), if any. */
    public static Optional<Engine> byId(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.id.equals(key)).findFirst();
    }

    /**
     * The engine when an option names none: llama.cpp for a GGUF quantization or Apple hardware (the
     * runners that serve those), vLLM for everything else.
     */
    public static Engine defaultFor(Quantization quantization, Gpu gpu) {
        boolean apple = gpu != null && gpu.isApple();
        return quantization.gguf() || apple ? LLAMA_CPP : VLLM;
    }
}
