package dev.aichoose.load;

import dev.aichoose.model.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The shipped catalogs as the build parsed them. Parsing the YAML took about 90 ms of every run for
 * files that do not change between runs, so the build runs {@link CatalogLoader} on them once and
 * writes the result as Java code ({@link ShippedCatalogsSource}). That copy is used only when it
 * was made from exactly the catalog bytes now in the jar; anything else is parsed as before.
 */
public final class ShippedCatalogs {
    /** The class the build generates; absent when the code runs straight from an IDE's compile. */
    static final String DATA_CLASS = "dev.aichoose.load.ShippedCatalogsData";

    private ShippedCatalogs() {}

    /** What the build generates: the catalogs, and the key of the files they were parsed from. */
    public interface Data {
        String key();

        Catalog catalog();
    }

    /** The build's copy of the shipped catalogs, if there is one made from the files in this jar. */
    static Optional<Catalog> prebuilt() {
        return prebuilt(DATA_CLASS, key());
    }

    /** The catalogs in that generated class, if it was made from files with this key. */
    static Optional<Catalog> prebuilt(String dataClass, String currentKey) {
        try {
            Data data = Class.forName(dataClass)
                    .asSubclass(Data.class)
                    .getDeclaredConstructor()
                    .newInstance();
            return data.key().equals(currentKey) ? Optional.of(data.catalog()) : Optional.empty();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            // not generated, or generated against model classes that have changed since: parse the YAML
            return Optional.empty();
        }
    }

    /** A checksum over the names and bytes of the shipped catalog files, in load order. */
    static String key() {
        return key(CatalogLoader.SHIPPED, ShippedCatalogs::bytes);
    }

    static String key(List<String> names, Function<String, byte[]> contentOf) {
        CRC32C crc = new CRC32C();
        for (String name : names) {
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            crc.update(0);
            crc.update(contentOf.apply(name));
            crc.update(0);
        }
        return HexFormat.of().toHexDigits(crc.getValue()) + "-" + names.size();
    }

    static byte[] bytes(String name) {
        try (InputStream in = CatalogLoader.class.getResourceAsStream("/pricing/" + name)) {
            if (in == null) throw new IllegalStateException("shipped catalog missing from the jar: " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped catalog " + name, e);
        }
    }
}
