package dev.aichoose.model;

import java.util.Locale;

/**
 * The numbers an {@code uncertainty:} range may name, with the bounds the scenario format puts on
 * each (the same as the loader's, which a test checks). Option fields are written
 * {@code options.<id>.<kind>.<key>}; factors are multipliers on what comes from the catalogs.
 */
public enum UncertainField {
    QUERIES_PER_MONTH(Scope.WORKLOAD, "queries_per_month", 1, 1e12),
    INPUT_TOKENS_PER_QUERY(Scope.WORKLOAD, "input_tokens_per_query", 0, 10_000_000),
    OUTPUT_TOKENS_PER_QUERY(Scope.WORKLOAD, "output_tokens_per_query", 1, 1_000_000),
    REASONING_TOKENS_PER_QUERY(Scope.WORKLOAD, "reasoning_tokens_per_query", 0, 1_000_000),
    MONTHLY_GROWTH(Scope.WORKLOAD, "monthly_growth", -0.5, 1),
    CACHED_INPUT_SHARE(Scope.WORKLOAD, "cached_input_share", 0, 1),
    PEAK_TO_AVERAGE(Scope.WORKLOAD, "peak_to_average", 1, 100),

    ELECTRICITY_USD_PER_KWH(Scope.ASSUMPTIONS, "electricity_usd_per_kwh", 0, 5),
    PUE(Scope.ASSUMPTIONS, "pue", 1, 3),
    OPS_HOURS_PER_MONTH(Scope.ASSUMPTIONS, "ops_hours_per_month", 0, 10_000),
    OPS_USD_PER_HOUR(Scope.ASSUMPTIONS, "ops_usd_per_hour", 0, 10_000),
    DISCOUNT_RATE_ANNUAL(Scope.ASSUMPTIONS, "discount_rate_annual", 0, 1),
    MAINTENANCE_SHARE_ANNUAL(Scope.ASSUMPTIONS, "maintenance_share_annual", 0, 1),
    LIFETIME_MONTHS(Scope.ASSUMPTIONS, "lifetime_months", 1, 240, true),
    RESIDUAL_SHARE(Scope.ASSUMPTIONS, "residual_share", 0, 1),
    API_PRICE_CHANGE_ANNUAL(
            Scope.ASSUMPTIONS,
            "api_price_change_annual",
            UncertainField.MIN_CHANGE_ANNUAL,
            UncertainField.MAX_CHANGE_ANNUAL),
    GPU_RENT_CHANGE_ANNUAL(
            Scope.ASSUMPTIONS,
            "gpu_rent_change_annual",
            UncertainField.MIN_CHANGE_ANNUAL,
            UncertainField.MAX_CHANGE_ANNUAL),

    HARDWARE_USD(Scope.SELF_HOSTED, "hardware_usd", 0, 50_000_000),
    EXTRA_UPFRONT_USD(Scope.SELF_HOSTED, "extra_upfront_usd", 0, 100_000_000),
    ELECTRICITY_USD_PER_MONTH(Scope.SELF_HOSTED, "electricity_usd_per_month", 0, 10_000_000),
    POWER_W(Scope.SELF_HOSTED, "power_w", 1, 1_000_000),
    SELF_HOSTED_LIFETIME_MONTHS(Scope.SELF_HOSTED, "lifetime_months", 1, 240, true),
    SELF_HOSTED_RESIDUAL_SHARE(Scope.SELF_HOSTED, "residual_share", 0, 1),
    SELF_HOSTED_MAINTENANCE_SHARE_ANNUAL(Scope.SELF_HOSTED, "maintenance_share_annual", 0, 1),
    SELF_HOSTED_OPS_HOURS_PER_MONTH(Scope.SELF_HOSTED, "ops_hours_per_month", 0, 10_000),
    SELF_HOSTED_TOKENS_PER_SECOND(Scope.SELF_HOSTED, "tokens_per_second", 0.01, 10_000_000),

    USD_PER_GPU_HOUR(Scope.RENTED, "usd_per_gpu_hour", 0, 200),
    HOURS_PER_MONTH(Scope.RENTED, "hours_per_month", 1, 744),
    RENTED_OPS_HOURS_PER_MONTH(Scope.RENTED, "ops_hours_per_month", 0, 10_000),
    RENTED_TOKENS_PER_SECOND(Scope.RENTED, "tokens_per_second", 0.01, 10_000_000),

    INPUT_USD_PER_MTOK(Scope.API, "input_usd_per_mtok", 0, 1000),
    OUTPUT_USD_PER_MTOK(Scope.API, "output_usd_per_mtok", 0, 1000),
    CACHED_INPUT_USD_PER_MTOK(Scope.API, "cached_input_usd_per_mtok", 0, 1000),

    /** Multiplies every API price taken from the catalog (inline prices have their own paths). */
    API_PRICES(Scope.FACTORS, "api_prices", 0.01, 100),
    /** Multiplies every hardware price taken from the catalog. */
    HARDWARE_PRICES(Scope.FACTORS, "hardware_prices", 0.01, 100),
    /** Multiplies what every owned or rented option delivers: measured, given or estimated. */
    THROUGHPUT(Scope.FACTORS, "throughput", 0.01, 100);

    /** A yearly price change below −99.9 % is not a trend but a unit error. */
    public static final double MIN_CHANGE_ANNUAL = -0.999;
    /** Doubling every year is as steep a rise as the format accepts. */
    public static final double MAX_CHANGE_ANNUAL = 1.0;

    /** Where a field sits: the first segment of its path, or the option kind for option fields. */
    public enum Scope {
        WORKLOAD,
        ASSUMPTIONS,
        FACTORS,
        API,
        SELF_HOSTED,
        RENTED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean option() {
            return this == API || this == SELF_HOSTED || this == RENTED;
        }
    }

    private final Scope scope;
    private final String key;
    private final double min;
    private final double max;
    private final boolean whole;

    UncertainField(Scope scope, String key, double min, double max) {
        this(scope, key, min, max, false);
    }

    UncertainField(Scope scope, String key, double min, double max, boolean whole) {
        this.scope = scope;
        this.key = key;
        this.min = min;
        this.max = max;
        this.whole = whole;
    }

    public Scope scope() {
        return scope;
    }

    public String key() {
        return key;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Whole numbers only (months): draws are rounded to the nearest one. */
    public boolean whole() {
        return whole;
    }
}
