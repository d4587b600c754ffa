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
     * Owned hardware: the upfront ({@code count × unitPriceUsd + hosts × hostPriceUsd + extraUpfrontUsd})
     * is paid in month 1 and again every {@code lifetimeMonths}, less {@code residualShare} of it back
     * at each replacement; electricity, maintenance, colocation, the recurring lines and staff are paid
     * monthly (docs/methodology.md §4). A card needs one host for every {@code cardsPerHost} of it (0:
     * none bought); a unit's power is its GPUs' (for a server, its host's too). Electricity is the flat
     * figure when the scenario gives one, else the whole system's power at {@code powerLoadFactor}:
     * {@code (units × unitPowerW + hosts × hostPowerW) × load factor / 1000 × 730 × pue × price}.
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
            double opsUsdPerHour,
            String host,
            int cardsPerHost,
            double hostPriceUsd,
            double hostPowerW,
            double powerLoadFactor,
            double colocationUsdPerKwMonth,
            List<Option.RecurringCost> recurring)
            implements Costing {

        public Owned {
            recurring = recurring == null ? List.of() : List.copyOf(recurring);
        }

        /** Cards (or systems) with no host of their own, at their maximum power, with no colocation or recurring lines. */
        public Owned(
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
                double opsUsdPerHour) {
            this(
                    count,
                    unitPriceUsd,
                    extraUpfrontUsd,
                    lifetimeMonths,
                    residualShare,
                    flatElectricityUsdPerMonth,
                    unitPowerW,
                    pue,
                    electricityUsdPerKwh,
                    maintenanceShareAnnual,
                    opsHoursPerMonth,
                    opsUsdPerHour,
                    null,
                    0,
                    0,
                    0,
                    1,
                    0,
                    List.of());
        }

        /** Hosts that {@code units} cards go into: one per {@code cardsPerHost}, none without a host. */
        public int hostsFor(int units) {
            return cardsPerHost > 0
                    ? (int) Math.min(Integer.MAX_VALUE, ((long) units + cardsPerHost - 1) / cardsPerHost)
                    : 0;
        }

        public int hosts() {
            return hostsFor(count);
        }

        public double hardwareUsd() {
            return count * unitPriceUsd + hosts() * hostPriceUsd;
        }

        public double upfrontUsd() {
            return hardwareUsd() + extraUpfrontUsd;
        }

        /** The whole system's maximum power, in watts: the units' and their hosts'. */
        public double maxPowerW(int units, int hosts) {
            return units * unitPowerW + hosts * hostPowerW;
        }

        public double electricityUsdPerMonth() {
            return electricityUsdPerMonth(count, hosts());
        }

        /** For {@code units} in service in {@code hosts}: a flat figure is for {@code count} units and scales with them. */
        public double electricityUsdPerMonth(int units, int hosts) {
            return flatElectricityUsdPerMonth != null
                    ? units == count ? flatElectricityUsdPerMonth : flatElectricityUsdPerMonth * units / count
                    : maxPowerW(units, hosts)
                            * powerLoadFactor
                            / 1000
                            * Assumptions.HOURS_PER_MONTH
                            * pue
                            * electricityUsdPerKwh;
        }

        public double maintenanceUsdPerMonth() {
            return maintenanceUsdPerMonth(count, hosts());
        }

        public double maintenanceUsdPerMonth(int units, int hosts) {
            return (units * unitPriceUsd + hosts * hostPriceUsd) * maintenanceShareAnnual / 12;
        }

        /** Rack space, by the kW of maximum power it must provision. */
        public double colocationUsdPerMonth(int units, int hosts) {
            return maxPowerW(units, hosts) / 1000 * colocationUsdPerKwMonth;
        }

        public double colocationUsdPerMonth() {
            return colocationUsdPerMonth(count, hosts());
        }

        public double recurringUsdPerMonth() {
            double sum = 0;
            for (Option.RecurringCost r : recurring) sum += r.usdPerMonth();
            return sum;
        }

        public double staffUsdPerMonth() {
            return opsHoursPerMonth * opsUsdPerHour;
        }
    }

    /** Rented GPUs: the same bill every month, and the fixed lines the scenario adds (storage, egress). */
    record Rent(
            int gpus,
            double usdPerGpuHour,
            double hoursPerMonth,
            double opsHoursPerMonth,
            double opsUsdPerHour,
            List<Option.RecurringCost> recurring)
            implements Costing {
        public Rent {
            recurring = recurring == null ? List.of() : List.copyOf(recurring);
        }

        public Rent(
                int gpus, double usdPerGpuHour, double hoursPerMonth, double opsHoursPerMonth, double opsUsdPerHour) {
            this(gpus, usdPerGpuHour, hoursPerMonth, opsHoursPerMonth, opsUsdPerHour, List.of());
        }

        public double rentUsdPerMonth() {
            return rentUsdPerMonth(gpus);
        }

        public double rentUsdPerMonth(int gpusRented) {
            return gpusRented * usdPerGpuHour * hoursPerMonth;
        }

        public double recurringUsdPerMonth() {
            double sum = 0;
            for (Option.RecurringCost r : recurring) sum += r.usdPerMonth();
            return sum;
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
