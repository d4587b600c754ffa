package dev.aichoose.model;

import dev.aichoose.text.Figures;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Optional;

/**
 * An open-weight model: what sizing and the serving model need. Parameters in billions.
 * {@code architecture} holds what the KV cache and mixture-of-experts reads depend on (from the
 * model's config.json); an entry without it is read as a dense model with grouped-query attention
 * on every layer. Assembled by name with {@link OpenModelBuilder}.
 */
@RecordBuilder
public record OpenModel(
        String id,
        String name,
        double paramsB,
        double activeParamsB,
        int layers,
        int kvHeads,
        int headDim,
        int contextTokens,
        String license,
        Quality quality,
        Provenance provenance,
        Provenance qualityProvenance,
        Architecture architecture) {

    /** Without a source of its own, the quality tier shares the entry's. */
    public OpenModel {
        if (qualityProvenance == null) qualityProvenance = provenance;
        if (architecture == null) architecture = Architecture.DENSE_GQA;
    }

    /** Bytes of KV cache per token on a full-attention GQA layer stack: K and V, every layer, every KV head. */
    public double kvBytesPerToken(double bytesPerElement) {
        return 2.0 * layers * kvHeads * headDim * bytesPerElement;
    }

    /** Whether the model routes tokens to experts. */
    public boolean moe() {
        return architecture.moe() != null;
    }

    /**
     * Where a request of {@code requestTokens} (prompt and output) exceeds the model's context, that in
     * words: "a request of 6,500 tokens exceeds microsoft/phi-3-mini-4k-instruct's context of 4,096 tokens".
     */
    public Optional<String> contextProblem(double requestTokens) {
        if (requestTokens <= contextTokens) return Optional.empty();
        return Optional.of("a request of " + Figures.wholeCount(requestTokens)
                + " tokens exceeds " + id + "'s context of " + Figures.wholeCount(contextTokens)
                + " tokens");
    }

    /** How attention caches keys and values. */
    public enum Attention {
        /** Grouped-query attention (multi-head attention is the case {@code kv_heads = attention_heads}). */
        GQA,
        /** Multi-head latent attention (DeepSeek V2/V3, Kimi K2): one compressed latent per layer and token. */
        MLA
    }

    /**
     * What the KV cache and the weights read per step depend on, beyond layers, KV heads and head size.
     *
     * @param attentionHeads query heads (attention FLOPs); null when the catalog does not say
     * @param hiddenSize the model width (the activations tensor parallelism exchanges); null when unknown
     * @param kvLoraRank MLA: latent elements cached per layer and token (with {@code qkRopeHeadDim})
     * @param slidingWindow tokens a sliding-window layer caches; null when no layer slides
     * @param slidingWindowLayers how many layers slide (the others cache the whole context)
     * @param kvFreeLayers layers with no growing KV cache (linear attention, state-space layers)
     * @param moe the experts; null for a dense model
     * @param nativePrecision the format the released checkpoint ships in; null when unknown
     */
    public record Architecture(
            Integer attentionHeads,
            Integer hiddenSize,
            Attention attention,
            Integer kvLoraRank,
            Integer qkRopeHeadDim,
            Integer slidingWindow,
            int slidingWindowLayers,
            int kvFreeLayers,
            Moe moe,
            Quantization nativePrecision,
            Integer vocabSize,
            boolean tiedEmbeddings) {
        public static final Architecture DENSE_GQA =
                new Architecture(null, null, Attention.GQA, null, null, null, 0, 0, null, null, null, false);

        public Architecture {
            if (attention == null) attention = Attention.GQA;
        }

        /**
         * The input embedding table, billions of parameters, where it is a table of its own: a decode
         * step looks up one row of it a token, so it is counted in memory but not in the bytes a step
         * reads. A tied table is the LM head as well, which every step reads whole; unknown is 0.
         */
        public double untiedEmbeddingParamsB() {
            if (vocabSize == null || hiddenSize == null || tiedEmbeddings) return 0;
            return (double) vocabSize * hiddenSize / 1e9;
        }
    }

    /**
     * Mixture of experts: {@code experts} routed experts in each of {@code moeLayers} layers, of which
     * {@code expertsPerToken} serve each token, plus {@code sharedExperts} that serve every token.
     * {@code expertParamsB} is one routed expert in one layer, in billions of parameters.
     */
    public record Moe(int experts, int expertsPerToken, int sharedExperts, int moeLayers, double expertParamsB) {
        /** Parameters of all routed experts, billions: the part of the model a step reads only where routed. */
        public double routedParamsB() {
            return moeLayers * (double) experts * expertParamsB;
        }
    }
}
