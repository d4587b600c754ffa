package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.serving.Calibrator;
import dev.aichoose.serving.ServingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationCacheTest {
    @TempDir
    Path dir;

    /** A price book of one run, its figure filled in. */
    private static final String RUN = """
            measurements:
              - id: book-run
                hardware: nvidia/l4
                gpus: 1
                model: qwen/qwen2.5-7b-instruct
                quantization: bf16
                engine: vllm
                concurrency: 1
                input_tokens: 40
                output_tokens: 128
                output_tokens_per_second: %s
                publisher: my-team
                as_of: 2026-05-05
                source: "our own vLLM run"
            """;

    private final AtomicInteger fits = new AtomicInteger();

    /** A fitter that counts its calls and answers at once, its answer told apart by the number of runs. */
    private ServingCalibration counted(List<Calibrator.Run> runs) {
        fits.incrementAndGet();
        return marked(runs.size());
    }

    private static ServingCalibration marked(int runs) {
        return ServingCalibration.PRIOR.withAccuracy(
                List.of(new ServingCalibration.GroupAccuracy("all", "all runs", runs, 1, 1, 1, 1, 1, 1, 1, 1)));
    }

    private Path book(String figure) throws IOException {
        Path book = Files.createDirectories(dir.resolve("book"));
        Files.writeString(book.resolve("runs.yaml"), RUN.formatted(figure));
        return book;
    }

    private Catalog load(Path book, Path cache) {
        return CatalogLoader.parse(List.of(book), new CalibrationCache(Optional.of(cache), this::counted));
    }

    private static List<Path> entries(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> files = Files.list(cache)) {
            return files.sorted().toList();
        }
    }

    @Test
    void theDirectoryIsTheOneNamedElseTheXdgCacheElseTheHomeCache() {
        Map<String, String> none = Map.of();
        Map<String, String> home = Map.of("user.home", "/home/ada");
        assertThat(CalibrationCache.directory(home::get, none::get)).contains(Path.of("/home/ada/.cache/aichoose"));
        Map<String, String> xdg = Map.of("XDG_CACHE_HOME", "/var/cache/ada");
        assertThat(CalibrationCache.directory(home::get, xdg::get)).contains(Path.of("/var/cache/ada/aichoose"));
        Map<String, String> relativeXdg = Map.of("XDG_CACHE_HOME", "cache");
        assertThat(CalibrationCache.directory(home::get, relativeXdg::get))
                .as("the XDG specification ignores a relative path")
                .contains(Path.of("/home/ada/.cache/aichoose"));
        Map<String, String> named = Map.of("AICHOOSE_CACHE_DIR", "/ci/cache", "XDG_CACHE_HOME", "/var/cache/ada");
        assertThat(CalibrationCache.directory(home::get, named::get)).contains(Path.of("/ci/cache"));
        Map<String, String> property = Map.of("aichoose.cache.dir", "/tests/cache", "user.home", "/home/ada");
        assertThat(CalibrationCache.directory(property::get, named::get)).contains(Path.of("/tests/cache"));
        Map<String, String> off = Map.of("AICHOOSE_CACHE_DIR", "off");
        assertThat(CalibrationCache.directory(home::get, off::get)).isEmpty();
        Map<String, String> propertyOff = Map.of("aichoose.cache.dir", "off");
        assertThat(CalibrationCache.directory(propertyOff::get, named::get)).isEmpty();
        assertThat(CalibrationCache.directory(none::get, none::get))
                .as("no home")
                .isEmpty();
    }

    @Test
    void aBookThatAddsARunIsFittedOnceThenReadBackToTheLastDigit() throws IOException {
        Path book = book("17.5");
        Path cache = dir.resolve("cache");
        // the real fitter: what comes back from the file must be exactly what it fitted
        AtomicInteger realFits = new AtomicInteger();
        CalibrationCache calibrations = new CalibrationCache(Optional.of(cache), runs -> {
            realFits.incrementAndGet();
            return Calibrator.calibrate(runs);
        });
        Catalog fresh = CatalogLoader.parse(List.of(book), calibrations);
        assertThat(entries(cache))
                .singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString()).matches("calibration-[0-9a-f]{64}\\.json"));
        Catalog kept = CatalogLoader.parse(List.of(book), calibrations);

        assertThat(realFits).hasValue(1);
        assertThat(kept.calibration()).isEqualTo(fresh.calibration());
        assertThat(kept.calibration().accuracy()).isEqualTo(fresh.calibration().accuracy());
        assertThat(fresh.calibration())
                .isNotEqualTo(CatalogLoader.load(List.of()).calibration());
        Calibrator.Run run = Calibrator.runs(kept.measurements(), kept.gpus(), kept.openModels()).stream()
                .filter(r -> r.measurement().id().equals("book-run"))
                .findFirst()
                .orElseThrow();
        assertThat(ServingModel.estimate(run.point(), kept.calibration()))
                .isEqualTo(ServingModel.estimate(run.point(), fresh.calibration()));
    }

    @Test
    void theSecondLoadUsesTheKeptFitWithoutFitting() throws IOException {
        Path book = book("17.5");
        Path cache = dir.resolve("cache");
        ServingCalibration first = load(book, cache).calibration();
        Path file = entries(cache).getFirst();
        String key = keyOf(file);
        // a different fit planted under the same key: only a load that reads the file can return it
        ServingCalibration planted = marked(4242);
        CalibrationCache.write(file, new CalibrationCache.Entry(key, planted));

        ServingCalibration second = load(book, cache).calibration();

        assertThat(fits).hasValue(1);
        assertThat(second).isEqualTo(planted).isNotEqualTo(first);
    }

    @Test
    void aChangedMeasurementIsANewKey() throws IOException {
        Path cache = dir.resolve("cache");
        load(book("17.5"), cache);
        load(book("17.6"), cache);
        load(book("17.5"), cache);
        assertThat(fits).hasValue(2);
        assertThat(entries(cache)).hasSize(2);
    }

    @Test
    void theKeyHoldsTheShippedFitSoThatNewFittingCodeFindsNoOldEntry() {
        Catalog shipped = CatalogLoader.load(List.of());
        List<Calibrator.Run> runs = Calibrator.runs(shipped.measurements(), shipped.gpus(), shipped.openModels());
        String key = CalibrationCache.key(runs, shipped.calibration());
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(CalibrationCache.key(List.copyOf(runs), shipped.calibration()))
                .as("the same runs, the same key")
                .isEqualTo(key);
        assertThat(CalibrationCache.key(runs, ServingCalibration.PRIOR)).isNotEqualTo(key);
        assertThat(CalibrationCache.key(runs.subList(1, runs.size()), shipped.calibration()))
                .isNotEqualTo(key);
    }

    @Test
    void aGpuEntryTheRunsUseIsInTheKey() {
        Catalog shipped = CatalogLoader.load(List.of());
        Map<String, Gpu> gpus = new LinkedHashMap<>(shipped.gpus());
        List<Calibrator.Run> runs = Calibrator.runs(shipped.measurements(), gpus, shipped.openModels());
        String key = CalibrationCache.key(runs, shipped.calibration());
        Gpu l4 = gpus.get("nvidia/l4");
        gpus.put(
                "nvidia/l4",
                l4.with().memoryBandwidthGbps(l4.memoryBandwidthGbps() + 1).build());
        List<Calibrator.Run> faster = Calibrator.runs(shipped.measurements(), gpus, shipped.openModels());
        assertThat(CalibrationCache.key(faster, shipped.calibration())).isNotEqualTo(key);
    }

    @Test
    void anEntryThatIsNotWholeIsFittedAfreshAndWrittenOver() throws IOException {
        Path book = book("17.5");
        Path cache = dir.resolve("cache");
        ServingCalibration fitted = load(book, cache).calibration();
        Path file = entries(cache).getFirst();
        String whole = Files.readString(file);
        List<String> damaged = List.of(
                "",
                whole.substring(0, whole.length() / 2),
                "not json at all",
                whole + "{}",
                whole.replace("\"VLLM\":", "\"NO_SUCH_ENGINE\":"),
                whole.replaceFirst("\"key\":\"[0-9a-f]+\"", "\"key\":\"0\""),
                // an entry written before a parameter existed reads it as 0: not a fit the model can use
                whole.replaceFirst(",?\"weightOnlyReadShare\":[-0-9.Ee]+", ""),
                whole.replaceFirst(",?\"linkBandwidthShare\":[-0-9.Ee]+", ""),
                "{\"key\":\"" + file.getFileName().toString().replaceAll("calibration-|\\.json", "")
                        + "\",\"calibration\":null}");
        for (String text : damaged) {
            assertThat(text).isNotEqualTo(whole);
            Files.writeString(file, text);
            int before = fits.get();
            assertThat(load(book, cache).calibration()).as(text).isEqualTo(fitted);
            assertThat(fits).as(text).hasValue(before + 1);
            assertThat(Files.readString(file)).as("written over").isEqualTo(whole);
        }
    }

    @Test
    void anEntryMissingAnEngineIsNotUsed() throws IOException {
        Path book = book("17.5");
        Path cache = dir.resolve("cache");
        ServingCalibration fitted = load(book, cache).calibration();
        Path file = entries(cache).getFirst();
        String key = keyOf(file);
        Map<Engine, ServingCalibration.EngineFit> engines = new EnumMap<>(ServingCalibration.PRIOR.engines());
        engines.remove(Engine.VLLM);
        ServingCalibration partial = new ServingCalibration(engines, 0.5, 0.5, 0, List.of(), 0, 0, Map.of(), 1.0, 1.0);
        CalibrationCache.write(file, new CalibrationCache.Entry(key, partial));
        assertThat(load(book, cache).calibration()).isEqualTo(fitted);
        assertThat(fits).hasValue(2);
    }

    @Test
    void aDirectoryThatCannotBeWrittenStillLoads() throws IOException {
        Path book = book("17.5");
        // a file where the directory should be: no entry can be made in it, whoever runs the test (root too)
        Path blocked = Files.writeString(dir.resolve("blocked"), "a file");
        for (Path cache : List.of(blocked, blocked.resolve("aichoose"))) {
            Catalog loaded = load(book, cache);
            assertThat(loaded.calibration())
                    .isEqualTo(marked(loaded.measurements().size()));
        }
        assertThat(fits).hasValue(2);
        assertThat(Files.readString(blocked)).isEqualTo("a file");
    }

    @Test
    void theShippedTableAndABookThatAddsNoRunLeaveTheCacheAlone() throws IOException {
        Path book = Files.createDirectories(dir.resolve("prices"));
        Files.writeString(book.resolve("negotiated.yaml"), """
                api_models:
                  - id: acme/chat
                    provider: acme
                    input_usd_per_mtok: 1
                    output_usd_per_mtok: 2
                    as_of: 2026-10-01
                    source: "acme price page"
                """);
        Path cache = dir.resolve("cache");
        Catalog priced = load(book, cache);
        Catalog shipped = CatalogLoader.parse(List.of(), new CalibrationCache(Optional.of(cache), this::counted));
        assertThat(priced.calibration()).isEqualTo(CatalogLoader.load(List.of()).calibration());
        assertThat(shipped.calibration()).isEqualTo(priced.calibration());
        assertThat(fits).hasValue(0);
        assertThat(cache).doesNotExist();
    }

    @Test
    void aFitIsAnnouncedBeforeItRunsAndAFitReadBackIsNot() throws IOException {
        Path book = book("17.5");
        Path cache = dir.resolve("cache");
        List<String> told = new ArrayList<>();
        AtomicInteger fitted = new AtomicInteger();
        CalibrationCache calibrations = new CalibrationCache(Optional.of(cache), runs -> {
            // the words come before the work: a user waiting sees them while it runs
            assertThat(told).as("announced before fitting").hasSize(fits.get() + 1);
            fitted.set(runs.size());
            return counted(runs);
        });
        CatalogLoader.parse(List.of(book), calibrations.announcing(told::add));
        CatalogLoader.parse(List.of(book), calibrations.announcing(told::add));

        assertThat(fits).as("the second read the first's fit back").hasValue(1);
        assertThat(told)
                .singleElement()
                .asString()
                .startsWith(String.format(
                        Locale.ROOT,
                        "fitting the serving model on the %,d runs of the shipped table and the price book",
                        fitted.get()))
                .endsWith("the fit is kept in " + cache.toAbsolutePath() + " for the next run with the same runs");

        told.clear();
        CalibrationCache off = new CalibrationCache(Optional.empty(), this::counted);
        CatalogLoader.parse(List.of(book), off.announcing(told::add));
        assertThat(told)
                .singleElement()
                .asString()
                .endsWith("the cache is off, so every run with this price book fits afresh");
    }

    @Test
    void offFitsEveryTimeAndKeepsNothing() throws IOException {
        Path book = book("17.5");
        CalibrationCache off = new CalibrationCache(Optional.empty(), this::counted);
        CatalogLoader.parse(List.of(book), off);
        CatalogLoader.parse(List.of(book), off);
        assertThat(fits).hasValue(2);
        assertThat(entries(dir)).containsExactly(book);
    }

    @Test
    void everyDoubleComesBackAsItWasWritten() {
        Path file = dir.resolve("calibration-x.json");
        ServingCalibration.GroupAccuracy odd = new ServingCalibration.GroupAccuracy(
                "odd",
                "values a decimal print could lose",
                3,
                2,
                0.1 + 0.2,
                Double.MIN_VALUE,
                -0.0,
                Double.POSITIVE_INFINITY,
                Double.NaN,
                Math.nextDown(1.0),
                Double.MAX_VALUE);
        ServingCalibration c = new ServingCalibration(
                ServingCalibration.PRIOR.engines(),
                Math.nextUp(0.5),
                1.0 / 3,
                Double.MAX_VALUE,
                List.of(odd),
                665,
                28,
                Map.of("hopper", Math.PI, "blackwell", Math.E),
                0.7,
                0.3);
        CalibrationCache.write(file, new CalibrationCache.Entry("x", c));
        assertThat(CalibrationCache.read(file, "x")).contains(c);
        assertThat(CalibrationCache.read(file, "y")).as("another key").isEmpty();
    }

    /** The key an entry's file is named by. */
    private static String keyOf(Path file) {
        return file.getFileName().toString().replaceAll("calibration-|\\.json", "");
    }
}
