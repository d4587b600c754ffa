package dev.aichoose.serving;

import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.ServingCalibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The serving model (docs/methodology.md §11.3–11.5): what one replica delivers at an operating
 * point, from the bytes a decode step reads, the FLOPs it does, the prefill interleaved with it,
 * the communication between the replica's GPUs and the engine's fixed time per layer. Pure: no
 * state, no I/O.
 */
public final class ServingModel {
    /** Bytes in one GB of a vendor's VRAM figure: NVIDIA, AMD and Apple count memory in GiB. */
    public static final double VRAM_BYTES_PER_GB = 1L << 30;
    /** Bytes in one GB of the figures the model reports. */
    public static final double GB = 1e9;
    /** The share of VRAM a batching server uses (vLLM's default gpu_memory_utilization; SGLang and TensorRT-LLM keep a like margin). */
    public static final double SERVER_USABLE_SHARE = 0.9;
    /** llama.cpp allocates what it needs and no more: all of a card is usable. */
    public static final double LLAMA_CPP_USABLE_SHARE = 1.0;
    /** macOS lets the GPU wire about three quarters of unified memory by default (recommendedMaxWorkingSetSize). */
    public static final double APPLE_USABLE_SHARE = 0.75;
    /** What a batching server keeps per GPU besides weights and KV (CUDA context, activations, graphs), GiB. */
    public static final double SERVER_OVERHEAD_GIB = 1.0;
    /** What llama.cpp keeps per GPU besides weights and KV (context and compute buffers), GiB. */
    public static final double LLAMA_CPP_OVERHEAD_GIB = 0.5;
    /** Bytes per activation element exchanged between GPUs (BF16). */
    static final double ACTIVATION_BYTES = 2;
    /** Latency of one small all-reduce over NVLink (vLLM's custom all-reduce on H100, sgl-project/sglang#2904). */
    static final double NVLINK_LATENCY_S = 10e-6;
    /** Latency of one small all-reduce over PCIe (NCCL inside a CUDA graph, haohervchb/sglang-V100#2). */
    static final double PCIE_LATENCY_S = 20e-6;
    /** PCIe 4.0 x16, per direction, GB/s: the link assumed when the catalog names none. */
    static final double DEFAULT_LINK_GBPS = 32;
    /** The experts a token runs through in a MoE layer (routed and shared) that τ_moe is stated for. */
    static final double MOE_REFERENCE_EXPERTS = 8;

    private ServingModel() {}

