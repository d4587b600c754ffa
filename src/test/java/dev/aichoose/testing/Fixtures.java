package dev.aichoose.testing;

import dev.aichoose.analysis.Evaluator;
import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.load.CatalogLoader;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Scenario;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Scenarios written inline as YAML, loaded against the shipped catalogs. */
public final class Fixtures {
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 24);
    private static Catalog shipped;

    private Fixtures() {}

    public static synchronized Catalog catalog() {
        if (shipped == null) shipped = CatalogLoader.load(List.of());
        return shipped;
    }

    public static Scenario scenario(String yaml) {
        return new ScenarioLoader(
                        catalog(),
                        (file, slo) -> {
                            throw new InputException(
                                    new Diagnostic(file.toString(), 0, 0, "no bench files in this test"));
                        },
                        Map.of())
                .parse("test.yaml", new StringReader(yaml), Path.of("."));
    }

    public static Evaluation evaluate(String yaml) {
        return Evaluator.evaluate(scenario(yaml), catalog(), AS_OF);
    }

    /** The problems a scenario's loading reports, rendered as file:line:col: message. */
    public static List<String> problems(String yaml) {
        try {
            scenario(yaml);
            return List.of();
        } catch (InputException e) {
            return e.diagnostics().stream().map(Diagnostic::toString).toList();
        }
    }
}
