package dev.aichoose.report;

import dev.aichoose.analysis.Evaluator;
import dev.aichoose.input.InputException;
import dev.aichoose.load.CatalogLoader;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The real engine on the shipped scenarios, as {@code evaluate --as-of 2026-11-24} runs it. */
final class Engine {
    private Engine() {}

    static final Catalog CATALOG = CatalogLoader.load(List.of());

    static Scenario scenario(Path file) {
        return new ScenarioLoader(
                        CATALOG,
                        (f, slo) -> {
                            throw new InputException(
                                    new dev.aichoose.input.Diagnostic(f.toString(), 0, 0, "no bench results in tests"));
                        },
                        Map.of())
                .load(file);
    }

    static Evaluation evaluate(Scenario scenario) {
        return Evaluator.evaluate(scenario, CATALOG, Fixtures.AS_OF);
    }

    static List<Path> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
