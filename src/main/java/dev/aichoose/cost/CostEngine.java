package dev.aichoose.cost;

import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.CostParts;
import dev.aichoose.model.OptionResult.MonthlyCost;
import dev.aichoose.model.OptionResultBuilder;
import dev.aichoose.model.OptionResultCostPartsBuilder;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.TokenShape;
import dev.aichoose.model.Traffic;
import dev.aichoose.model.Workload;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices each option month by month over the horizon (docs/methodology.md §3–§8): its cash flows,
 * salvage, TCO and NPV. Feasibility, capacity, hardware prices and descriptions each have a class
 * of their own; this one adds up the money. Pure: values in, values out, so analysis can call it
 * thousands of times.
 */
public final class CostEngine {
    private final Scenario scenario;
    private final Workload workload;
    private final Assumptions assumptions;
    private final Map<String, Option> options = new LinkedHashMap<>();
    // by identity: an option is a record whose hash walks all its fields, and this is read per month
    private final IdentityHashMap<Option, Costing> costings = new IdentityHashMap<>();
    // an API's prices and cost per query for each shape it carries (a long-context tier follows the input)
    private final IdentityHashMap<Option, Map<TokenShape, Costing.PerToken>> shapePrices = new IdentityHashMap<>();
    private final Traffic allTraffic;
    private final ApiPricing apiPricing;
    private final HardwarePricing hardware;
    private final FleetPlanner fleets;
    private final CapacityCheck capacity;
    private final Feasibility feasibility;

    public CostEngine(Scenario scenario, Catalog catalog, List<Option> options) {
        this.scenario = scenario;
        this.workload = scenario.workload();
        this.assumptions = scenario.assumptions();
        this.apiPricing = new ApiPricing(catalog, workload);
        this.allTraffic = workload.traffic();
        options.forEach(o -> this.options.put(o.id(), o));
        this.hardware = new HardwarePricing(catalog, assumptions);
        this.fleets = new FleetPlanner(scenario, catalog, hardware);
        this.capacity = new CapacityCheck(scenario, catalog, fleets, this::tco);
        this.feasibility = new Feasibility(scenario, catalog, this.options, capacity);
    }

    public static OptionKind kindOf(Option option) {
        return switch (option) {
            case Option.Api a -> OptionKind.API;
            case Option.SelfHosted s -> OptionKind.SELF_HOSTED;
            case Option.Rented r -> OptionKind.RENTED;
            case Option.Hybrid h -> OptionKind.HYBRID;
        };
    }

    /** The class-by-class constraint checks over this engine's options, for routing. */
    public Feasibility feasibility() {
        return feasibility;
    }

    /** Evaluates an option; a hybrid's routes must name options this engine was built with. */
    public OptionResult evaluate(Option option) {
        int horizon = scenario.horizonMonths();
        Costing costing = costing(option);
        Feasibility.Result checked = feasibility.check(option);

        List<MonthlyCost> monthly = new ArrayList<>(horizon);
        double cumulative = 0;
        double npv = 0;
        double queries = 0;
        double rate = assumptions.discountRateAnnual();
        for (int m = 1; m <= horizon; m++) {
            CostParts parts = parts(option, allTraffic, m);
            double cost = parts.total();
            cumulative += cost;
            double q = workload.queriesInMonth(m);
            queries += q;
            npv += cost / Math.pow(1 + rate, m / 12.0);
            monthly.add(new MonthlyCost(m, q, cost, cumulative, parts));
        }
        double salvage = salvage(option, allTraffic);
        npv -= salvage / Math.pow(1 + rate, horizon / 12.0);
        double tco = cumulative - salvage;
        List<Option.Route> routing = option instanceof Option.Hybrid h ? h.routes() : List.of();
        return OptionResultBuilder.builder()
                .id(option.id())
                .kind(kindOf(option))
                .description(Descriptions.describe(option))
                .feasible(checked.problems().isEmpty())
                .problems(checked.problems())
                .upfrontUsd(upfront(option, allTraffic))
                .monthly(monthly)
                .totalCashUsd(cumulative)
                .salvageUsd(salvage)
                .tcoUsd(tco)
                .npvUsd(npv)
                .costPerQueryUsd(queries > 0 ? tco / queries : 0)
                .steadyMonthlyUsd(steadyMonthly(option, workload.queriesPerMonth()))
                .capacity(checked.capacity().orElse(null))
                .costing(costing)
                .routing(routing)
                .classCosts(classCosts(option))
                .servedBy(servedBy(option))
                .build();
    }

