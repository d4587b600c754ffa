package dev.aichoose.model;

import java.util.List;

/**
 * The resolved inputs the engine priced an option with (catalog and inline prices merged, defaults
 * applied). Reports that rebuild the arithmetic, such as the spreadsheet's formulas, start here.
 */
public sealed interface Costing {

    /**
     * Effective prices per million tokens after the long-context tier and the batch discount.
     * Per query: {@code (I·(1−c)·input + I·c·cachedInput + (O+R)·output) / 1e6}.
     */
    record PerToken(double inputUsdPerMtok, double cachedInputUsdPerMtok, double outputUsdPerMtok) implements Costing {}

    /**
     * Owned hardware: {@code upfrontUsd} is paid in month 1 and again every {@code lifetimeMonths}
     * (less {@code residualShare × upfrontUsd} back at each replacement); the rest is paid monthly.
     */
    record Owned(
            double upfrontUsd,
            double hardwareUsd,
            int lifetimeMonths,
            double residualShare,
            double electricityUsdPerMonth,
            double maintenanceUsdPerMonth,
            double staffUsdPerMonth) implements Costing {}

    /** Rented GPUs: the same bill every month. */
    record Rent(int gpus, double usdPerGpuHour, double hoursPerMonth, double staffUsdPerMonth) implements Costing {
        public double rentUsdPerMonth() {
            return gpus * usdPerGpuHour * hoursPerMonth;
        }
    }

    /** A hybrid: each leg is another option carrying {@code share} of the queries; fixed costs count once. */
    record Mix(List<Leg> legs) implements Costing {
        public Mix {
            legs = List.copyOf(legs);
        }
    }

    record Leg(String option, double share) {}
}
