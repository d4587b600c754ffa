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
     * Why this engine cannot serve {@code quantization} on {@code gpu}, if it cannot (docs/methodology.md
     * §11.6), each rule read 2026-12-07:
     *
     * <ul>
     *   <li>TensorRT-LLM runs on NVIDIA GPUs only ("to perform inference efficiently on NVIDIA GPUs":
     *       NVIDIA/TensorRT-LLM README.md at commit 7b437aaa73bf5a44b1102aee5c631074da763b8f);
     *   <li>its NVFP4 on Blackwell only ("NVFP4 is only supported on NVIDIA Blackwell": its
     *       docs/source/deployment-guide/quick-start-recipe-for-llama3.3-70b-on-trtllm.md at commit
     *       0f34bf05edf0d8dc49f86675a431971e3cd59ea2), and its FP8 from Ada on ("GPUs: Ada and Later": NVIDIA
     *       Model Optimizer's support matrix, nvidia.github.io/TensorRT-Model-Optimizer/guides/0_support_matrix.html);
     *   <li>it reads no GGUF format: its quantization recipes are FP8, FP4, INT4 AWQ and GPTQ, and INT8
     *       (nvidia.github.io/TensorRT-LLM/features/quantization.html);
     *   <li>llama.cpp and Ollama read GGUF files, whose tensors are ggml's types: F32, F16, BF16, the Q and K
     *       quants, MXFP4 (ggml-org/llama.cpp ggml/include/ggml.h at commit
     *       3514e9f6e795d3b3cd88d6614f6c07e7ce6f916f) and NVFP4 (ggml-org/llama.cpp pull request 19769, merged
     *       2026): no AWQ, GPTQ, plain INT4 or INT8, nor FP8, whose checkpoints llama.cpp's converter turns
     *       into one of its own types.
     * </ul>
     *
     * A GPU whose maker the catalog does not say (a price book's own entry with neither a known id prefix
     * nor a known generation) is not refused for its maker.
     */
    public Optional<String> problemOn(Gpu gpu, Quantization quantization) {
        if (family == Family.LLAMA_CPP && !quantization.inGguf()) {
            return Optional.of(
                    id + " reads GGUF files (ggml's types), which have no " + quantization.id() + " format: choose "
                            + quantization.ggufOfItsWidth().id() + ", or vllm or sglang for " + quantization.id());
        }
        if (this != TRT_LLM) return Optional.empty();
        if (isOtherMakers(gpu)) {
            return Optional.of("trt-llm runs on NVIDIA GPUs only (TensorRT-LLM's README), and " + gpu.id()
                    + " is not one: choose vllm or sglang, or llama.cpp");
        }
        if (quantization.gguf()) {
            return Optional.of("trt-llm reads no GGUF format such as " + quantization.id()
                    + " (its quantization recipes are FP8, FP4, INT4 AWQ and GPTQ, INT8): choose llama.cpp or"
                    + " ollama for " + quantization.id() + ", or awq or fp8 for trt-llm");
        }
        if (quantization == Quantization.NVFP4 && gpu.fp4DenseTflops() == null && isNvidia(gpu)) {
            return Optional.of("trt-llm runs nvfp4 on Blackwell GPUs only (TensorRT-LLM's deployment guide), and "
                    + gpu.id() + " has no FP4 tensor cores: choose fp8, or vllm or sglang");
        }
        if (quantization == Quantization.FP8 && gpu.fp8DenseTflops() == null && isNvidia(gpu)) {
            return Optional.of("trt-llm runs fp8 on Ada, Hopper and Blackwell GPUs only (Model Optimizer's support"
                    + " matrix), and " + gpu.id() + " has no FP8 tensor cores: choose int8 or awq, or vllm or"
                    + " sglang, which read FP8 weights there through a weight-only kernel");
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
