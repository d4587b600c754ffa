package dev.aichoose.cost;

import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.TokenShape;
import dev.aichoose.model.Traffic;
import dev.aichoose.model.Workload;
import dev.aichoose.serving.Chassis;
import dev.aichoose.serving.OperatingPoint;
import dev.aichoose.serving.ServingEstimate;
import dev.aichoose.serving.ServingModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The fleet an owned or rented option runs for the traffic it carries: a stated count in every
 * month, or with {@code count: auto} the units each month's peak needs (docs/methodology.md §11.8).
 * A replica is estimated at the carried classes' mean query, the need follows their generated
 * tokens, and memory must hold one request of the longest class carried.
 */
public final class FleetPlanner {
    private final Scenario scenario;
    private final Catalog catalog;
    private final Workload workload;
    private final HardwarePricing pricing;
    // by identity: an option is a record whose hash walks all its fields, and plans are read per month;
    // then by the traffic carried (its classes and shapes), which a routing search varies
    private final IdentityHashMap<Option, Map<Traffic, Plan>> plans = new IdentityHashMap<>();
    // a replica depends on the option and the mean query it serves, whatever classes make that mean
    private final IdentityHashMap<Option, Map<TokenShape, Replica>> replicas = new IdentityHashMap<>();

    FleetPlanner(Scenario scenario, Catalog catalog, HardwarePricing pricing) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.workload = scenario.workload();
        this.pricing = pricing;
    }

    /**
     * A sized option's unit, its replica, and each month's peak need, for the traffic it carries.
     *
     * @param longest one request of the longest class carried, on the replica, with the classes of that
     *     shape; empty when the replica's own estimate is at that shape (one shape carried)
     */
    @SuppressWarnings("ArrayRecordComponent") // arrays read by index, never compared or hashed
    public record Plan(
            Fleet fleet,
            Replica replica,
            double[] requiredTokensPerSecond,
            java.util.Optional<LongestRequest> longest) {}

    /**
     * What memory holds of the longest request a fleet carries: one stream of it, on the replica.
     *
     * @param classes the classes of that shape
     */
    public record LongestRequest(java.util.List<String> classes, TokenShape shape, ServingEstimate estimate) {}

    /**
     * Peak generated tokens per second for a month's queries carrying {@code traffic}: the queries it
     * carries times their mean generated tokens ({@code Σ share × (O + R)} over its classes), at the
     * average rate times the peak factor.
     */
    public double requiredTokensPerSecond(Traffic traffic, double queriesInMonth) {
        return traffic.share()
                * queriesInMonth
                * traffic.mean().generatedTokensPerQuery()
                / (Assumptions.HOURS_PER_MONTH * 3600)
                * workload.peakToAverage();
    }

    /** What a replica serves for this traffic: the workload at the carried classes' mean query. */
    private Workload servedFor(Traffic traffic) {
        // without class shapes the mean is the workload's own shape: the workload itself, to the bit
        return workload.hasClassShapes() ? workload.servedAs(traffic.mean()) : workload;
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
                yield Chassis.of(gpu);
            }
            case Option.Rented r -> {
                CloudOffer offer = catalog.cloudOffers().get(r.offer());
                yield Chassis.instance(catalog.gpus().get(offer.gpu()), offer.gpus(), offer.id());
            }
        };
    }

    /** The option's replica serving {@code traffic}'s mean query; estimated once per option and mean. */
    public Replica replica(Option.Sized option, Traffic traffic) {
        Map<TokenShape, Replica> byShape = replicas.computeIfAbsent(option, k -> new HashMap<>());
        TokenShape mean = traffic.mean();
        Replica replica = byShape.get(mean);
        if (replica == null) {
            replica = replica(option, servedFor(traffic));
            if (option.autoCount()) replica = narrowerIfFewer(option, traffic, replica);
            byShape.put(mean, replica);
        }
        return replica;
    }

    /**
     * A sized fleet's replica: the one spread over several units to hold the server's streams, or one
     * unit serving the streams it holds, whichever carries the horizon's peak load with fewer units
     * (the spread one when they tie). A small load that one-unit replicas carry in fewer units than the
     * spread replica's own width is not bought a wider fleet than a stated count would serve it with
     * (docs/methodology.md §11.9).
     */
    private Replica narrowerIfFewer(Option.Sized option, Traffic traffic, Replica spread) {
        int perUnit = gpusPerUnit(option);
        if (spread.gpus() <= perUnit || option.serving().autoReplica() || !spread.delivers()) return spread;
        Replica narrow = Replica.of(
                servedFor(traffic),
                chassis(option),
                catalog.openModels().get(option.serving().model()),
                option.serving(),
                perUnit,
                catalog.calibration());
        if (!narrow.delivers() || narrow.gpus() != perUnit) return spread;
        double[] required = required(option, traffic);
        int spreadUnits =
                Arrays.stream(sizedUnits(option, required, spread)).max().orElse(0);
        int narrowUnits =
                Arrays.stream(sizedUnits(option, required, narrow)).max().orElse(0);
        return narrowUnits < spreadUnits ? narrow : spread;
    }

    /** Peak generated tokens/s each month (index 0 is month 1) that the option's fleet must carry. */
    private double[] required(Option.Sized option, Traffic traffic) {
        double[] required = new double[scenario.horizonMonths()];
        // a spot fleet carries the load with the capacity its interruptions and restarts take away
        double kept = option instanceof Option.Rented r ? 1 - pricing.rent(r).lostShare() : 1;
        for (int m = 1; m <= required.length; m++)
            required[m - 1] = requiredTokensPerSecond(traffic, workload.queriesInMonth(m)) / kept;
        return required;
    }

    /** Never fewer units than hold one replica, so that an idle month still serves. */
    private int minimumUnits(Option.Sized option, Replica replica) {
        return Math.max(option.count(), FleetSizing.unitsFor(1, replica.gpus(), gpusPerUnit(option)));
    }

    /** The units a sized fleet of {@code replica} needs each month to carry {@code required}. */
    private int[] sizedUnits(Option.Sized option, double[] required, Replica replica) {
        return FleetSizing.unitsNeeded(
                required,
                replica.tokensPerSecond(),
                replica.gpus(),
                gpusPerUnit(option),
                scenario.assumptions().planningUtilisation(),
                minimumUnits(option, replica));
    }

    private Replica replica(Option.Sized option, Workload served) {
        return Replica.of(
                served,
                chassis(option),
                catalog.openModels().get(option.serving().model()),
                option.serving(),
                option.autoCount()
                        ? Integer.MAX_VALUE
                        : (int) Math.min(Integer.MAX_VALUE, (long) option.count() * gpusPerUnit(option)),
                catalog.calibration());
    }

    /** The fleet carrying {@code traffic}; planned once per option and traffic. */
    public Plan plan(Option.Sized option, Traffic traffic) {
        Map<Traffic, Plan> byTraffic = plans.computeIfAbsent(option, k -> new HashMap<>());
        Plan plan = byTraffic.get(traffic);
        if (plan == null) {
            plan = plan(
                    option,
                    traffic,
                    option instanceof Option.SelfHosted s ? pricing.owned(s).lifetimeMonths() : 1);
            byTraffic.put(traffic, plan);
        }
        return plan;
    }

    /** What steady-state sizing needs of an option, resolved once: the crossover search asks thousands of times. */
    private record Steady(
            boolean sized,
            int count,
            double replicaTokensPerSecond,
            int gpusPerReplica,
            int gpusPerUnit,
            int minimumUnits) {}

    private final IdentityHashMap<Option, Map<Traffic, Steady>> steady = new IdentityHashMap<>();

    /** Units a sized option needs at a steady monthly volume carrying {@code traffic} (its stated count otherwise). */
    int steadyUnits(Option.Sized option, Traffic traffic, double queriesPerMonth) {
        Steady st = steady(option, traffic);
        if (!st.sized()) return st.count();
        double kept = option instanceof Option.Rented r ? 1 - pricing.rent(r).lostShare() : 1;
        int replicas = FleetSizing.replicasNeeded(
                requiredTokensPerSecond(traffic, queriesPerMonth) / kept,
                st.replicaTokensPerSecond(),
                scenario.assumptions().planningUtilisation());
        return Math.max(st.minimumUnits(), FleetSizing.unitsFor(replicas, st.gpusPerReplica(), st.gpusPerUnit()));
    }

    private Steady steady(Option.Sized option, Traffic traffic) {
        Map<Traffic, Steady> byTraffic = steady.computeIfAbsent(option, k -> new HashMap<>());
        Steady st = byTraffic.get(traffic);
        if (st == null) {
            Replica replica = replica(option, traffic);
            int perUnit = gpusPerUnit(option);
            st = new Steady(
                    option.autoCount() && replica.delivers(),
                    option.count(),
                    replica.tokensPerSecond(),
                    replica.gpus(),
                    perUnit,
                    minimumUnits(option, replica));
            byTraffic.put(traffic, st);
        }
        return st;
    }

    /**
     * One request of the longest class carried, on the replica at its operating point: memory must hold
     * its whole context once. Empty when the traffic has one shape, which the replica's estimate is at.
     */
    private java.util.Optional<LongestRequest> longest(Traffic traffic, Replica replica) {
        if (traffic.slices().size() < 2) return java.util.Optional.empty();
        TokenShape longest = traffic.longest();
        if (longest.equals(traffic.mean())) return java.util.Optional.empty();
        java.util.List<String> classes = java.util.List.of();
        for (Traffic.Slice s : traffic.slices()) if (s.shape().equals(longest)) classes = s.classes();
        OperatingPoint p = replica.point();
        OperatingPoint one = new OperatingPoint(
                p.gpu(),
                p.gpus(),
                p.parallelism(),
                p.model(),
                p.quantization(),
                p.kvPrecision(),
                p.engine(),
                1,
                longest.inputTokensPerQuery(),
                Math.max(1, longest.generatedTokensPerQuery()));
        return java.util.Optional.of(
                new LongestRequest(classes, longest, ServingModel.estimate(one, catalog.calibration())));
    }

    /** @param lifetimeMonths each owned purchase's lifetime (ignored for rented hardware) */
    private Plan plan(Option.Sized option, Traffic traffic, int lifetimeMonths) {
        int horizon = scenario.horizonMonths();
        double[] required = required(option, traffic);
        Replica replica = replica(option, traffic);
        double share = traffic.share();
        int perUnit = gpusPerUnit(option);
        int[] units;
        Fleet.Sizing sizing = null;
        if (option.autoCount() && replica.delivers()) {
            int minimum = minimumUnits(option, replica);
            double utilisation = scenario.assumptions().planningUtilisation();
            units = sizedUnits(option, required, replica);
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
        return new Plan(fleet, replica, required, longest(traffic, replica));
    }
}
