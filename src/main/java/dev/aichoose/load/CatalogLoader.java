package dev.aichoose.load;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.Fields;
import dev.aichoose.input.InputException;
import dev.aichoose.input.InputFiles;
import dev.aichoose.input.InputKind;
import dev.aichoose.input.Node;
import dev.aichoose.input.NodeParser;
import dev.aichoose.input.Problems;
import dev.aichoose.input.Suggestions;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.ApiModelBuilder;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CatalogBuilder;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.CloudOfferBuilder;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.GpuBuilder;
import dev.aichoose.model.Host;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.OpenModelBuilder;
import dev.aichoose.model.Provenance;
import dev.aichoose.model.Quality;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.ServiceTier;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.ThroughputMeasurement;
import dev.aichoose.serving.Calibrator;
import dev.aichoose.serving.Chassis;
import dev.aichoose.serving.ServingEstimate;
import dev.aichoose.serving.ServingModel;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Loads the shipped catalogs (bundled in the jar) and layers a user's price books over them:
 * a later layer replaces an entry with the same id. Values outside sane bounds are load errors
 * (a chat model at $15,000 per million tokens is a unit error, not a price); implausible values
 * (a per-token price typed as per-million, a $1.60 GPU) and a system cheaper per GPU than its card
 * are warnings on the catalog. A system's per-GPU specs must match its card's.
 */
public final class CatalogLoader {
    /** The shipped catalog files, in the jar under {@code /pricing/}. */
    public static final List<String> SHIPPED = List.of(
            "api-models.yaml",
            "gpus.yaml",
            "hosts.yaml",
            "cloud-offers.yaml",
            "open-models.yaml",
            "throughput-measurements.yaml");

    public static final double MAX_USD_PER_MTOK = dev.aichoose.model.SanityBounds.MAX_USD_PER_MTOK;
    public static final double MIN_PLAUSIBLE_USD_PER_MTOK = dev.aichoose.model.SanityBounds.MIN_PLAUSIBLE_USD_PER_MTOK;
    public static final double MIN_PLAUSIBLE_HARDWARE_USD = dev.aichoose.model.SanityBounds.MIN_PLAUSIBLE_HARDWARE_USD;
    public static final double MIN_PLAUSIBLE_USD_PER_GPU_HOUR =
            dev.aichoose.model.SanityBounds.MIN_PLAUSIBLE_USD_PER_GPU_HOUR;

    private CatalogLoader() {}

    /** The shipped catalogs, then each directory's {@code *.yaml} files in name order. */
    public static Catalog load(List<Path> layers) {
        return load(layers, line -> {});
    }

    /**
     * The same, a line told to {@code progress} before the serving model is fitted on a price book's
     * runs (most of a minute; a fit kept from an earlier run is read back without a word).
     */
    public static Catalog load(List<Path> layers, Consumer<String> progress) {
        if (layers.isEmpty()) {
            Optional<Catalog> shipped = ShippedCatalogs.prebuilt();
            if (shipped.isPresent()) return shipped.get();
        }
        return parse(layers, CalibrationCache.ofThisProcess().announcing(progress));
    }

    /**
     * As {@link #load}, always parsing the YAML (the path with price books). The serving calibration is
     * the build's when the price books add no measurements.
     */
    static Catalog parse(List<Path> layers) {
        return parse(layers, CalibrationCache.ofThisProcess());
    }

    /** The same, a price book's fit kept in (and read from) {@code calibrations}. */
    static Catalog parse(List<Path> layers, CalibrationCache calibrations) {
        return parse(layers, ShippedCatalogs.prebuilt().orElse(null), calibrations);
    }

    /** The shipped catalogs parsed and calibrated afresh: the build's own step. */
    static Catalog parseAfresh() {
        return parse(List.of(), null, CalibrationCache.off());
    }

