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
import dev.aichoose.model.Scenario;
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
            CostParts parts = parts(option, 1.0, m);
            double cost = parts.total();
            cumulative += cost;
            double q = workload.queriesInMonth(m);
            queries += q;
            npv += cost / Math.pow(1 + rate, m / 12.0);
            monthly.add(new MonthlyCost(m, q, cost, cumulative, parts));
        }
        double salvage = salvage(option, 1.0);
        npv -= salvage / Math.pow(1 + rate, horizon / 12.0);
        double tco = cumulative - salvage;
        List<Option.Route> routing = option instanceof Option.Hybrid h ? h.routes() : List.of();
        return new OptionResult(
                option.id(),
                kindOf(option),
                Descriptions.describe(option),
                checked.problems().isEmpty(),
                checked.problems(),
                upfront(option, 1.0),
                monthly,
                cumulative,
                salvage,
                tco,
                npv,
                queries > 0 ? tco / queries : 0,
                steadyMonthly(option, workload.queriesPerMonth()),
                checked.capacity().orElse(null),
                costing,
                routing);
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
                for (int m = 1; m <= horizon; m++) cumulative += usage(a, 1.0, m);
            }
            case Option.Sized s -> {
                Fleet fleet = fleets.plan(s, 1.0).fleet();
                for (int m = 1; m <= horizon; m++)
                    cumulative += parts(s, fleet, m).total();
            }
            case Option.Hybrid h -> {
                for (int m = 1; m <= horizon; m++)
                    cumulative += parts(h, 1.0, m).total();
            }
        }
        return cumulative - salvage(option, 1.0);
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
            case Option.Rented r -> hardware.rent(r);
            case Option.Hybrid h ->
                new Costing.Mix(legs(h).entrySet().stream()
                        .map(e -> new Costing.Leg(e.getKey(), e.getValue()))
                        .toList());
        };
    }

    private Costing.PerToken perToken(Option.Api a) {
        return apiPricing.perToken(a);
    }

    /** USD per query at effective prices. */
    public double perQuery(Costing.PerToken p) {
        return apiPricing.perQuery(p);
    }

    /** Each routed option and the share of all queries it carries. */
    public Map<String, Double> legs(Option.Hybrid h) {
        return h.legs(workload);
    }

    // ---- cash flows

    /** Month m's cash for the option carrying {@code share} of the queries. */
    public CostParts parts(Option option, double share, int month) {
        return switch (option) {
            case Option.Api a -> new CostParts(usage(a, share, month), 0, 0, 0, 0, 0, 0);
            case Option.SelfHosted s -> parts(s, fleets.plan(s, share).fleet(), month);
            case Option.Rented r -> parts(r, fleets.plan(r, share).fleet(), month);
            case Option.Hybrid h -> {
                CostParts sum = CostParts.ZERO;
                for (var leg : legs(h).entrySet())
                    sum = sum.plus(parts(options.get(leg.getKey()), leg.getValue(), month));
                yield sum;
            }
        };
    }

    /** Month m's cash for an API carrying {@code share} of the queries: all of it usage. */
    private double usage(Option.Api a, double share, int month) {
        return share
                * workload.queriesInMonth(month)
                * perQuery((Costing.PerToken) costing(a))
                * assumptions.apiPriceFactor(month);
    }

    /** Month m's cash for owned or rented hardware running {@code fleet}. */
    private CostParts parts(Option.Sized option, Fleet fleet, int month) {
        return switch (option) {
            case Option.SelfHosted s -> FleetCash.owned((Costing.Owned) costing(s), fleet, month);
            case Option.Rented r ->
                FleetCash.rented((Costing.Rent) costing(r), fleet, month, assumptions.gpuRentFactor(month));
        };
    }

    /** Hardware bought in month 1 for the option carrying {@code share} of the queries. */
    public double upfront(Option option, double share) {
        return switch (option) {
            case Option.Api a -> 0;
            case Option.SelfHosted s -> parts(s, share, 1).hardware();
            case Option.Rented r -> 0;
            case Option.Hybrid h ->
                legs(h).entrySet().stream()
                        .mapToDouble(e -> upfront(options.get(e.getKey()), e.getValue()))
                        .sum();
        };
    }

    /** Book value at the horizon's end of the hardware still in service: straight line from price to residual. */
    public double salvage(Option option, double share) {
        return switch (option) {
            case Option.Api a -> 0;
            case Option.SelfHosted s ->
                FleetCash.salvage(
                        (Costing.Owned) costing(s), fleets.plan(s, share).fleet(), scenario.horizonMonths());
            case Option.Rented r -> 0;
            case Option.Hybrid h ->
                legs(h).entrySet().stream()
                        .mapToDouble(e -> salvage(options.get(e.getKey()), e.getValue()))
                        .sum();
        };
    }

    /** TCO of the option carrying {@code share} of the queries: its cash over the horizon less salvage. */
    public double tco(Option option, double share) {
        double tco = -salvage(option, share);
        for (int m = 1; m <= scenario.horizonMonths(); m++)
            tco += parts(option, share, m).total();
        return tco;
    }

    /**
     * A month's cost in steady state at a given volume: usage, running costs, and owned hardware
     * amortised over its life (price less residual). Linear in volume, or for a sized fleet a step
     * with each unit the volume needs; crossover searches it.
     */
    public double steadyMonthly(Option option, double queriesPerMonth) {
        return steadyMonthly(option, 1.0, queriesPerMonth);
    }

    private double steadyMonthly(Option option, double share, double queriesPerMonth) {
        return switch (option) {
            case Option.Api a -> share * queriesPerMonth * perQuery((Costing.PerToken) costing(a));
            case Option.SelfHosted s -> {
                Costing.Owned o = (Costing.Owned) costing(s);
                int units = fleets.steadyUnits(s, share, queriesPerMonth);
                yield o.electricityUsdPerMonth(units)
                        + o.maintenanceUsdPerMonth(units)
                        + o.staffUsdPerMonth()
                        + (units * o.unitPriceUsd() + o.extraUpfrontUsd())
                                * (1 - o.residualShare())
                                / o.lifetimeMonths();
            }
            case Option.Rented r -> {
                Costing.Rent rent = (Costing.Rent) costing(r);
                yield rent.rentUsdPerMonth(fleets.steadyUnits(r, share, queriesPerMonth)
                                * (rent.gpus() / r.count())) // GPUs per instance
                        + rent.staffUsdPerMonth();
            }
            case Option.Hybrid h ->
                legs(h).entrySet().stream()
                        .mapToDouble(e -> steadyMonthly(options.get(e.getKey()), e.getValue(), queriesPerMonth))
                        .sum();
        };
    }

    // ---- capacity, for sizing

    /** Peak generated tokens per second for a month's queries: average rate times the peak factor. */
    public double requiredTokensPerSecond(double queriesInMonth) {
        return capacity.requiredTokensPerSecond(queriesInMonth);
    }

    /** A one-line description of the option for reports. */
    public String describe(Option option) {
        return Descriptions.describe(option);
    }
}
