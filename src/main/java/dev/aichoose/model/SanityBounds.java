package dev.aichoose.model;

/** Where a value stops being a price and becomes a unit slip: errors above, warnings below. */
public final class SanityBounds {
    private SanityBounds() {}

    /** Above this an API price is a unit error (LiteLLM's wandb entries are ×100,000). */
    public static final double MAX_USD_PER_MTOK = 1000;
    /** Below this a non-zero price is almost surely per token, typed where per million belongs. */
    public static final double MIN_PLAUSIBLE_USD_PER_MTOK = 0.001;

    public static final double MIN_PLAUSIBLE_HARDWARE_USD = 100;
    public static final double MIN_PLAUSIBLE_USD_PER_GPU_HOUR = 0.05;
}
