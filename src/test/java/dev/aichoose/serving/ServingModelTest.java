package dev.aichoose.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The serving model's formulas (docs/methodology.md §11.3–11.5) computed by hand, with round efficiencies
 * so that every figure below can be checked on paper: 80 % of the bandwidth on every memory, no fixed
 * time per layer, half the tensor FLOPS.
 */
class ServingModelTest {
    private static final Catalog CATALOG = Fixtures.catalog();
    private static final ServingCalibration ROUND = timed(0, 0, Map.of());

    private static Gpu gpu(String id) {
        return CATALOG.gpus().get(id);
    }

    private static OpenModel model(String id) {
        return CATALOG.openModels().get(id);
    }

    private static OperatingPoint point(
            String gpu, int gpus, String model, Quantization q, Engine engine, int streams, double in, double out) {
        return new OperatingPoint(
                gpu(gpu),
                gpus,
                Parallelism.defaultFor(engine),
                model(model),
                q,
                KvPrecision.FP16,
                engine,
                streams,
                in,
                out);
    }

    @Test
    void aTensorSplitMustDivideTheAttentionHeadsAndTheSearchesSkipOneThatDoesNot() {
        // Qwen2.5-7B has 28 attention heads: a tensor-parallel replica of 8 does not start on the batching servers
        OperatingPoint eight =
                point("nvidia/l4", 8, "qwen/qwen2.5-7b-instruct", Quantization.BF16, Engine.VLLM, 1, 100, 100);
        assertThat(Chassis.headSplitProblem(eight))
                .hasValueSatisfying(p -> assertThat(p)
                        .contains("28 heads do not divide among 8")
                        // 7 divides the 28 heads but not its 4 KV heads, which vLLM copies to 7 ÷ 4 GPUs
                        .endsWith("choose 2 or 4 GPUs, or pipeline parallelism"));
        assertThat(Chassis.headSplitProblem(eight.withGpus(4))).isEmpty();
        assertThat(Chassis.headSplitProblem(eight.withGpus(7)))
                .hasValueSatisfying(p -> assertThat(p).contains("4 KV heads do neither on 7"));
        // Yi-34B: 56 heads divide among 7 GPUs, its 8 KV heads do not; 8 GPUs take one KV head each
        OperatingPoint yi =
                point("nvidia/a100-80gb-sxm", 7, "01-ai/yi-34b", Quantization.BF16, Engine.SGLANG, 1, 100, 100);
        assertThat(Chassis.headSplitProblem(yi))
                .hasValueSatisfying(p -> assertThat(p)
                        .contains("01-ai/yi-34b's 8 KV heads do neither on 7")
                        .endsWith("choose 2, 4 or 8 GPUs, or pipeline parallelism"));
        assertThat(Chassis.headSplitProblem(yi.withGpus(8))).isEmpty();
        // fewer KV heads than GPUs: each is copied to a whole number of them
        assertThat(Chassis.headSplitProblem(
                        point("nvidia/h100-sxm", 8, "qwen/qwen3-30b-a3b", Quantization.BF16, Engine.VLLM, 1, 100, 100)))
                .isEmpty();
        // a layer split, and llama.cpp, split no heads
        assertThat(Chassis.headSplitProblem(new OperatingPoint(
                        eight.gpu(),
                        8,
                        Parallelism.PIPELINE,
                        eight.model(),
                        Quantization.BF16,
                        KvPrecision.FP16,
                        Engine.VLLM,
                        1,
                        100,
                        100)))
                .isEmpty();
        assertThat(Chassis.headSplitProblem(point(
                        "nvidia/l4",
                        8,
                        "qwen/qwen2.5-7b-instruct",
                        Quantization.Q4_K_M,
                        Engine.LLAMA_CPP,
                        1,
                        100,
                        100)))
                .isEmpty();
        // more streams than four L4s hold: the smallest replica that holds them would be 8, which the heads forbid
        Chassis box = Chassis.of(gpu("nvidia/l4"));
        OperatingPoint crowded =
                point("nvidia/l4", 1, "qwen/qwen2.5-7b-instruct", Quantization.BF16, Engine.VLLM, 4096, 30_000, 2_000);
        int holdsAtFour = ServingModel.estimate(crowded.withGpus(4), CATALOG.calibration())
                .streams();
        int holdsAtEight = ServingModel.estimate(crowded.withGpus(8), CATALOG.calibration())
                .streams();
        int needed = (holdsAtFour + holdsAtEight) / 2;
        assertThat(needed).isGreaterThan(holdsAtFour);
        assertThat(ReplicaSearch.smallest(crowded, box, needed, Integer.MAX_VALUE, CATALOG.calibration()))
                .as("8 GPUs would hold them, but 28 heads do not divide among 8")
                .isEmpty();
        assertThat(ReplicaSearch.largestFitting(crowded, box, CATALOG.calibration()))
                .contains(4);
    }

