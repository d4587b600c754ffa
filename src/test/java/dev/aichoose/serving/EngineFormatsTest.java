package dev.aichoose.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.load.CatalogLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Quantization;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which engine serves which weight format on which card (docs/methodology.md §11.6), over every pairing
 * of engine and format on cards of each kind: the rule as the sources state it, and a reason that names
 * what was asked for and what to choose instead wherever a pairing is refused.
 */
class EngineFormatsTest {
    private static final Catalog CATALOG = CatalogLoader.load(List.of());

    /** The formats a GGUF file has no type for. */
    private static final Set<Quantization> NOT_GGUF =
            EnumSet.of(Quantization.AWQ, Quantization.GPTQ, Quantization.INT4, Quantization.INT8, Quantization.FP8);

    @Test
    void everyPairingServesOrSaysWhyAndWhatToChoose() {
        for (String id : List.of(
                "nvidia/rtx-4090",
                "nvidia/a100-80gb-sxm",
                "nvidia/h100-sxm",
                "nvidia/b200",
                "amd/mi300x",
                "apple/mac-studio-m3-ultra-512gb")) {
            Gpu gpu = CATALOG.gpus().get(id);
            assertThat(gpu).as(id).isNotNull();
            for (Engine engine : Engine.values()) {
                for (Quantization q : Quantization.values()) {
                    Optional<String> problem = engine.problemOn(gpu, q);
                    String pairing = engine.id() + " " + q.id() + " on " + id;
                    assertThat(problem.isPresent()).as(pairing).isEqualTo(refused(engine, q, gpu));
                    problem.ifPresent(p -> {
                        assertThat(p).as(pairing).startsWith(engine.id() + " ").contains("choose ");
                        // a refused format is named, unless the engine runs on none of the card's maker
                        if (!(engine == Engine.TRT_LLM && !id.startsWith("nvidia/"))) {
                            assertThat(p).as(pairing).contains(q.id());
                        }
                    });
                }
            }
        }
    }

    @Test
    void aFormatThatHasNoGgufTypeIsOfferedTheGgufTypeOfItsWidth() {
        assertThat(Quantization.FP8.ggufOfItsWidth()).isEqualTo(Quantization.Q8_0);
        assertThat(Quantization.INT8.ggufOfItsWidth()).isEqualTo(Quantization.Q8_0);
        assertThat(Quantization.AWQ.ggufOfItsWidth()).isEqualTo(Quantization.Q4_K_M);
        assertThat(Quantization.GPTQ.ggufOfItsWidth()).isEqualTo(Quantization.Q4_K_M);
        assertThat(Quantization.INT4.ggufOfItsWidth()).isEqualTo(Quantization.Q4_K_M);
        for (Quantization q : NOT_GGUF)
            assertThat(q.ggufOfItsWidth().inGguf()).as(q.id()).isTrue();
    }

    /** The rule, written out from the sources rather than from the code. */
    private static boolean refused(Engine engine, Quantization q, Gpu gpu) {
        return switch (engine) {
            case LLAMA_CPP, OLLAMA -> NOT_GGUF.contains(q);
            case VLLM, SGLANG -> false;
            case TRT_LLM ->
                !gpu.id().startsWith("nvidia/")
                        || q.gguf()
                        || (q == Quantization.NVFP4 && gpu.fp4DenseTflops() == null)
                        || (q == Quantization.FP8 && gpu.fp8DenseTflops() == null);
        };
    }
}
