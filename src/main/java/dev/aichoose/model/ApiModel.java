package dev.aichoose.model;

/**
 * A model sold per token. Prices in USD per million tokens; {@code batchDiscount} is the share
 * taken off for batch use (0.5 = half price), null when the provider sells no batch tier.
 * {@code openWeight} marks open weights served through an API; {@code openWeights} names them in
 * the open-weight catalog when they are there (null otherwise).
 */
public record ApiModel(
        String id,
        String provider,
        String name,
        double inputUsdPerMtok,
        double outputUsdPerMtok,
        Double cachedInputUsdPerMtok,
        Double batchDiscount,
        LongContextTier longContext,
        Integer contextTokens,
        Quality quality,
        boolean openWeight,
        Provenance provenance,
        String openWeights) {

    /** A model whose weights are not named in the open-weight catalog. */
    public ApiModel(String id, String provider, String name, double inputUsdPerMtok, double outputUsdPerMtok,
            Double cachedInputUsdPerMtok, Double batchDiscount, LongContextTier longContext, Integer contextTokens,
            Quality quality, boolean openWeight, Provenance provenance) {
        this(id, provider, name, inputUsdPerMtok, outputUsdPerMtok, cachedInputUsdPerMtok, batchDiscount, longContext,
                contextTokens, quality, openWeight, provenance, null);
    }

    /** The open-weight catalog's id for the weights this API serves, when it names them. */
    public java.util.Optional<String> servedWeights() {
        return java.util.Optional.ofNullable(openWeights);
    }

    /** Prices that apply to the whole request once its input passes {@code thresholdTokens}. */
    public record LongContextTier(int thresholdTokens, double inputUsdPerMtok, double outputUsdPerMtok) {}
}