    /** The estimate at {@code point}, with the engine efficiencies of {@code calibration}. */
    public static ServingEstimate estimate(OperatingPoint point, ServingCalibration calibration) {
        OpenModel model = point.model();
        Gpu gpu = point.gpu();
        int n = point.gpus();
        boolean tensor = point.parallelism() == Parallelism.TENSOR || n == 1;
        ServingCalibration.EngineFit fit = calibration.engine(point.engine());
        Weights weights = Weights.of(model, point.quantization(), point.engine());
        KvCache kv = KvCache.of(model, point.kvPrecision());

        int shards = tensor ? kv.shards(n) : n;
        ServingEstimate.Memory memory = memory(point);
        int streams = Math.min(point.concurrency(), memory.streamsItHolds());

        // a decode step at b streams: the GPUs of a tensor-parallel replica work at once, a pipeline's in turn
        int b = Math.max(streams, 1);
        int parallel = tensor ? n : 1;
        double bandwidth =
                gpu.memoryBandwidthGbps() * 1e9 * fit.bandwidthShare(gpu.memoryKind()) * makersBandwidthShare(gpu);
        double flops = tflops(gpu, point.quantization())
                * 1e12
                * makersComputeShare(gpu)
                * (model.moe() ? calibration.moeComputeEfficiency() : calibration.computeEfficiency());
        double meanContext = point.inputTokens() + point.outputTokens() / 2;
        // a quantized-weight kernel reads the weights at a share of what the BF16 and FP8 products reach
        double weightBandwidth =
                quantizedWeightKernel(point) ? bandwidth * calibration.weightOnlyReadShare() : bandwidth;
        double weightsS = weights.readBytes(b) / (parallel * weightBandwidth);
        double computeS = flops > 0 ? 2 * model.activeParamsB() * 1e9 * b / (parallel * flops) : 0;
        double kvS = b * kv.bytes(meanContext) / ((tensor ? shards : 1) * bandwidth);
        Link link = Link.of(gpu, calibration.linkBandwidthShare());
        double hidden = hiddenSize(model);
        double communicationS = 0;
        if (n > 1 && tensor) {
            // two all-reduces a layer (after attention and after the MLP), ring: 2(n−1)/n of the activations each way,
            // at the fitted share λ of the link an all-reduce of these sizes reaches
            communicationS = 2
                    * model.layers()
                    * (link.latencyS() + 2.0 * (n - 1) / n * b * hidden * ACTIVATION_BYTES / link.bytesPerSecond());
        } else if (n > 1) {
            communicationS = (n - 1) * (link.latencyS() + b * hidden * ACTIVATION_BYTES / link.bytesPerSecond());
        }
        double moeLayers = model.architecture().moe() == null
                ? 0
                : model.architecture().moe().moeLayers();
        double overheadS = (model.layers() * fit.layerOverheadUs()
                        + moeLayers
                                * calibration.moeLayerOverheadUs(gpu.architecture())
                                * expertsATokenRuns(model)
                                / MOE_REFERENCE_EXPERTS)
                * 1e-6;
        double stepS = Math.max(weightsS, computeS) + kvS + communicationS + overheadS;

        // prefill of one prompt: its FLOPs (and its activations between the GPUs)
        double input = point.inputTokens();
        double prefillFlops = 2 * model.activeParamsB() * 1e9 * input + attentionFlops(model, input);
        double prefillComputeS = flops > 0 ? prefillFlops / (parallel * flops) : 0;
        double prefillCommunicationS = 0;
        if (n > 1 && input > 0) {
            prefillCommunicationS = tensor
                    ? 2 * model.layers() * 2.0 * (n - 1) / n * input * hidden * ACTIVATION_BYTES / link.bytesPerSecond()
                    : (n - 1) * input * hidden * ACTIVATION_BYTES / link.bytesPerSecond();
        }
        double prefillAloneS = input > 0
                ? Math.max(weights.readBytes(input) / (parallel * weightBandwidth), prefillComputeS)
                        + prefillCommunicationS
                        + overheadS
                : 0;
        // with other streams decoding, a prompt rides on their steps, which read the weights anyway
        double prefillS = input <= 0 ? 0 : b > 1 ? prefillComputeS + prefillCommunicationS : prefillAloneS;

        double output = point.outputTokens();
        double cycleS = output * stepS + b * prefillS;
        double tokensPerSecond = streams >= 1 ? b * output / cycleS : 0;
        // the other streams' prompts ride on a stream's steps: after its first token they lengthen its TPOT, so
        // that TTFT + (G − 1) × TPOT is the cycle; a one-token request has no later token to take them, and waits
        // for them before its only one
        double ttftS = prefillAloneS + stepS + (output > 1 ? 0 : (b - 1) * prefillS);
        double tpotS = output > 1 ? stepS + (b - 1) * prefillS / (output - 1) : stepS;

        double memoryShare = output * ((weightsS >= computeS ? weightsS : 0) + kvS);
        double computeShare = output * (computeS > weightsS ? computeS : 0) + b * (prefillS - prefillCommunicationS);
        double linkShare = output * communicationS + b * prefillCommunicationS;
        double overheadShare = output * overheadS;
        ServingEstimate.Bound bound = ServingEstimate.Bound.MEMORY_BANDWIDTH;
        double most = memoryShare;
        if (computeShare > most) {
            bound = ServingEstimate.Bound.COMPUTE;
            most = computeShare;
        }
        if (linkShare > most) {
            bound = ServingEstimate.Bound.INTERCONNECT;
            most = linkShare;
        }
        if (overheadShare > most) bound = ServingEstimate.Bound.OVERHEAD;
        ServingEstimate.Step step = new ServingEstimate.Step(
                weightsS * 1e3,
                computeS * 1e3,
                kvS * 1e3,
                communicationS * 1e3,
                overheadS * 1e3,
                stepS * 1e3,
                prefillS * 1e3,
                prefillAloneS * 1e3);
        return new ServingEstimate(tokensPerSecond, streams, ttftS * 1e3, tpotS * 1e3, memory, step, bound);
    }

