package dev.aichoose.model;

/**
 * Scenario-wide defaults for owned and rented options; each option may override its own.
 * {@code planningUtilisation} is the share of its throughput a replica may run at in the peak
 * hour when aichoose sizes a fleet ({@code count: auto}).
 * {@code apiPriceChangeAnnual} and {@code gpuRentChangeAnnual} are trends (−0.5 halves the price
 * each year), applied month by month from month 1's price. {@code powerLoadFactor} is the share of
 * its maximum power an owned system draws on average; {@code colocationUsdPerKwMonth} the rent of
 * rack space per kW of maximum power; {@code spotInterruptionsPerMonth} how often a spot instance is
 * taken back where the catalog does not say (NaN: not stated).
 */
public record Assumptions(
        double electricityUsdPerKwh,
        double pue,
        double opsHoursPerMonth,
        double opsUsdPerHour,
        double discountRateAnnual,
        double maintenanceShareAnnual,
        int lifetimeMonths,
        double residualShare,
        double planningUtilisation,
        double apiPriceChangeAnnual,
        double gpuRentChangeAnnual,
        double powerLoadFactor,
        double colocationUsdPerKwMonth,
        double spotInterruptionsPerMonth) {

    /** With the whole system at its maximum power, no colocation and no spot interruptions of its own. */
    public Assumptions(
            double electricityUsdPerKwh,
            double pue,
            double opsHoursPerMonth,
            double opsUsdPerHour,
            double discountRateAnnual,
            double maintenanceShareAnnual,
            int lifetimeMonths,
            double residualShare,
            double planningUtilisation,
            double apiPriceChangeAnnual,
            double gpuRentChangeAnnual) {
        this(
                electricityUsdPerKwh,
                pue,
                opsHoursPerMonth,
                opsUsdPerHour,
                discountRateAnnual,
                maintenanceShareAnnual,
                lifetimeMonths,
                residualShare,
                planningUtilisation,
                apiPriceChangeAnnual,
                gpuRentChangeAnnual,
                Defaults.POWER_LOAD_FACTOR,
                0,
                Double.NaN);
    }

    /** With the default planning utilisation, and prices held flat. */
    public Assumptions(
            double electricityUsdPerKwh,
            double pue,
            double opsHoursPerMonth,
            double opsUsdPerHour,
            double discountRateAnnual,
            double maintenanceShareAnnual,
            int lifetimeMonths,
            double residualShare) {
        this(
                electricityUsdPerKwh,
                pue,
                opsHoursPerMonth,
                opsUsdPerHour,
                discountRateAnnual,
                maintenanceShareAnnual,
                lifetimeMonths,
                residualShare,
                Defaults.PLANNING_UTILISATION,
                0,
                0);
    }

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
