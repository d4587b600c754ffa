package dev.aichoose.catalog;

import dev.aichoose.analysis.Evaluator;
import dev.aichoose.load.CatalogLoader;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The trimmed real price files under src/test/resources/catalog, imported and layered over the shipped catalogs. */
public final class Imports {
    private Imports() {}

    public static Imported read(CatalogImport.Format format, String resource, LocalDate asOf) {
        try (var in = Imports.class.getResourceAsStream("/catalog/" + resource)) {
            return CatalogImport.read(
                    format,
                    resource,
                    new InputStreamReader(in, StandardCharsets.UTF_8),
                    asOf,
                    CatalogLoader.load(List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The import written as a layer file and loaded the way --pricing loads it. */
    public static Catalog layered(CatalogImport.Format format, String resource, LocalDate asOf) {
        try {
            StringWriter w = new StringWriter();
            LayerWriter.write(read(format, resource, asOf), resource, w);
            Path file = Files.createTempFile("aichoose-layer", ".yaml");
            Files.writeString(file, w.toString());
            try {
                return CatalogLoader.load(List.of(file));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** USD per query of the scenario's first option, on this catalog. */
    public static double perQuery(Catalog catalog, String yaml) {
        var scenario = new ScenarioLoader(
                        catalog,
                        (f, slo) -> {
                            throw new AssertionError("no bench files");
                        },
                        Map.of())
                .parse("test.yaml", new StringReader(yaml), Path.of("."));
        Evaluation e = Evaluator.evaluate(scenario, catalog, LocalDate.of(2026, 12, 1));
        return e.options().getFirst().costPerQueryUsd();
    }
}
