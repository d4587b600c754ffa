package dev.aichoose.model;

/**
 * Scenario-wide defaults for owned and rented options; each option may override its own.
 * {@code planningUtilisation} is the share of its throughput a replica may run at in the peak
 * hour when aichoose sizes a fleet ({@code count: auto}).
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
        double planningUtilisation) {

    /** With the default planning utilisation. */
    public Assumptions(double electricityUsdPerKwh, double pue, double opsHoursPerMonth, double opsUsdPerHour,
            double discountRateAnnual, double maintenanceShareAnnual, int lifetimeMonths, double residualShare) {
        this(electricityUsdPerKwh, pue, opsHoursPerMonth, opsUsdPerHour, discountRateAnnual, maintenanceShareAnnual,
                lifetimeMonths, residualShare, Defaults.PLANNING_UTILISATION);
    }

    /** Hours in a month, as Infracost and the design use: 8,760 / 12. */
    public static final double HOURS_PER_MONTH = 730;
}
