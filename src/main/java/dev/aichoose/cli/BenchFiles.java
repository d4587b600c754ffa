package dev.aichoose.cli;

import dev.aichoose.load.BenchCapacity;
import dev.aichoose.load.BenchSource;
import dev.aichoose.load.InputException;
import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.load.located.Suggestions;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bench results for scenarios, and the check of {@code --bench ID=FILE} against the scenario's options. */
final class BenchFiles {
    private BenchFiles() {}

    static final BenchSource SOURCE = BenchCapacity::read;

    /**
     * A bench result named on the command line must exist, whether or not an option takes it (exit 3);
     * one that is there but is not a regular file is refused with its reason when it is read.
     */
    static void checkFilesExist(Map<String, Path> overrides) {
        List<Diagnostic> missing = overrides.values().stream()
                .filter(p -> !Files.exists(p))
                .map(p -> new Diagnostic(p.toString(), 0, 0, "no such bench result file (--bench)"))
                .toList();
        if (!missing.isEmpty()) throw new InputException(missing);
    }

    /**
     * The bench result given without an id, when no option takes it: every owned or rented option
     * states its own throughput or bench file. Empty when one does, or none was given.
     */
    static Optional<String> unusedDefault(Scenario scenario, Map<String, Path> overrides) {
        Path all = overrides.get("*");
        if (all == null) return Optional.empty();
        boolean taken = scenario.options().stream()
                .filter(o -> o instanceof Option.Sized)
                .map(o -> ((Option.Sized) o).serving().measured())
                .anyMatch(m -> m != null && m.file().equals(all.toString()));
        return taken
                ? Optional.empty()
                : Optional.of("--bench " + all + ": no option takes it; every owned or rented option states its own "
                        + "tokens_per_second or bench (name one with --bench OPTION=FILE)");
    }

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