    /**
     * The memory a replica at {@code point} has and needs (docs/methodology.md §11.3): the usable share of
     * its GPUs' memory, the engine's own overhead, the weights, and the KV cache a stream holds at its full
     * context and on average.
     */
    public static ServingEstimate.Memory memory(OperatingPoint point) {
        Gpu gpu = point.gpu();
        int n = point.gpus();
        boolean tensor = point.parallelism() == Parallelism.TENSOR || n == 1;
        Weights weights = Weights.of(point.model(), point.quantization(), point.engine());
        KvCache kv = KvCache.of(point.model(), point.kvPrecision());
        double usable = gpu.vramGb() * VRAM_BYTES_PER_GB * n * usableShare(point.engine(), gpu);
        double overhead = overheadGib(point.engine()) * VRAM_BYTES_PER_GB * n;
        int shards = tensor ? kv.shards(n) : n;
        // tensor parallelism keeps a copy of a KV head on each GPU that shares it
        double replication = tensor ? (double) n / shards : 1;
        double context = point.inputTokens() + point.outputTokens();
        double kvPerStream = kv.bytes(context) * replication;
        double kvHeld = kv.bytes(heldContext(point)) * replication;
        return new ServingEstimate.Memory(
                weights.totalBytes() / GB, kvPerStream / GB, overhead / GB, usable / GB, kvHeld / GB);
    }

    /** The formats a batching server is offered in when a model does not fit, widest first (§11.3). */
    private static final List<Quantization> SERVER_NARROWER =
            List.of(Quantization.FP8, Quantization.NVFP4, Quantization.AWQ);
    /** The same for llama.cpp and Ollama: GGUF's common formats, widest first. */
    private static final List<Quantization> GGUF_NARROWER =
            List.of(Quantization.Q8_0, Quantization.Q6_K, Quantization.Q5_K_M, Quantization.Q4_K_M, Quantization.Q4_0);

    /**
     * A narrower weight format at which a model that does not fit at {@code point} would: the widest of the
     * formats its engine reads on that GPU (FP8, NVFP4 where the card has FP4, AWQ for the batching servers;
     * Q8_0 to Q4_0 for llama.cpp and Ollama) narrower than the point's, whose weights, overhead and one
     * request's KV fit the replica's usable memory. Empty when the point fits, or when none of them would.
     * Memory only: the estimate at the narrower format is the user's to ask for.
     */
    public static Optional<Narrower> narrowerThatFits(OperatingPoint point) {
        if (memory(point).streamsItHolds() >= 1) return Optional.empty();
        List<Quantization> formats = point.engine().family() == Engine.Family.SERVER ? SERVER_NARROWER : GGUF_NARROWER;
        for (Quantization q : formats) {
            if (q.bytesPerParam() >= point.quantization().bytesPerParam()) continue;
            if (point.engine().problemOn(point.gpu(), q).isPresent()) continue;
            // NVFP4 runs on FP4 tensor cores; elsewhere the servers' FP4 kernels are not what this offers
            if (q == Quantization.NVFP4 && point.gpu().fp4DenseTflops() == null) continue;
            ServingEstimate.Memory there = memory(point.withQuantization(q));
            if (there.streamsItHolds() >= 1) return Optional.of(new Narrower(q, there.neededGbForOneStream()));
        }
        return Optional.empty();
    }

    /** A narrower format a model fits at, and the memory it then needs with one request, GB. */
    public record Narrower(Quantization quantization, double neededGb) {
        /** "q4_k_m, a format llama.cpp reads, it needs 403.2 GB and fits", as the reports word it. */
        public String words(Engine engine) {
            return String.format(
                    Locale.ROOT,
                    "%s, a format %s reads, it needs %.1f GB and fits",
                    quantization.id(),
                    engine.id(),
                    neededGb);
        }
    }

    /**
     * The context whose KV a stream holds on average. The batching servers page their KV cache
     * (vLLM's PagedAttention, SGLang's token pool, TensorRT-LLM's paged KV): a stream holds blocks for
     * the tokens it has so far, and streams at staggered points of their requests hold the prompt and
     * half the output on average. llama.cpp gives each slot its whole context up front.
     */
    public static double heldContext(OperatingPoint point) {
        double output = point.outputTokens();
        return point.inputTokens() + (point.engine().family() == Engine.Family.SERVER ? output / 2 : output);
    }

