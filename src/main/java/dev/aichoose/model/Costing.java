package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
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
    @RecordBuilder
    record PerToken(
            double inputUsdPerMtok,
            double cachedInputUsdPerMtok,
            double outputUsdPerMtok,
            double cacheWriteUsdPerMtok,
            double reasoningUsdPerMtok,
            double cacheWriteShare)
            implements Costing {

        /** Prices with no cache writes and reasoning billed as output. */
        public static PerToken inputAndOutput(
                double inputUsdPerMtok, double cachedInputUsdPerMtok, double outputUsdPerMtok) {
            return CostingPerTokenBuilder.builder()
                    .inputUsdPerMtok(inputUsdPerMtok)
                    .cachedInputUsdPerMtok(cachedInputUsdPerMtok)
                    .outputUsdPerMtok(outputUsdPerMtok)
                    .cacheWriteUsdPerMtok(inputUsdPerMtok)
                    .reasoningUsdPerMtok(outputUsdPerMtok)
                    .build();
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
    @RecordBuilder
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

        /**
         * The same hardware at {@code units} units: a flat electricity figure, stated for {@code count}
         * units, scales with them as {@link #electricityUsdPerMonth(int, int)} scales it.
         */
        public Owned withCount(int units) {
            return CostingOwnedBuilder.builder(this)
                    .count(units)
                    // boxed on both sides: a mixed conditional would unbox a null flat figure
                    .flatElectricityUsdPerMonth(
                            flatElectricityUsdPerMonth == null || units == count
                                    ? flatElectricityUsdPerMonth
                                    : Double.valueOf(flatElectricityUsdPerMonth * units / count))
                    .build();
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

    /**
     * Rented GPUs (docs/methodology.md §5): on-demand, spot and reserved instances bill every hour of
     * {@code hoursPerMonth}; a serverless flex worker ({@code serverless} not null) bills the seconds it
     * runs. {@code tier} is the offer's; {@code lostShare} the share of a spot instance's time lost to
     * interruptions and restarts (0 otherwise); {@code termMonths} a reservation's commitment (0 for
     * none). {@code recurring} are the fixed lines the scenario adds (storage, egress).
     */
    @RecordBuilder
    record Rent(
            int gpus,
            double usdPerGpuHour,
            double hoursPerMonth,
            double opsHoursPerMonth,
            double opsUsdPerHour,
            List<Option.RecurringCost> recurring,
            String tier,
            Serverless serverless,
            double lostShare,
            int termMonths)
            implements Costing {
        public Rent {
            recurring = recurring == null ? List.of() : List.copyOf(recurring);
            if (tier == null) tier = CloudOffer.ON_DEMAND;
        }

        /** The same rent with other serverless terms. */
        public Rent withServerless(Serverless terms) {
            return CostingRentBuilder.builder(this).serverless(terms).build();
        }

        /** GPUs in one instance or worker. */
        public int gpusPerInstance(int instances) {
            return instances > 0 ? gpus / instances : gpus;
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

    /**
     * One option a hybrid routes to and the share of all queries it carries; {@code fleet} the owned or
     * rented fleet the leg runs for the classes it carries (its sizing at their mean query, which the
     * workbook rebuilds), empty for an API leg.
     */
    record Leg(String option, double share, java.util.Optional<Fleet> fleet) {
        public Leg {
            if (fleet == null) fleet = java.util.Optional.empty();
        }

        /** How aichoose sized the leg's fleet ({@code count: auto}); empty for a stated count or an API. */
        public java.util.Optional<Fleet.Sizing> sizing() {
            return fleet.flatMap(Fleet::sizing);
        }
    }

    /**
     * How a serverless flex worker is billed (docs/methodology.md §5.2): per second from its start to
     * its stop, each start a cold start of {@code coldStartSeconds}, kept up {@code idleTimeoutSeconds}
     * after its last request, each run rounded up to {@code billingIncrementSeconds}.
     */
    @RecordBuilder
    record Serverless(
            double idleTimeoutSeconds,
            double billingIncrementSeconds,
            double coldStartSeconds,
            double replicaTokensPerSecond,
            int gpusPerReplica,
            int gpusPerWorker) {

        /** Billing terms before the replica is known. */
        public static Serverless terms(
                double idleTimeoutSeconds, double billingIncrementSeconds, double coldStartSeconds) {
            return CostingServerlessBuilder.builder()
                    .idleTimeoutSeconds(idleTimeoutSeconds)
                    .billingIncrementSeconds(billingIncrementSeconds)
                    .coldStartSeconds(coldStartSeconds)
                    .replicaTokensPerSecond(Double.NaN)
                    .gpusPerReplica(1)
                    .gpusPerWorker(1)
                    .build();
        }

        /** The same terms for a replica generating {@code tokensPerSecond} on {@code gpus} GPUs of a worker's {@code perWorker}. */
        public Serverless withReplica(double tokensPerSecond, int gpus, int perWorker) {
            return new Serverless(
                    idleTimeoutSeconds, billingIncrementSeconds, coldStartSeconds, tokensPerSecond, gpus, perWorker);
        }

        /** Worker-seconds of work to generate {@code tokens}: at the replica's throughput, its share of a worker. */
        public double busySeconds(double tokens) {
            if (!(replicaTokensPerSecond > 0)) return tokens > 0 ? Double.POSITIVE_INFINITY : 0;
            return tokens / replicaTokensPerSecond * gpusPerReplica / gpusPerWorker;
        }

        /**
         * A month's billing for one worker-pool: {@code queries} arriving at random (a Poisson stream)
         * over the month, {@code busySeconds} of work at the replica's operating point, at most
         * {@code workers} running. A worker is up from a cold start until a gap of the idle timeout
         * passes with no request: with arrival rate λ, a run lasts {@code c + (e^{λT} − 1)/λ}, the wait
         * for the next request {@code 1/λ}, so the share of the month it is up waiting is
         * {@code (λc + e^{λT} − 1) / (λc + e^{λT})} of the time it is not working. Busy share
         * {@code u = busy / month}: billed {@code busy + (1 − u) × (month × that share + runs × increment / 2)},
         * each run rounded up by half an increment on average, never more than {@code workers} for the whole month.
         */
        public Billed billed(double queries, double busySeconds, int workers) {
            if (!(queries > 0)) return new Billed(0, 0, 0);
            double month = Assumptions.HOURS_PER_MONTH * 3600;
            double lambda = queries / month;
            double growth = Math.exp(Math.min(700, lambda * idleTimeoutSeconds));
            double cycle = lambda * coldStartSeconds + growth;
            double upShare = (cycle - 1) / cycle;
            double runs = month * lambda / cycle;
            double busyShare = Math.min(1, busySeconds / month);
            double seconds = busySeconds + (1 - busyShare) * (month * upShare + runs * billingIncrementSeconds / 2);
            double cap = Math.max(1, workers) * month;
            return new Billed(Math.min(seconds, cap) / 3600, runs, runs / queries);
        }
    }

    /**
     * A serverless month: worker-hours billed, cold starts, and the share of requests that wait for one.
     */
    record Billed(double workerHours, double coldStarts, double coldShare) {}
}
