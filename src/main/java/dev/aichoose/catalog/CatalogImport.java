package dev.aichoose.catalog;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.input.Node;
import dev.aichoose.input.NodeParser;
import dev.aichoose.model.Catalog;
import java.io.Reader;
import java.time.LocalDate;

/** Reads a public price file of a known format into entries for a price-book layer. */
public final class CatalogImport {
    private CatalogImport() {}

    public enum Format {
        LITELLM,
        OPENROUTER,
        GENAI_PRICES
    }

    /**
     * Reads a source's price file into a price-book layer.
     *
     * @param asOf the date to stamp when the file has none (LiteLLM has its own); null if not given
     * @param reference a catalog whose quality and open-weight labels carry over to the same ids; may be null
     */
    public static Imported read(Format format, String file, Reader reader, LocalDate asOf, Catalog reference) {
        Node root = NodeParser.parseJson(file, reader);
        Imported imported = switch (format) {
            case LITELLM -> LitellmImport.read(file, root, asOf, reference);
            case OPENROUTER -> OpenRouterImport.read(file, root, asOf, reference);
            case GENAI_PRICES -> GenaiPricesImport.read(file, root, asOf, reference);
        };
        // a file of another shape (another source's format, an empty list) would give an empty layer
        if (imported.entries().isEmpty()) {
            String skipped = imported.skipped().isEmpty()
                    ? "the file lists no models"
                    : "skipped "
                            + String.join(
                                    ", ",
                                    imported.skipped().entrySet().stream()
                                            .map(e -> e.getValue() + " " + e.getKey())
                                            .toList());
            throw new InputException(new Diagnostic(
                    file,
                    1,
                    1,
                    "no chat model to import (" + skipped + "); is this a "
                            + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " file?"));
        }
        return imported;
    }
}
