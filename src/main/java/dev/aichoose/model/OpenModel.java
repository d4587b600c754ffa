package dev.aichoose.model;

/** An open-weight model: what sizing and the roofline estimate need. Parameters in billions. */
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
        Provenance qualityProvenance) {

    /** Without a source of its own, the quality tier shares the entry's. */
    public OpenModel {
        if (qualityProvenance == null) qualityProvenance = provenance;
    }

    public OpenModel(
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
            Provenance provenance) {
        this(
                id,
                name,
                paramsB,
                activeParamsB,
                layers,
                kvHeads,
                headDim,
                contextTokens,
                license,
                quality,
                provenance,
                null);
    }

    /** Bytes of KV cache per token: K and V, every layer, every KV head (GQA-aware). */
    public double kvBytesPerToken(double bytesPerElement) {
        return 2.0 * layers * kvHeads * headDim * bytesPerElement;
    }
}
