package dev.aichoose.load;

import dev.aichoose.model.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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

    /**
     * A checksum over the names and contents of the shipped catalog files, in load order. In a jar
     * each file's CRC-32 is the one the jar already holds for it, so nothing is looked up on the
     * class path or inflated to check it (reading and hashing the files took about 6 ms of every
     * start); anywhere else (an IDE's output folder) it is computed from the bytes. Both give the
     * same key.
     */
    static String key() {
        CodeSource code = ShippedCatalogs.class.getProtectionDomain().getCodeSource();
        try {
            Path location = code == null ? null : Path.of(code.getLocation().toURI());
            if (location != null && Files.isRegularFile(location)) {
                Optional<String> inJar = key(location, CatalogLoader.SHIPPED);
                if (inJar.isPresent()) return inJar.get();
            }
        } catch (URISyntaxException | IllegalArgumentException | IOException e) {
            // not a plain jar file: read the files themselves
        }
        return key(CatalogLoader.SHIPPED, ShippedCatalogs::bytes);
    }

    /** The key of these files in this jar, from the CRC-32 the jar holds for each; empty if one is missing. */
    static Optional<String> key(Path jar, List<String> names) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Map<String, Long> crcs = new HashMap<>();
            for (String name : names) {
                ZipEntry entry = zip.getEntry("pricing/" + name);
                if (entry == null || entry.getCrc() < 0) return Optional.empty();
                crcs.put(name, entry.getCrc());
            }
            return Optional.of(keyOfCrcs(names, crcs::get));
        }
    }

    /** The key of files with these contents; the build's copy is keyed on the same function. */
    static String key(List<String> names, Function<String, byte[]> contentOf) {
        return keyOfCrcs(names, name -> crcOf(contentOf.apply(name)));
    }

    private static String keyOfCrcs(List<String> names, ToLongFunction<String> crcOf) {
        CRC32 key = new CRC32();
        for (String name : names) {
            key.update(name.getBytes(StandardCharsets.UTF_8));
            key.update(0);
            long crc = crcOf.applyAsLong(name);
            for (int shift = 0; shift < 32; shift += 8) key.update((int) (crc >>> shift) & 0xff);
        }
        return HexFormat.of().toHexDigits((int) key.getValue()) + "-" + names.size();
    }

    private static long crcOf(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    static byte[] bytes(String name) {
        try (InputStream in = CatalogLoader.class.getResourceAsStream("/pricing/" + name)) {
            if (in == null) throw new IllegalStateException("shipped catalog missing from the jar: " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            // the jar itself is damaged: a bug to report, not a file the user can mend (and not exit 6)
            throw new IllegalStateException("cannot read shipped catalog " + name, e);
        }
    }
}
