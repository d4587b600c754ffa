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
    TRT_LLM("trt-llm", Family.SERVER, "tensorrt-llm", "trtllm", "tensorrt"),
    LLAMA_CPP("llama.cpp", Family.LLAMA_CPP, "llamacpp", "llama-cpp", "llama-server", "lm-studio", "lmstudio"),
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
    private final List<String> otherNames;

    /**
     * @param otherNames the engine's other common spellings, read as it ({@code _} reads as {@code -}): the
     *     project's own names ({@code tensorrt-llm}, {@code llamacpp}) and the llama.cpp runners that are not
     *     Ollama (llama.cpp's {@code llama-server}, LM Studio)
     */
    Engine(String id, Family family, String... otherNames) {
        this.id = id;
        this.family = family;
        this.otherNames = List.of(otherNames);
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

    /** Every name {@link #byId} reads: the ids, then the other spellings, for a did-you-mean. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(ids());
        for (Engine e : values()) names.addAll(e.otherNames);
        return names;
    }

    /** The engine with this id or one of its other spellings (case-insensitive, {@code _} as {@code -}), if any. */
    public static Optional<Engine> byId(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values())
                .filter(e -> e.id.equals(key) || e.otherNames.contains(key))
                .findFirst();
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
