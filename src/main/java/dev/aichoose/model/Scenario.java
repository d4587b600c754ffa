package dev.aichoose.model;

import java.util.List;

/** A workload scenario as loaded: {@code optionsFromDefaults} when the file listed none. */
public record Scenario(
        String name,
        String file,
        int horizonMonths,
        Workload workload,
        Profile profile,
        Assumptions assumptions,
        List<Option> options,
        boolean optionsFromDefaults) {

    public Scenario {
        options = List.copyOf(options);
    }

    /**
     * Every class that carries traffic, the implicit {@code default} last: it has the rest of the
     * share, the profile's quality need, and no placement rule of its own.
     */
    public List<WorkloadClass> trafficClasses() {
        List<WorkloadClass> classes = new java.util.ArrayList<>(
                workload.classes().stream().filter(c -> c.share() > 0).toList());
        if (workload.defaultShare() > 1e-9) {
            classes.add(new WorkloadClass(Workload.DEFAULT_CLASS, workload.defaultShare(), false,
                    WorkloadClass.Complexity.ROUTINE, profile.qualityNeed(), false));
        }
        return List.copyOf(classes);
    }
}
