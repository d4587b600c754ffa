package dev.aichoose.serving;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.ThroughputMeasurement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the measurements table holds any run of an engine's family (the engines that share fitted
 * figures: vLLM, SGLang and TensorRT-LLM; llama.cpp and Ollama) on a maker's GPUs (docs/methodology.md
 * §11.7, "An engine no run measured on a maker's GPUs"). The group's measured error is the error on the
 * runs the table has; where none used this family on this maker's GPUs, the estimate carries the
 * family's efficiencies fitted on other makers' GPUs, and no run has checked them there.
 */
public final class EngineEvidence {
    /**
     * vLLM on a Mac: the engine itself runs on the CPU only ("On macOS the VLLM_TARGET_DEVICE is
     * automatically set to cpu, which is currently the only supported device": vllm-project/vllm
     * docs/getting_started/installation/cpu.apple.inc.md at commit
     * 13e4b886a6012959ca42d141f57cdab2064c8da3), and on the GPU through a community plugin (the same file
     * on the main branch, raw.githubusercontent.com/vllm-project/vllm/main/docs/getting_started/installation/cpu.apple.inc.md,
     * read 2026-12-07: "For GPU-accelerated inference on Apple Silicon using Metal, check out vllm-metal,
     * a community-maintained hardware plugin that uses MLX as the compute backend").
     */
    static final String VLLM_ON_APPLE = "vLLM itself runs on a Mac's CPU only, and on its GPU through the "
            + "community vllm-metal plugin, which computes with MLX (vLLM's installation guide)";

    private EngineEvidence() {}

    /**
     * The validated runs on GPUs of {@code gpu}'s maker of {@code engine} and the engines it shares its
     * fitted figures with (its family, §11.7); empty when the maker is unknown.
     */
    static Optional<Long> runs(Catalog catalog, Engine engine, Gpu gpu) {
        Optional<String> maker = Engine.makerOf(gpu);
        return maker.map(m -> catalog.measurements().stream()
                .filter(ThroughputMeasurement::used)
                .filter(r -> r.engine().family() == engine.family())
                .map(r -> catalog.gpus().get(r.hardware()))
                .filter(Objects::nonNull)
                .filter(g -> Engine.makerOf(g).equals(maker))
                .count());
    }

    /**
     * Where the table holds no run of {@code engine}'s family on GPUs of {@code gpu}'s maker, that, in
     * words: "no published run of vllm, nor of the engines that share its fitted figures (sglang,
     * trt-llm), on Apple GPUs is in the table: …".
     */
    public static Optional<String> unmeasured(Catalog catalog, Engine engine, Gpu gpu) {
        if (runs(catalog, engine, gpu).filter(n -> n == 0).isEmpty()) return Optional.empty();
        String maker = Engine.makerOf(gpu).orElseThrow();
        List<String> family = Arrays.stream(Engine.values())
                .filter(e -> e != engine && e.family() == engine.family())
                .map(Engine::id)
                .toList();
        return Optional.of("no published run of " + engine.id()
                + (family.isEmpty()
                        ? ""
                        : ", nor of the engines that share its fitted figures (" + String.join(", ", family) + "),")
                + " on " + maker + " GPUs is in the table: its efficiencies were fitted on other makers' GPUs, and no "
                + "run has checked them on these"
                + (engine == Engine.VLLM && gpu.isApple() ? "; " + VLLM_ON_APPLE : ""));
    }

    /**
     * Where llama.cpp or Ollama splits a replica by tensor (row split) across several GPUs, a caution in
     * words: the estimate scales it like a batching server's tensor parallelism, and the published runs of
     * llama.cpp's own splits say it does not scale so (docs/methodology.md §11.9). llama.cpp's documentation
     * calls {@code -sm row} deprecated, "with comparatively poor performance" (ggml-org/llama.cpp pull request
     * 22729, docs/multi-gpu.md, reviewed 2026-05-07); its experimental {@code -sm tensor} decoded one stream
     * of GLM-4.5-Air at 92.6 tok/s on 2 × RTX 4090 against 120.6 with layer split (pull request 19378,
     * 2026-02-20); and row split decoded GLM-5.2 at 7.1 tok/s on 8 × A100 against 23.4 with layer split
     * (anthony-chaudhary/fak issue 3075, 2026-07-10).
     */
    public static Optional<String> llamaCppTensorSplit(Engine engine, Parallelism parallelism, int gpus) {
        if (engine.family() != Engine.Family.LLAMA_CPP || parallelism != Parallelism.TENSOR || gpus < 2) {
            return Optional.empty();
        }
        return Optional.of(engine.id() + "'s tensor split across " + gpus + " GPUs is estimated as a batching "
                + "server's tensor parallelism, which it is not: llama.cpp calls its row split deprecated, with "
                + "comparatively poor performance (ggml-org/llama.cpp#22729), and published single-stream runs "
                + "decoded slower with it than with its layer split (0.77x on 2 x RTX 4090, "
                + "ggml-org/llama.cpp#19378; 0.30x on 8 x A100, anthony-chaudhary/fak#3075): this estimate is likely "
                + "too high, by up to several times (the table's one sweep of it, mlc-ai's on 2 to 8 A100s, "
                + "measured 1.2 to 7.9 times less); llama.cpp's default layer split (parallelism: pipeline) is "
                + "the split the estimate is checked on (docs/methodology.md §11.9)");
    }
}