    @Test
    void aDenseDecodeStepReadsEveryWeightAndEachStreamsCache() {
        // Llama 3.1 8B at BF16 on one H100 SXM (3,350 GB/s, 989 dense BF16 TFLOPS), one stream, 1,000 in / 200 out
        ServingEstimate e = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.BF16, Engine.VLLM, 1, 1000, 200),
                ROUND);
        double bandwidth = 3350e9 * 0.8;
        // every weight but the input embedding table, of which a step reads one row a token: 128,256 × 4,096
        double embedding = 128_256.0 * 4096;
        double weightsMs = (8.03e9 - embedding) * 2 / bandwidth * 1e3; // 15.01 GB at 2,680 GB/s: 5.601 ms
        // KV: 2 × 32 layers × 8 heads × 128 × 2 bytes = 131,072 bytes a token, at the mean context 1,000 + 100
        double kvMs = 131_072.0 * 1100 / bandwidth * 1e3;
        double computeMs = 2 * 8.03e9 / (989e12 * 0.5) * 1e3; // 0.032 ms: far below the weights
        assertThat(e.step().weightsMs()).isCloseTo(weightsMs, within(1e-9));
        assertThat(e.step().kvMs()).isCloseTo(kvMs, within(1e-9));
        assertThat(e.step().computeMs()).isCloseTo(computeMs, within(1e-9));
        assertThat(e.step().stepMs()).isCloseTo(weightsMs + kvMs, within(1e-9));
        assertThat(e.bound()).isEqualTo(ServingEstimate.Bound.MEMORY_BANDWIDTH);
        assertThat(e.decodeTokensPerSecond()).isCloseTo(1000 / (weightsMs + kvMs), within(1e-9));
    }

    @Test
    void prefillIsComputeForTheInputAndInterleavesWithDecode() {
        // the same 8B model, 2,000-token prompts: 2 × 8.03e9 × 2,000 FLOPs for the weights, and causal attention
        // 4 × (32 heads × 128) × 32 layers × 2,000² / 2
        double flops = 2 * 8.03e9 * 2000 + 4.0 * 32 * 128 * 32 * 2000.0 * 2000 / 2;
        double prefillMs = flops / (989e12 * 0.5) * 1e3; // 67.1 ms
        ServingEstimate one = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.BF16, Engine.VLLM, 1, 2000, 200),
                ROUND);
        // alone, the prompt's prefill is compute-bound (67 ms against 6 ms of weights) and TTFT adds one decode step
        assertThat(one.step().prefillAloneMs()).isCloseTo(prefillMs, within(1e-9));
        assertThat(one.ttftMs()).isCloseTo(prefillMs + one.step().stepMs(), within(1e-9));
        // one stream: 200 decode steps and its own prefill per request
        assertThat(one.tokensPerSecond())
                .isCloseTo(200 / ((200 * one.step().stepMs() + prefillMs) / 1e3), within(1e-9));
        // eight streams: each request's prefill rides on the others' steps, which read the weights anyway
        ServingEstimate eight = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.BF16, Engine.VLLM, 8, 2000, 200),
                ROUND);
        assertThat(eight.step().prefillMs()).isCloseTo(prefillMs, within(1e-9));
        double cycleMs = 200 * eight.step().stepMs() + 8 * prefillMs;
        assertThat(eight.tokensPerSecond()).isCloseTo(8 * 200 / (cycleMs / 1e3), within(1e-9));
        // by Little's law, a request's time in the replica is its first token plus 199 more
        assertThat(eight.ttftMs() + 199 * eight.tpotMs()).isCloseTo(cycleMs, within(1e-6));
        // input-heavy work lowers decode throughput: the same load with 8,000-token prompts delivers less
        ServingEstimate longer = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.BF16, Engine.VLLM, 8, 8000, 200),
                ROUND);
        assertThat(longer.tokensPerSecond()).isLessThan(eight.tokensPerSecond() / 2);
    }

    @Test
    void llamaCppKeepsTheRestOfAFourBitMixtureAtEightBits() {
        OpenModel oss = model("openai/gpt-oss-20b");
        double experts = oss.architecture().moe().routedParamsB();
        double rest = oss.paramsB() - experts;
        // ggml-org's GGUF: MXFP4 experts (4.25 bits), Q8_0 for the rest (8.5 bits): 11.22 GiB, the file's 11.27
        Weights gguf = Weights.of(oss, Quantization.MXFP4, Engine.LLAMA_CPP);
        assertThat(gguf.totalBytes()).isCloseTo((experts * 4.25 / 8 + rest * 1.0625) * 1e9, within(1.0));
        assertThat(gguf.totalBytes() / (1L << 30)).isCloseTo(11.22, within(0.02));
        // the serving engines load the checkpoint as shipped: the rest in BF16
        Weights served = Weights.of(oss, Quantization.MXFP4, Engine.VLLM);
        assertThat(served.totalBytes()).isCloseTo((experts * 4.25 / 8 + rest * 2) * 1e9, within(1.0));
        assertThat(Weights.of(oss, Quantization.MXFP4, Engine.OLLAMA)).isEqualTo(served);
        // a dense model in a GGUF format is unchanged
        OpenModel dense = model("meta/llama-3.1-8b-instruct");
        assertThat(Weights.of(dense, Quantization.Q4_K_M, Engine.LLAMA_CPP))
                .isEqualTo(Weights.of(dense, Quantization.Q4_K_M));
    }

    @Test
    void aMixtureOfExpertsReadsTheExpertsItsTokensAreRoutedTo() {
        OpenModel r1 = model("deepseek/deepseek-r1");
        OpenModel.Moe moe = r1.architecture().moe();
        assertThat(moe.experts()).isEqualTo(256);
        assertThat(moe.expertsPerToken()).isEqualTo(8);
        Weights w = Weights.of(r1, Quantization.FP8);
        // E·(1−(1−k/E)^B): one token reaches its 8; 64 tokens reach 256 × (1 − (31/32)^64) = 222.4 of 256
        assertThat(w.distinctExperts(1)).isCloseTo(8, within(1e-9));
        assertThat(w.distinctExperts(64)).isCloseTo(256 * (1 - Math.pow(31.0 / 32, 64)), within(1e-9));
        assertThat(w.distinctExperts(64)).isCloseTo(222.4, within(0.05));
        // the rest (attention, dense layers, the shared expert, the LM head): 671 − 58 × 256 × 0.04404 billion,
        // less the input embedding table (129,280 × 7,168), of which a step reads one row a token
        double dense = 671 - 58 * 256 * 0.04404 - 129_280 * 7_168 / 1e9;
        assertThat(w.readBytes(64)).isCloseTo((dense + 58 * w.distinctExperts(64) * 0.04404) * 1e9, within(1.0));
        // at one stream the step reads about 37 GB, the active parameters less the table; at 64 584 GB of 671
        assertThat(w.readBytes(1) / 1e9).isCloseTo(36.6, within(0.1));
        assertThat(w.readBytes(64) / 1e9).isCloseTo(584.4, within(0.1));
        // so 64 streams on eight H200s decode several times one stream's tokens, far from 64×
        OperatingPoint p = new OperatingPoint(
                gpu("nvidia/h200-sxm"),
                8,
                Parallelism.TENSOR,
                r1,
                Quantization.FP8,
                KvPrecision.FP16,
                Engine.SGLANG,
                1,
                0,
                1);
        double ratio = ServingModel.estimate(p.withConcurrency(64), ROUND).decodeTokensPerSecond()
                / ServingModel.estimate(p, ROUND).decodeTokensPerSecond();
        assertThat(ratio).isBetween(4.0, 16.0);
    }

    /** ROUND with fixed times: {@code layerUs} a layer, {@code moeUs} more a MoE layer, times {@code factors} by GPU generation. */
    private static ServingCalibration timed(double layerUs, double moeUs, Map<String, Double> factors) {
        return new ServingCalibration(
                Arrays.stream(Engine.values())
                        .collect(Collectors.toMap(
                                e -> e,
                                e -> new ServingCalibration.EngineFit(
                                        0.8,
                                        Map.of(Gpu.Memory.HBM, 1.0, Gpu.Memory.GDDR, 1.0, Gpu.Memory.UNIFIED, 1.0),
                                        layerUs,
                                        0,
                                        0))),
                0.5,
                0.5,
                moeUs,
                List.of(),
                0,
                0,
                factors,
                1.0,
                1.0);
    }

    /** ROUND with the links' transfers at {@code share} of their bandwidth. */
    private static ServingCalibration linkShare(double share) {
        return shares(1.0, share);
    }

    /** ROUND with a quantized-weight kernel reaching {@code share} of the bandwidth. */
    private static ServingCalibration quantizedShare(double share) {
        return shares(share, 1.0);
    }

    /** ROUND with a quantized-weight kernel's share {@code quantized} and the links' share {@code link}. */
    private static ServingCalibration shares(double quantized, double link) {
        return new ServingCalibration(
                ROUND.engines(),
                ROUND.computeEfficiency(),
                ROUND.moeComputeEfficiency(),
                ROUND.moeLayerOverheadUs(),
                List.of(),
                0,
                0,
                Map.of(),
                quantized,
                link);
    }

    @Test
    void vllmAndSglangReadQuantizedWeightsAtTheirKernelsShare() {
        ServingCalibration half = quantizedShare(0.5);
        // Llama 3.1 8B, one stream: 8.03 B parameters less the 0.525 B input embedding table are read each step
        double read = (8.03e9 - 128_256 * 4096.0);
        double h100 = 3350e9 * 0.8;
        double a100 = 2039e9 * 0.8;
        // AWQ (0.5 bytes a parameter) through vLLM's Marlin kernel: half the bandwidth the BF16 products reach
        ServingEstimate awq = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.AWQ, Engine.VLLM, 1, 0, 10),
                half);
        assertThat(awq.step().weightsMs()).isCloseTo(read * 0.5 / (h100 * 0.5) * 1e3, within(1e-9));
        // the same weights on SGLang pay it too; TensorRT-LLM's own kernels do not
        ServingEstimate sglang = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.GPTQ, Engine.SGLANG, 1, 0, 10),
                half);
        assertThat(sglang.step().weightsMs()).isCloseTo(awq.step().weightsMs(), within(1e-9));
        ServingEstimate trt = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.INT4, Engine.TRT_LLM, 1, 0, 10),
                half);
        assertThat(trt.step().weightsMs()).isCloseTo(read * 0.5 / h100 * 1e3, within(1e-9));
        // FP8 weights: products in FP8 on an H100, a weight-only kernel (FP8 Marlin) on an A100, which has no FP8
        assertThat(gpu("nvidia/h100-sxm").fp8DenseTflops()).isNotNull();
        assertThat(gpu("nvidia/a100-80gb-sxm").fp8DenseTflops()).isNull();
        ServingEstimate fp8OnHopper = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.FP8, Engine.VLLM, 1, 0, 10),
                half);
        assertThat(fp8OnHopper.step().weightsMs()).isCloseTo(read / h100 * 1e3, within(1e-9));
        ServingEstimate fp8OnAmpere = ServingModel.estimate(
                point("nvidia/a100-80gb-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.FP8, Engine.VLLM, 1, 0, 10),
                half);
        assertThat(fp8OnAmpere.step().weightsMs()).isCloseTo(read / (a100 * 0.5) * 1e3, within(1e-9));
        // BF16 and the KV cache are read at the engine's share whatever the kernel share is
        ServingEstimate bf16 = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.BF16, Engine.VLLM, 1, 0, 10),
                half);
        assertThat(bf16.step().weightsMs()).isCloseTo(read * 2 / h100 * 1e3, within(1e-9));
        assertThat(awq.step().kvMs()).isCloseTo(bf16.step().kvMs(), within(1e-12));
    }

    @Test
    void aMixtureOfExpertsLayerTakesItsGpuGenerationsTimeAndADenseLayerTheCommonOne() {
        // 20 µs a layer, 30 µs more a MoE layer, and the MoE layer's time 4 × on CDNA3 (docs/methodology.md §11.7)
        ServingCalibration c = timed(20, 30, Map.of("cdna3", 4.0));
        assertThat(gpu("amd/mi300x").architecture()).isEqualTo("cdna3");
        assertThat(gpu("nvidia/h200-sxm").architecture()).isEqualTo("hopper");
        // DeepSeek-R1: 61 layers, 58 of them MoE, on 8 GPUs of each generation
        ServingEstimate onCdna3 = ServingModel.estimate(
                point("amd/mi300x", 8, "deepseek/deepseek-r1", Quantization.FP8, Engine.SGLANG, 1, 0, 100), c);
        ServingEstimate onHopper = ServingModel.estimate(
                point("nvidia/h200-sxm", 8, "deepseek/deepseek-r1", Quantization.FP8, Engine.SGLANG, 1, 0, 100), c);
        // a DeepSeek token runs through 8 routed experts and 1 shared: 9/8 of the time stated for 8
        assertThat(onCdna3.step().overheadMs()).isCloseTo((61 * 20 + 58 * 30 * 4 * 9 / 8.0) / 1000.0, within(1e-9));
        assertThat(onHopper.step().overheadMs()).isCloseTo((61 * 20 + 58 * 30 * 9 / 8.0) / 1000.0, within(1e-9));
        // gpt-oss-120b routes a token to 4 experts and has no shared one: half of it, in each of its 36 layers
        ServingEstimate oss = ServingModel.estimate(
                point("nvidia/h200-sxm", 1, "openai/gpt-oss-120b", Quantization.MXFP4, Engine.VLLM, 1, 0, 100), c);
        assertThat(oss.step().overheadMs()).isCloseTo((36 * 20 + 36 * 30 * 4 / 8.0) / 1000.0, within(1e-9));
        // a dense model pays the common time a layer on every generation: Llama 3.1 70B has 80 layers
        ServingEstimate dense = ServingModel.estimate(
                point("amd/mi300x", 8, "meta/llama-3.1-70b-instruct", Quantization.FP8, Engine.VLLM, 1, 0, 100), c);
        assertThat(dense.step().overheadMs()).isCloseTo(80 * 20 / 1000.0, within(1e-9));
        // a generation the fit has no factor for keeps the common MoE time
        assertThat(c.moeLayerOverheadUs("blackwell")).isEqualTo(30);
        assertThat(c.moeLayerOverheadUs(null)).isEqualTo(30);
    }

    @Test
    void amdInstinctGpusReachTheSharesOfBandwidthAndFlopsMeasuredOnTheMi300x() {
        // Llama 3.1 8B at BF16, one stream: the same bytes and FLOPs on an H100 and on AMD's GPUs
        ServingEstimate h100 = ServingModel.estimate(
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.BF16, Engine.VLLM, 1, 0, 10),
                ROUND);
        double bytes = h100.step().weightsMs() / 1e3 * gpu("nvidia/h100-sxm").memoryBandwidthGbps() * 1e9 * 0.8;
        double flops = h100.step().computeMs() / 1e3 * gpu("nvidia/h100-sxm").bf16DenseTflops() * 1e12 * 0.5;
        // CDNA reaches 81 % of its bandwidth where NVIDIA reaches 90 %, and 45 % of its FLOPS where NVIDIA
        // reaches 93 % (arXiv 2510.27583): the fitted shares times 0.81/0.90 and 0.45/0.93
        for (String amd : List.of("amd/mi300x", "amd/mi325x", "amd/mi355x")) {
            Gpu card = gpu(amd);
            assertThat(card.architecture()).startsWith("cdna");
            ServingEstimate e = ServingModel.estimate(
                    point(amd, 1, "meta/llama-3.1-8b-instruct", Quantization.BF16, Engine.VLLM, 1, 0, 10), ROUND);
            assertThat(e.step().weightsMs())
                    .as(amd)
                    .isCloseTo(bytes / (card.memoryBandwidthGbps() * 1e9 * 0.8 * 0.81 / 0.90) * 1e3, within(1e-9));
            assertThat(e.step().computeMs())
                    .as(amd)
                    .isCloseTo(flops / (card.bf16DenseTflops() * 1e12 * 0.5 * 0.45 / 0.93) * 1e3, within(1e-9));
        }
        // a Radeon card (RDNA) keeps the fitted shares: the paper measured no Radeon
        Gpu radeon = gpu("amd/radeon-rx-7900-xtx");
        assertThat(radeon.architecture()).isEqualTo("rdna3");
        ServingEstimate rdna = ServingModel.estimate(
                point(
                        "amd/radeon-rx-7900-xtx",
                        1,
                        "meta/llama-3.1-8b-instruct",
                        Quantization.Q4_K_M,
                        Engine.LLAMA_CPP,
                        1,
                        0,
                        10),
                ROUND);
        ServingEstimate nvidia = ServingModel.estimate(
                point(
                        "nvidia/rtx-4090",
                        1,
                        "meta/llama-3.1-8b-instruct",
                        Quantization.Q4_K_M,
                        Engine.LLAMA_CPP,
                        1,
                        0,
                        10),
                ROUND);
        assertThat(rdna.step().weightsMs() * radeon.memoryBandwidthGbps())
                .isCloseTo(nvidia.step().weightsMs() * gpu("nvidia/rtx-4090").memoryBandwidthGbps(), within(1e-6));
    }

    @Test
    void theKvCacheFollowsTheArchitecture() {
        // grouped-query attention: 2 × 32 layers × 8 KV heads × 128 × 2 bytes
        assertThat(KvCache.of(model("meta/llama-3.1-8b-instruct"), KvPrecision.FP16)
                        .bytes(1))
                .isEqualTo(131_072);
        // and FP8 halves it
        assertThat(KvCache.of(model("meta/llama-3.1-8b-instruct"), KvPrecision.FP8)
                        .bytes(1))
                .isEqualTo(65_536);
        // latent attention caches kv_lora_rank + qk_rope_head_dim = 576 elements a layer: 61 × 576 × 2 bytes
        assertThat(KvCache.of(model("deepseek/deepseek-r1"), KvPrecision.FP16).bytes(1))
                .isEqualTo(61 * 576 * 2);
        // gpt-oss-20b: 12 full layers keep the whole context, 12 sliding layers at most 128 tokens
        KvCache oss = KvCache.of(model("openai/gpt-oss-20b"), KvPrecision.FP16);
        double perLayer = 2.0 * 8 * 64 * 2;
        assertThat(oss.bytes(10_000)).isEqualTo(perLayer * (12 * 10_000 + 12 * 128));
        assertThat(oss.bytes(100)).isEqualTo(perLayer * 24 * 100);
        // tensor parallelism splits KV heads, but never more ways than there are: MLA's one latent is copied
        assertThat(KvCache.of(model("deepseek/deepseek-r1"), KvPrecision.FP16).shards(8))
                .isEqualTo(1);
        assertThat(KvCache.of(model("qwen/qwen2.5-7b-instruct"), KvPrecision.FP16)
                        .shards(8))
                .isEqualTo(4);
    }

    @Test
    void tensorParallelSplitsTheReadsAndPaysTwoAllReducesALayer() {
        // Llama 3.3 70B at FP8 on two H100 SXM (NVLink, 450 GB/s a direction), 32 streams
        OperatingPoint two = point(
                "nvidia/h100-sxm", 2, "meta/llama-3.3-70b-instruct", Quantization.FP8, Engine.VLLM, 32, 1000, 200);
        ServingEstimate e = ServingModel.estimate(two, ROUND);
        double bandwidth = 3350e9 * 0.8;
        // 1 byte a weight, less the input embedding table (128,256 × 8,192), over both GPUs
        assertThat(e.step().weightsMs()).isCloseTo((70.6e9 - 128_256.0 * 8192) / (2 * bandwidth) * 1e3, within(1e-9));
        // 2 × 80 layers × (10 µs + 2 × (2 − 1) / 2 × 32 streams × 8,192 × 2 bytes / 450 GB/s)
        double allReduceMs = 2 * 80 * (10e-6 + 1.0 * 32 * 8192 * 2 / 450e9) * 1e3;
        assertThat(e.step().communicationMs()).isCloseTo(allReduceMs, within(1e-9));
        // FP8 weights run on the FP8 tensor cores: 2 × 70.6e9 × 32 FLOPs over two GPUs' 1,978 TFLOPS at half
        assertThat(e.step().computeMs()).isCloseTo(2 * 70.6e9 * 32 / (2 * 1978e12 * 0.5) * 1e3, within(1e-9));
    }

    @Test
    void theLinksTransfersRunAtTheFittedShareOfItsBandwidthAndItsLatencyStays() {
        ServingCalibration quarter = linkShare(0.25);
        // the same two H100s as above, their all-reduces at a quarter of NVLink's 450 GB/s; the 10 µs each stays
        OperatingPoint two = point(
                "nvidia/h100-sxm", 2, "meta/llama-3.3-70b-instruct", Quantization.FP8, Engine.VLLM, 32, 1000, 200);
        ServingEstimate e = ServingModel.estimate(two, quarter);
        ServingEstimate full = ServingModel.estimate(two, ROUND);
        assertThat(e.step().communicationMs())
                .isCloseTo(2 * 80 * (10e-6 + 1.0 * 32 * 8192 * 2 / (0.25 * 450e9)) * 1e3, within(1e-9));
        // the prefill's all-reduces of 1,000 tokens' activations, riding on the other streams' steps
        double prefillLinkMs = 2 * 80 * 1.0 * 1000 * 8192 * 2 / (0.25 * 450e9) * 1e3;
        assertThat(e.step().prefillMs() - full.step().prefillMs())
                .isCloseTo(prefillLinkMs - prefillLinkMs / 4, within(1e-9));
        // everything else of the step is the link's share's own business
        assertThat(e.step().weightsMs()).isEqualTo(full.step().weightsMs());
        assertThat(e.step().overheadMs()).isEqualTo(full.step().overheadMs());
        // a layer split's hop over PCIe pays it too, and one GPU has no link to pay
        OperatingPoint split = point(
                "nvidia/rtx-4090", 2, "meta/llama-3.1-70b-instruct", Quantization.Q4_K_M, Engine.LLAMA_CPP, 1, 0, 512);
        assertThat(ServingModel.estimate(split, quarter).step().communicationMs())
                .isCloseTo((20e-6 + 8192 * 2 / (0.25 * 32e9)) * 1e3, within(1e-9));
        OperatingPoint one =
                point("nvidia/h100-sxm", 1, "meta/llama-3.1-8b-instruct", Quantization.FP8, Engine.VLLM, 32, 1000, 200);
        assertThat(ServingModel.estimate(one, quarter).tokensPerSecond())
                .isEqualTo(ServingModel.estimate(one, ROUND).tokensPerSecond());
    }

    @Test
    void aLayerSplitReadsItsStagesOneAfterAnother() {
        // llama.cpp's layer split of Llama 70B at Q4_K_M over two RTX 4090s: one card's bandwidth for the whole
        // model but its input embedding table (128,256 × 8,192, a row a token: 41.7 GB at 1,008 GB/s × 0.8), and one
        // hop of the activations between the cards (PCIe 4.0, 20 µs)
        OperatingPoint p = point(
                "nvidia/rtx-4090", 2, "meta/llama-3.1-70b-instruct", Quantization.Q4_K_M, Engine.LLAMA_CPP, 1, 0, 512);
        assertThat(p.parallelism()).isEqualTo(Parallelism.PIPELINE);
        ServingEstimate e = ServingModel.estimate(p, ROUND);
        assertThat(e.step().weightsMs())
                .isCloseTo((70.6e9 - 128_256.0 * 8192) * 0.6 / (1008e9 * 0.8) * 1e3, within(1e-9));
        assertThat(e.step().communicationMs()).isCloseTo((20e-6 + 8192 * 2 / 32e9) * 1e3, within(1e-9));
        // it fits: 2 × 24 GiB = 51.5 GB, less llama.cpp's 0.5 GiB a card, holds 42.4 GB of weights and the KV
        assertThat(e.fits()).isTrue();
        assertThat(e.memory().usableGb()).isCloseTo(2 * 24 * 1.073741824, within(1e-9));
    }

    @Test
    void memoryIsCountedInGibAndTheEnginesShare() {
        ServingEstimate e =
                ServingModel.estimate(llama70bOnOneH100(Quantization.FP8, Engine.VLLM, 64, 1000, 500), ROUND);
        // 80 GiB × 0.9 (vLLM's gpu_memory_utilization) = 77.31 GB; weights 70.6, overhead 1 GiB = 1.07
        assertThat(e.memory().usableGb()).isCloseTo(80 * 1.073741824 * 0.9, within(1e-9));
        assertThat(e.memory().overheadGb()).isCloseTo(1.073741824, within(1e-9));
        // 5.64 GB left for KV at 327,680 bytes a token. A stream's full context (1,500 tokens) is 0.49 GB,
        // but vLLM pages its KV: a stream holds its prompt and half its output on average (1,250 tokens,
        // 0.41 GB), so 13 streams, not 11 (nor 64)
        double free = 80 * 1.073741824 * 0.9 - 70.6 - 1.073741824;
        assertThat(e.memory().kvGbPerStream()).isCloseTo(327_680 * 1500 / 1e9, within(1e-12));
        assertThat(e.memory().kvGbHeldPerStream()).isCloseTo(327_680 * 1250 / 1e9, within(1e-12));
        assertThat(e.streams())
                .isEqualTo((int) Math.floor(free / (327_680 * 1250 / 1e9)))
                .isEqualTo(13);
        // llama.cpp gives each slot its whole context up front: the full 1,500 tokens count
        ServingEstimate slots =
                ServingModel.estimate(llama70bOnOneH100(Quantization.Q8_0, Engine.LLAMA_CPP, 64, 1000, 500), ROUND);
        assertThat(slots.memory().kvGbHeldPerStream()).isEqualTo(slots.memory().kvGbPerStream());
        double slotsFree = slots.memory().usableGb()
                - slots.memory().weightsGb()
                - slots.memory().overheadGb();
        assertThat(slots.streams()).isEqualTo((int) Math.min(64, Math.floor(slotsFree / (327_680 * 1500 / 1e9))));
    }

    @Test
    void aStreamMustFitAtItsFullContextEvenWhenStreamsHoldLessOnAverage() {
        // 70B at FP8 on one H100 leaves 5.64 GB: one 1,000-token prompt with 20,000 output tokens needs
        // 6.88 GB at its end, though it holds 3.6 GB on average: it does not fit, and no stream runs
        ServingEstimate e =
                ServingModel.estimate(llama70bOnOneH100(Quantization.FP8, Engine.VLLM, 8, 1000, 20_000), ROUND);
        assertThat(e.memory().kvGbPerStream()).isGreaterThan(5.64);
        assertThat(e.memory().kvGbHeldPerStream()).isLessThan(5.64);
        assertThat(e.streams()).isZero();
        assertThat(e.fits()).isFalse();
    }

    /** Llama 3.3 70B on one H100 SXM (80 GiB), the card the memory cases fill. */
    private static OperatingPoint llama70bOnOneH100(
            Quantization q, Engine engine, int concurrency, int inputTokens, int outputTokens) {
        return point(
                "nvidia/h100-sxm", 1, "meta/llama-3.3-70b-instruct", q, engine, concurrency, inputTokens, outputTokens);
    }
}
