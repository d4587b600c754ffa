package dev.aichoose.serving;

/**
 * What one replica delivers at an operating point (docs/methodology.md §11.5), with the figures
 * behind it. Times in milliseconds, memory in GB (10^9 bytes) across the whole replica.
 *
 * @param tokensPerSecond output tokens per second over all streams; 0 when the model does not fit
 * @param streams streams running at once: the concurrency, or fewer when memory holds fewer
 * @param ttftMs estimated time to first token of a request, {@code tpotMs} time per output token after it
 * @param memory where the replica's memory goes
 * @param step the parts of one decode step, and of one prompt's prefill
 * @param bound what dominates a request's time on the replica
 */
public record ServingEstimate(
        double tokensPerSecond, int streams, double ttftMs, double tpotMs, Memory memory, Step step, Bound bound) {

    public boolean fits() {
        return streams >= 1;
    }

    /** Output tokens per second while every stream decodes, prefill left out (what llama-bench's tg test measures). */
    public double decodeTokensPerSecond() {
        return fits() && step.stepMs() > 0 ? streams * 1000 / step.stepMs() : 0;
    }

    /**
     * @param weightsGb the weights, all of them
     * @param kvGbPerStream KV cache one stream holds at its full context (prompt plus output), with
     *     the copies tensor parallelism keeps when the KV heads are fewer than the GPUs
     * @param overheadGb what the engine keeps besides weights and KV (context, activations, graphs)
     * @param usableGb the share of the replica's memory the engine may use
     * @param kvGbHeldPerStream KV cache a stream holds on average: a batching server pages it, so a
     *     stream holds its prompt and half its output (llama.cpp: the full context, as {@code kvGbPerStream})
     */
    public record Memory(
            double weightsGb, double kvGbPerStream, double overheadGb, double usableGb, double kvGbHeldPerStream) {
        /** Memory the model needs with one stream: weights, the engine's overhead and one full context of KV. */
        public double neededGbForOneStream() {
            return weightsGb + overheadGb + kvGbPerStream;
        }

        /**
         * Streams this memory holds, whatever the concurrency asked for (docs/methodology.md §11.4): none
         * unless one fits at its full context, else as many as the KV each holds on average allows;
         * {@link Integer#MAX_VALUE} when a stream keeps no KV.
         */
        public int streamsItHolds() {
            double free = usableGb - weightsGb - overheadGb;
            if (free < 0 || free < kvGbPerStream) return 0;
            return kvGbHeldPerStream <= 0
                    ? Integer.MAX_VALUE
                    : (int) Math.min(Integer.MAX_VALUE, Math.floor(free / kvGbHeldPerStream));
        }
    }

    /**
     * One decode step at {@code streams} streams, and one prompt's prefill.
     *
     * @param weightsMs reading the weights the step needs (all of a dense model; the experts routed to)
     * @param computeMs the matrix products of the step's tokens
     * @param kvMs reading every stream's KV cache
     * @param communicationMs exchanging activations between the GPUs
     * @param overheadMs the engine's fixed time per layer
     * @param stepMs the whole step: max(weights, compute) + KV + communication + overhead
     * @param prefillMs what one prompt's prefill adds while other streams decode
     * @param prefillAloneMs one prompt's prefill on its own (its share of the time to first token)
     */
    public record Step(
            double weightsMs,
            double computeMs,
            double kvMs,
            double communicationMs,
            double overheadMs,
            double stepMs,
            double prefillMs,
            double prefillAloneMs) {}

    /** What dominates the time a request spends on the replica. */
    public enum Bound {
        MEMORY_BANDWIDTH("memory-bandwidth"),
        COMPUTE("compute"),
        INTERCONNECT("interconnect"),
        OVERHEAD("per-step overhead");

        private final String label;

        Bound(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
