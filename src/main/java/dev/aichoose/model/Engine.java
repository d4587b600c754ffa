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
     * Why this engine cannot serve {@code quantization} on {@code gpu}, if it cannot: TensorRT-LLM runs on
     * NVIDIA GPUs only ("to perform inference efficiently on NVIDIA GPUs": NVIDIA/TensorRT-LLM README.md at
     * commit 7b437aaa73bf5a44b1102aee5c631074da763b8f), and NVFP4 on Blackwell only ("NVFP4 is only supported
     * on NVIDIA Blackwell": its docs/source/deployment-guide/quick-start-recipe-for-llama3.3-70b-on-trtllm.md
     * at commit 0f34bf05edf0d8dc49f86675a431971e3cd59ea2), both read 2026-12-07. A GPU whose maker the catalog
     * does not say (a price book's own entry with neither a known id prefix nor a known generation) is not
     * refused.
     */
    public Optional<String> problemOn(Gpu gpu, Quantization quantization) {
        if (this != TRT_LLM) return Optional.empty();
        if (isOtherMakers(gpu)) {
            return Optional.of("trt-llm runs on NVIDIA GPUs only (TensorRT-LLM's README), and " + gpu.id()
                    + " is not one: choose vllm or sglang, or llama.cpp");
        }
        if (quantization == Quantization.NVFP4 && gpu.fp4DenseTflops() == null && isNvidia(gpu)) {
            return Optional.of("trt-llm runs nvfp4 on Blackwell GPUs only (TensorRT-LLM's deployment guide), and "
                    + gpu.id() + " has no FP4 tensor cores: choose fp8, or vllm or sglang");
        }
        return Optional.empty();
    }

    private static final List<String> NVIDIA_GENERATIONS =
            List.of("volta", "turing", "ampere", "ada", "hopper", "blackwell");

    private static boolean isNvidia(Gpu gpu) {
        return gpu.id().startsWith("nvidia/")
                || (gpu.architecture() != null && NVIDIA_GENERATIONS.contains(gpu.architecture()));
    }

    private static boolean isOtherMakers(Gpu gpu) {
        if (isNvidia(gpu)) return false;
        String a = gpu.architecture() == null ? "" : gpu.architecture();
        return gpu.isApple()
                || gpu.id().startsWith("amd/")
                || gpu.id().startsWith("intel/")
                || a.startsWith("cdna")
                || a.startsWith("rdna");
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