    /**
     * The experts a token runs through in a MoE layer: the {@code k} it is routed to and the shared
     * ones. A MoE layer's fixed time (routing, permuting the tokens, a grouped product per expert) grows
     * with them; {@code τ_moe} is fitted for {@link #MOE_REFERENCE_EXPERTS} of them.
     */
    static double expertsATokenRuns(OpenModel model) {
        OpenModel.Moe moe = model.architecture().moe();
        return moe == null ? 0 : moe.expertsPerToken() + moe.sharedExperts();
    }

    /**
     * Whether the replica's weights go through a quantized-weight kernel that unpacks them inside the
     * matrix product: vLLM and SGLang run the integer formats (AWQ, GPTQ, INT4, INT8) through Marlin and
     * its kin, and FP8 weights on a card without FP8 tensor cores as weight-only W8A16 (FP8 Marlin,
     * docs.vllm.ai features/quantization/fp8). Those kernels reach a smaller share of the bandwidth
     * than the BF16 and FP8 products do ({@link ServingCalibration#weightOnlyReadShare}). TensorRT-LLM's
     * own weight-only kernels are left at the engine's share: its two such runs in the table are within 6 %
     * without it, and a shared share made the cross-validated accuracy worse (docs/methodology.md §11.7).
     */
    static boolean quantizedWeightKernel(OperatingPoint point) {
        if (point.engine() != Engine.VLLM && point.engine() != Engine.SGLANG) return false;
        return switch (point.quantization()) {
            case AWQ, GPTQ, INT4, INT8 -> true;
            case FP8 -> point.gpu().fp8DenseTflops() == null;
            default -> false;
        };
    }

    /**
     * What an AMD Instinct GPU (CDNA) reaches of its nominal memory bandwidth, relative to what an NVIDIA
     * data-centre GPU reaches of its own: 81 % of the MI300X's 5.3 TB/s in BabelStream against up to 90 % for
     * NVIDIA's (Ambati et al., "AMD MI300X GPU Performance Analysis", arXiv 2510.27583, 2025-10-31, as
     * summarised by arxivlens.com and emergentmind.com, read 2026-12-07). Measured, not fitted
     * (docs/methodology.md §11.5).
     */
    static final double CDNA_BANDWIDTH_SHARE = 0.81 / 0.90;
    /**
     * The same for the dense tensor FLOPS: about 45 % of the MI300X's peak reached against up to 93 % for
     * H100 and B200 (the same paper, as summarised by aiweekly.co, read 2026-12-07; the paper's own summary
     * puts the MI300X's realised throughput at 37–66 % of NVIDIA's comparable GPUs', at 1.3–1.5 times their
     * peak: 0.25–0.50 of their share).
     */
    static final double CDNA_COMPUTE_SHARE = 0.45 / 0.93;

    /**
     * The share of its nominal memory bandwidth a GPU's maker's software stack reaches, relative to
     * NVIDIA's, on which the fitted shares η and κ rest: {@link #CDNA_BANDWIDTH_SHARE} on AMD's Instinct
     * GPUs (architecture {@code cdna*}), 1 elsewhere.
     */
    static double makersBandwidthShare(Gpu gpu) {
        return instinct(gpu) ? CDNA_BANDWIDTH_SHARE : 1;
    }

    /** The same for the dense tensor FLOPS, on which μ rests: {@link #CDNA_COMPUTE_SHARE} on AMD Instinct. */
    static double makersComputeShare(Gpu gpu) {
        return instinct(gpu) ? CDNA_COMPUTE_SHARE : 1;
    }

    private static boolean instinct(Gpu gpu) {
        return gpu.architecture() != null && gpu.architecture().startsWith("cdna");
    }

    /** The share of each GPU's memory the engine may use. */
    public static double usableShare(Engine engine, Gpu gpu) {
        if (engine.family() == Engine.Family.SERVER) return SERVER_USABLE_SHARE;
        return gpu.isApple() ? APPLE_USABLE_SHARE : LLAMA_CPP_USABLE_SHARE;
    }

    /** What the engine keeps per GPU besides weights and KV, GiB. */
    public static double overheadGib(Engine engine) {
        return engine.family() == Engine.Family.SERVER ? SERVER_OVERHEAD_GIB : LLAMA_CPP_OVERHEAD_GIB;
    }

