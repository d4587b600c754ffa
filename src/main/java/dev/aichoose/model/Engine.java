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

    /**
     * Who makes {@code gpu}: "NVIDIA", "AMD", "Apple" or "Intel", by its id's prefix or its generation;
     * empty for a price book's entry that says neither.
     */
    public static Optional<String> makerOf(Gpu gpu) {
        if (isNvidia(gpu)) return Optional.of("NVIDIA");
        if (gpu.isApple()) return Optional.of("Apple");
        String a = gpu.architecture() == null ? "" : gpu.architecture();
        if (gpu.id().startsWith("amd/") || a.startsWith("cdna") || a.startsWith("rdna")) return Optional.of("AMD");
        if (gpu.id().startsWith("intel/")) return Optional.of("Intel");
        return Optional.empty();
    }

    private static final List<String> NVIDIA_GENERATIONS =
            List.of("volta", "turing", "ampere", "ada", "hopper", "blackwell");

    private static boolean isNvidia(Gpu gpu) {
        return gpu.id().startsWith("nvidia/")
                || (gpu.architecture() != null && NVIDIA_GENERATIONS.contains(gpu.architecture()));
    }

    private static boolean isOtherMakers(Gpu gpu) {
        return makerOf(gpu).filter(maker -> !maker.equals("NVIDIA")).isPresent();
    }

    /** vLLM's threshold for its larger defaults: a GPU of 70 GiB or more, in GB. */
    static final double VLLM_LARGE_GPU_GB = 70 * Math.pow(2, 30) / 1e9;

    /**
     * How many requests the engine decodes at once when its server is started without the setting that
     * says (docs/methodology.md §11.4, "The engine's default number of streams"), where that default is a
     * fixed number that can sit below what memory holds; each read 2026-12-07:
     *
     * <ul>
     *   <li>Ollama: 1 ({@code NumParallel = Uint("OLLAMA_NUM_PARALLEL", 1)}, ollama/ollama
     *       envconfig/config.go at commit fb30760996871fa9460115c753afd2c60d4ab0f7; the default since
     *       commit 20c3266e, "Reduce default parallelism to 1", 2025-07-08, first released in 0.10.0;
     *       4 or 1 by memory from 0.2.0, 2 or 1 from 0.6.7);
     *   <li>llama.cpp's llama-server: 4 slots sharing one KV cache ({@code -np, --parallel}, "default:
     *       -1, -1 = auto", which the server reads as 4: ggml-org/llama.cpp pull requests 16736, 2025-10,
     *       and 17997, 2025-12; 1 before); LM Studio's "Max Concurrent Predictions" is 4 too
     *       (lmstudio.ai/docs/app/advanced/parallel-requests);
     *   <li>vLLM's OpenAI server: 1,024 on a GPU of 70 GiB or more other than an A100, else 256
     *       ({@code default_max_num_seqs}, vllm-project/vllm vllm/engine/arg_utils.py at commit
     *       99d7eb5d6a512cfcc5a2b104f24ebf2d6cda772b).
     * </ul>
     *
     * SGLang sizes its running batch from the KV cache it holds, which the serving model already holds
     * streams to, and TensorRT-LLM's default batch (2,048) is not one a replica reaches: neither has one.
     */
    public Optional<DefaultStreams> defaultStreams(Gpu gpu) {
        return switch (this) {
            case OLLAMA -> Optional.of(new DefaultStreams(this, 1, "OLLAMA_NUM_PARALLEL=%d"));
            case LLAMA_CPP ->
                Optional.of(new DefaultStreams(this, 4, "--parallel %d (LM Studio: Max Concurrent Predictions %d)"));
            case VLLM -> {
                String names = (gpu.id() + " " + (gpu.card() == null ? "" : gpu.card())).toLowerCase(Locale.ROOT);
                boolean large = gpu.vramGb() >= VLLM_LARGE_GPU_GB && !names.contains("a100");
                yield Optional.of(new DefaultStreams(this, large ? 1024 : 256, "--max-num-seqs %d"));
            }
            case SGLANG, TRT_LLM -> Optional.empty();
        };
    }

    /** The engine's default number of streams where {@code streams} exceed it: the setting they need. */
    public Optional<DefaultStreams> defaultStreamsBelow(Gpu gpu, int streams) {
        return defaultStreams(gpu).filter(d -> streams > d.streams());
    }

    /**
     * An engine's default number of streams decoded at once, and how its server is told another
     * ({@code setting}, a format of that number).
     */
    public record DefaultStreams(Engine engine, int streams, String setting) {
        /** The setting that lets the server decode {@code n} streams at once: "OLLAMA_NUM_PARALLEL=8". */
        public String setting(int n) {
            return String.format(Locale.ROOT, setting.replace("%d", "%1$d"), n);
        }

        /**
         * Why {@code n} streams need the setting, in words: "ollama decodes 1 request at a time unless its
         * server is told more: N streams need OLLAMA_NUM_PARALLEL=N".
         */
        public String words(int n) {
            return engine.id()
                    + (streams == 1
                            ? " decodes 1 request at a time"
                            : String.format(Locale.ROOT, " decodes at most %,d requests at once", streams))
                    + " unless its server is told more: " + String.format(Locale.ROOT, "%,d", n)
                    + " streams need " + setting(n);
        }
    }

    /**
     * The engine when an option names none: llama.cpp for a GGUF quantization, on Apple hardware, and for
     * MXFP4 on consumer hardware (the runners that serve those: Ollama's gpt-oss is its MXFP4 weights, a
     * ggml type), vLLM for everything else.
     */
    public static Engine defaultFor(Quantization quantization, Gpu gpu) {
        boolean apple = gpu != null && gpu.isApple();
        boolean consumerMxfp4 = gpu != null && gpu.isConsumer() && quantization == Quantization.MXFP4;
        return quantization.gguf() || apple || consumerMxfp4 ? LLAMA_CPP : VLLM;
    }
}
