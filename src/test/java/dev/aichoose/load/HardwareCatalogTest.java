package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Gpu;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cards and systems, their consistency checks, and implausible values that warn (issue 11, items 4 and 8). */
class HardwareCatalogTest {
    @TempDir
    Path dir;

    private Catalog load(String yaml) throws IOException {
        Files.writeString(dir.resolve("book.yaml"), yaml);
        return CatalogLoader.load(List.of(dir));
    }

    private List<String> problems(String yaml) throws IOException {
        Files.writeString(dir.resolve("book.yaml"), yaml);
        InputException e = catchThrowableOfType(InputException.class, () -> CatalogLoader.load(List.of(dir)));
        assertThat(e).as("the catalog should be rejected").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    private static String system(String price, String vram, String bandwidth) {
        return """
                gpus:
                  - id: acme/l4-2x-server
                    class: system
                    card: nvidia/l4
                    gpus_per_system: 2
                    price_usd: %s
                    vram_gb: %s
                    memory_bandwidth_gbps: %s
                    bf16_dense_tflops: 121
                    tdp_w: 72
                    as_of: 2026-11-01
                    source: "acme quote"
                """.formatted(price, vram, bandwidth);
    }

    @Test
    void aSystemThatTakesOverItsCardsEstimatedFigureListsItAsAnEstimateToo() throws IOException {
        // the card's FP8 rate is derived (estimates:); a system that states none serves at the card's, so
        // an estimate on the system rests on that derived figure as much as one on the card does
        Catalog catalog = load("""
                gpus:
                  - id: acme/card
                    class: datacenter
                    gpus_per_system: 1
                    price_usd: 10000
                    vram_gb: 48
                    memory_bandwidth_gbps: 900
                    bf16_dense_tflops: 180
                    fp8_dense_tflops: 360
                    tdp_w: 300
                    estimates: [fp8_dense_tflops]
                    as_of: 2026-11-01
                    source: "acme data sheet"
                  - id: acme/card-2x-server
                    class: system
                    card: acme/card
                    gpus_per_system: 2
                    price_usd: 30000
                    vram_gb: 48
                    memory_bandwidth_gbps: 900
                    bf16_dense_tflops: 180
                    tdp_w: 300
                    as_of: 2026-11-01
                    source: "acme quote"
                  - id: acme/card-4x-server
                    class: system
                    card: acme/card
                    gpus_per_system: 4
                    price_usd: 60000
                    vram_gb: 48
                    memory_bandwidth_gbps: 900
                    bf16_dense_tflops: 180
                    fp8_dense_tflops: 350
                    tdp_w: 300
                    as_of: 2026-11-01
                    source: "acme quote, measured FP8 rate"
                """);
        Gpu inherits = catalog.gpus().get("acme/card-2x-server");
        assertThat(inherits.fp8DenseTflops()).isEqualTo(360.0);
        assertThat(inherits.estimated()).containsExactly("fp8_dense_tflops");
        Gpu states = catalog.gpus().get("acme/card-4x-server");
        assertThat(states.fp8DenseTflops()).isEqualTo(350.0);
        assertThat(states.estimated()).isEmpty();
    }

    @Test
    void shippedCardsAndSystemsAreConsistent() {
        Catalog c = CatalogLoader.load(List.of());
        assertThat(c.warnings()).isEmpty();
        for (Gpu g : c.gpus().values()) {
            if (g.isSystem()) {
                assertThat(g.card()).as(g.id()).isNotNull();
                Gpu card = c.gpus().get(g.card());
                assertThat(Sanity.systemAgainstCard(g, card)).as(g.id()).isEmpty();
                assertThat(Sanity.systemPriceAgainstCard(g, card)).as(g.id()).isEmpty();
            } else {
                assertThat(g.card()).as(g.id()).isNull();
            }
        }
        // the $18,000 L4 figure was a one-GPU server: the card is a card price now
        assertThat(c.gpus().get("nvidia/l4").priceUsd()).isLessThan(5000);
        assertThat(c.gpus().get("nvidia/l4-1x-server").priceUsd()).isEqualTo(18000);
        // the L40S card has a retail price of its own now (runlocalai.co, June 2026), below the 1x server's
        assertThat(c.gpus().get("nvidia/l40s").priceUsd())
                .isLessThan(c.gpus().get("nvidia/l40s-1x-server").priceUsd());
        assertThat(c.gpus().get("nvidia/h100-pcie").priceUsd()).isNull();
    }

    @Test
    void aSystemWhosePerGpuSpecsContradictItsCardIsAnError() throws IOException {
        assertThat(problems(system("20000", "48", "300")))
                .singleElement()
                .asString()
                .endsWith(
                        "book.yaml:4:11: gpus[acme/l4-2x-server]: vram_gb is 48 per GPU but its card nvidia/l4 has 24");
        assertThat(problems(system("20000", "24", "864")))
                .singleElement()
                .asString()
                .contains("memory_bandwidth_gbps is 864 per GPU but its card nvidia/l4 has 300");
    }

    @Test
    void aSystemCheaperPerGpuThanItsCardIsAWarning() throws IOException {
        Catalog c = load(system("3000", "24", "300"));
        assertThat(c.gpus()).containsKey("acme/l4-2x-server");
        assertThat(c.warnings())
                .singleElement()
                .asString()
                .endsWith("book.yaml:4:11: gpus[acme/l4-2x-server]: costs $1500 per GPU, less than the card nvidia/l4 "
                        + "alone ($2500); check that both are the same kind of price (new, used, card, server)");
    }

    @Test
    void aCardWithSeveralGpusIsASystemInDisguise() throws IOException {
        assertThat(problems("""
                gpus:
                  - id: acme/l4-box
                    gpus_per_system: 4
                    price_usd: 24000
                    vram_gb: 24
                    memory_bandwidth_gbps: 300
                    tdp_w: 72
                    as_of: 2026-11-01
                    source: "acme quote"
                """))
                .singleElement()
                .asString()
                .contains(
                        "gpus[acme/l4-box].gpus_per_system: a card is one GPU; a server with 4 GPUs is an entry of class system");
    }

    @Test
    void implausiblyLowValuesWarnWithTheirPosition() throws IOException {
        Catalog c = load("""
                api_models:
                  - id: acme/chat
                    provider: acme
                    input_usd_per_mtok: 0.00000025
                    output_usd_per_mtok: 2
                    as_of: 2026-11-01
                    source: "acme price page"
                gpus:
                  - id: acme/card
                    price_usd: 1.60
                    vram_gb: 24
                    memory_bandwidth_gbps: 300
                    tdp_w: 72
                    as_of: 2026-11-01
                    source: "acme"
                """);
        assertThat(c.apiModels()).containsKey("acme/chat");
        assertThat(c.warnings()).hasSize(2);
        assertThat(c.warnings().get(0))
                .contains(
                        "book.yaml:4:25: api_models[acme/chat].input_usd_per_mtok: $0.00000025 per "
                                + "million tokens is implausibly low: is it a per-token price? (per million it would be $0.25)");
        assertThat(c.warnings().get(1)).contains("book.yaml:10:16: gpus[acme/card].price_usd: $1.6 is implausibly low");
    }

    @Test
    void aLayerThatOmitsQualityKeepsTheShippedLabel() throws IOException {
        Catalog c = load("""
                api_models:
                  - id: openai/gpt-5.6
                    provider: openai
                    input_usd_per_mtok: 4
                    output_usd_per_mtok: 24
                    as_of: 2026-11-01
                    source: "our contract"
                """);
        assertThat(c.apiModels().get("openai/gpt-5.6").quality()).isEqualTo(dev.aichoose.model.Quality.FRONTIER);
        assertThat(c.apiModels().get("openai/gpt-5.6").inputUsdPerMtok()).isEqualTo(4);
    }

    @Test
    void buyingACardTheCatalogPricesOnlyInsideAServerNeedsAPrice() {
        assertThat(Fixtures.problems("""
                name: t
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/h100-pcie, model: meta/llama-3.1-8b-instruct}
                """))
                .singleElement()
                .asString()
                .contains("options[box].self_hosted.hardware: the catalog has no card price "
                        + "for nvidia/h100-pcie (the sources price it only inside a server); give hardware_usd, or choose a "
                        + "system (did you mean 'nvidia/h100-1x-server'?)");
    }

    @Test
    void aScenarioPriceTypedPerTokenWarnsAndStillEvaluates() {
        var e = Fixtures.evaluate("""
                name: t
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                options:
                  - {id: x, api: {model: mine, input_usd_per_mtok: 0.00000025, output_usd_per_mtok: 0.000002}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, hardware_usd: 1.60, model: meta/llama-3.1-8b-instruct,
                                  tokens_per_second: 100}
                """);
        assertThat(e.warnings())
                .contains("test.yaml:4:52: options[x].api.input_usd_per_mtok: $0.00000025 per million tokens is "
                        + "implausibly low: is it a per-token price? (per million it would be $0.25)")
                .contains("test.yaml:6:60: options[box].self_hosted.hardware_usd: $1.6 is implausibly low for GPU "
                        + "hardware (price in thousands?)");
    }
}
