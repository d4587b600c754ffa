package dev.aichoose.cost;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.Capacity;
import dev.aichoose.model.OptionResult.CapacitySource;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Traffic;
import dev.aichoose.model.Workload;
import dev.aichoose.serving.ServingEstimate;
import dev.aichoose.serving.ServingModel;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;

/**
 * What owned or rented hardware delivers against what the load needs (docs/methodology.md §11):
 * the throughput and its source, whether the model fits, and the month the load outgrows it.
 */
final class CapacityCheck {
    private final Scenario scenario;
    private final Catalog catalog;
    private final Workload workload;
    private final FleetPlanner planner;
    private final ToDoubleBiFunction<Option, Traffic> autoSizedTco;

    /**
     * @param autoSizedTco the TCO of an option sized by aichoose carrying some traffic, quoted when a
     *     stated count is outgrown
     */
    CapacityCheck(
            Scenario scenario,
            Catalog catalog,
            FleetPlanner planner,
            ToDoubleBiFunction<Option, Traffic> autoSizedTco) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.workload = scenario.workload();
        this.planner = planner;
        this.autoSizedTco = autoSizedTco;
    }

    /**
     * The hardware's capacity carrying some traffic. {@code fixedProblems} hold whatever the volume
     * cannot change (the model or the longest request carried does not fit, a replica needs more
     * GPUs than there are, the latency targets are missed); {@code outgrown} says when the load
     * outgrows it.
     */
    record Check(Capacity capacity, List<String> fixedProblems, Optional<String> outgrown) {
        List<String> problems() {
            List<String> all = new ArrayList<>(fixedProblems);
            outgrown.ifPresent(all::add);
            return List.copyOf(all);
        }
    }

    /** How hardware carries some traffic, decided without writing why: what a routing search asks. */
    enum Fit {
        /** No problem. */
        CARRIES,
        /** The load outgrows a stated count in some month: less traffic might fit. */
        OUTGROWN,
        /** Whatever the volume: the model, a request or a replica does not fit, or latency is missed. */
        UNFIT
    }

    /** The check for an owned or rented option carrying {@code traffic}; empty for an API. */
    Optional<Check> check(Option option, Traffic traffic) {
        return switch (option) {
            case Option.Api a -> Optional.empty();
            case Option.SelfHosted s -> Optional.of(hardware(s, traffic));
            case Option.Rented r -> Optional.of(hardware(r, traffic));
            case Option.Hybrid h -> throw new IllegalArgumentException("a hybrid's capacity is its legs'");
        };
    }

    /**
     * What a rented offer's hourly price holds, where the catalog says: storage and egress
     * {@code included} or {@code billed} apart. What is billed apart is in the option's cost only as
     * its {@code rented.recurring} lines, so where it has none the line says how to add them.
     */
    private static String extras(CloudOffer.Billing b, boolean hasRecurring) {
        List<String> said = new ArrayList<>();
        if (b.storage() != null) said.add("storage " + b.storage());
        if (b.egress() != null) said.add("egress " + b.egress());
        if (said.isEmpty()) return "";
        List<String> apart = b.billedApart();
        String how = apart.isEmpty()
                ? ""
                : hasRecurring
                        ? " (in this cost as the option's recurring lines)"
                        : " (" + String.join(" and ", apart)
                                + " not in this cost: add " + (apart.size() == 1 ? "it" : "each")
                                + " as rented.recurring: [{name, usd_per_month}])";
        return "; " + String.join(", ", said) + how;
    }

    private Check hardware(Option.Sized option, Traffic traffic) {
        List<String> problems = new ArrayList<>();
        FleetPlanner.Plan plan = planner.plan(option, traffic);
        Replica replica = plan.replica();
        Fleet fleet = plan.fleet();
        Gpu gpu = planner.gpu(option);
        int gpusPerUnit = planner.gpusPerUnit(option);
        Option.Serving serving = option.serving();
        OpenModel model = catalog.openModels().get(serving.model());
        // the mean request carried, which the replica is estimated at (the workload's own without class shapes)
        double context = traffic.mean().requestTokens();
        int perReplica = replica.gpus();
        ServingEstimate estimate = replica.estimate();
        ServingEstimate.Memory memory = estimate.memory();
        int replicas = FleetSizing.replicasIn(fleet.month(1).units(), perReplica, gpusPerUnit);
        problems.addAll(replica.problems());
        if (!replica.problems().isEmpty() && serving.gpusPerReplica() == null) {
            // a replica wider than one chassis, or latency targets missed: the count changes nothing (a stated
            // replica wider than the option's GPUs is said as well, below: whatever else it needs, it needs them)
        } else if (replicas == 0 && serving.gpusPerReplica() == null) {
            problems.add(String.format(
                            Locale.ROOT,
                            "%s at %s needs a replica of %d GPUs to fit in memory (%.1f GB: weights %.1f GB, engine "
                                    + "overhead and KV for %d stream%s), but the option has only %d",
                            model.id(),
                            serving.quantization().id(),
                            perReplica,
                            memory.weightsGb()
                                    + memory.overheadGb()
                                    + memory.kvGbPerStream() * Math.max(estimate.streams(), 1),
                            memory.weightsGb(),
                            Math.max(estimate.streams(), 1),
                            estimate.streams() > 1 ? "s" : "",
                            fleet.month(1).units() * gpusPerUnit)
                    + autoAlternative(option, traffic));
        } else if (replicas == 0) {
            problems.add("a replica spans " + perReplica + " GPUs (gpus_per_replica), but the option has only "
                    + fleet.month(1).units() * gpusPerUnit + autoAlternative(option, traffic));
        }
        // with class shapes each class's request is checked against the context on its own (Feasibility)
        if (!workload.hasClassShapes()) model.contextProblem(context).ifPresent(problems::add);
        if (!estimate.fits() && replica.source() != CapacitySource.GIVEN) {
            problems.add(String.format(
                            Locale.ROOT,
                            "%s at %s does not fit in memory: it needs %.1f GB (weights %.1f GB, %s overhead %.1f GB, KV "
                                    + "cache for one %s-token request %.2f GB) and a replica on %s × %d offers %.1f GB "
                                    + "usable (%.0f%% of %.1f GB); %s",
                            model.id(),
                            serving.quantization().id(),
                            memory.neededGbForOneStream(),
                            memory.weightsGb(),
                            replica.point().engine().id(),
                            memory.overheadGb(),
                            Figures.wholeCount(context),
                            memory.kvGbPerStream(),
                            gpu.id(),
                            perReplica,
                            memory.usableGb(),
                            ServingModel.usableShare(replica.point().engine(), gpu) * 100,
                            gpu.vramGb() * perReplica * ServingModel.VRAM_BYTES_PER_GB / ServingModel.GB,
                            planner.chassis(option).advice(perReplica))
                    + ServingModel.narrowerThatFits(replica.point())
                            .map(n -> " (at " + n.words(replica.point().engine()) + ": quantization: "
                                    + n.quantization().id() + ")")
                            .orElse("")
                    + (replica.source() == CapacitySource.BENCH ? " (a bench result does not change what fits)" : ""));
        }
        if (estimate.fits() && !longestFits(plan)) {
            FleetPlanner.LongestRequest longest = plan.longest().orElseThrow();
            ServingEstimate.Memory one = longest.estimate().memory();
            problems.add(String.format(
                    Locale.ROOT,
                    "class%s %s: one request of %s tokens does not fit in memory beside %s at %s: it needs %.1f GB "
                            + "(weights %.1f GB, %s overhead %.1f GB, KV cache %.2f GB) and a replica on %s × %d "
                            + "offers %.1f GB usable; route the class elsewhere, or %s",
                    longest.classes().size() == 1 ? "" : "es",
                    longest.classes().stream()
                            .map(c -> "'" + c + "'")
                            .collect(java.util.stream.Collectors.joining(", ")),
                    Figures.wholeCount(longest.shape().requestTokens()),
                    model.id(),
                    serving.quantization().id(),
                    one.neededGbForOneStream(),
                    one.weightsGb(),
                    replica.point().engine().id(),
                    one.overheadGb(),
                    one.kvGbPerStream(),
                    gpu.id(),
                    perReplica,
                    one.usableGb(),
                    planner.chassis(option).advice(perReplica)));
        }
        double perUnit = replica.tokensPerSecond();
        CapacitySource source = replica.source();
        String detail = replica.detail();
        double[] required = plan.requiredTokensPerSecond();
        double utilisation = scenario.assumptions().planningUtilisation();
        double peak = 0;
        int busiest = 1;
        Integer outgrown = null;
        for (int m = 1; m <= scenario.horizonMonths(); m++) {
            if (required[m - 1] > peak) {
                peak = required[m - 1];
                busiest = m;
            }
            // a stated count carries a month as a sized fleet would: no replica above the planning utilisation
            if (outgrown == null
                    && replicas > 0
                    && perUnit > 0
                    && replica.delivers()
                    && outgrows(
                            required[m - 1],
                            perUnit,
                            utilisation,
                            FleetSizing.replicasIn(fleet.month(m).units(), perReplica, gpusPerUnit))) {
                outgrown = m;
            }
        }
        double available = perUnit * FleetSizing.replicasIn(fleet.month(busiest).units(), perReplica, gpusPerUnit);
        if (fleet.auto()) {
            detail += String.format(
                    Locale.ROOT,
                    "; sized by aichoose: %d unit%s by month %d",
                    fleet.peakUnits(),
                    fleet.peakUnits() == 1 ? "" : "s",
                    fleet.peakMonth());
        }
        if (option instanceof Option.Rented r
                && r.choice() != null
                && r.choice().picked()) {
            detail += "; rents " + r.offer() + ", the cheapest for this workload of "
                    + r.choice().candidates() + " offers of " + r.choice().describe();
        }
        if (option instanceof Option.Rented r && r.offer() != null) {
            detail += extras(
                    catalog.cloudOffers().get(r.offer()).billing(),
                    !r.recurring().isEmpty());
        }
        Optional<String> outgrownProblem = Optional.empty();
        if (serving.measured() instanceof Option.Measured.NoRunMeets none) {
            problems.add("the bench result " + none.file() + " has no run that meets " + none.targets()
                    + ": this hardware does not meet the scenario's latency targets");
        } else if (outgrown != null) {
            double atOutgrown = required[outgrown - 1];
            double delivered =
                    perUnit * FleetSizing.replicasIn(fleet.month(outgrown).units(), perReplica, gpusPerUnit);
            double replicasNeeded = FleetSizing.replicasNeededCount(peak, perUnit, utilisation);
            outgrownProblem = Optional.of(String.format(
                            Locale.ROOT,
                            "the load outgrows the hardware in month %d: it needs %.1f tok/s at peak and %d replica%s "
                                    + "%.1f (%s)%s; about %s replica%s would carry the whole horizon",
                            outgrown,
                            atOutgrown,
                            replicas,
                            replicas == 1 ? " delivers" : "s deliver",
                            delivered,
                            source.id(),
                            utilisation < 1
                                    ? String.format(
                                            Locale.ROOT,
                                            ", %.1f at the planning utilisation of %s",
                                            delivered * utilisation,
                                            Figures.percent(utilisation))
                                    : "",
                            Figures.count(replicasNeeded),
                            replicasNeeded == 1 ? "" : "s")
                    + autoAlternative(option, traffic));
        }
        return new Check(
                new Capacity(peak, available, source, detail, Optional.of(fleet), estimateOf(replica)),
                List.copyOf(problems),
                outgrownProblem);
    }

    /** Whether memory holds one request of the longest class carried (a figure the user gives overrides it). */
    private static boolean longestFits(FleetPlanner.Plan plan) {
        return plan.longest().isEmpty()
                || plan.longest().get().estimate().fits()
                || plan.replica().source() == CapacitySource.GIVEN;
    }

    /** Whether {@link #check} finds no problem carrying {@code traffic}. */
    boolean carries(Option.Sized option, Traffic traffic) {
        return fit(option, traffic) == Fit.CARRIES;
    }

    /**
     * How {@link #check} finds the hardware carrying {@code traffic}, decided without writing any
     * problem: the same tests as {@link #hardware}, in the same order, on the same plan.
     */
    Fit fit(Option.Sized option, Traffic traffic) {
        FleetPlanner.Plan plan = planner.plan(option, traffic);
        Replica replica = plan.replica();
        Fleet fleet = plan.fleet();
        int gpusPerUnit = planner.gpusPerUnit(option);
        int perReplica = replica.gpus();
        if (FleetSizing.replicasIn(fleet.month(1).units(), perReplica, gpusPerUnit) == 0) return Fit.UNFIT;
        OpenModel model = catalog.openModels().get(option.serving().model());
        if (!workload.hasClassShapes() && traffic.mean().requestTokens() > model.contextTokens()) return Fit.UNFIT;
        if (!replica.problems().isEmpty()) return Fit.UNFIT;
        if (!replica.estimate().fits() && replica.source() != CapacitySource.GIVEN) return Fit.UNFIT;
        if (replica.estimate().fits() && !longestFits(plan)) return Fit.UNFIT;
        if (option.serving().measured() instanceof Option.Measured.NoRunMeets) return Fit.UNFIT;
        double perUnit = replica.tokensPerSecond();
        double[] required = plan.requiredTokensPerSecond();
        double utilisation = scenario.assumptions().planningUtilisation();
        for (int m = 1; m <= scenario.horizonMonths(); m++) {
            int held = FleetSizing.replicasIn(fleet.month(m).units(), perReplica, gpusPerUnit);
            if (perUnit > 0 ? outgrows(required[m - 1], perUnit, utilisation, held) : required[m - 1] > 0)
                return Fit.OUTGROWN;
        }
        return Fit.CARRIES;
    }

    /** The serving model's figures behind an estimated capacity. */
    private static Optional<OptionResult.Estimate> estimateOf(Replica replica) {
        if (replica.source() != CapacitySource.ESTIMATE || !replica.estimate().fits()) return Optional.empty();
        ServingEstimate e = replica.estimate();
        return Optional.of(new OptionResult.Estimate(
                replica.tokensPerSecond(),
                replica.gpus(),
                replica.point().parallelism().id(),
                replica.point().engine().id(),
                replica.point().kvPrecision().id(),
                e.streams(),
                e.ttftMs(),
                e.tpotMs(),
                e.bound().id(),
                replica.accuracy(),
                replica.estimatedFigures()));
    }

    /** The rule a stated count and a sized fleet share: a month needs no replica above the planning utilisation. */
    private static boolean outgrows(
            double requiredTokensPerSecond, double perReplica, double utilisation, int replicasHeld) {
        return FleetSizing.replicasNeeded(requiredTokensPerSecond, perReplica, utilisation) > replicasHeld;
    }

    /** What the same option sized by aichoose would need and cost, for a stated count it cannot serve. */
    private String autoAlternative(Option.Sized option, Traffic traffic) {
        if (option.autoCount()
                || !(option.autoSized() instanceof Option.Sized auto)
                || !planner.plan(auto, traffic).replica().delivers()) {
            return "";
        }
        Fleet fleet = planner.plan(auto, traffic).fleet();
        return String.format(
                Locale.ROOT,
                "; with count: auto aichoose would grow it to %d unit%s by month %d" + " for a TCO of %s",
                fleet.peakUnits(),
                fleet.peakUnits() == 1 ? "" : "s",
                fleet.peakMonth(),
                Figures.usdWhole(autoSizedTco.applyAsDouble(auto, traffic)));
    }
}
