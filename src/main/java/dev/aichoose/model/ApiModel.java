package dev.aichoose.model;

/**
 * A model sold per token. Prices in USD per million tokens; {@code batchDiscount} is the share
 * taken off for batch use (0.5 = half price), null when the provider sells no batch tier.
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
        Provenance provenance) {

    /** Prices that apply to the whole request once its input passes {@code thresholdTokens}. */
    public record LongContextTier(int thresholdTokens, double inputUsdPerMtok, double outputUsdPerMtok) {}
}
