package dev.aichoose.cost;

import dev.aichoose.text.Figures;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Defaults;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.Capacity;
import dev.aichoose.model.OptionResult.CapacitySource;
import dev.aichoose.model.OptionResult.CostParts;
import dev.aichoose.model.OptionResult.MonthlyCost;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices each option month by month over the horizon (DESIGN.md "Domain rules"). Pure: values in,
 * values out, so analysis can call it thousands of times.
 */
public final class CostEngine {
    private final Scenario scenario;
    private final Catalog catalog;
    private final Workload workload;
    private final Assumptions assumptions;
    private final Map<String, Option> options = new LinkedHashMap<>();
    // by identity: an option is a record whose hash walks all its fields, and these are read per month
    private final Map<Option, Costing> costings = new java.util.IdentityHashMap<>();
    private final Map<Option, Map<Double, FleetPlanner.Plan>> plans = new java.util.IdentityHashMap<>();
    private final FleetPlanner planner;

    public CostEngine(Scenario scenario, Catalog catalog, List<Option> options) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.workload = scenario.workload();
        this.assumptions = scenario.assumptions();
        options.forEach(o -> this.options.put(o.id(), o));
        this.planner = new FleetPlanner(scenario, catalog);
    }

    public static OptionKind kindOf(Option option) {
        return switch (option) {
            case Option.Api a -> OptionKind.API;
            case Option.SelfHosted s -> OptionKind.SELF_HOSTED;
            case Option.Rented r -> OptionKind.RENTED;
            case Option.Hybrid h -> OptionKind.HYBRID;
        };
    }

    public OptionResult evaluate(Option option) {
        int horizon = scenario.horizonMonths();
        Costing costing = costing(option);
        List<String> problems = new ArrayList<>(problems(option, 1.0));
        Capacity capacity = capacity(option, 1.0, problems);

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
        return new OptionResult(option.id(), kindOf(option), describe(option), problems.isEmpty(), problems,
                upfront(option, 1.0), monthly, cumulative, salvage, tco, npv, queries > 0 ? tco / queries : 0,
                steadyMonthly(option, workload.queriesPerMonth()), capacity, costing);
    }

    // ---- costing: the resolved inputs

    /** Resolved once per option: the monthly loop and the crossover search read it many times. */
    public Costing costing(Option option) {
        return costings.computeIfAbsent(option, this::resolve);
    }

    private Costing resolve(Option option) {
        return switch (option) {
            case Option.Api a -> perToken(a);
            case Option.SelfHosted s -> owned(s);
            case Option.Rented r -> rent(r);
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

    private Costing.Owned owned(Option.SelfHosted s) {
        Gpu gpu = catalog.gpus().get(s.hardware());
        return new Costing.Owned(s.count(), s.hardwareUsd() != null ? s.hardwareUsd() : gpu.priceUsd(),
                s.extraUpfrontUsd(), s.lifetimeMonths() != null ? s.lifetimeMonths() : assumptions.lifetimeMonths(),
                share(s.residualShare(), assumptions.residualShare()), s.electricityUsdPerMonth(), unitPowerW(s, gpu),
                assumptions.pue(), assumptions.electricityUsdPerKwh(),
                share(s.maintenanceShareAnnual(), assumptions.maintenanceShareAnnual()), opsHours(s.opsHoursPerMonth()),
                assumptions.opsUsdPerHour());
    }

    /** Power per unit of {@code count}: the option's figure, or the catalog TDP of every GPU in it. */
    private static double unitPowerW(Option.SelfHosted s, Gpu gpu) {
        return s.powerW() != null ? s.powerW() : gpu.tdpW() * gpu.gpusPerSystem();
    }

    private Costing.Rent rent(Option.Rented r) {
        CloudOffer offer = catalog.cloudOffers().get(r.offer());
        return new Costing.Rent(r.count() * offer.gpus(),
                r.usdPerGpuHour() != null ? r.usdPerGpuHour() : offer.usdPerGpuHour(), r.hoursPerMonth(),
                opsHours(r.opsHoursPerMonth()), assumptions.opsUsdPerHour());
    }

    private double opsHours(Double own) {
        return own != null ? own : assumptions.opsHoursPerMonth();
    }

    private static double share(Double own, double fallback) {
        return own != null ? own : fallback;
    }

    /** Each routed option and the share of all queries it carries. */
    public Map<String, Double> legs(Option.Hybrid h) {
        Map<String, Double> legs = new LinkedHashMap<>();
        for (Option.Route r : h.routes()) legs.merge(r.option(), classShare(r.workloadClass()), Double::sum);
        return legs;
    }

    private double classShare(String name) {
        if (name.equals(Workload.DEFAULT_CLASS)) return Math.max(0, workload.defaultShare());
        return workload.classes().stream().filter(c -> c.name().equals(name)).mapToDouble(WorkloadClass::share)
                .sum();
    }

    // ---- fleets

    /** The fleet an owned or rented option runs carrying {@code share} of the queries; planned once per share. */
    public FleetPlanner.Plan plan(Option.Sized option, double share) {
        return plans.computeIfAbsent(option, k -> new java.util.HashMap<>()).computeIfAbsent(share,
                k -> planner.plan(option, share, option instanceof Option.SelfHosted s
                        ? ((Costing.Owned) costing(s)).lifetimeMonths() : 1));
    }

    /** Units a sized option needs at a steady monthly volume (its stated count otherwise). */
    private int steadyUnits(Option.Sized option, double share, double queriesPerMonth) {
        Replica replica = plan(option, 1.0).replica();
        if (!option.autoCount() || !replica.delivers()) return option.count();
        int perUnit = planner.gpusPerUnit(option);
        int replicas = FleetSizing.replicasNeeded(planner.requiredTokensPerSecond(share * queriesPerMonth),
                replica.tokensPerSecond(), scenario.assumptions().planningUtilisation());
        return Math.max(Math.max(option.count(), FleetSizing.unitsFor(1, replica.gpus(), perUnit)),
                FleetSizing.unitsFor(replicas, replica.gpus(), perUnit));
    }

    // ---- cash flows

    /** Month m's cash for the option carrying {@code share} of the queries. */
    public CostParts parts(Option option, double share, int month) {
        return switch (option) {
            case Option.Api a -> new CostParts(share * workload.queriesInMonth(month) * perQuery((Costing.PerToken) costing(a)),
                    0, 0, 0, 0, 0, 0);
            case Option.SelfHosted s -> FleetCash.owned((Costing.Owned) costing(s), plan(s, share).fleet(), month);
            case Option.Rented r -> FleetCash.rented((Costing.Rent) costing(r), plan(r, share).fleet(), month);
            case Option.Hybrid h -> {
                CostParts sum = CostParts.ZERO;
                for (var leg : legs(h).entrySet()) sum = sum.plus(parts(options.get(leg.getKey()), leg.getValue(), month));
                yield sum;
            }
        };
    }

    /** Hardware bought in month 1 for the option carrying {@code share} of the queries. */
    public double upfront(Option option, double share) {
        return switch (option) {
            case Option.Api a -> 0;
            case Option.SelfHosted s -> parts(s, share, 1).hardware();
            case Option.Rented r -> 0;
            case Option.Hybrid h -> legs(h).entrySet().stream()
                    .mapToDouble(e -> upfront(options.get(e.getKey()), e.getValue())).sum();
        };
    }

    /** Book value at the horizon's end of the hardware still in service: straight line from price to residual. */
    public double salvage(Option option, double share) {
        return switch (option) {
            case Option.Api a -> 0;
            case Option.SelfHosted s -> FleetCash.salvage((Costing.Owned) costing(s), plan(s, share).fleet(),
                    scenario.horizonMonths());
            case Option.Rented r -> 0;
            case Option.Hybrid h -> legs(h).entrySet().stream()
                    .mapToDouble(e -> salvage(options.get(e.getKey()), e.getValue())).sum();
        };
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
                int units = steadyUnits(s, share, queriesPerMonth);
                yield o.electricityUsdPerMonth(units) + o.maintenanceUsdPerMonth(units) + o.staffUsdPerMonth()
                        + (units * o.unitPriceUsd() + o.extraUpfrontUsd()) * (1 - o.residualShare()) / o.lifetimeMonths();
            }
            case Option.Rented r -> {
                Costing.Rent rent = (Costing.Rent) costing(r);
                yield rent.rentUsdPerMonth(steadyUnits(r, share, queriesPerMonth) * planner.gpusPerUnit(r))
                        + rent.staffUsdPerMonth();
            }
            case Option.Hybrid h -> legs(h).entrySet().stream()
                    .mapToDouble(e -> steadyMonthly(options.get(e.getKey()), e.getValue(), queriesPerMonth)).sum();
        };
    }

    // ---- feasibility and capacity

    /** Hard constraints and limits that make the option unusable, each with its reason. */
    private List<String> problems(Option option, double share) {
        List<String> problems = new ArrayList<>();
        var profile = scenario.profile();
        switch (option) {
            case Option.Api a -> {
                if (profile.offlineRequired()) problems.add("offline operation is required, and an API is reached over the internet");
                if (profile.dataMustStayOnPremises()) problems.add("data must stay on the premises, and an API sends it to " + providerOf(a));
                ApiModel m = catalog.apiModels().get(a.model());
                double request = workload.inputTokensPerQuery() + workload.generatedTokensPerQuery();
                if (m != null && m.contextTokens() != null && request > m.contextTokens()) {
                    problems.add("a request of " + Figures.wholeCount(request) + " tokens exceeds " + a.model() + "'s context of "
                            + Figures.wholeCount(m.contextTokens()) + " tokens");
                }
            }
            case Option.SelfHosted s -> { }
            case Option.Rented r -> {
                if (profile.offlineRequired()) problems.add("offline operation is required, and rented GPUs are reached over the internet");
                if (profile.dataMustStayOnPremises()) problems.add("data must stay on the premises, and rented GPUs sit in the provider's data centre");
            }
            case Option.Hybrid h -> {
                for (Option.Route route : h.routes()) {
                    Option target = options.get(route.option());
                    boolean sensitive = workload.classes().stream()
                            .anyMatch(c -> c.name().equals(route.workloadClass()) && c.sensitive());
                    if (sensitive && target instanceof Option.Api) {
                        problems.add("class '" + route.workloadClass() + "' is sensitive and may not leave the premises, "
                                + "but it is routed to API option '" + target.id() + "'");
                    }
                }
                for (var leg : legs(h).entrySet()) {
                    Option target = options.get(leg.getKey());
                    List<String> legProblems = new ArrayList<>(problems(target, leg.getValue()));
                    capacity(target, leg.getValue(), legProblems);
                    legProblems.forEach(p -> problems.add("via " + target.id() + ": " + p));
                }
            }
        }
        return problems;
    }

    private String providerOf(Option.Api a) {
        ApiModel m = catalog.apiModels().get(a.model());
        return m != null ? m.provider() : "the provider";
    }

    /** Capacity of owned or rented hardware carrying {@code share} of the queries; adds any limit it hits. */
    private Capacity capacity(Option option, double share, List<String> problems) {
        return switch (option) {
            case Option.Api a -> null;
            case Option.SelfHosted s -> hardwareCapacity(s, share, problems);
            case Option.Rented r -> hardwareCapacity(r, share, problems);
            case Option.Hybrid h -> {
                double required = 0;
                double available = 0;
                CapacitySource source = null;
                List<String> details = new ArrayList<>();
                for (var leg : legs(h).entrySet()) {
                    Capacity c = capacity(options.get(leg.getKey()), leg.getValue(), new ArrayList<>());
                    if (c == null) continue;
                    required += c.requiredTokensPerSecond();
                    available += c.availableTokensPerSecond() == null ? 0 : c.availableTokensPerSecond();
                    source = source == null || c.source() == CapacitySource.ESTIMATE ? c.source() : source;
                    details.add(leg.getKey() + ": " + c.detail());
                }
                yield source == null ? null : new Capacity(required, available, source, String.join("; ", details));
            }
        };
    }

    private Capacity hardwareCapacity(Option.Sized option, double share, List<String> problems) {
        FleetPlanner.Plan plan = plan(option, share);
        Replica replica = plan.replica();
        Fleet fleet = plan.fleet();
        Gpu gpu = planner.gpu(option);
        int gpusPerUnit = planner.gpusPerUnit(option);
        Option.Serving serving = option.serving();
        OpenModel model = catalog.openModels().get(serving.model());
        double context = workload.inputTokensPerQuery() + workload.generatedTokensPerQuery();
        int perReplica = replica.gpus();
        Roofline roofline = replica.roofline();
        int replicas = FleetSizing.replicasIn(fleet.month(1).units(), perReplica, gpusPerUnit);
        if (replicas == 0 && serving.gpusPerReplica() == null) {
            problems.add(String.format(java.util.Locale.ROOT,
                    "%s at %s needs a replica of %d GPUs to fit in memory (%.1f GB: weights %.1f GB, runtime and KV for "
                            + "%d stream%s), but the option has only %d",
                    model.id(), serving.quantization().id(), perReplica, roofline.weightsGb() + Defaults.RUNTIME_OVERHEAD_GB
                            + roofline.kvGbPerStream() * Math.max(roofline.streams(), 1), roofline.weightsGb(),
                    Math.max(roofline.streams(), 1), roofline.streams() > 1 ? "s" : "", fleet.month(1).units() * gpusPerUnit)
                    + autoAlternative(option, share));
        } else if (replicas == 0) {
            problems.add("a replica spans " + perReplica + " GPUs (gpus_per_replica), but the option has only "
                    + fleet.month(1).units() * gpusPerUnit + autoAlternative(option, share));
        }
        if (context > model.contextTokens()) {
            problems.add("a request of " + Figures.wholeCount(context) + " tokens exceeds " + model.id() + "'s context of "
                    + Figures.wholeCount(model.contextTokens()) + " tokens");
        }
        if (!roofline.fits() && !replica.measuredOrGiven()) {
            problems.add(String.format(java.util.Locale.ROOT,
                    "%s at %s does not fit in memory: it needs %.1f GB (weights %.1f GB, runtime %.1f GB, KV cache for "
                            + "one %s-token request %.2f GB) and a replica on %s × %d offers %.1f GB usable "
                            + "(%.0f%% of %.0f GB); spread it over more GPUs with gpus_per_replica, or quantize further",
                    model.id(), serving.quantization().id(), roofline.neededGbForOneStream(), roofline.weightsGb(),
                    Defaults.RUNTIME_OVERHEAD_GB, Figures.wholeCount(context), roofline.kvGbPerStream(), gpu.id(), perReplica,
                    roofline.usableVramGb(), Defaults.USABLE_VRAM_SHARE * 100, gpu.vramGb() * perReplica));
        }
        double perUnit = replica.tokensPerSecond();
        CapacitySource source = replica.source();
        String detail = replica.detail();
        double[] required = plan.requiredTokensPerSecond();
        double peak = 0;
        int busiest = 1;
        Integer outgrown = null;
        for (int m = 1; m <= scenario.horizonMonths(); m++) {
            double delivered = perUnit * FleetSizing.replicasIn(fleet.month(m).units(), perReplica, gpusPerUnit);
            if (required[m - 1] > peak) {
                peak = required[m - 1];
                busiest = m;
            }
            if (outgrown == null && replicas > 0 && required[m - 1] > delivered
                    && (roofline.fits() || replica.measuredOrGiven())) {
                outgrown = m;
            }
        }
        double available = perUnit * FleetSizing.replicasIn(fleet.month(busiest).units(), perReplica, gpusPerUnit);
        if (fleet.auto()) {
            detail += String.format(java.util.Locale.ROOT, "; sized by aichoose: %d unit%s by month %d", fleet.peakUnits(),
                    fleet.peakUnits() == 1 ? "" : "s", fleet.peakMonth());
        }
        if (serving.measured() != null && serving.measured().tokensPerSecond() == 0) {
            problems.add("the bench result " + serving.measured().file() + " has " + serving.measured().run()
                    + ": this hardware does not meet the scenario's latency targets");
        } else if (outgrown != null) {
            double atOutgrown = required[outgrown - 1];
            double delivered = perUnit * FleetSizing.replicasIn(fleet.month(outgrown).units(), perReplica, gpusPerUnit);
            int replicasNeeded = perUnit > 0 ? (int) Math.ceil(peak / perUnit) : 0;
            problems.add(String.format(java.util.Locale.ROOT,
                    "the load outgrows the hardware in month %d: it needs %.1f tok/s at peak and %d replica%s "
                            + "%.1f (%s); about %d replica%s would carry the whole horizon",
                    outgrown, atOutgrown, replicas, replicas == 1 ? " delivers" : "s deliver", delivered, source.id(),
                    replicasNeeded, replicasNeeded == 1 ? "" : "s") + autoAlternative(option, share));
        }
        return new Capacity(peak, available, source, detail, java.util.Optional.of(fleet));
    }

    /** What the same option sized by aichoose would need and cost, for a stated count the load outgrows. */
    private String autoAlternative(Option.Sized option, double share) {
        Option auto = option.autoSized();
        if (!(auto instanceof Option.Sized sized) || !plan(sized, share).replica().delivers()) return "";
        Fleet fleet = plan(sized, share).fleet();
        double tco = -salvage(auto, share);
        for (int m = 1; m <= scenario.horizonMonths(); m++) tco += parts(auto, share, m).total();
        return String.format(java.util.Locale.ROOT, "; with count: auto aichoose would grow it to %d unit%s by month %d"
                + " for a TCO of %s", fleet.peakUnits(), fleet.peakUnits() == 1 ? "" : "s", fleet.peakMonth(),
                Figures.usdWhole(tco));
    }

    /** Peak generated tokens per second for a month's queries: average rate times the peak factor. */
    public double requiredTokensPerSecond(double queriesInMonth) {
        return queriesInMonth * workload.generatedTokensPerQuery() / (Assumptions.HOURS_PER_MONTH * 3600)
                * workload.peakToAverage();
    }

    /** Throughput one unit delivers by roofline (used to size the default set). */
    public Roofline roofline(Gpu gpu, int gpusPerUnit, Option.Serving serving) {
        double generated = workload.generatedTokensPerQuery();
        int target = serving.concurrency() != null ? serving.concurrency()
                : serving.quantization().gguf() ? Defaults.GGUF_CONCURRENCY : Defaults.SERVER_CONCURRENCY;
        return Roofline.estimate(gpu, gpusPerUnit, catalog.openModels().get(serving.model()),
                serving.quantization(), workload.inputTokensPerQuery() + generated,
                workload.inputTokensPerQuery() + generated / 2, target);
    }

    /** A one-line description of the option for reports. */
    public String describe(Option option) {
        return switch (option) {
            case Option.Api a -> a.model() + (a.batch() ? " (batch)" : "");
            case Option.SelfHosted s -> s.count() + " × " + s.hardware() + ", " + s.serving().model() + " "
                    + s.serving().quantization().id();
            case Option.Rented r -> r.count() + " × " + r.offer() + ", " + r.serving().model() + " "
                    + r.serving().quantization().id();
            case Option.Hybrid h -> String.join(", ", h.routes().stream()
                    .map(r -> r.workloadClass() + " → " + r.option()).toList());
        };
    }
}
