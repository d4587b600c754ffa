package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.ThroughputMeasurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml) throws IOException {
        Files.writeString(dir.resolve("book.yaml"), yaml);
        InputException e = catchThrowableOfType(InputException.class, () -> CatalogLoader.load(List.of(dir)));
        assertThat(e).as("the catalog should be rejected").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    /** The one problem a rejected book's load names. */
    private org.assertj.core.api.AbstractStringAssert<?> theOneProblem(String yaml) throws IOException {
        return assertThat(problems(yaml)).singleElement().asString();
    }

    private static final String MODEL = """
            api_models:
              - id: acme/chat
                provider: acme
                input_usd_per_mtok: %s
                output_usd_per_mtok: 2
                as_of: %s
                source: "acme price page"
            """;

    @Test
    void shippedCatalogsMeetTheIssueMinimumsAndCarryProvenance() {
        Catalog c = CatalogLoader.load(List.of());
        assertThat(c.apiModels()).hasSizeGreaterThanOrEqualTo(25).containsKey("openai/gpt-4");
        assertThat(c.apiModels().get("openai/gpt-4").inputUsdPerMtok()).isEqualTo(30);
        assertThat(c.apiModels().get("openai/gpt-4").outputUsdPerMtok()).isEqualTo(60);
        assertThat(c.gpus()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(c.cloudOffers()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(c.openModels()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(c.apiModels().values())
                .allSatisfy(m -> assertThat(m.provenance().source()).isNotBlank());
        assertThat(c.gpus().values())
                .allSatisfy(g -> assertThat(g.provenance().source()).isNotBlank());
        assertThat(c.apiModels().values().stream().filter(m -> m.openWeight())).isNotEmpty();
    }

    @Test
    void aPriceOffByAFactorOfAThousandIsAUnitErrorNotAPrice() throws IOException {
        theOneProblem(MODEL.formatted("15000", "2026-10-01"))
                .endsWith(
                        "book.yaml:4:25: api_models[acme/chat].input_usd_per_mtok: must be between 0 and 1000, got 15000");
    }

    @Test
    void aDateMustBeADate() throws IOException {
        theOneProblem(MODEL.formatted("1", "last week"))
                .contains("book.yaml:6:12: api_models[acme/chat].as_of: expected a date as YYYY-MM-DD");
    }

    @Test
    void everyEntryNeedsASource() throws IOException {
        theOneProblem("""
                gpus:
                  - {id: acme/gpu, price_usd: 1000, vram_gb: 16, memory_bandwidth_gbps: 500, tdp_w: 200, as_of: 2026-10-01}
                """).contains("book.yaml:2:5: gpus[acme/gpu]: missing required field 'source'");
    }

    @Test
    void anOfferMustNameAKnownGpu() throws IOException {
        theOneProblem("""
                cloud_offers:
                  - {id: acme/box, provider: acme, gpu: nvidia/h100-sxn, usd_per_gpu_hour: 2, as_of: 2026-10-01, source: s}
                """)
                .contains(
                        "book.yaml:2:41: cloud_offers[acme/box].gpu: unknown GPU 'nvidia/h100-sxn' (did you mean 'nvidia/h100-sxm'?)");
    }

    @Test
    void activeParametersCannotExceedTheTotal() throws IOException {
        assertThat(problems("""
                open_models:
                  - {id: acme/moe, params_b: 10, active_params_b: 20, layers: 10, kv_heads: 2, head_dim: 64,
                     context_tokens: 8192, license: MIT, as_of: 2026-01-01, source: s}
                """))
                .anyMatch(p -> p.contains("open_models[acme/moe].active_params_b: must not exceed params_b"));
    }

    @Test
    void aVocabularySizeNeedsTheHiddenSizeAndWhetherTheTableIsTied() throws IOException {
        assertThat(problems("""
                open_models:
                  - {id: acme/dense, params_b: 8, active_params_b: 8, layers: 32, kv_heads: 8, head_dim: 128,
                     context_tokens: 8192, license: MIT, as_of: 2026-01-01, source: s, hidden_size: 4096,
                     vocab_size: 128256}
                """))
                .anyMatch(p ->
                        p.contains("open_models[acme/dense].vocab_size: needs hidden_size and tie_word_embeddings"));
        Files.writeString(dir.resolve("book.yaml"), """
                open_models:
                  - {id: acme/dense, params_b: 8, active_params_b: 8, layers: 32, kv_heads: 8, head_dim: 128,
                     context_tokens: 8192, license: MIT, as_of: 2026-01-01, source: s, hidden_size: 4096,
                     vocab_size: 128256, tie_word_embeddings: false}
                """);
        // the untied table: 128,256 × 4,096 = 0.525 billion parameters a step does not read whole
        assertThat(CatalogLoader.load(List.of(dir))
                        .openModels()
                        .get("acme/dense")
                        .architecture()
                        .untiedEmbeddingParamsB())
                .isCloseTo(0.525336576, within(1e-12));
    }

    @Test
    void duplicateIdsAndUnknownFieldsAreReported() throws IOException {
        List<String> found = problems(MODEL.formatted("1", "2026-10-01") + """
                  - {id: acme/chat, provider: acme, input_usd_per_mtok: 1, output_usd_per_mtok: 2, as_of: 2026-10-01,
                     source: s, outptu_usd_per_mtok: 3}
                """);
        assertThat(found).anyMatch(p -> p.contains("api_models: duplicate id 'acme/chat' (first at line 2)"));
        assertThat(found).anyMatch(p -> p.contains("unknown field 'outptu_usd_per_mtok'"));
    }

    @Test
    void aUsersPriceBookOverridesTheShippedEntryById() throws IOException {
        Files.writeString(dir.resolve("negotiated.yaml"), """
                api_models:
                  - id: openai/gpt-5-mini
                    provider: openai
                    input_usd_per_mtok: 0.2
                    output_usd_per_mtok: 1.6
                    as_of: 2026-11-01
                    source: "our enterprise agreement"
                """);
        Catalog c = CatalogLoader.load(List.of(dir));
        assertThat(c.apiModels().get("openai/gpt-5-mini").outputUsdPerMtok()).isEqualTo(1.6);
        assertThat(c.apiModels().get("openai/gpt-5-mini").provenance().source()).isEqualTo("our enterprise agreement");
        assertThat(c.apiModels()).containsKey("openai/gpt-4");
    }

    private static final String RUN = """
            measurements:
              - id: book-run
                hardware: nvidia/rtx-4090
                gpus: 1
                model: meta/llama-3.1-8b-instruct
                quantization: q4_k_m
                engine: llama.cpp
                concurrency: 1
                input_tokens: 512
                output_tokens: 128
                output_tokens_per_second: 150
                measures: %s
                publisher: book
                as_of: 2026-11-01
                source: "our own llama-bench run"
            """;

    @Test
    void aTensorRtLlmRunOfFp8WeightsThatStatesNoKvCacheTakesFp8() throws IOException {
        String runs = """
                measurements:
                  - id: trt-fp8
                    hardware: nvidia/h100-sxm
                    gpus: 1
                    model: meta/llama-3.1-8b-instruct
                    quantization: fp8
                    engine: trt-llm
                    concurrency: 64
                    input_tokens: 1024
                    output_tokens: 1024
                    output_tokens_per_second: 6000
                    publisher: book
                    as_of: 2026-11-01
                    source: "our own trtllm-bench run"
                  - id: trt-fp8-kv16
                    hardware: nvidia/h100-sxm
                    gpus: 1
                    model: meta/llama-3.1-8b-instruct
                    quantization: fp8
                    kv_precision: fp16
                    engine: trt-llm
                    concurrency: 64
                    input_tokens: 1024
                    output_tokens: 1024
                    output_tokens_per_second: 5500
                    publisher: book
                    as_of: 2026-11-01
                    source: "our own trtllm-bench run"
                  - id: vllm-fp8
                    hardware: nvidia/h100-sxm
                    gpus: 1
                    model: meta/llama-3.1-8b-instruct
                    quantization: fp8
                    engine: vllm
                    concurrency: 64
                    input_tokens: 1024
                    output_tokens: 1024
                    output_tokens_per_second: 5000
                    publisher: book
                    as_of: 2026-11-01
                    source: "our own vllm bench run"
                """;
        Files.writeString(dir.resolve("runs.yaml"), runs);
        Map<String, KvPrecision> kv = CatalogLoader.load(List.of(dir)).measurements().stream()
                .filter(m -> m.publisher().equals("book"))
                .collect(java.util.stream.Collectors.toMap(
                        ThroughputMeasurement::id, ThroughputMeasurement::kvPrecision));
        // the engine's default, as an estimate takes it; a stated precision wins
        assertThat(kv)
                .containsEntry("trt-fp8", KvPrecision.FP8)
                .containsEntry("trt-fp8-kv16", KvPrecision.FP16)
                .containsEntry("vllm-fp8", KvPrecision.FP16);
    }

    @Test
    void aRunThatMeasuresTheDecodeRateIsComparedWithTheDecodeRate() throws IOException {
        Files.writeString(dir.resolve("runs.yaml"), RUN.formatted("decode_only"));
        Catalog c = CatalogLoader.load(List.of(dir));
        var run = c.measurements().stream()
                .filter(m -> m.id().equals("book-run"))
                .findFirst()
                .orElseThrow();
        assertThat(run.decodeOnly()).isTrue();
        Files.writeString(dir.resolve("runs.yaml"), RUN.formatted("offline_batch"));
        assertThat(CatalogLoader.load(List.of(dir)).measurements().stream()
                        .filter(m -> m.id().equals("book-run"))
                        .findFirst()
                        .orElseThrow()
                        .decodeOnly())
                .isFalse();
    }

    @Test
    void aRunOfASetupThatCannotHoldTheModelIsNamedUnlessExcluded() throws IOException {
        // 405B at BF16 on one 24 GB card: the model would estimate nothing, and the run would call that
        // infinitely wrong
        String impossible = RUN.formatted("online")
                .replace("meta/llama-3.1-8b-instruct", "meta/llama-3.1-405b-instruct")
                .replace("q4_k_m", "bf16");
        theOneProblem(impossible)
                .contains("book.yaml:5:12: ")
                .contains("measurements[book-run]: meta/llama-3.1-405b-instruct at bf16 does not fit on 1 × "
                        + "nvidia/rtx-4090")
                .contains("excluded");
        // kept out of the fit, it is read as it is
        Files.delete(dir.resolve("book.yaml"));
        Files.writeString(
                dir.resolve("runs.yaml"),
                impossible.replace(
                        "    publisher: book", "    excluded: \"offloaded to the CPU\"\n    publisher: book"));
        Catalog kept = CatalogLoader.parse(
                List.of(dir), new CalibrationCache(java.util.Optional.empty(), runs -> ServingCalibration.PRIOR));
        assertThat(kept.measurements()).anyMatch(m -> m.id().equals("book-run") && !m.used());
    }

    /** The price book's run ({@link #RUN}, online) at BF16 on {@code gpus} of {@code hardware} split by tensor, on {@code engine}. */
    private static String bf16Run(String hardware, int gpus, String engine) {
        String run = RUN.formatted("online")
                .replace("nvidia/rtx-4090", hardware)
                .replace("q4_k_m", "bf16")
                .replace("llama.cpp", engine);
        return gpus == 1 ? run : run.replace("    gpus: 1", "    gpus: " + gpus + "\n    tensor_parallel: " + gpus);
    }

    @Test
    void aRunAcrossSeparateServersIsNamedUnlessExcluded() throws IOException {
        String twoServers = bf16Run("nvidia/l40s-1x-server", 2, "vllm");
        theOneProblem(twoServers)
                .contains("book.yaml:3:")
                .contains("measurements[book-run]: a replica of 2 GPUs would span 2 separate "
                        + "nvidia/l40s-1x-server servers, and the serving model estimates a replica inside "
                        + "one chassis only");
    }

    @Test
    void aRunOfAnEngineItsGpusCannotRunIsNamed() throws IOException {
        // TensorRT-LLM on an AMD card: most likely the engine or the hardware is mistyped
        String amd = bf16Run("amd/mi300x", 1, "trt-llm");
        theOneProblem(amd)
                .contains("book.yaml:3:")
                .contains("measurements[book-run]: trt-llm runs on NVIDIA GPUs only")
                .contains("excluded");
    }

    @Test
    void aRunWhoseTensorSplitDoesNotDivideTheHeadsIsNamed() throws IOException {
        // three GPUs of tensor parallelism for a model of 32 heads: the server refuses it, so a count is mistyped
        String three = bf16Run("nvidia/h100-sxm", 3, "vllm");
        theOneProblem(three)
                .contains("book.yaml:3:")
                .contains("measurements[book-run]: vllm splits a tensor-parallel replica's attention heads evenly "
                        + "among its GPUs, and meta/llama-3.1-8b-instruct's 32 heads do not divide among 3")
                .contains("check gpus and tensor_parallel")
                .contains("excluded");
    }

    @Test
    void aRunInAFormatItsEngineCannotReadIsNamed() throws IOException {
        // llama.cpp at AWQ: GGUF has no such format, so the quantization or the engine is mistyped
        theOneProblem(RUN.formatted("online").replace("q4_k_m", "awq"))
                .contains("book.yaml:3:")
                .contains("measurements[book-run]: llama.cpp reads GGUF files (ggml's types), which have no "
                        + "awq format")
                .contains("excluded");
        // excluded, it is kept for the record
        Files.writeString(
                dir.resolve("book.yaml"),
                RUN.formatted("online").replace("q4_k_m", "awq") + "    excluded: \"the engine's own format\"\n");
        Catalog kept = CatalogLoader.parse(
                List.of(dir), new CalibrationCache(java.util.Optional.empty(), runs -> ServingCalibration.PRIOR));
        assertThat(kept.measurements()).anyMatch(m -> m.id().equals("book-run") && m.excluded() != null);
    }

    @Test
    void aRunFarFromTheEstimateIsAWarningNotAnError() throws IOException {
        // 5,000 tok/s for Llama 3.1 8B at Q4_K_M on one RTX 4090 at one stream: the model says about 130
        Files.writeString(dir.resolve("runs.yaml"), RUN.formatted("online").replace("150", "5000"));
        Catalog far = CatalogLoader.parse(
                List.of(dir), new CalibrationCache(java.util.Optional.empty(), runs -> ServingCalibration.PRIOR));
        assertThat(far.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w)
                        .contains("runs.yaml:5:12: measurements[book-run]: 5,000.0 tok/s is ")
                        .contains("× what the serving model estimates for this setup")
                        .contains("not per GPU"));
        // a figure near the estimate says nothing
        Files.writeString(dir.resolve("runs.yaml"), RUN.formatted("online"));
        Catalog near = CatalogLoader.parse(
                List.of(dir), new CalibrationCache(java.util.Optional.empty(), runs -> ServingCalibration.PRIOR));
        assertThat(near.warnings()).isEmpty();
    }

    @Test
    void whatARunMeasuresIsOneOfThree() throws IOException {
        assertThat(problems(RUN.formatted("decode")))
                .anyMatch(p -> p.contains("measures: expected online | offline_batch | decode_only, got 'decode'"));
    }

    @Test
    void aMissingPriceBookIsNamed() {
        InputException e =
                catchThrowableOfType(InputException.class, () -> CatalogLoader.load(List.of(dir.resolve("nowhere"))));
        assertThat(e.diagnostics().getFirst().toString()).endsWith("nowhere: no such price book (file or directory)");
    }

    @Test
    void aStandaloneCatalogReadsItsMeasurementsButIsNotFitted() throws IOException {
        // catalog diff compares entries: the shipped table's runs are read and checked, the model is not
        // fitted on them (a fit with its cross-validation took about 50 s of two cores a side)
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        for (String name : List.of("gpus.yaml", "open-models.yaml", "throughput-measurements.yaml")) {
            Path file = Path.of("pricing", name);
            files.put(file.toString(), Files.readString(file));
        }
        Catalog standalone = CatalogLoader.loadStandalone(files);
        Catalog shipped = CatalogLoader.load(List.of());
        assertThat(standalone.measurements()).isEqualTo(shipped.measurements());
        assertThat(standalone.calibration()).isEqualTo(dev.aichoose.model.ServingCalibration.PRIOR);
        assertThat(shipped.calibration().runs()).isPositive();
    }
}
