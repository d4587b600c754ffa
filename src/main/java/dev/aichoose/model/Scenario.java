package dev.aichoose.model;

import java.util.List;

/**
 * A workload scenario as loaded: {@code optionsFromDefaults} when the file listed none;
 * {@code uncertainty} the ranges it puts on its inputs (none when it has no such section);
 * {@code warnings} the values that load but look like a unit slip ({@code file:line:col: message});
 * {@code billTags} the tag each option names for {@code aichoose reconcile} ({@code reconcile: {tag:
 * "team=support"}}), by option id: lines of a bill that carry it belong to that option.
 */
public record Scenario(
        String name,
        String file,
        int horizonMonths,
        Workload workload,
        Profile profile,
        Assumptions assumptions,
        List<Option> options,
        boolean optionsFromDefaults,
        Uncertainty uncertainty,
        List<String> warnings,
        java.util.Map<String, BillTag> billTags) {

    public Scenario {
        options = List.copyOf(options);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        billTags = billTags == null
                ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(billTags));
    }

    /** A scenario whose options name no bill tags. */
    public Scenario(
            String name,
            String file,
            int horizonMonths,
            Workload workload,
            Profile profile,
            Assumptions assumptions,
            List<Option> options,
            boolean optionsFromDefaults,
            Uncertainty uncertainty,
            List<String> warnings) {
        this(
                name,
                file,
                horizonMonths,
                workload,
                profile,
                assumptions,
                options,
                optionsFromDefaults,
                uncertainty,
                warnings,
                java.util.Map.of());
    }

    /** A scenario whose values raise no warning. */
    public Scenario(
            String name,
            String file,
            int horizonMonths,
            Workload workload,
            Profile profile,
            Assumptions assumptions,
            List<Option> options,
            boolean optionsFromDefaults,
            Uncertainty uncertainty) {
        this(
                name,
                file,
                horizonMonths,
                workload,
                profile,
                assumptions,
                options,
                optionsFromDefaults,
                uncertainty,
                List.of());
    }

    /** A scenario with no ranges on its inputs. */
    public Scenario(
            String name,
            String file,
            int horizonMonths,
            Workload workload,
            Profile profile,
            Assumptions assumptions,
            List<Option> options,
            boolean optionsFromDefaults) {
        this(name, file, horizonMonths, workload, profile, assumptions, options, optionsFromDefaults, Uncertainty.NONE);
    }

    /** The same scenario with other inputs: what a simulation draw or a sensitivity probe evaluates. */
    public Scenario with(Workload workload, Assumptions assumptions, List<Option> options) {
        return new Scenario(
                name,
                file,
                horizonMonths,
                workload,
                profile,
                assumptions,
                options,
                optionsFromDefaults,
                uncertainty,
                warnings,
                billTags);
    }

    /** The same scenario with other ranges: a simulation's, with the ranges aichoose adds itself. */
    public Scenario withUncertainty(Uncertainty ranges) {
        return new Scenario(
                name,
                file,
                horizonMonths,
                workload,
                profile,
                assumptions,
                options,
                optionsFromDefaults,
                ranges,
                warnings);
    }

    /**
     * Every class that carries traffic, the implicit {@code default} last: it has the rest of the
     * share, the profile's quality need, and no placement rule of its own.
     */
    public List<WorkloadClass> trafficClasses() {
        List<WorkloadClass> classes = new java.util.ArrayList<>(
                workload.classes().stream().filter(c -> c.share() > 0).toList());
        if (workload.defaultShare() > 1e-9) {
            classes.add(new WorkloadClass(
                    Workload.DEFAULT_CLASS,
                    workload.defaultShare(),
                    false,
                    WorkloadClass.Complexity.ROUTINE,
                    profile.qualityNeed(),
                    false));
        }
        return List.copyOf(classes);
    }
}