    private static Catalog parse(List<Path> layers, Catalog shipped, CalibrationCache calibrations) {
        Builder builder = new Builder();
        builder.shipped = shipped;
        builder.calibrations = calibrations;
        for (String name : SHIPPED) {
            try (InputStream in = CatalogLoader.class.getResourceAsStream("/pricing/" + name)) {
                if (in == null) throw new IllegalStateException("shipped catalog missing from the jar: " + name);
                builder.add("pricing/" + name, new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read shipped catalog " + name, e);
            }
        }
        for (Path layer : layers) {
            for (Path file : yamlFiles(layer)) {
                try (Reader r = InputFiles.open(file, InputKind.PRICE_BOOK)) {
                    builder.add(file.toString(), r);
                } catch (IOException e) {
                    throw new InputException(new Diagnostic(file.toString(), 0, 0, "cannot read: " + e.getMessage()));
                }
            }
        }
        return builder.build();
    }

    /**
     * One catalog on its own, with no shipped layer under it (for {@code catalog diff}): the files
     * in order, each a name and its text. References to GPUs the files do not define are not checked.
     * Its measurements are read and checked but not fitted: {@code catalog diff} compares entries, and
     * the fit of the shipped table's runs alone took about 50 s of two cores a side. Its calibration is
     * the prior.
     */
    public static Catalog loadStandalone(Map<String, String> files) {
        Builder builder = new Builder();
        builder.standalone = true;
        files.forEach((name, text) -> builder.add(name, new java.io.StringReader(text)));
        return builder.build();
    }

    /**
     * The {@code *.yaml} files of a price book (a directory, or one file), in name order. Anything else
     * that exists is returned as it is, for {@link InputFiles} to refuse with its reason (a FIFO, a device).
     */
    public static List<Path> yamlFiles(Path layer) {
        if (!Files.isDirectory(layer)) {
            if (Files.exists(layer)) return List.of(layer);
            throw new InputException(new Diagnostic(layer.toString(), 0, 0, "no such price book (file or directory)"));
        }
        try (Stream<Path> files = Files.list(layer)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InputException(new Diagnostic(layer.toString(), 0, 0, "cannot list: " + e.getMessage()));
        }
    }

    /** Collects entries from successive files; each file's problems are reported together. */
    static final class Builder {
        private final Map<String, ApiModel> apiModels = new LinkedHashMap<>();
        private final Map<String, Gpu> gpus = new LinkedHashMap<>();
        private final Map<String, CloudOffer> offers = new LinkedHashMap<>();
        private final Map<String, OpenModel> openModels = new LinkedHashMap<>();
        private final Map<String, Host> hosts = new LinkedHashMap<>();
        private final List<PendingCheck> hostRefs = new ArrayList<>();
        private final Map<String, ThroughputMeasurement> measurements = new LinkedHashMap<>();
        private final List<PendingMeasurement> measurementRefs = new ArrayList<>();
        private final List<Diagnostic> problems = new ArrayList<>();
        private final List<PendingCheck> offerGpuRefs = new ArrayList<>();
        private final List<PendingSystem> systemChecks = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        /** How far a price book's run may stand from the shipped fit's estimate before it is called implausible. */
        static final double IMPLAUSIBLE_RATIO = 5;

        private boolean standalone;
        /** The build's copy of the shipped catalogs, whose calibration is reused when the runs are the same. */
        private Catalog shipped;
        /** Where a fit of other runs than the shipped table's is kept between runs. */
        private CalibrationCache calibrations = CalibrationCache.off();

        private final List<PendingCheck> weightRefs = new ArrayList<>();

        private record PendingCheck(Diagnostic ifMissing, String gpuId) {}

        private record PendingSystem(String file, Node at, String path, Gpu system) {}

        private record PendingMeasurement(
                String file, Node hardware, Node model, String path, ThroughputMeasurement m) {}

        void add(String file, Reader reader) {
            Problems found = new Problems(file);
            Node root = NodeParser.parseYaml(file, reader);
            Fields.of(found, root, "").ifPresent(top -> {
                section(top, "api_models", this::apiModel, apiModels, found);
                Map<String, Gpu> before = new LinkedHashMap<>(gpus);
                section(top, "gpus", this::gpu, gpus, found);
                hostsDropped(file, before);
                section(top, "hosts", this::host, hosts, found);
                section(top, "cloud_offers", this::cloudOffer, offers, found);
                section(top, "open_models", this::openModel, openModels, found);
                section(top, "measurements", this::measurement, measurements, found);
                top.finish();
            });
            problems.addAll(found.all());
        }

        /**
         * A later layer that replaces a card naming a host with one that names none stops buying the
         * host: a price book written before hosts existed would do that silently, so it is said.
         */
        private void hostsDropped(String file, Map<String, Gpu> before) {
            for (var e : gpus.entrySet()) {
                Gpu old = before.get(e.getKey());
                if (old != null
                        && old != e.getValue()
                        && old.host() != null
                        && e.getValue().host() == null) {
                    warnings.add(file + ": gpus[" + e.getKey() + "] names no host, so the " + old.host()
                            + " the earlier catalog bought with it is no longer bought; add host: " + old.host()
                            + " to keep it");
                }
            }
        }

        private <T> void section(
                Fields top, String key, BiFunction<Fields, String, T> read, Map<String, T> into, Problems found) {
            Map<String, Integer> seenHere = new LinkedHashMap<>();
            List<Node> items = top.list(key);
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                Optional<Fields> f = Fields.of(found, item, key + "[" + i + "]");
                if (f.isEmpty()) continue;
                String id = f.get().text("id");
                Fields entry = f.get();
                Fields named = entryFields(entry, key, id);
                int before = found.all().size();
                T value = read.apply(named, id);
                named.finish();
                if (!id.isEmpty() && seenHere.containsKey(id)) {
                    found.at(item, key + ": duplicate id '" + id + "' (first at line " + seenHere.get(id) + ")");
                }
                seenHere.putIfAbsent(id, item.line());
                if (found.all().size() == before && !id.isEmpty()) into.put(id, value);
            }
        }

        /** Re-labels an entry's fields with its id, so messages read {@code gpus[nvidia/rtx-4090].vram_gb}. */
        private static Fields entryFields(Fields entry, String key, String id) {
            Fields named = Fields.of(entry.problems(), entry.node(), key + "[" + (id.isEmpty() ? "?" : id) + "]")
                    .orElseThrow();
            named.allow(List.of("id"));
            return named;
        }

        private ApiModel apiModel(Fields f, String id) {
            double in = price(f, "input_usd_per_mtok");
            double out = price(f, "output_usd_per_mtok");
            Double cached = optionalPrice(f, "cached_input_usd_per_mtok");
            Double batch = f.optionalNumber("batch_discount", 0, 0.95);
            List<ApiModel.LongContextTier> tiers = longContext(f);
            Map<ServiceTier, ApiModel.Rates> serviceTiers = new EnumMap<>(ServiceTier.class);
            f.mapping("service_tiers").ifPresent(st -> {
                for (ServiceTier tier : List.of(ServiceTier.BATCH, ServiceTier.FLEX, ServiceTier.PRIORITY)) {
                    st.mapping(tier.id()).ifPresent(t -> {
                        serviceTiers.put(tier, rates(t));
                        t.finish();
                    });
                }
                st.finish();
            });
            // labels a price list cannot know (quality, open weights) carry over from the entry a layer replaces
            ApiModel below = apiModels.get(id);
            Quality quality = f.choice("quality", Quality.class, below != null ? below.quality() : Quality.STANDARD);
            boolean openWeight = f.flag("open_weight", below != null && below.openWeight());
            return ApiModelBuilder.builder()
                    .id(id)
                    .provider(f.text("provider"))
                    .name(f.text("name", id))
                    .inputUsdPerMtok(in)
                    .outputUsdPerMtok(out)
                    .cachedInputUsdPerMtok(cached)
                    .batchDiscount(batch)
                    .longContext(tiers)
                    .contextTokens(f.optionalInteger("context_tokens", 512, 100_000_000))
                    .quality(quality)
                    .openWeight(openWeight)
                    .provenance(provenance(f))
                    .openWeights(openWeights(f, below))
                    .cacheWriteUsdPerMtok(optionalPrice(f, "cache_write_usd_per_mtok"))
                    .cacheWrite1hUsdPerMtok(optionalPrice(f, "cache_write_1h_usd_per_mtok"))
                    .reasoningUsdPerMtok(optionalPrice(f, "reasoning_usd_per_mtok"))
                    .serviceTiers(serviceTiers)
                    .build();
        }

        /** {@code long_context}: one tier (a mapping) or several (a list), each with its boundary rule. */
        private List<ApiModel.LongContextTier> longContext(Fields f) {
            Optional<Node> raw = f.raw("long_context");
            if (raw.isEmpty()) return List.of();
            List<Node> items = raw.get() instanceof Node.Sequence seq ? seq.items() : List.of(raw.get());
            List<ApiModel.LongContextTier> tiers = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String path = f.pathOf("long_context") + (raw.get() instanceof Node.Sequence ? "[" + i + "]" : "");
                Fields.of(f.problems(), items.get(i), path).ifPresent(lc -> {
                    int threshold = lc.integer("threshold_tokens", 1000, 100_000_000);
                    String boundary = lc.text("boundary", "above");
                    if (!boundary.equals("above") && !boundary.equals("at_or_above")) {
                        lc.problems()
                                .at(
                                        lc.raw("boundary").orElse(lc.node()),
                                        lc.pathOf("boundary") + ": expected above | at_or_above, got '" + boundary
                                                + "'");
                    }
                    ApiModel.Rates r = rates(lc);
                    if (r.inputUsdPerMtok() == null || r.outputUsdPerMtok() == null) {
                        lc.problems()
                                .at(lc.node(), lc.path() + ": a tier needs input_usd_per_mtok and output_usd_per_mtok");
                    }
                    tiers.add(new ApiModel.LongContextTier(threshold, boundary.equals("at_or_above"), r));
                    lc.finish();
                });
            }
            return tiers;
        }

