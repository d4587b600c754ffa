package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * A workload scenario as loaded: {@code optionsFromDefaults} when the file listed none;
 * {@code uncertainty} the ranges it puts on its inputs (none when it has no such section);
 * {@code warnings} the values that load but look like a unit slip ({@code file:line:col: message});
 * {@code billTags} the tag each option names for {@code aichoose reconcile} ({@code reconcile: {tag:
 * "team=support"}}), by option id: lines of a bill that carry it belong to that option. Assembled by
 * name with {@link ScenarioBuilder}; not set, a scenario has no ranges, no warnings and no bill tags.
 */
@RecordBuilder
public record Scenario(
        String name,
        String file,
        int horizonMonths,
        Workload workload,
        Profile profile,
        Assumptions assumptions,
        List<Option> options,
        boolean optionsFromDefaults,

        @RecordBuilder.Initializer(value = "NONE", source = Uncertainty.class)
        Uncertainty uncertainty,

        List<String> warnings,
        java.util.Map<String, BillTag> billTags)
        implements ScenarioBuilder.With {

    public Scenario {
        options = List.copyOf(options);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        billTags = billTags == null
                ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(billTags));
    }

    /** The same scenario with other inputs: what a simulation draw or a sensitivity probe evaluates. */
    public Scenario with(Workload workload, Assumptions assumptions, List<Option> options) {
        return with().workload(workload)
                .assumptions(assumptions)
                .options(options)
                .build();
    }

    /**
     * Every class that carries traffic, the implicit {@code default} last: it has the rest of the
     * share, the profile's quality need, and no placement rule of its own.
     */
    public List<WorkloadClass> trafficClasses() {
        List<WorkloadClass> classes = new java.util.ArrayList<>(
                workload.classes().stream().filter(c -> c.share() > 0).toList());
        if (workload.defaultShare() > 1e-9) {
            classes.add(WorkloadClassBuilder.builder()
                    .name(Workload.DEFAULT_CLASS)
                    .share(workload.defaultShare())
                    .sensitive(false)
                    .complexity(WorkloadClass.Complexity.ROUTINE)
                    .quality(profile.qualityNeed())
                    .onPremises(false)
                    .build());
        }
        return List.copyOf(classes);
    }
}