    /** The kinds that serve the option's traffic: its own, or a hybrid's legs'. */
    private java.util.Set<OptionKind> servedBy(Option option) {
        if (!(option instanceof Option.Hybrid h)) return java.util.Set.of(kindOf(option));
        java.util.Set<OptionKind> kinds = java.util.EnumSet.noneOf(OptionKind.class);
        for (Option.Route r : h.routes()) {
            Option leg = options.get(r.option());
            if (leg != null) kinds.add(kindOf(leg));
        }
        return kinds.isEmpty() ? java.util.Set.of(OptionKind.HYBRID) : kinds;
    }

    /** What a query of each class costs on the API that carries it (none for owned or rented hardware). */
    private List<OptionResult.ClassCost> classCosts(Option option) {
        List<OptionResult.ClassCost> costs = new ArrayList<>();
        switch (option) {
            case Option.Api a -> {
                for (String c : workload.trafficClassNames()) costs.add(classCost(a, c));
            }
            case Option.Hybrid h -> {
                for (Option.Route r : h.routes()) {
                    if (options.get(r.option()) instanceof Option.Api a) costs.add(classCost(a, r.workloadClass()));
                }
            }
            case Option.Sized s -> {}
        }
        return costs;
    }

    private OptionResult.ClassCost classCost(Option.Api a, String workloadClass) {
        TokenShape shape = workload.shapeOf(workloadClass);
        Costing.PerToken prices = prices(a, shape);
        double share = workload.shareOf(workloadClass);
        double perQuery = ApiPricing.perQuery(prices, shape);
        return new OptionResult.ClassCost(
                workloadClass,
                a.id(),
                share,
                perQuery,
                share * workload.queriesInMonth(1) * perQuery * assumptions.apiPriceFactor(1),
                prices);
    }

    /**
     * The option's TCO and feasibility exactly as {@link #evaluate} figures them, without the monthly
     * records, the problems' wording or the descriptions: what each simulation draw needs.
     */
    public double tcoUsd(Option option) {
        int horizon = scenario.horizonMonths();
        double cumulative = 0;
        switch (option) {
            // an API's month is its usage alone: the other parts are zeros, which add nothing to the sum
            case Option.Api a -> {
                for (int m = 1; m <= horizon; m++) cumulative += usage(a, allTraffic, m);
            }
            case Option.Sized s -> {
                FleetPlanner.Plan plan = fleets.plan(s, allTraffic);
                for (int m = 1; m <= horizon; m++)
                    cumulative += parts(s, plan, allTraffic, m).total();
            }
            case Option.Hybrid h -> {
                for (int m = 1; m <= horizon; m++)
                    cumulative += parts(h, allTraffic, m).total();
            }
        }
        return cumulative - salvage(option, allTraffic);
    }

    /** Whether {@link #evaluate} finds the option free of problems. */
    public boolean feasible(Option option) {
        return feasibility.feasible(option);
    }

    // ---- costing: the resolved inputs

    /** Resolved once per option: the monthly loop and the crossover search read it many times. */
    public Costing costing(Option option) {
        // get, then put: computeIfAbsent would allocate its function on every read, and this is read per month
        Costing costing = costings.get(option);
        if (costing == null) {
            costing = resolve(option);
            costings.put(option, costing);
        }
        return costing;
    }

    private Costing resolve(Option option) {
        return switch (option) {
            case Option.Api a -> perToken(a);
            case Option.SelfHosted s -> hardware.owned(s);
            case Option.Rented r -> {
                Costing.Rent rent = hardware.rent(r);
                if (rent.serverless() == null) yield rent;
                // a serverless worker is billed for its work at the replica's operating point
                yield rent.withServerless(worker(r, rent, fleets.replica(r, allTraffic)));
            }
            case Option.Hybrid h -> {
                Map<String, Traffic> traffic = legTraffic(h);
                yield new Costing.Mix(legs(h).entrySet().stream()
                        .map(e -> new Costing.Leg(
                                e.getKey(), e.getValue(), legFleet(e.getKey(), traffic.get(e.getKey()))))
                        .toList());
            }
        };
    }

    /** The fleet an owned or rented leg runs for the traffic it carries; empty for an API leg. */
    private java.util.Optional<Fleet> legFleet(String option, Traffic traffic) {
        return options.get(option) instanceof Option.Sized s
                ? java.util.Optional.of(fleets.plan(s, traffic).fleet())
                : java.util.Optional.empty();
    }

    private Costing.PerToken perToken(Option.Api a) {
        return apiPricing.perToken(a);
    }