        private ApiModel.Rates rates(Fields t) {
            return new ApiModel.Rates(
                    optionalPrice(t, "input_usd_per_mtok"),
                    optionalPrice(t, "output_usd_per_mtok"),
                    optionalPrice(t, "cached_input_usd_per_mtok"),
                    optionalPrice(t, "cache_write_usd_per_mtok"),
                    optionalPrice(t, "cache_write_1h_usd_per_mtok"),
                    optionalPrice(t, "reasoning_usd_per_mtok"));
        }

        private double price(Fields f, String key) {
            double v = f.number(key, 0, MAX_USD_PER_MTOK);
            implausiblePrice(f, key, v);
            return v;
        }

        private Double optionalPrice(Fields f, String key) {
            Double v = f.optionalNumber(key, 0, MAX_USD_PER_MTOK);
            if (v != null) implausiblePrice(f, key, v);
            return v;
        }

        private void implausiblePrice(Fields f, String key, double v) {
            if (v > 0 && v < MIN_PLAUSIBLE_USD_PER_MTOK) {
                warn(
                        f,
                        key,
                        "$" + Sanity.show(v) + " per million tokens is implausibly low: is it a per-token price? "
                                + "(per million it would be $" + Sanity.show(v * 1e6) + ")");
            }
        }

        private void warn(Fields f, String key, String message) {
            Node at = f.raw(key).orElse(f.node());
            warnings.add(new Diagnostic(f.problems().file(), at.line(), at.column(), f.pathOf(key) + ": " + message)
                    .toString());
        }

        /** The open-weight model an API serves, checked against the open-weight catalog once all layers are read. */
        private String openWeights(Fields f, ApiModel below) {
            if (!f.has("open_weights")) return below != null ? below.openWeights() : null;
            String weights = f.text("open_weights");
            Node at = f.raw("open_weights").orElse(f.node());
            weightRefs.add(new PendingCheck(
                    new Diagnostic(
                            f.problems().file(),
                            at.line(),
                            at.column(),
                            f.pathOf("open_weights") + ": unknown open-weight model '" + weights + "'"),
                    weights));
            return weights;
        }

