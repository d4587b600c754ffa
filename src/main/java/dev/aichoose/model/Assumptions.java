package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Scenario-wide defaults for owned and rented options; each option may override its own.
 * {@code planningUtilisation} is the share of its throughput a replica may run at in the peak
 * hour when aichoose sizes a fleet ({@code count: auto}).
 * {@code apiPriceChangeAnnual} and {@code gpuRentChangeAnnual} are trends (−0.5 halves the price
 * each year), applied month by month from month 1's price. {@code powerLoadFactor} is the share of
 * its maximum power an owned system draws on average; {@code colocationUsdPerKwMonth} the rent of
 * rack space per kW of maximum power; {@code spotInterruptionsPerMonth} how often a spot instance is
 * taken back where the catalog does not say (NaN: not stated).
 *
 * <p>Fourteen numbers of one type: assembled by name with {@link AssumptionsBuilder}, never by
 * position. Not set, the planning utilisation and the power load factor are their {@link Defaults},
 * the trends and colocation 0 (prices flat, no rack rent), spot interruptions not stated.
 */
@RecordBuilder
public record Assumptions(
        double electricityUsdPerKwh,
        double pue,
        double opsHoursPerMonth,
        double opsUsdPerHour,
        double discountRateAnnual,
        double maintenanceShareAnnual,
        int lifetimeMonths,
        double residualShare,

        @RecordBuilder.Initializer(value = "PLANNING_UTILISATION", source = Defaults.class)
        double planningUtilisation,

        double apiPriceChangeAnnual,
        double gpuRentChangeAnnual,

        @RecordBuilder.Initializer(value = "POWER_LOAD_FACTOR", source = Defaults.class)
        double powerLoadFactor,

        double colocationUsdPerKwMonth,
        @RecordBuilder.Initializer("NOT_STATED") double spotInterruptionsPerMonth)
        implements AssumptionsBuilder.With {

    /** A rate the scenario does not state: {@code spotInterruptionsPerMonth} when not set. */
    public static final double NOT_STATED = Double.NaN;

    /** Hours in a month, as Infracost and the design use: 8,760 / 12. */
    public static final double HOURS_PER_MONTH = 730;

    /** What month m's API prices are, relative to month 1's. */
    public double apiPriceFactor(int month) {
        return trend(apiPriceChangeAnnual, month);
    }

    /** What month m's GPU-hour is, relative to month 1's. */
    public double gpuRentFactor(int month) {
        return trend(gpuRentChangeAnnual, month);
    }

    private static double trend(double changeAnnual, int month) {
        // exactly 1 without a trend, so a flat scenario's figures are untouched to the last bit
        return changeAnnual == 0 ? 1 : Math.pow(1 + changeAnnual, (month - 1) / 12.0);
    }
}
