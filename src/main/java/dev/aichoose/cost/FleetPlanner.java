package dev.aichoose.cost;

import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Workload;
import dev.aichoose.serving.Chassis;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The fleet an owned or rented option runs when it carries a share of the queries: a stated count
 * in every month, or with {@code count: auto} the units each month's peak needs
 * (docs/methodology.md §11.8).
 */
public final class FleetPlanner {
    private final Scenario scenario;
    private final Catalog catalog;
    private final Workload workload;
    private final HardwarePricing pricing;
    // by identity: an option is a record whose hash walks all its fields, and plans are read per month
    private final IdentityHashMap<Option, Map<Double, Plan>> plans = new IdentityHashMap<>();

    FleetPlanner(Scenario scenario, Catalog catalog, HardwarePricing pricing) {
        this.scenario = scenario;
        this.catalog = catalog;
        // with classes of their own shape, a replica serves and the fleet generates the classes' mean query
        this.workload = scenario.workload().hasClassShapes()
                ? scenario.workload().servedAs(scenario.workload().traffic().mean())
                : scenario.workload();
        this.pricing = pricing;
    }

    /** A sized option's unit, its replica, and each month's peak need. */
    @SuppressWarnings("ArrayRecordComponent") // arrays read by index, never compared or hashed
    public record Plan(Fleet fleet, Replica replica, double[] requiredTokensPerSecond) {}

    /**
     * Peak generated tokens per second for a month's queries: average rate times the peak factor, each
     * query generating the classes' mean (Σ share × (O + R)).
     */
    public double requiredTokensPerSecond(double queriesInMonth) {
        return queriesInMonth
                * workload.generatedTokensPerQuery()
                / (Assumptions.HOURS_PER_MONTH * 3600)
                * workload.peakToAverage();
    }

    public Gpu gpu(Option.Sized option) {
        return switch (option) {
            case Option.SelfHosted s -> catalog.gpus().get(s.hardware());
            case Option.Rented r ->
                catalog.gpus().get(catalog.cloudOffers().get(r.offer()).gpu());
        };
    }

    public int gpusPerUnit(Option.Sized option) {
        return switch (option) {
            case Option.SelfHosted s -> catalog.gpus().get(s.hardware()).gpusPerSystem();
            case Option.Rented r -> {
                CloudOffer offer = catalog.cloudOffers().get(r.offer());
                yield offer.gpus();
            }
        };
    }

    /** What one replica of the option may span: one system, one instance, or one box of loose cards. */
    public Chassis chassis(Option.Sized option) {
        return switch (option) {
            case Option.SelfHosted s -> {
                Gpu gpu = catalog.gpus().get(s.hardware());
                yield gpu.isSystem() ? Chassis.system(gpu) : Chassis.cards(gpu);
            }
            case Option.Rented r -> {
                CloudOffer offer = catalog.cloudOffers().get(r.offer());
                yield Chassis.instance(catalog.gpus().get(offer.gpu()), offer.gpus(), offer.id());
            }
        };
    }

    public Replica replica(Option.Sized option) {
        return Replica.of(
                workload,
                chassis(option),
                catalog.openModels().get(option.serving().model()),
                option.serving(),
                option.autoCount()
                        ? Integer.MAX_VALUE
                        : (int) Math.min(Integer.MAX_VALUE, (long) option.count() * gpusPerUnit(option)),
                catalog.calibration());
    }

    /** The fleet carrying {@code share} of the queries; planned once per option and share. */
    public Plan plan(Option.Sized option, double share) {
        return plans.computeIfAbsent(option, k -> new HashMap<>())
                .computeIfAbsent(
                        share,
                        k -> plan(
                                option,
                                share,
                                option instanceof Option.SelfHosted s
                                        ? pricing.owned(s).lifetimeMonths()
                                        : 1));
    }

    /** What steady-state sizing needs of an option, resolved once: the crossover search asks thousands of times. */
    private record Steady(
            boolean sized,
            int count,
            double replicaTokensPerSecond,
            int gpusPerReplica,
            int gpusPerUnit,
            int minimumUnits) {}