        private Gpu gpu(Fields f, String id) {
            String hardwareClass = f.text("class", "datacenter");
            int gpus = f.integer("gpus_per_system", 1, 1, 1024);
            Double price = f.optionalNumber("price_usd", 0, 5_000_000);
            if (price != null && price < MIN_PLAUSIBLE_HARDWARE_USD) {
                warn(
                        f,
                        "price_usd",
                        "$" + Sanity.show(price) + " is implausibly low for GPU hardware (price in thousands?)");
            }
            String card = f.text("card", "");
            String host = f.has("host") ? f.text("host") : null;
            if (host != null) {
                Node hostAt = f.raw("host").orElse(f.node());
                hostRefs.add(new PendingCheck(
                        new Diagnostic(
                                f.problems().file(),
                                hostAt.line(),
                                hostAt.column(),
                                f.pathOf("host") + ": unknown host '" + host + "'"),
                        host));
            }
            List<String> estimated = texts(f, "estimates");
            List<Double> range = numbers(f, "price_range_usd");
            Double fp8 = f.optionalNumber("fp8_dense_tflops", 0.1, 1_000_000);
            Double fp4 = f.optionalNumber("fp4_dense_tflops", 0.1, 1_000_000);
            String architecture = f.has("architecture") ? f.text("architecture") : null;
            Gpu.Memory memory = f.has("memory") ? f.choice("memory", Gpu.Memory.class) : null;
            Gpu.Interconnect interconnect = f.has("interconnect")
                    ? named(f, "interconnect", Gpu.Interconnect::byId, Gpu.Interconnect.values(), Gpu.Interconnect::id)
                    : null;
            Double linkGbps = f.optionalNumber("interconnect_gbps", 0.1, 100_000);
            // where the serving figures (FP8/FP4 TFLOPS, architecture, memory, interconnect) come from
            f.text("serving_source", "");
            Gpu gpu = GpuBuilder.builder()
                    .id(id)
                    .name(f.text("name", id))
                    .hardwareClass(hardwareClass)
                    .gpusPerSystem(gpus)
                    .priceUsd(price)
                    .vramGb(f.number("vram_gb", 1, 2048))
                    .memoryBandwidthGbps(f.number("memory_bandwidth_gbps", 10, 100_000))
                    .bf16DenseTflops(f.optionalNumber("bf16_dense_tflops", 0.1, 100_000))
                    .tdpW(f.number("tdp_w", 5, 20_000))
                    .provenance(provenance(f))
                    .card(card.isEmpty() ? null : card)
                    .estimated(estimated)
                    .priceRangeUsd(range)
                    .fp8DenseTflops(fp8)
                    .fp4DenseTflops(fp4)
                    .architecture(architecture)
                    .memory(memory)
                    .interconnect(interconnect)
                    .interconnectGbps(linkGbps)
                    .host(host)
                    .build();
            Node at = f.node();
            if (gpu.isSystem() && card.isEmpty()) {
                // a warning, not an error: price books written before systems named their cards still load
                warnings.add(new Diagnostic(
                                f.problems().file(),
                                at.line(),
                                at.column(),
                                f.path()
                                        + ": a system should name its card (card: the GPU id whose specs it carries), so that its "
                                        + "figures can be checked against the card's")
                        .toString());
            } else if (!gpu.isSystem() && !card.isEmpty()) {
                f.problems()
                        .at(
                                f.raw("card").orElse(at),
                                f.pathOf("card")
                                        + ": only a system (class: system) names a card; this entry is a card itself");
            }
            if (!gpu.isSystem() && gpus != 1 && !"workstation".equals(hardwareClass)) {
                f.problems()
                        .at(
                                f.raw("gpus_per_system").orElse(at),
                                f.pathOf("gpus_per_system") + ": a card is one GPU; a server with " + gpus
                                        + " GPUs is an entry of class system");
            }
            if (!card.isEmpty()) {
                systemChecks.add(
                        new PendingSystem(f.problems().file(), f.raw("card").orElse(at), f.path(), gpu));
            }
            return gpu;
        }

        private static List<String> texts(Fields f, String key) {
            List<String> out = new ArrayList<>();
            for (Node n : f.list(key)) {
                if (n instanceof Node.Scalar sc && sc.kind() == Node.ScalarKind.STRING) out.add(sc.text());
                else f.problems().at(n, f.pathOf(key) + ": expected field names, got " + n.describe());
            }
            return out;
        }