    /**
     * Dense tensor TFLOPS the replica's matrix products run at: FP8 for FP8 weights, and for the 4-bit
     * float formats where the card has FP4 (their activations run in 8 bits: MXFP4 × MXFP8, NVFP4 with
     * FP8 attention), else BF16 (weight-only formats dequantize to BF16); 0 when the catalog gives no figure.
     */
    static double tflops(Gpu gpu, Quantization q) {
        if (tflopsField(gpu, q).equals(FP8_TFLOPS)) return gpu.fp8DenseTflops();
        return gpu.bf16DenseTflops() == null ? 0 : gpu.bf16DenseTflops();
    }

    private static final String FP8_TFLOPS = "fp8_dense_tflops";
    private static final String BF16_TFLOPS = "bf16_dense_tflops";

    /** The catalog field {@link #tflops} reads for weights of {@code q} on {@code gpu}. */
    static String tflopsField(Gpu gpu, Quantization q) {
        boolean eightBit = q == Quantization.FP8 || (q.fp4() && gpu.fp4DenseTflops() != null);
        return eightBit && gpu.fp8DenseTflops() != null ? FP8_TFLOPS : BF16_TFLOPS;
    }

    /**
     * The catalog figures the estimate at {@code point} rests on that the GPU's entry lists as estimates
     * rather than published figures ({@code estimates:}, with the reasoning in its note): its memory,
     * bandwidth, the compute rate the weights' precision runs at, and the link between a replica's GPUs.
     */
    public static List<String> estimatedFigures(OperatingPoint point) {
        Gpu gpu = point.gpu();
        List<String> used =
                new ArrayList<>(List.of("vram_gb", "memory_bandwidth_gbps", tflopsField(gpu, point.quantization())));
        if (point.gpus() > 1) used.add("interconnect_gbps");
        return used.stream().filter(gpu.estimated()::contains).toList();
    }

    /**
     * FLOPs of a prompt's causal attention: for each layer, QKᵀ and AV over the tokens each token sees
     * (all before it, or the window on a sliding layer), 2 FLOPs per multiply-add over the query heads.
     */
    static double attentionFlops(OpenModel model, double tokens) {
        if (tokens <= 0) return 0;
        OpenModel.Architecture a = model.architecture();
        double width = (a.attentionHeads() != null ? a.attentionHeads() : model.kvHeads()) * (double) model.headDim();
        int sliding = a.slidingWindow() == null ? 0 : a.slidingWindowLayers();
        int full = Math.max(0, model.layers() - sliding - a.kvFreeLayers());
        double seenFull = tokens * tokens / 2;
        double seenSliding = 0;
        if (sliding > 0) {
            double w = a.slidingWindow();
            seenSliding = tokens <= w ? tokens * tokens / 2 : tokens * w - w * w / 2;
        }
        return 4 * width * (full * seenFull + sliding * seenSliding);
    }

    /** The width of the activations exchanged between GPUs: the model's hidden size, else query heads × head size. */
    static double hiddenSize(OpenModel model) {
        OpenModel.Architecture a = model.architecture();
        if (a.hiddenSize() != null) return a.hiddenSize();
        return (a.attentionHeads() != null ? a.attentionHeads() : model.kvHeads() * 4.0) * model.headDim();
    }

    /**
     * The chassis link: latency of one small all-reduce, and the bytes per second per GPU and direction a
     * transfer reaches: the catalog's {@code interconnect_gbps} times {@code share}, the fitted λ
     * ({@link ServingCalibration#linkBandwidthShare}). Collectives of a step's sizes reach a fraction of the
     * link: nccl-tests' all-reduce on four H100s reaches 58 GB/s of bus bandwidth at 1 MiB and 145 at 4 MiB
     * of NVLink's 450 (docs/methodology.md §11.5).
     */
    record Link(double latencyS, double bytesPerSecond) {
        static Link of(Gpu gpu, double share) {
            Gpu.Interconnect kind = gpu.interconnect() == null ? Gpu.Interconnect.PCIE : gpu.interconnect();
            double latency = switch (kind) {
                case NVLINK, INFINITY_FABRIC -> NVLINK_LATENCY_S;
                case PCIE, NONE -> PCIE_LATENCY_S;
            };
            double gbps = gpu.interconnectGbps() != null && gpu.interconnectGbps() > 0
                    ? gpu.interconnectGbps()
                    : DEFAULT_LINK_GBPS;
            return new Link(latency, gbps * 1e9 * share);
        }
    }
}
