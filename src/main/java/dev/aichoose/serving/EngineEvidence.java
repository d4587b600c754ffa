package dev.aichoose.serving;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
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
}
