package dev.aichoose.model;

import java.util.List;

/**
 * The resolved inputs the engine priced an option with (catalog and inline prices merged, defaults
 * applied). Reports that rebuild the arithmetic, such as the spreadsheet's formulas, start here.
 */
public sealed interface Costing {

    /**
     * Effective prices per million tokens after the service tier and the long-context tier, and the
     * share of input written to the prompt cache. Per query:
     * {@code (I·(1−c−w)·input + I·c·cachedInput + I·w·cacheWrite + O·output + R·reasoning) / 1e6}.
     */
    record PerToken(
            double inputUsdPerMtok,
            double cachedInputUsdPerMtok,
            double outputUsdPerMtok,
            double cacheWriteUsdPerMtok,
            double reasoningUsdPerMtok,
            double cacheWriteShare)
            implements Costing {

        /** Prices with no cache writes and reasoning billed as output. */
        public PerToken(double inputUsdPerMtok, double cachedInputUsdPerMtok, double outputUsdPerMtok) {
            this(inputUsdPerMtok, cachedInputUsdPerMtok, outputUsdPerMtok, inputUsdPerMtok, outputUsdPerMtok, 0);
        }

        /** Whether the two-term form {@code (O+R)·output} with no cache writes gives the same figure. */
        public boolean billsLikeInputAndOutputOnly() {
            return cacheWriteShare == 0 && reasoningUsdPerMtok == outputUsdPerMtok;
        }
    }

    /**
     * Owned hardware: the upfront ({@code count × unitPriceUsd + extraUpfrontUsd}) is paid in month 1
     * and again every {@code lifetimeMonths}, less {@code residualShare} of it back at each
     * replacement; electricity, maintenance and staff are paid monthly. Electricity is the flat
     * figure when the scenario gives one, else {@code count × unitPowerW / 1000 × 730 × pue × price}.
     */
    record Owned(
            int count,
            double unitPriceUsd,
            double extraUpfrontUsd,
            int lifetimeMonths,
            double residualShare,
            Double flatElectricityUsdPerMonth,
            double unitPowerW,
            double pue,
            double electricityUsdPerKwh,
            double maintenanceShareAnnual,
            double opsHoursPerMonth,
            double opsUsdPerHour)
            implements Costing {

        public double hardwareUsd() {
            return count * unitPriceUsd;
        }

        public double upfrontUsd() {
            return hardwareUsd() + extraUpfrontUsd;
        }

        public double electricityUsdPerMonth() {
            return electricityUsdPerMonth(count);
        }

        /** For {@code units} in service: a flat figure is for {@code count} units and scales with them. */
        public double electricityUsdPerMonth(int units) {
            return flatElectricityUsdPerMonth != null
                    ? units == count ? flatElectricityUsdPerMonth : flatElectricityUsdPerMonth * units / count
                    : units * unitPowerW / 1000 * Assumptions.HOURS_PER_MONTH * pue * electricityUsdPerKwh;
        }

        public double maintenanceUsdPerMonth() {
            return maintenanceUsdPerMonth(count);
        }

        public double maintenanceUsdPerMonth(int units) {
            return units * unitPriceUsd * maintenanceShareAnnual / 12;
        }

        public double staffUsdPerMonth() {
            return opsHoursPerMonth * opsUsdPerHour;
        }
    }

    /** Rented GPUs: the same bill every month. */
    record Rent(int gpus, double usdPerGpuHour, double hoursPerMonth, double opsHoursPerMonth, double opsUsdPerHour)
            implements Costing {
        public double rentUsdPerMonth() {
            return rentUsdPerMonth(gpus);
        }

        public double rentUsdPerMonth(int gpusRented) {
            return gpusRented * usdPerGpuHour * hoursPerMonth;
        }

        public double staffUsdPerMonth() {
            return opsHoursPerMonth * opsUsdPerHour;
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
