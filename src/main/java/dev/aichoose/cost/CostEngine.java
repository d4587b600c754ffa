package dev.aichoose.cost;

import dev.aichoose.text.Figures;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Defaults;
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
    // by identity: a record's hash walks every field, and the monthly loop asks for each option dozens of times
    private final Map<Option, Costing> costings = new java.util.IdentityHashMap<>();

    public CostEngine(Scenario scenario, Catalog catalog, List<Option> options) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.workload = scenario.workload();
        this.assumptions = scenario.assumptions();
        options.forEach(o -> this.options.put(o.id(), o));
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
        double salvage = salvage(option);
        npv -= salvage / Math.pow(1 + rate, horizon / 12.0);
        double tco = cumulative - salvage;
        return new OptionResult(option.id(), kindOf(option), describe(option), problems.isEmpty(), problems,
                upfront(option), monthly, cumulative, salvage, tco, npv, queries > 0 ? tco / queries : 0,
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

    // ---- cash flows

    /** Month m's cash for the option carrying {@code share} of the queries. */
    public CostParts parts(Option option, double share, int month) {
        return switch (option) {
            case Option.Api a -> new CostParts(share * workload.queriesInMonth(month) * perQuery((Costing.PerToken) costing(a))
                    * assumptions.apiPriceFactor(month), 0, 0, 0, 0, 0, 0);
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
                yield new CostParts(0, 0, 0, 0, 0, rent.staffUsdPerMonth(), rent.rentUsdPerMonth() * assumptions.gpuRentFactor(month));
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
            case Option.SelfHosted s -> owned(s).upfrontUsd();
            case Option.Rented r -> 0;
            case Option.Hybrid h -> legs(h).keySet().stream().mapToDouble(id -> upfront(options.get(id))).sum();
        };
    }

    /** Book value at the horizon's end of the hardware bought last: straight line from price to residual. */
    public double salvage(Option option) {
        return switch (option) {
            case Option.Api a -> 0;
            case Option.SelfHosted s -> {
                Costing.Owned o = owned(s);
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
            case Option.SelfHosted s -> {
                Gpu gpu = catalog.gpus().get(s.hardware());
                yield hardwareCapacity(gpu, gpu.gpusPerSystem(), s.count(), s.serving(), share, problems);
            }
            case Option.Rented r -> {
                CloudOffer offer = catalog.cloudOffers().get(r.offer());
                yield hardwareCapacity(catalog.gpus().get(offer.gpu()), offer.gpus(), r.count(), r.serving(), share,
                        problems);
            }
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

    private Capacity hardwareCapacity(Gpu gpu, int gpusPerUnit, int units, Option.Serving serving, double share,
            List<String> problems) {
        OpenModel model = catalog.openModels().get(serving.model());
        double generated = workload.generatedTokensPerQuery();
        double context = workload.inputTokensPerQuery() + generated;
        int target = serving.concurrency() != null ? serving.concurrency()
                : serving.quantization().gguf() ? Defaults.GGUF_CONCURRENCY : Defaults.SERVER_CONCURRENCY;
        int perReplica = serving.gpusPerReplica() != null ? serving.gpusPerReplica() : gpusPerUnit;
        int replicas = units * gpusPerUnit / perReplica;
        if (replicas == 0) {
            problems.add("a replica spans " + perReplica + " GPUs (gpus_per_replica), but the option has only "
                    + units * gpusPerUnit);
        }
        Roofline roofline = Roofline.estimate(gpu, perReplica, model, serving.quantization(), context,
                workload.inputTokensPerQuery() + generated / 2, target);
        if (context > model.contextTokens()) {
            problems.add("a request of " + Figures.wholeCount(context) + " tokens exceeds " + model.id() + "'s context of "
                    + Figures.wholeCount(model.contextTokens()) + " tokens");
        }
        boolean measuredOrGiven = serving.measured() != null || serving.tokensPerSecond() != null;
        if (!roofline.fits() && !measuredOrGiven) {
            problems.add(String.format(java.util.Locale.ROOT,
                    "%s at %s does not fit in memory: it needs %.1f GB (weights %.1f GB, runtime %.1f GB, KV cache for "
                            + "one %s-token request %.2f GB) and a replica on %s × %d offers %.1f GB usable "
                            + "(%.0f%% of %.0f GB); spread it over more GPUs with gpus_per_replica, or quantize further",
                    model.id(), serving.quantization().id(), roofline.neededGbForOneStream(), roofline.weightsGb(),
                    Defaults.RUNTIME_OVERHEAD_GB, Figures.wholeCount(context), roofline.kvGbPerStream(), gpu.id(), perReplica,
                    roofline.usableVramGb(), Defaults.USABLE_VRAM_SHARE * 100, gpu.vramGb() * perReplica));
        }
        double perUnit;
        CapacitySource source;
        String detail;
        if (serving.measured() != null) {
            perUnit = serving.measured().tokensPerSecond();
            source = CapacitySource.BENCH;
            detail = String.format(java.util.Locale.ROOT, "measured %.1f tok/s per replica (%s, %s, %s)", perUnit,
                    serving.measured().file(), serving.measured().startedAt(), serving.measured().run());
        } else if (serving.tokensPerSecond() != null) {
            perUnit = serving.tokensPerSecond();
            source = CapacitySource.GIVEN;
            detail = String.format(java.util.Locale.ROOT, "given %.1f tok/s per replica", perUnit);
        } else {
            perUnit = roofline.fits() ? roofline.tokensPerSecond() : 0;
            source = CapacitySource.ESTIMATE;
            detail = String.format(java.util.Locale.ROOT,
                    "roofline estimate %.1f tok/s per replica of %d GPU%s: %s at %s, %d stream%s, %s-bound", perUnit,
                    perReplica, perReplica == 1 ? "" : "s", model.id(),
                    serving.quantization().id(), Math.max(roofline.streams(), 0), roofline.streams() == 1 ? "" : "s",
                    roofline.computeBoundTokensPerSecond() != null
                            && roofline.computeBoundTokensPerSecond() < roofline.memoryBoundTokensPerSecond()
                            ? "compute" : "memory-bandwidth");
        }
        if (!roofline.fits() && measuredOrGiven) {
            // a measurement (or the user's own figure) outranks the memory estimate, which overstates
            // KV for sliding-window and latent attention
            detail += String.format(java.util.Locale.ROOT, " (the memory estimate says it would not fit in %.1f GB; "
                    + "the %s figure overrides it)", roofline.usableVramGb(), source.id());
        }
        double available = perUnit * replicas;
        double peak = 0;
        Integer outgrown = null;
        for (int m = 1; m <= scenario.horizonMonths(); m++) {
            double required = requiredTokensPerSecond(share * workload.queriesInMonth(m));
            peak = Math.max(peak, required);
            if (outgrown == null && required > available && (roofline.fits() || measuredOrGiven)) outgrown = m;
        }
        if (serving.measured() != null && serving.measured().tokensPerSecond() == 0) {
            problems.add("the bench result " + serving.measured().file() + " has " + serving.measured().run()
                    + ": this hardware does not meet the scenario's latency targets");
        } else if (outgrown != null) {
            double required = requiredTokensPerSecond(share * workload.queriesInMonth(outgrown));
            int replicasNeeded = perUnit > 0 ? (int) Math.ceil(peak / perUnit) : 0;
            problems.add(String.format(java.util.Locale.ROOT,
                    "the load outgrows the hardware in month %d: it needs %.1f tok/s at peak and %d replica%s "
                            + "%.1f (%s); about %d replica%s would carry the whole horizon",
                    outgrown, required, replicas, replicas == 1 ? " delivers" : "s deliver", available, source.id(),
                    replicasNeeded,
                    replicasNeeded == 1 ? "" : "s"));
        }
        return new Capacity(peak, available, source, detail);
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