    private final IdentityHashMap<Option, Steady> steady = new IdentityHashMap<>();

    /** Units a sized option needs at a steady monthly volume (its stated count otherwise). */
    int steadyUnits(Option.Sized option, double share, double queriesPerMonth) {
        Steady st = steady.computeIfAbsent(option, k -> {
            Replica replica = plan(option, 1.0).replica();
            int perUnit = gpusPerUnit(option);
            return new Steady(
                    option.autoCount() && replica.delivers(),
                    option.count(),
                    replica.tokensPerSecond(),
                    replica.gpus(),
                    perUnit,
                    Math.max(option.count(), FleetSizing.unitsFor(1, replica.gpus(), perUnit)));
        });
        if (!st.sized()) return st.count();
        double kept = option instanceof Option.Rented r ? 1 - pricing.rent(r).lostShare() : 1;
        int replicas = FleetSizing.replicasNeeded(
                requiredTokensPerSecond(share * queriesPerMonth) / kept,
                st.replicaTokensPerSecond(),
                scenario.assumptions().planningUtilisation());
        return Math.max(st.minimumUnits(), FleetSizing.unitsFor(replicas, st.gpusPerReplica(), st.gpusPerUnit()));
    }

    /** @param lifetimeMonths each owned purchase's lifetime (ignored for rented hardware) */
    private Plan plan(Option.Sized option, double share, int lifetimeMonths) {
        int horizon = scenario.horizonMonths();
        double[] required = new double[horizon];
        // a spot fleet carries the load with the capacity its interruptions and restarts take away
        double kept = option instanceof Option.Rented r ? 1 - pricing.rent(r).lostShare() : 1;
        for (int m = 1; m <= horizon; m++)
            required[m - 1] = requiredTokensPerSecond(share * workload.queriesInMonth(m)) / kept;
        Replica replica = replica(option);
        int perUnit = gpusPerUnit(option);
        int[] units;
        Fleet.Sizing sizing = null;
        if (option.autoCount() && replica.delivers()) {
            // never fewer units than hold one replica, so that an idle month still serves
            int minimum = Math.max(option.count(), FleetSizing.unitsFor(1, replica.gpus(), perUnit));
            double utilisation = scenario.assumptions().planningUtilisation();
            units = FleetSizing.unitsNeeded(
                    required, replica.tokensPerSecond(), replica.gpus(), perUnit, utilisation, minimum);
            sizing = new Fleet.Sizing(share, replica.tokensPerSecond(), replica.gpus(), minimum, utilisation);
        } else {
            units = FleetSchedule.constant(option.count(), horizon);
        }
        int term = option instanceof Option.Rented r ? pricing.rent(r).termMonths() : 0;
        // a reservation is paid for its whole term: the most the term needs, every month of it
        if (term > 0) units = FleetSchedule.heldForTerms(units, term);
        Fleet fleet = option instanceof Option.SelfHosted
                ? FleetSchedule.owned(units, lifetimeMonths, option.autoCount(), perUnit)
                : FleetSchedule.rented(units, option.autoCount(), perUnit);
        if (option instanceof Option.SelfHosted s && pricing.owned(s).cardsPerHost() > 0) {
            // owned cards are bought with the hosts they go into
            fleet = fleet.withHosts(FleetSchedule.hosts(fleet, pricing.owned(s).cardsPerHost(), lifetimeMonths));
        }
        if (sizing != null) fleet = fleet.withSizing(sizing);
        if (replica.delivers()) {
            double peak =
                    FleetSizing.peakUtilisation(required, units, replica.tokensPerSecond(), replica.gpus(), perUnit);
            // infinite when a stated count holds no whole replica: that option is infeasible, and says why
            if (Double.isFinite(peak)) fleet = fleet.withPeakUtilisation(peak);
        }
        return new Plan(fleet, replica, required);
    }
}
