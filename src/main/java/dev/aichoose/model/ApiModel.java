package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;

/**
 * A model sold per token. Prices in USD per million tokens; {@code batchDiscount} is the share
 * taken off for batch use (0.5 = half price), null when the provider sells no batch tier.
 * A null price is one the source does not list: a cache write then bills as input, reasoning as
 * output (docs/methodology.md §3.1).
 * {@code openWeight} marks open weights served through an API; {@code openWeights} names them in
 * the open-weight catalog when they are there (null otherwise). Assembled by name with
 * {@link ApiModelBuilder}: a price not set is one the source does not list.
 */
@RecordBuilder
public record ApiModel(
        String id,
        String provider,
        String name,
        double inputUsdPerMtok,
        double outputUsdPerMtok,
        Double cachedInputUsdPerMtok,
        Double batchDiscount,
        List<LongContextTier> longContext,
        Integer contextTokens,
        Quality quality,
        boolean openWeight,
        Provenance provenance,
        String openWeights,
        Double cacheWriteUsdPerMtok,
        Double cacheWrite1hUsdPerMtok,
        Double reasoningUsdPerMtok,
        Map<ServiceTier, Rates> serviceTiers)
        implements ApiModelBuilder.With {

    /** The open-weight catalog's id for the weights this API serves, when it names them. */
    public java.util.Optional<String> servedWeights() {
        return java.util.Optional.ofNullable(openWeights);
    }

    public ApiModel {
        longContext = longContext == null ? List.of() : List.copyOf(longContext);
        // in tier order, so that writers and diffs list tiers the same way every run
        java.util.EnumMap<ServiceTier, Rates> tiers = new java.util.EnumMap<>(ServiceTier.class);
        if (serviceTiers != null) tiers.putAll(serviceTiers);
        serviceTiers = java.util.Collections.unmodifiableMap(tiers);
    }

    /** The entry's standard-tier prices as one value. */
    public Rates standard() {
        return new Rates(
                inputUsdPerMtok,
                outputUsdPerMtok,
                cachedInputUsdPerMtok,
                cacheWriteUsdPerMtok,
                cacheWrite1hUsdPerMtok,
                reasoningUsdPerMtok);
    }

    /**
     * The same entry with every price it lists (standard, long-context and service tiers) times
     * {@code factor}: the simulation's {@code factors.api_prices}.
     */
    public ApiModel withPricesTimes(double factor) {
        Map<ServiceTier, Rates> tiers = new java.util.EnumMap<>(ServiceTier.class);
        serviceTiers.forEach((tier, rates) -> tiers.put(tier, rates.times(factor)));
        return with().inputUsdPerMtok(inputUsdPerMtok * factor)
                .outputUsdPerMtok(outputUsdPerMtok * factor)
                .cachedInputUsdPerMtok(times(cachedInputUsdPerMtok, factor))
                .longContext(longContext.stream()
                        .map(t -> new LongContextTier(
                                t.thresholdTokens(), t.inclusive(), t.rates().times(factor)))
                        .toList())
                .cacheWriteUsdPerMtok(times(cacheWriteUsdPerMtok, factor))
                .cacheWrite1hUsdPerMtok(times(cacheWrite1hUsdPerMtok, factor))
                .reasoningUsdPerMtok(times(reasoningUsdPerMtok, factor))
                .serviceTiers(tiers)
                .build();
    }

    private static Double times(Double price, double factor) {
        return price == null ? null : price * factor;
    }

    /** Prices of one tier; null where the tier lists none. */
    public record Rates(
            Double inputUsdPerMtok,
            Double outputUsdPerMtok,
            Double cachedInputUsdPerMtok,
            Double cacheWriteUsdPerMtok,
            Double cacheWrite1hUsdPerMtok,
            Double reasoningUsdPerMtok) {

        Rates times(double factor) {
            return new Rates(
                    ApiModel.times(inputUsdPerMtok, factor),
                    ApiModel.times(outputUsdPerMtok, factor),
                    ApiModel.times(cachedInputUsdPerMtok, factor),
                    ApiModel.times(cacheWriteUsdPerMtok, factor),
                    ApiModel.times(cacheWrite1hUsdPerMtok, factor),
                    ApiModel.times(reasoningUsdPerMtok, factor));
        }
    }

    /**
     * Prices that apply to the whole request once its input reaches the threshold. Sources disagree
     * on the boundary itself: {@code inclusive} says whether a request of exactly
     * {@code thresholdTokens} input tokens is in the tier (OpenRouter's {@code min_prompt_tokens},
     * LiteLLM for xAI) or not (LiteLLM's {@code _above_N_tokens}, genai-prices' tier {@code start}).
     */
    public record LongContextTier(int thresholdTokens, boolean inclusive, Rates rates) {
        public boolean covers(double inputTokens) {
            return inclusive ? inputTokens >= thresholdTokens : inputTokens > thresholdTokens;
        }

        public double inputUsdPerMtok() {
            return rates.inputUsdPerMtok();
        }

        public double outputUsdPerMtok() {
            return rates.outputUsdPerMtok();
        }
    }
}
