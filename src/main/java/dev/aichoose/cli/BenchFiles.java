package dev.aichoose.cli;

import dev.aichoose.load.BenchCapacity;
import dev.aichoose.load.BenchSource;
import dev.aichoose.load.located.Suggestions;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Bench results for scenarios, and the check of {@code --bench ID=FILE} against the scenario's options. */
final class BenchFiles {
    private BenchFiles() {}

    static final BenchSource SOURCE = BenchCapacity::read;

    /** An id that names no self-hosted or rented option is a typo on the command line (exit 2). */
    static void checkOverrides(Scenario scenario, Map<String, Path> overrides) {
        List<String> served = scenario.options().stream()
                .filter(o -> o instanceof Option.SelfHosted || o instanceof Option.Rented)
                .map(Option::id)
                .toList();
        for (String id : overrides.keySet()) {
            if (id.equals("*") || served.contains(id)) continue;
            boolean exists = scenario.options().stream().anyMatch(o -> o.id().equals(id));
            throw new UsageException("--bench " + id + "=…: "
                    + (exists
                            ? "'" + id + "' is not a self-hosted or rented option, so no bench result applies to it"
                            : "the scenario has no option '" + id + "'" + Suggestions.hint(id, served)));
        }
    }
}
