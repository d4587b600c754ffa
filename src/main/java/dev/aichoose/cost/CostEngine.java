package dev.aichoose.cost;

import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.CostParts;
import dev.aichoose.model.OptionResult.MonthlyCost;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final Catalog catalog;
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Map<Option, Costing> costings = new HashMap<>();
    private final HardwarePricing hardware;
    private final CapacityCheck capacity;
    private final Feasibility feasibility;

    public CostEngine(Scenario scenario, Catalog catalog, List<Option> options) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.workload = scenario.workload();
        this.assumptions = scenario.assumptions();
        options.forEach(o -> this.options.put(o.id(), o));
        this.hardware = new HardwarePricing(catalog, assumptions);
        this.capacity = new CapacityCheck(scenario, catalog);
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
        double salvage = salvage(option);
        npv -= salvage / Math.pow(1 + rate, horizon / 12.0);
        double tco = cumulative - salvage;
        List<Option.Route> routing = option instanceof Option.Hybrid h ? h.routes() : List.of();
        return new OptionResult(option.id(), kindOf(option), Descriptions.describe(option), checked.problems().isEmpty(),
                checked.problems(), upfront(option), monthly, cumulative, salvage, tco, npv,
                queries > 0 ? tco / queries : 0, steadyMonthly(option, workload.queriesPerMonth()),
                checked.capacity().orElse(null), costing, routing);
    }

    // ---- costing: the resolved inputs

    /** Resolved once per option: the monthly loop and the crossover search read it many times. */
    public Costing costing(Option option) {
        return costings.computeIfAbsent(option, this::resolve);
    }

    private Costing resolve(Option option) {
        return switch (option) {
            case Option.Api a -> perToken(a);
            case Option.SelfHosted s -> hardware.owned(s);
            case Option.Rented r -> hardware.rent(r);
            case Option.Hybrid h -> new Costing.Mix(legs(h).entrySet().stream()
                    .map(e -> new Costing.Leg(e.getKey(), e.getValue())).toList());
        };
    }

    private Costing.PerToken perToken(Option.Api a) {
        ApiModel m = catalog.apiModels().get(a.model());
        double in = a.inputUsdPerMtok() != null ? a.inputUsdPerMtok() : m.inputUsdPerMtok();
        double out = a.outputUsdPerMtok() != null ? a.outputUsdPerMtok() : m.outputUsdPerMtok();
        double cached = a.cachedInputUsdPerMtok() != null ? a.cachedInputUsdPerMtok()
                : m != null && m.cachedInputUsdPerMtok() != null && a.inputUsdPerMtok() == null
                        ? m.cachedInputUsdPerMtok() : in;
        boolean inline = a.inputUsdPerMtok() != null || a.outputUsdPerMtok() != null;
        // a negotiated inline price is the user's whole price: the catalog's tier does not apply to it
        if (!inline && m != null && m.longContext() != null
                && workload.inputTokensPerQuery() > m.longContext().thresholdTokens()) {
            // The tier prices the whole request; cached input keeps its ratio to the input price.
            double ratio = in > 0 ? cached / in : 1;
            in = m.longContext().inputUsdPerMtok();
            out = m.longContext().outputUsdPerMtok();
            cached = in * ratio;
        }
        if (a.batch() && m != null && m.batchDiscount() != null) {
            double keep = 1 - m.batchDiscount();
            in *= keep;
            out *= keep;
            cached *= keep;
        }
        return new Costing.PerToken(in, cached, out);
    }

    /** USD per query at effective prices. */
    public double perQuery(Costing.PerToken p) {
        double i = workload.inputTokensPerQuery();
        double c = workload.cachedInputShare();
        return (i * (1 - c) * p.inputUsdPerMtok() + i * c * p.cachedInputUsdPerMtok()
                + workload.generatedTokensPerQuery() * p.outputUsdPerMtok()) / 1e6;
    }

    /** Each routed option and the share of all queries it carries. */
    public Map<String, Double> legs(Option.Hybrid h) {
        return h.legs(workload);
    }

    // ---- cash flows

    /** Month m's cash for the option carrying {@code share} of the queries. */
    public CostParts parts(Option option, double share, int month) {
        return switch (option) {
            case Option.Api a -> new CostParts(share * workload.queriesInMonth(month) * perQuery((Costing.PerToken) costing(a)),
                    0, 0, 0, 0, 0, 0);
            case Option.SelfHosted s -> {
                Costing.Owned o = (Costing.Owned) costing(s);
                boolean purchase = (month - 1) % o.lifetimeMonths() == 0;
                double hardware = purchase ? o.upfrontUsd() : 0;
                double credit = purchase && month > 1 ? o.residualShare() * o.upfrontUsd() : 0;
                yield new CostParts(0, hardware, credit, o.electricityUsdPerMonth(), o.maintenanceUsdPerMonth(),
                        o.staffUsdPerMonth(), 0);
            }
            case Option.Rented r -> {
                Costing.Rent rent = (Costing.Rent) costing(r);
                yield new CostParts(0, 0, 0, 0, 0, rent.staffUsdPerMonth(), rent.rentUsdPerMonth());
            }
            case Option.Hybrid h -> {
                CostParts sum = CostParts.ZERO;
                for (var leg : legs(h).entrySet()) sum = sum.plus(parts(options.get(leg.getKey()), leg.getValue(), month));
                yield sum;
            }
        };
    }

    public double upfront(Option option) {
        return switch (option) {
            case Option.Api a -> 0;
            case Option.SelfHosted s -> ((Costing.Owned) costing(s)).upfrontUsd();
            case Option.Rented r -> 0;
            case Option.Hybrid h -> legs(h).keySet().stream().mapToDouble(id -> upfront(options.get(id))).sum();
        };
    }

    /** Book value at the horizon's end of the hardware bought last: straight line from price to residual. */
    public double salvage(Option option) {
        return switch (option) {
            case Option.Api a -> 0;
            case Option.SelfHosted s -> {
                Costing.Owned o = (Costing.Owned) costing(s);
                int horizon = scenario.horizonMonths();
                int lastPurchase = 1 + o.lifetimeMonths() * ((horizon - 1) / o.lifetimeMonths());
                int age = horizon - lastPurchase + 1;
                yield o.upfrontUsd() - (o.upfrontUsd() - o.residualShare() * o.upfrontUsd()) * age / o.lifetimeMonths();
            }
            case Option.Rented r -> 0;
            case Option.Hybrid h -> legs(h).keySet().stream().mapToDouble(id -> salvage(options.get(id))).sum();
        };
    }

    /**
     * A month's cost in steady state at a given volume: usage, running costs, and owned hardware
     * amortised over its life (price less residual). Linear in volume; crossover searches it.
     */
    public double steadyMonthly(Option option, double queriesPerMonth) {
        return steadyMonthly(option, 1.0, queriesPerMonth);
    }

    private double steadyMonthly(Option option, double share, double queriesPerMonth) {
        return switch (option) {
            case Option.Api a -> share * queriesPerMonth * perQuery((Costing.PerToken) costing(a));
            case Option.SelfHosted s -> {
                Costing.Owned o = (Costing.Owned) costing(s);
                yield o.electricityUsdPerMonth() + o.maintenanceUsdPerMonth() + o.staffUsdPerMonth()
                        + o.upfrontUsd() * (1 - o.residualShare()) / o.lifetimeMonths();
            }
            case Option.Rented r -> ((Costing.Rent) costing(r)).rentUsdPerMonth() + ((Costing.Rent) costing(r)).staffUsdPerMonth();
            case Option.Hybrid h -> legs(h).entrySet().stream()
                    .mapToDouble(e -> steadyMonthly(options.get(e.getKey()), e.getValue(), queriesPerMonth)).sum();
        };
    }

    // ---- capacity, for sizing

    /** Peak generated tokens per second for a month's queries: average rate times the peak factor. */
    public double requiredTokensPerSecond(double queriesInMonth) {
        return capacity.requiredTokensPerSecond(queriesInMonth);
    }

    /** Throughput one unit delivers by roofline (used to size the default set). */
    public Roofline roofline(Gpu gpu, int gpusPerUnit, Option.Serving serving) {
        return capacity.roofline(gpu, gpusPerUnit, serving);
    }

    /** A one-line description of the option for reports. */
    public String describe(Option option) {
        return Descriptions.describe(option);
    }
}