        /** Whether YAML's number is one Java reads as a finite double ({@code .inf}, {@code 0x1F} and {@code 1_000} are not). */
        private static boolean finite(String text) {
            try {
                return Double.isFinite(Double.parseDouble(text));
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static List<Double> numbers(Fields f, String key) {
            List<Double> out = new ArrayList<>();
            for (Node n : f.list(key)) {
                if (n instanceof Node.Scalar sc
                        && (sc.kind() == Node.ScalarKind.INTEGER || sc.kind() == Node.ScalarKind.DECIMAL)
                        && finite(sc.text())) {
                    out.add(Double.parseDouble(sc.text()));
                } else {
                    f.problems().at(n, f.pathOf(key) + ": expected a number, got " + n.describe());
                }
            }
            if (!out.isEmpty() && (out.size() != 2 || out.get(0) > out.get(1))) {
                f.problems().at(f.raw(key).orElse(f.node()), f.pathOf(key) + ": expected [low, high]");
            }
            return out;
        }

        /** The machine cards go into: its slots, its price without GPUs, its own maximum power. */
        private Host host(Fields f, String id) {
            return new Host(
                    id,
                    f.text("name", id),
                    f.integer("gpu_slots", 1, 64),
                    f.number("price_usd", 0, 5_000_000),
                    f.number("power_w", 0, 100_000),
                    provenance(f));
        }

        private CloudOffer cloudOffer(Fields f, String id) {
            String gpu = f.text("gpu");
            var offer = CloudOfferBuilder.builder()
                    .id(id)
                    .provider(f.text("provider"))
                    .gpu(gpu)
                    .gpus(f.integer("gpus", 1, 1, 64))
                    .usdPerGpuHour(f.number("usd_per_gpu_hour", 0.001, 200))
                    .tier(f.text("tier", "on_demand"))
                    .provenance(provenance(f))
                    .region(f.has("region") ? f.text("region") : null)
                    .billing(new CloudOffer.Billing(
                            includedOrBilled(f, "storage"),
                            includedOrBilled(f, "egress"),
                            f.optionalInteger("term_months", 1, 120),
                            f.optionalNumber("interruptions_per_month", 0, 10_000),
                            f.optionalNumber("idle_timeout_seconds", 0, 86_400),
                            f.optionalNumber("billing_increment_seconds", 0.001, 86_400),
                            f.optionalNumber("cold_start_seconds", 0, 3_600),
                            f.has("always_on") ? f.flag("always_on", false) : null))
                    .build();
            if (offer.usdPerGpuHour() < MIN_PLAUSIBLE_USD_PER_GPU_HOUR) {
                warn(
                        f,
                        "usd_per_gpu_hour",
                        "$" + Sanity.show(offer.usdPerGpuHour()) + " per GPU-hour is implausibly low");
            }
            Node at = f.raw("gpu").orElse(f.node());
            offerGpuRefs.add(new PendingCheck(
                    new Diagnostic(
                            f.problems().file(),
                            at.line(),
                            at.column(),
                            f.pathOf("gpu") + ": unknown GPU '" + gpu + "'"),
                    gpu));
            return offer;
        }

        private static String includedOrBilled(Fields f, String key) {
            if (!f.has(key)) return null;
            String value = f.text(key);
            if (!value.equals(CloudOffer.Billing.INCLUDED) && !value.equals(CloudOffer.Billing.BILLED)) {
                f.problems()
                        .at(
                                f.raw(key).orElse(f.node()),
                                f.pathOf(key) + ": expected included | billed, got '" + value + "'");
                return null;
            }
            return value;
        }

        private OpenModel openModel(Fields f, String id) {
            double params = f.number("params_b", 0.01, 10_000);
            double active = f.number("active_params_b", 0.01, 10_000);
            if (active > params) {
                f.problems()
                        .at(
                                f.raw("active_params_b").orElse(f.node()),
                                f.pathOf("active_params_b") + ": must not exceed params_b (" + params + ")");
            }
            int layers = f.integer("layers", 1, 1000);
            return OpenModelBuilder.builder()
                    .id(id)
                    .name(f.text("name", id))
                    .paramsB(params)
                    .activeParamsB(active)
                    .layers(layers)
                    .kvHeads(f.integer("kv_heads", 1, 1024))
                    .headDim(f.integer("head_dim", 1, 4096))
                    .contextTokens(f.integer("context_tokens", 512, 100_000_000))
                    .license(f.text("license"))
                    .quality(f.choice("quality", Quality.class, Quality.STANDARD))
                    .provenance(provenance(f))
                    .qualityProvenance(qualityProvenance(f))
                    .architecture(architecture(f, layers, params))
                    .build();
        }

        /** The architecture fields of an open model (config.json), checked against its layers and size. */
        private static OpenModel.Architecture architecture(Fields f, int layers, double params) {
            // where the architecture fields come from, when not the entry's own source
            f.text("architecture_source", "");
            OpenModel.Attention attention = f.choice("attention", OpenModel.Attention.class, OpenModel.Attention.GQA);
            Integer loraRank = f.optionalInteger("kv_lora_rank", 1, 65_536);
            Integer rope = f.optionalInteger("qk_rope_head_dim", 0, 65_536);
            if (attention == OpenModel.Attention.MLA && loraRank == null) {
                f.problems()
                        .at(
                                f.raw("attention").orElse(f.node()),
                                f.pathOf("attention") + ": mla needs kv_lora_rank (and qk_rope_head_dim)");
            }
            Integer window = f.optionalInteger("sliding_window", 1, 100_000_000);
            int slidingLayers = f.integer("sliding_window_layers", 0, 0, 1000);
            int kvFree = f.integer("kv_free_layers", 0, 0, 1000);
            if (slidingLayers > 0 && window == null) {
                f.problems()
                        .at(
                                f.raw("sliding_window_layers").orElse(f.node()),
                                f.pathOf("sliding_window_layers")
                                        + ": needs sliding_window (the tokens such a layer caches)");
            }
            if (slidingLayers + kvFree > layers) {
                f.problems()
                        .at(
                                f.node(),
                                f.path() + ": sliding_window_layers + kv_free_layers (" + (slidingLayers + kvFree)
                                        + ") exceed layers (" + layers + ")");
            }
            OpenModel.Moe moe = f.mapping("moe")
                    .map(m -> {
                        int experts = m.integer("experts", 1, 100_000);
                        int perToken = m.integer("experts_per_token", 1, 100_000);
                        var value = new OpenModel.Moe(
                                experts,
                                perToken,
                                m.integer("shared_experts", 0, 0, 100_000),
                                m.integer("moe_layers", 1, 1000),
                                m.number("expert_params_b", 1e-6, 1000));
                        if (perToken > experts) {
                            m.problems()
                                    .at(
                                            m.raw("experts_per_token").orElse(m.node()),
                                            m.pathOf("experts_per_token") + ": must not exceed experts (" + experts
                                                    + ")");
                        }
                        if (value.moeLayers() > layers) {
                            m.problems()
                                    .at(
                                            m.raw("moe_layers").orElse(m.node()),
                                            m.pathOf("moe_layers") + ": must not exceed layers (" + layers + ")");
                        }
                        if (value.routedParamsB() > params) {
                            m.problems()
                                    .at(
                                            m.node(),
                                            m.path() + ": moe_layers x experts x expert_params_b ("
                                                    + Sanity.show(value.routedParamsB())
                                                    + " billion) exceeds params_b ("
                                                    + Sanity.show(params) + ")");
                        }
                        m.finish();
                        return value;
                    })
                    .orElse(null);
            Quantization nativePrecision =
                    f.has("native_precision") ? f.choice("native_precision", Quantization.class) : null;
            Integer hidden = f.optionalInteger("hidden_size", 1, 1_000_000);
            Integer vocab = f.optionalInteger("vocab_size", 1, 100_000_000);
            // whether the LM head is the input embedding table (config.json's tie_word_embeddings)
            boolean tied = f.flag("tie_word_embeddings", false);
            if (vocab != null && (hidden == null || !f.has("tie_word_embeddings"))) {
                f.problems()
                        .at(
                                f.raw("vocab_size").orElse(f.node()),
                                f.pathOf("vocab_size")
                                        + ": needs hidden_size and tie_word_embeddings (the embedding table is"
                                        + " vocab_size x hidden_size, and is read whole each step only when tied)");
            }
            return new OpenModel.Architecture(
                    f.optionalInteger("attention_heads", 1, 65_536),
                    hidden,
                    attention,
                    loraRank,
                    rope,
                    window,
                    slidingLayers,
                    kvFree,
                    moe,
                    nativePrecision,
                    vocab,
                    tied);
        }

        /** One published serving run ({@code pricing/throughput-measurements.yaml}). */
        private ThroughputMeasurement measurement(Fields f, String id) {
            int gpus = f.integer("gpus", 1, 1024);
            int tp = f.integer("tensor_parallel", 1, 1, 1024);
            int pp = f.integer("pipeline_parallel", 1, 1, 1024);
            f.optionalInteger("expert_parallel", 1, 1024);
            f.optionalInteger("data_parallel", 1, 1024);
            if (tp * pp != gpus) {
                f.problems()
                        .at(
                                f.raw("gpus").orElse(f.node()),
                                f.pathOf("gpus") + ": " + gpus + " GPUs, but tensor_parallel x pipeline_parallel is "
                                        + tp * pp);
            }
            Quantization quantization = f.choice("quantization", Quantization.class);
            Engine engine = named(f, "engine", Engine::byId, Engine.values(), Engine::id);
            KvPrecision kv = f.choice(
                    "kv_precision",
                    KvPrecision.class,
                    engine == null || quantization == null
                            ? KvPrecision.FP16
                            : KvPrecision.defaultFor(engine, quantization));
            String readAs = f.text("read_as", "table");
            if (!List.of("table", "text", "chart", "log").contains(readAs)) {
                f.problems()
                        .at(
                                f.raw("read_as").orElse(f.node()),
                                f.pathOf("read_as") + ": expected table | text | chart | log, got '" + readAs + "'");
            }
            f.optionalNumber("request_rate", 0, 1_000_000);
            // what the figure measures: closed-loop serving, a static batch (both output over the whole
            // run, prefill included) or the decode rate alone, which decode_only: true also says
            String measures = f.text("measures", "");
            if (!List.of("", "online", "offline_batch", "decode_only").contains(measures)) {
                f.problems()
                        .at(
                                f.raw("measures").orElse(f.node()),
                                f.pathOf("measures") + ": expected online | offline_batch | decode_only, got '"
                                        + measures + "'");
            }
            boolean decodeOnly = f.flag("decode_only", false) || measures.equals("decode_only");
            String hardware = f.text("hardware");
            String model = f.text("model");
            var m = new ThroughputMeasurement(
                    id,
                    hardware,
                    gpus,
                    tp,
                    pp,
                    model,
                    quantization,
                    kv,
                    engine,
                    f.integer("concurrency", 1, 100_000),
                    f.number("input_tokens", 0, 10_000_000),
                    f.number("output_tokens", 1, 10_000_000),
                    f.number("output_tokens_per_second", 0.001, 100_000_000),
                    decodeOnly,
                    f.optionalNumber("ttft_ms", 0, 100_000_000),
                    f.optionalNumber("tpot_ms", 0, 100_000_000),
                    f.text("publisher"),
                    readAs,
                    f.has("excluded") ? f.text("excluded") : null,
                    f.has("held_out") ? f.text("held_out") : null,
                    provenance(f));
            measurementRefs.add(new PendingMeasurement(
                    f.problems().file(),
                    f.raw("hardware").orElse(f.node()),
                    f.raw("model").orElse(f.node()),
                    f.path(),
                    m));
            return m;
        }

        /** A problem with a run, at its hardware field: the run's path, then {@code message}. */
        private static Diagnostic atHardware(PendingMeasurement check, String message) {
            return new Diagnostic(
                    check.file(), check.hardware().line(), check.hardware().column(), check.path() + ": " + message);
        }

        /**
         * A run the model is fitted on, or checked against, must be a setup the serving model can hold in
         * memory: its estimate of one that does not is nothing, and the run would say the estimate is
         * infinitely wrong. Nor can it span separate servers, which the model never estimates, name an
         * engine its GPUs cannot run ({@link Engine#problemOn}), or split the model's attention heads unevenly
         * ({@link Chassis#headSplitProblem}). Such a run is an error naming it (the gpus, quantization or
         * engine are likely wrong), unless it is {@code excluded}.
         */
        private void measurementsThatCannotRun() {
            List<Diagnostic> problems = new ArrayList<>();
            for (PendingMeasurement check : measurementRefs) {
                ThroughputMeasurement m = check.m();
                if (!m.used()) continue;
                Calibrator.run(m, gpus, openModels).ifPresent(run -> {
                    Chassis chassis = Chassis.of(gpus.get(m.hardware()));
                    if (!chassis.holds(m.gpus())) {
                        problems.add(atHardware(
                                check,
                                chassis.spanProblem(m.gpus()).split(": ", 2)[0]
                                        + ", and the serving model estimates a replica inside one chassis only "
                                        + "(docs/methodology.md §11.9): keep the run out of the fit with excluded: "
                                        + "\"why\""));
                        return;
                    }
                    Optional<String> engine = m.engine().problemOn(chassis.gpu(), m.quantization());
                    if (engine.isPresent()) {
                        problems.add(atHardware(
                                check,
                                engine.get().split(": ", 2)[0]
                                        + " (docs/methodology.md §11.6): check engine, hardware and quantization, or "
                                        + "keep the run out of the fit with excluded: \"why\""));
                        return;
                    }
                    Optional<String> heads = Chassis.headSplitProblem(run.point());
                    if (heads.isPresent()) {
                        problems.add(atHardware(
                                check,
                                heads.get().split(": choose ", 2)[0]
                                        + " (docs/methodology.md §11.6): check gpus and tensor_parallel, or keep the "
                                        + "run out of the fit with excluded: \"why\""));
                        return;
                    }
                    ServingEstimate e = ServingModel.estimate(run.point(), ServingCalibration.PRIOR);
                    if (e.fits() && e.streams() >= 1) {
                        implausibleRate(check, run);
                        return;
                    }
                    ServingEstimate.Memory memory = e.memory();
                    problems.add(atModel(
                            check,
                            String.format(
                                    java.util.Locale.ROOT,
                                    "%s: %s at %s does not fit on %d × %s by the serving model's memory rule "
                                            + "(one stream of %s input and %s output tokens needs %.1f GB, the "
                                            + "replica has %.1f GB usable; docs/methodology.md §11.3): check gpus "
                                            + "and quantization, or keep the run out of the fit with excluded: "
                                            + "\"why\"",
                                    check.path(),
                                    m.model(),
                                    m.quantization().id(),
                                    m.gpus(),
                                    m.hardware(),
                                    Figures.wholeCount(m.inputTokens()),
                                    Figures.wholeCount(m.outputTokens()),
                                    memory.neededGbForOneStream(),
                                    memory.usableGb())));
                });
            }
            if (!problems.isEmpty()) throw new InputException(problems);
        }

        /** A diagnostic at the line of a measurement's model. */
        private static Diagnostic atModel(PendingMeasurement check, String message) {
            return new Diagnostic(
                    check.file(), check.model().line(), check.model().column(), message);
        }

        /**
         * A price book's run measuring five times what the shipped fit estimates for its setup, or a fifth of
         * it, is a warning: most often the figure is per GPU, input and output together, or one stream's,
         * or the run's gpus, quantization or concurrency are not what was measured. The shipped table's
         * own runs, checked in methodology §11.7, are not repeated here.
         */
        private void implausibleRate(PendingMeasurement check, Calibrator.Run run) {
            ThroughputMeasurement m = check.m();
            if (shipped == null || shipped.measurements().contains(m)) return;
            double estimate = run.estimate(shipped.calibration());
            double ratio = m.outputTokensPerSecond() / estimate;
            if (!(estimate > 0) || (ratio <= IMPLAUSIBLE_RATIO && ratio >= 1 / IMPLAUSIBLE_RATIO)) return;
            warnings.add(atModel(
                            check,
                            String.format(
                                    java.util.Locale.ROOT,
                                    "%s: %s tok/s is %s × what the serving model estimates for this setup (%s tok/s "
                                            + "at its operating point): check that it is the replica's output tokens "
                                            + "per second (not per GPU, not input and output together, not one "
                                            + "stream's), and its gpus, quantization and concurrency",
                                    check.path(),
                                    Figures.rate(m.outputTokensPerSecond()),
                                    Figures.upTo(ratio, ratio >= 1 ? 1 : 2).toPlainString(),
                                    Figures.rate(estimate)))
                    .toString());
        }

        /** A field whose words are not Java names (trt-llm, llama.cpp, infinity-fabric), with a hint when misspelt. */
        private static <E> E named(
                Fields f,
                String key,
                java.util.function.Function<String, Optional<E>> byId,
                E[] values,
                java.util.function.Function<E, String> idOf) {
            String text = f.text(key);
            Optional<E> value = byId.apply(text);
            if (value.isEmpty() && !text.isEmpty()) {
                List<String> ids = java.util.Arrays.stream(values).map(idOf).toList();
                f.problems()
                        .at(
                                f.raw(key).orElse(f.node()),
                                f.pathOf(key) + ": '" + text + "' is not one of " + String.join(" | ", ids)
                                        + Suggestions.hint(text, ids));
            }
            return value.orElse(null);
        }

        /** The quality tier's own source and date, when the entry gives them (a leaderboard, not the config). */
        private static Provenance qualityProvenance(Fields f) {
            if (!f.has("quality_source") && !f.has("quality_as_of")) return null;
            return new Provenance(f.date("quality_as_of"), f.text("quality_source"));
        }

        private static Provenance provenance(Fields f) {
            f.text("note", "");
            return new Provenance(f.date("as_of"), f.text("source"));
        }

        Catalog build() {
            for (PendingCheck check : offerGpuRefs) {
                if (!standalone
                        && !gpus.containsKey(check.gpuId())
                        && !check.gpuId().isEmpty()) {
                    problems.add(new Diagnostic(
                            check.ifMissing().file(),
                            check.ifMissing().line(),
                            check.ifMissing().column(),
                            check.ifMissing().message() + Suggestions.hint(check.gpuId(), gpus.keySet())));
                }
            }
            for (PendingSystem check : systemChecks) {
                Gpu card = gpus.get(check.system().card());
                if (card == null && standalone) continue;
                if (card == null) {
                    problems.add(new Diagnostic(
                            check.file(),
                            check.at().line(),
                            check.at().column(),
                            check.path()
                                    + ".card: unknown GPU '" + check.system().card() + "'"
                                    + Suggestions.hint(check.system().card(), gpus.keySet())));
                    continue;
                }
                Sanity.systemAgainstCard(check.system(), card)
                        .forEach(message -> problems.add(new Diagnostic(
                                check.file(), check.at().line(), check.at().column(), check.path() + ": " + message)));
                Sanity.systemPriceAgainstCard(check.system(), card)
                        .ifPresent(message -> warnings.add(new Diagnostic(
                                        check.file(),
                                        check.at().line(),
                                        check.at().column(),
                                        check.path() + ": " + message)
                                .toString()));
            }
            for (PendingCheck check : weightRefs) {
                if (!standalone
                        && !openModels.containsKey(check.gpuId())
                        && !check.gpuId().isEmpty()) {
                    problems.add(new Diagnostic(
                            check.ifMissing().file(),
                            check.ifMissing().line(),
                            check.ifMissing().column(),
                            check.ifMissing().message() + Suggestions.hint(check.gpuId(), openModels.keySet())));
                }
            }
            for (PendingCheck check : hostRefs) {
                if (!standalone
                        && !hosts.containsKey(check.gpuId())
                        && !check.gpuId().isEmpty()) {
                    problems.add(new Diagnostic(
                            check.ifMissing().file(),
                            check.ifMissing().line(),
                            check.ifMissing().column(),
                            check.ifMissing().message() + Suggestions.hint(check.gpuId(), hosts.keySet())));
                }
            }
            for (PendingMeasurement check : measurementRefs) {
                if (standalone) break;
                if (!gpus.containsKey(check.m().hardware())
                        && !check.m().hardware().isEmpty()) {
                    problems.add(new Diagnostic(
                            check.file(),
                            check.hardware().line(),
                            check.hardware().column(),
                            check.path() + ".hardware: unknown GPU '"
                                    + check.m().hardware() + "'"
                                    + Suggestions.hint(check.m().hardware(), gpus.keySet())));
                }
                if (!openModels.containsKey(check.m().model())
                        && !check.m().model().isEmpty()) {
                    problems.add(new Diagnostic(
                            check.file(),
                            check.model().line(),
                            check.model().column(),
                            check.path() + ".model: unknown open-weight model '"
                                    + check.m().model() + "'"
                                    + Suggestions.hint(check.m().model(), openModels.keySet())));
                }
            }
            if (!problems.isEmpty()) throw new InputException(problems);
            inheritCardFigures();
            if (!standalone) measurementsThatCannotRun();
            List<ThroughputMeasurement> runs = List.copyOf(measurements.values());
            return CatalogBuilder.builder()
                    .apiModels(apiModels)
                    .gpus(gpus)
                    .cloudOffers(offers)
                    .openModels(openModels)
                    .warnings(warnings)
                    .measurements(runs)
                    .calibration(calibration(runs))
                    .hosts(hosts)
                    .build();
        }

        /** A system states what differs from its card; the serving figures it leaves out are its card's. */
        private void inheritCardFigures() {
            for (Map.Entry<String, Gpu> e : gpus.entrySet()) {
                Gpu system = e.getValue();
                Gpu card = system.card() == null ? null : gpus.get(system.card());
                if (card == null) continue;
                e.setValue(system.with()
                        .fp8DenseTflops(
                                system.fp8DenseTflops() != null ? system.fp8DenseTflops() : card.fp8DenseTflops())
                        .fp4DenseTflops(
                                system.fp4DenseTflops() != null ? system.fp4DenseTflops() : card.fp4DenseTflops())
                        .architecture(system.architecture() != null ? system.architecture() : card.architecture())
                        .memory(system.memory() != null ? system.memory() : card.memory())
                        .interconnect(system.interconnect() != null ? system.interconnect() : card.interconnect())
                        .interconnectGbps(
                                system.interconnectGbps() != null ? system.interconnectGbps() : card.interconnectGbps())
                        .estimated(inheritedEstimates(system, card))
                        .build());
            }
        }

        /** The system's estimated figures, and those of its card's it takes over because it states none. */
        private static List<String> inheritedEstimates(Gpu system, Gpu card) {
            List<String> estimated = new ArrayList<>(system.estimated());
            if (system.fp8DenseTflops() == null) estimated.add("fp8_dense_tflops");
            if (system.fp4DenseTflops() == null) estimated.add("fp4_dense_tflops");
            if (system.interconnectGbps() == null) estimated.add("interconnect_gbps");
            return estimated.stream()
                    .distinct()
                    .filter(f ->
                            system.estimated().contains(f) || card.estimated().contains(f))
                    .toList();
        }

        /**
         * The serving model fitted on the measurements. The shipped table's fit (and its cross-validation,
         * a few hundred milliseconds) is the build's, reused when no price book adds or changes a run; a
         * price book's (about 30 fits, most of a minute) is kept in the cache, keyed on the build's fit.
         * A standalone catalog is not fitted (see {@link #loadStandalone}).
         */
        private ServingCalibration calibration(List<ThroughputMeasurement> runs) {
            if (standalone) return ServingCalibration.PRIOR;
            if (shipped == null) return calibrations.fitter().apply(Calibrator.runs(runs, gpus, openModels));
            if (shipped.measurements().equals(runs)) return shipped.calibration();
            return calibrations.calibration(Calibrator.runs(runs, gpus, openModels), shipped.calibration());
        }
    }
}
