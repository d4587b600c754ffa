package dev.aichoose.model;

/** Scenario-wide defaults for owned and rented options; each option may override its own. */
public record Assumptions(
        double electricityUsdPerKwh,
        double pue,
        double opsHoursPerMonth,
        double opsUsdPerHour,
        double discountRateAnnual,
        double maintenanceShareAnnual,
        int lifetimeMonths,
        double residualShare) {

    /** Hours in a month, as Infracost and the design use: 8,760 / 12. */
    public static final double HOURS_PER_MONTH = 730;
}
