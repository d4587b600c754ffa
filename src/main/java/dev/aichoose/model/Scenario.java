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
}
