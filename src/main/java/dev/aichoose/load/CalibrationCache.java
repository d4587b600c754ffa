package dev.aichoose.load;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.ThroughputMeasurement;
import dev.aichoose.output.AtomicFile;
import dev.aichoose.serving.Calibrator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Serving calibrations fitted for price books, kept on disk between runs. A price book that adds
 * measurements is refitted with its leave-one-publisher-out accuracy, about 30 fits: 51 s on two
 * cores for a one-run book, paid again by every run with the same book (a CI job running
 * {@code evaluate} ten times paid it ten times). Each fit is pure and deterministic, so a fit kept
 * under a key of everything it depends on is the fit that would be made afresh, to the last digit.
 *
 * <p>The key is a SHA-256 of the resolved runs (each measurement, and the GPU and model entries its
 * operating point uses, as canonical JSON), the aichoose version, and the build's own fit of the
 * shipped table: a change to the serving model or the fitter changes that fit, so entries made by
 * other code are never found. One file a key, written atomically; a file that cannot be read as a
 * whole entry is fitted afresh and replaced, and a directory that cannot be written costs only the
 * time of the fit (docs/methodology.md §11.7, "A price book's fit is kept").
 *
 * @param directory where entries are kept; empty when the cache is off
 * @param fitter the fit and its accuracy ({@link Calibrator#calibrate}; tests count its calls)
 */
record CalibrationCache(Optional<Path> directory, Function<List<Calibrator.Run>, ServingCalibration> fitter) {

    /** The system property that names the directory, before {@link #DIRECTORY_VARIABLE}: the tests' seam. */
    static final String DIRECTORY_PROPERTY = "aichoose.cache.dir";
    /** The environment variable that names the directory, or {@link #OFF} to keep nothing. */
    static final String DIRECTORY_VARIABLE = "AICHOOSE_CACHE_DIR";
    /** The value of either that turns the cache off. */
    static final String OFF = "off";
    /** What the key covers beyond its inputs: bumped when this file's layout or the key's content changes. */
    static final String FORMAT = "aichoose.calibration-cache/2";
    /** An entry is a few kilobytes; anything far larger in its place is not one, and is not read. */
    static final long MAX_ENTRY_BYTES = 1 << 20;

    /**
     * Canonical JSON: properties and map entries in name order, so that the same runs give the same bytes
     * in every JVM (the model's maps are {@code Map.copyOf}, whose order changes from run to run); every
     * field required when an entry is read back, so that a partial one is refused rather than defaulted.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule().addSerializer(LocalDate.class, ToStringSerializer.instance))
            .build();

    CalibrationCache {
        directory = directory.map(Path::toAbsolutePath);
    }

    /** The cache where this process's settings put it, fitting with {@link Calibrator#calibrate}. */
    static CalibrationCache ofThisProcess() {
        return new CalibrationCache(directory(System::getProperty, System::getenv), Calibrator::calibrate);
    }

    /**
     * The same cache, every fit it makes told to {@code progress} first, in words: a price book's fit
     * takes most of a minute of two cores, and a user waiting on a silent command cannot tell a fit from
     * a hang. A fit read back is not told: it takes milliseconds.
     */
    CalibrationCache announcing(Consumer<String> progress) {
        return new CalibrationCache(directory, runs -> {
            progress.accept(fittingWords(runs.size()));
            return fitter.apply(runs);
        });
    }

    /** What {@link #announcing} says before a fit of {@code runs} runs. */
    String fittingWords(int runs) {
        return String.format(
                        Locale.ROOT,
                        "fitting the serving model on the %,d runs of the shipped table and the price book "
                                + "(most of a minute on two cores); ",
                        runs)
                + directory
                        .map(d -> "the fit is kept in " + d + " for the next run with the same runs")
                        .orElse("the cache is off, so every run with this price book fits afresh");
    }

    /** No cache: every calibration fitted afresh. */
    static CalibrationCache off() {
        return new CalibrationCache(Optional.empty(), Calibrator::calibrate);
    }

    /**
     * Where entries are kept: {@code -Daichoose.cache.dir} or {@code AICHOOSE_CACHE_DIR} (the value
     * {@code off} keeps none), else {@code $XDG_CACHE_HOME/aichoose} (an absolute path, as the XDG
     * specification requires), else {@code ~/.cache/aichoose}; none when no home is known.
     */
    static Optional<Path> directory(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String named = nonBlank(properties.apply(DIRECTORY_PROPERTY))
                .or(() -> nonBlank(environment.apply(DIRECTORY_VARIABLE)))
                .orElse(null);
        if (named != null) return named.equals(OFF) ? Optional.empty() : path(named);
        Optional<Path> xdg = nonBlank(environment.apply("XDG_CACHE_HOME"))
                .flatMap(CalibrationCache::path)
                .filter(Path::isAbsolute);
        if (xdg.isPresent()) return Optional.of(xdg.get().resolve("aichoose"));
        return nonBlank(properties.apply("user.home"))
                .flatMap(CalibrationCache::path)
                .map(home -> home.resolve(".cache").resolve("aichoose"));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static Optional<Path> path(String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            // a name no file can have: nothing can be kept there
            return Optional.empty();
        }
    }

    /**
     * The calibration of {@code runs}: the kept one when there is one for them, else fitted and kept.
     *
     * @param shipped the build's fit of the shipped table, which stands in the key for the fitting code
     */
    ServingCalibration calibration(List<Calibrator.Run> runs, ServingCalibration shipped) {
        if (directory.isEmpty()) return fitter.apply(runs);
        String key = key(runs, shipped);
        Path file = file(key).orElseThrow();
        Optional<ServingCalibration> kept = read(file, key);
        if (kept.isPresent()) return kept.get();
        ServingCalibration fitted = fitter.apply(runs);
        write(file, new Entry(key, fitted));
        return fitted;
    }

    /** The file that holds the entry under {@code key}; empty when the cache is off. */
    Optional<Path> file(String key) {
        return directory.map(d -> d.resolve("calibration-" + key + ".json"));
    }

    /** One kept fit, with the key it was made under (a file copied to another name is not used for it). */
    record Entry(String key, ServingCalibration calibration) {}

    /** What the key is the SHA-256 of, as canonical JSON. */
    private record KeyContent(
            String format,
            String version,
            ServingCalibration shippedFit,
            List<ThroughputMeasurement> measurements,
            SortedMap<String, Gpu> gpus,
            SortedMap<String, OpenModel> models) {}

    /** The SHA-256, in hex, of everything the fit of {@code runs} depends on. */
    static String key(List<Calibrator.Run> runs, ServingCalibration shipped) {
        SortedMap<String, Gpu> gpus = new TreeMap<>();
        SortedMap<String, OpenModel> models = new TreeMap<>();
        for (Calibrator.Run r : runs) {
            gpus.put(r.point().gpu().id(), r.point().gpu());
            models.put(r.point().model().id(), r.point().model());
        }
        List<ThroughputMeasurement> measurements =
                runs.stream().map(Calibrator.Run::measurement).toList();
        KeyContent content = new KeyContent(FORMAT, version(), shipped, measurements, gpus, models);
        MessageDigest sha = sha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            MAPPER.writeValue(out, content);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the calibration's key", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide it
            throw new IllegalStateException(e);
        }
    }

    /** The version the build wrote into the jar. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = CalibrationCache.class.getResourceAsStream("/aichoose-version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // the jar is damaged; the kept fit's own key still holds the code's fit of the shipped table
        }
        return p.getProperty("version", "unknown");
    }

    /** The entry in {@code file} made under {@code key}; empty when there is none, or not a whole one. */
    static Optional<ServingCalibration> read(Path file, String key) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_ENTRY_BYTES) return Optional.empty();
            Entry entry = MAPPER.readValue(Files.readAllBytes(file), Entry.class);
            return entry.key().equals(key) && whole(entry.calibration())
                    ? Optional.of(entry.calibration())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // unreadable, truncated or not an entry of this version: fitted afresh, and written over
            return Optional.empty();
        }
    }

    /** Whether the estimates can use it: every engine has its fit. */
    private static boolean whole(ServingCalibration c) {
        return c.engines().keySet().containsAll(EnumSet.allOf(Engine.class))
                && c.weightOnlyReadShare() > 0
                && c.linkBandwidthShare() > 0;
    }

    /**
     * Keeps {@code entry}, its directory made if missing, written to a temporary file and moved into place,
     * so that a run reading it meanwhile finds the old file or the new one, never half of one. A directory
     * that cannot be made or written is said nothing of: the run goes on with the fit it has, and only the
     * next run's time shows it.
     */
    static void write(Path file, Entry entry) {
        try {
            AtomicFile.write(file, out -> MAPPER.writeValue(out, entry));
        } catch (IOException | RuntimeException e) {
            // the cache saves time, never decides the result: an unwritable one is a slower run
        }
    }
}