    /** An API's effective prices for a query of this shape, resolved once per shape. */
    private Costing.PerToken prices(Option.Api a, TokenShape shape) {
        Map<TokenShape, Costing.PerToken> byShape = shapePrices.get(a);
        if (byShape == null) {
            byShape = new java.util.HashMap<>();
            shapePrices.put(a, byShape);
        }
        Costing.PerToken prices = byShape.get(shape);
        if (prices == null) {
            prices = shape.equals(workload.shape()) ? (Costing.PerToken) costing(a) : apiPricing.perToken(a, shape);
            byShape.put(shape, prices);
        }
        return prices;
    }

    /** USD per query of the workload's own shape at effective prices. */
    public double perQuery(Costing.PerToken p) {
        return apiPricing.perQuery(p);
    }

    /** The traffic of these classes, with their shapes: what a leg of a routing carries. */
    public Traffic traffic(List<String> classes) {
        return workload.traffic(classes);
    }

    /** All the workload's traffic: what a single option carries. */
    public Traffic traffic() {
        return allTraffic;
    }

    /** Each routed option and the share of all queries it carries. */
    public Map<String, Double> legs(Option.Hybrid h) {
        return h.legs(workload);
    }

    /** Each routed option and the traffic it carries, classes and shapes. */
    private Map<String, Traffic> legTraffic(Option.Hybrid h) {
        return h.traffic(workload);
    }

    // ---- cash flows

    /** Month m's cash for the option carrying {@code traffic}. */
    public CostParts parts(Option option, Traffic traffic, int month) {
        return switch (option) {
            case Option.Api a ->
                OptionResultCostPartsBuilder.builder()
                        .usage(usage(a, traffic, month))
                        .build();
            case Option.SelfHosted s -> parts(s, fleets.plan(s, traffic), traffic, month);
            case Option.Rented r -> parts(r, fleets.plan(r, traffic), traffic, month);
            case Option.Hybrid h -> {
                CostParts sum = CostParts.ZERO;
                for (var leg : legTraffic(h).entrySet())
                    sum = sum.plus(parts(options.get(leg.getKey()), leg.getValue(), month));
                yield sum;
            }
        };
    }

    /** Month m's cash for an API carrying {@code traffic}: all of it usage, each class at its own shape. */
    private double usage(Option.Api a, Traffic traffic, int month) {
        double usage = 0;
        for (Traffic.Slice s : traffic.slices()) {
            usage += s.share()
                    * workload.queriesInMonth(month)
                    * ApiPricing.perQuery(prices(a, s.shape()), s.shape())
                    * assumptions.apiPriceFactor(month);
        }
        return usage;
    }

    /**
     * Month m's cash for owned or rented hardware running {@code plan}'s fleet for {@code traffic}:
     * its share of the queries, and the tokens it generates (Σ share × (O + R) of the classes it
     * carries for each query of the workload), the work a serverless worker is billed for.
     */
    private CostParts parts(Option.Sized option, FleetPlanner.Plan plan, Traffic traffic, int month) {
        Fleet fleet = plan.fleet();
        return switch (option) {
            case Option.SelfHosted s -> FleetCash.owned((Costing.Owned) costing(s), fleet, month);
            case Option.Rented r -> {
                Costing.Rent rent = (Costing.Rent) costing(r);
                if (rent.serverless() == null) {
                    yield FleetCash.rented(rent, fleet, month, assumptions.gpuRentFactor(month));
                }
                yield FleetCash.serverless(
                        rent,
                        fleet,
                        month,
                        assumptions.gpuRentFactor(month),
                        serverlessMonth(
                                worker(r, rent, plan.replica()),
                                plan,
                                month,
                                workload.queriesInMonth(month) * traffic.generatedTokensPerQuery(),
                                workload.queriesInMonth(month) * traffic.share()));
            }
        };
    }

    /**
     * A serverless month (docs/methodology.md §5.2): the work ({@code tokens} generated, at the
     * replica's throughput at its operating point) in worker-seconds, and the worker runs around it.
     */
    private static Costing.Billed serverlessMonth(
            Costing.Serverless worker, FleetPlanner.Plan plan, int month, double tokens, double queries) {
        return worker.billed(
                queries, worker.busySeconds(tokens), plan.fleet().month(month).units());
    }

    /**
     * A serverless worker billed at this replica's throughput: the replica serving the traffic the
     * option carries (a leg's classes have a mean query of their own), the costing's when it is all.
     */
    private static Costing.Serverless worker(Option.Rented r, Costing.Rent rent, Replica replica) {
        double tokensPerSecond = replica.delivers() ? replica.tokensPerSecond() : 0;
        Costing.Serverless worker = rent.serverless();
        if (worker.replicaTokensPerSecond() == tokensPerSecond && worker.gpusPerReplica() == replica.gpus())
            return worker;
        return worker.withReplica(tokensPerSecond, replica.gpus(), rent.gpusPerInstance(r.count()));
    }

