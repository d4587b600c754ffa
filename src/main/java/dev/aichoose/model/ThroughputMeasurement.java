package dev.aichoose.model;

/**
 * One published serving measurement ({@code pricing/throughput-measurements.yaml}): one replica at
 * one operating point, and the output tokens per second it delivered across all its streams.
 * {@code publisher} groups the rows of one independent source, for leave-one-publisher-out validation.
 *
 * @param kvPrecision as stated by the source, or the engine's default (FP16) when it says nothing
 * @param ttftMs what the source reports, when it does; {@code tpotMs} likewise
 * @param decodeOnly the figure is the decode rate at the run's context, prefill excluded
 *     (llama-bench's tg test, or 1,000 ÷ the time per output token), not output tokens over the
 *     whole run
 * @param excluded why the run neither fits nor validates the model (it is shown, and its accuracy
 *     reported apart); null for a run that does
 * @param heldOut the held-out set the run belongs to: it is not fitted, and checks the model fitted on
 *     the other runs out of sample (docs/methodology.md §11.7); null for a run the model is fitted on
 */
public record ThroughputMeasurement(
        String id,
        String hardware,
        int gpus,
        int tensorParallel,
        int pipelineParallel,
        String model,
        Quantization quantization,
        KvPrecision kvPrecision,
        Engine engine,
        int concurrency,
        double inputTokens,
        double outputTokens,
        double outputTokensPerSecond,
        boolean decodeOnly,
        Double ttftMs,
        Double tpotMs,
        String publisher,
        String readAs,
        String excluded,
        String heldOut,
        Provenance provenance) {

    /** Whether the run is evidence about the model: fitted, or held out to check the fit. */
    public boolean used() {
        return excluded == null;
    }

    /** Whether the model is fitted on the run: neither excluded nor held out. */
    public boolean fitted() {
        return excluded == null && heldOut == null;
    }

    /** The split the run used: pipeline when it split layers across more than one GPU, else tensor. */
    public Parallelism parallelism() {
        return pipelineParallel > 1 ? Parallelism.PIPELINE : Parallelism.TENSOR;
    }
}
