package dev.aichoose.cli;

import dev.aichoose.input.Suggestions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Engine;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.Workload;
import dev.aichoose.report.EstimateFormat;
import dev.aichoose.serving.EstimateRequest;
import dev.aichoose.serving.EstimateResult;
import dev.aichoose.serving.Estimator;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "estimate",
        mixinStandardHelpOptions = true,
        description = {
            "Estimate what one replica delivers before you own the hardware: output tokens per second, time to first "
                    + "token (TTFT) and per output token (TPOT), where its memory goes, the bound that dominates, the "
                    + "measured error of its group, and the published runs nearest to it with the model's ratio on each "
                    + "(docs/methodology.md §11).",
            "Defaults, as evaluate applies them: the quantization by the hardware's class (q4_k_m on a consumer card, "
                    + "else the model's released format where it is below BF16, else bf16), the engine by quantization "
                    + "and hardware (llama.cpp for GGUF formats and Apple, else vllm), the split by engine (llama.cpp "
                    + "splits layers, servers tensors), an FP16 KV cache (FP8 where trt-llm serves fp8 or nvfp4 "
                    + "weights, as NVIDIA's checkpoints carry), the engine's concurrency (1 for llama.cpp, 32 for "
                    + "servers), and the fewest GPUs of one chassis that hold it."
        })
final class EstimateCommand extends BaseCommand {
    @Option(
            names = "--hardware",
            required = true,
            paramLabel = "ID",
            description = "A GPU or system of the catalog (aichoose catalog list -k gpu), e.g. nvidia/h100-sxm.")
    String hardware;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "ID",
            description = "An open-weight model of the catalog (aichoose catalog list -k model), e.g. "
                    + "meta/llama-3.1-8b-instruct.")
    String model;

    @Option(names = "--quantization", paramLabel = "Q", description = "Weight format: ${COMPLETION-CANDIDATES}.")
    Quantization quantization;

    @Option(
            names = "--gpus",
            paramLabel = "N",
            description = "GPUs in the replica, all in one chassis (default: the fewest that hold the model and its "
                    + "streams).")
    Integer gpus;

    @Option(
            names = "--parallelism",
            paramLabel = "SPLIT",
            description = "How several GPUs split the model: ${COMPLETION-CANDIDATES}.")
    Parallelism parallelism;

    @Option(
            names = "--engine",
            paramLabel = "E",
            converter = EngineConverter.class,
            description = "Serving engine: vllm, sglang, trt-llm, llama.cpp or ollama.")
    Engine engine;

    @Option(
            names = "--kv-precision",
            paramLabel = "P",
            description =
                    "KV cache format: ${COMPLETION-CANDIDATES} (default fp16; fp8 for trt-llm with fp8 or nvfp4 weights).")
    KvPrecision kvPrecision;

    @Option(
            names = "--concurrency",
            paramLabel = "C",
            description = "Streams the engine runs at once (1 to 4096). Not with --slo.")
    Integer concurrency;

    @Option(
            names = "--slo",
            paramLabel = "TARGETS",
            converter = BenchSloConverter.class,
            description = "Latency targets, e.g. ttft=500ms,tpot=50ms: the estimate is taken at the highest "
                    + "concurrency whose estimated TTFT and TPOT meet them. Not with --concurrency.")
    Workload.LatencySlo slo;

    @Option(
            names = "--input-tokens",
            paramLabel = "I",
            defaultValue = "1000",
            description = "Prompt tokens a request brings (default ${DEFAULT-VALUE}).")
    double inputTokens;

    @Option(
            names = "--output-tokens",
            paramLabel = "O",
            defaultValue = "500",
            description = "Tokens a request generates (default ${DEFAULT-VALUE}).")
    double outputTokens;

    @Mixin
    PricingOptions pricing;

    @Mixin
    Output output;

    /** {@code -f} for estimates; {@code -o} and the rules come from {@link OutputOptions}. */
    static final class Output extends OutputOptions<EstimateFormat, EstimateResult> {
        @Option(
                names = {"-f", "--format"},
                paramLabel = "FORMAT",
                description =
                        "Output format: ${COMPLETION-CANDIDATES} (default: table, or the one -o's extension names).")
        EstimateFormat format;

        @Override
        List<EstimateFormat> requested() {
            return format == null ? null : List.of(format);
        }

        @Override
        EstimateFormat defaultFormat() {
            return EstimateFormat.TABLE;
        }

        @Override
        List<EstimateFormat> all() {
            return List.of(EstimateFormat.values());
        }
    }

    /** {@code --engine}: the ids as scenarios write them, with a suggestion for a typo. */
    static final class EngineConverter implements ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            return Engine.byId(value)
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                            + String.join(", ", Engine.ids()) + Suggestions.hint(value, Engine.names())));
        }
    }

    private OutputOptions.Target<EstimateFormat> target;

    @Override
    protected void validate() {
        if (concurrency != null && slo != null) {
            throw usageError("give --concurrency or --slo, not both: with latency targets the concurrency is the "
                    + "highest that meets them");
        }
        if (slo != null && slo.ttftMs() == null && slo.tpotMs() == null) {
            throw usageError("--slo: estimate needs ttft or tpot (an end-to-end target is for bench only)");
        }
        if (concurrency != null && (concurrency < 1 || concurrency > 4096)) {
            throw usageError("--concurrency " + concurrency + ": give 1 to 4096 streams");
        }
        if (gpus != null && (gpus < 1 || gpus > 1024)) throw usageError("--gpus " + gpus + ": give 1 to 1024");
        if (!(inputTokens >= 0 && inputTokens <= 10_000_000)) {
            throw usageError("--input-tokens: give 0 to 10,000,000 tokens");
        }
        if (!(outputTokens >= 1 && outputTokens <= 1_000_000)) {
            throw usageError("--output-tokens: give 1 to 1,000,000 tokens");
        }
        target = output.target(1, List.of());
    }

    @Override
    protected ExitCode execute() throws IOException {
        Catalog catalog = pricing.load(spec.commandLine().getErr());
        if (!catalog.gpus().containsKey(hardware)) {
            String offer = catalog.cloudOffers().containsKey(hardware)
                    ? " (" + hardware + " is a cloud offer: give its GPU, "
                            + catalog.cloudOffers().get(hardware).gpu() + ")"
                    : Suggestions.hint(hardware, catalog.gpus().keySet());
            throw new UsageException("--hardware " + hardware + ": no such GPU or system in the catalog" + offer);
        }
        if (!catalog.openModels().containsKey(model)) {
            throw new UsageException("--model " + model + ": no such open-weight model in the catalog"
                    + Suggestions.hint(model, catalog.openModels().keySet()));
        }
        // a price book's own warnings (an implausible run, a price typed per token) name their files
        catalog.warnings().forEach(w -> spec.commandLine().getErr().println("aichoose: warning: " + w));
        EstimateResult result = Estimator.estimate(
                catalog,
                new EstimateRequest(
                        hardware,
                        model,
                        quantization,
                        gpus,
                        parallelism,
                        engine,
                        kvPrecision,
                        concurrency,
                        slo,
                        inputTokens,
                        outputTokens));
        dev.aichoose.serving.EngineEvidence.llamaCppTensorSplit(
                        result.point().engine(),
                        result.point().parallelism(),
                        result.point().gpus())
                .ifPresent(w -> spec.commandLine().getErr().println("aichoose: warning: " + w));
        output.write(
                target,
                result,
                "estimate",
                spec.commandLine().getOut(),
                spec.commandLine().getErr());
        return ExitCode.OK;
    }
}