    /** Hardware bought in month 1 for the option carrying {@code traffic}. */
    public double upfront(Option option, Traffic traffic) {
        return switch (option) {
            case Option.Api a -> 0;
            case Option.SelfHosted s -> parts(s, traffic, 1).hardware();
            case Option.Rented r -> 0;
            case Option.Hybrid h ->
                legTraffic(h).entrySet().stream()
                        .mapToDouble(e -> upfront(options.get(e.getKey()), e.getValue()))
                        .sum();
        };
    }

    /** Book value at the horizon's end of the hardware still in service: straight line from price to residual. */
    public double salvage(Option option, Traffic traffic) {
        return switch (option) {
            case Option.Api a -> 0;
            case Option.SelfHosted s ->
                FleetCash.salvage(
                        (Costing.Owned) costing(s), fleets.plan(s, traffic).fleet(), scenario.horizonMonths());
            case Option.Rented r -> 0;
            case Option.Hybrid h ->
                legTraffic(h).entrySet().stream()
                        .mapToDouble(e -> salvage(options.get(e.getKey()), e.getValue()))
                        .sum();
        };
    }

    /** TCO of the option carrying {@code traffic}: its cash over the horizon less salvage. */
    public double tco(Option option, Traffic traffic) {
        double tco = -salvage(option, traffic);
        for (int m = 1; m <= scenario.horizonMonths(); m++)
            tco += parts(option, traffic, m).total();
        return tco;
    }

    /** TCO of the option carrying these classes, each at its own shape: a leg of an automatic routing. */
    public double legTco(Option option, List<String> classes) {
        return tco(option, traffic(classes));
    }

    /**
     * A month's cost in steady state at a given volume: usage, running costs, and owned hardware
     * amortised over its life (price less residual). Linear in volume, or for a sized fleet a step
     * with each unit the volume needs; crossover searches it.
     */
    public double steadyMonthly(Option option, double queriesPerMonth) {
        return steadyMonthly(option, allTraffic, queriesPerMonth);
    }

    private double steadyMonthly(Option option, Traffic traffic, double queriesPerMonth) {
        return switch (option) {
            case Option.Api a -> {
                double usage = 0;
                for (Traffic.Slice s : traffic.slices())
                    usage += s.share() * queriesPerMonth * ApiPricing.perQuery(prices(a, s.shape()), s.shape());
                yield usage;
            }
            case Option.SelfHosted s -> {
                Costing.Owned o = (Costing.Owned) costing(s);
                int units = fleets.steadyUnits(s, traffic, queriesPerMonth);
                int hosts = o.hostsFor(units);
                yield o.electricityUsdPerMonth(units, hosts)
                        + o.maintenanceUsdPerMonth(units, hosts)
                        + o.staffUsdPerMonth()
                        + o.colocationUsdPerMonth(units, hosts)
                        + o.recurringUsdPerMonth()
                        + (units * o.unitPriceUsd() + hosts * o.hostPriceUsd() + o.extraUpfrontUsd())
                                * (1 - o.residualShare())
                                / o.lifetimeMonths();
            }
            case Option.Rented r -> {
                Costing.Rent rent = (Costing.Rent) costing(r);
                int units = fleets.steadyUnits(r, traffic, queriesPerMonth);
                int perInstance = rent.gpusPerInstance(r.count());
                double rentUsd;
                if (rent.serverless() == null) {
                    rentUsd = rent.rentUsdPerMonth(units * perInstance);
                } else {
                    Costing.Serverless worker = worker(r, rent, fleets.replica(r, traffic));
                    double busy = worker.busySeconds(queriesPerMonth * traffic.generatedTokensPerQuery());
                    rentUsd = worker.billed(traffic.share() * queriesPerMonth, busy, units)
                                    .workerHours()
                            * perInstance
                            * rent.usdPerGpuHour();
                }
                yield rentUsd + rent.staffUsdPerMonth() + rent.recurringUsdPerMonth();
            }
            case Option.Hybrid h ->
                legTraffic(h).entrySet().stream()
                        .mapToDouble(e -> steadyMonthly(options.get(e.getKey()), e.getValue(), queriesPerMonth))
                        .sum();
        };
    }

    // ---- capacity, for sizing

    /**
     * Peak generated tokens per second for a month's queries, all of the traffic: average rate times the
     * peak factor.
     */
    public double requiredTokensPerSecond(double queriesInMonth) {
        return fleets.requiredTokensPerSecond(allTraffic, queriesInMonth);
    }

    /** A one-line description of the option for reports. */
    public String describe(Option option) {
        return Descriptions.describe(option);
    }
}
