package dev.aichoose.load;

import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.load.located.Fields;
import dev.aichoose.load.located.Node;
import dev.aichoose.load.located.NodeParser;
import dev.aichoose.load.located.Problems;
import dev.aichoose.load.located.Suggestions;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Host;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Provenance;
import dev.aichoose.model.Quality;
import dev.aichoose.model.ServiceTier;
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
    public static final List<String> SHIPPED =
            List.of("api-models.yaml", "gpus.yaml", "hosts.yaml", "cloud-offers.yaml", "open-models.yaml");

    public static final double MAX_USD_PER_MTOK = dev.aichoose.model.SanityBounds.MAX_USD_PER_MTOK;
    public static final double MIN_PLAUSIBLE_USD_PER_MTOK = dev.aichoose.model.SanityBounds.MIN_PLAUSIBLE_USD_PER_MTOK;
    public static final double MIN_PLAUSIBLE_HARDWARE_USD = dev.aichoose.model.SanityBounds.MIN_PLAUSIBLE_HARDWARE_USD;
    public static final double MIN_PLAUSIBLE_USD_PER_GPU_HOUR =
            dev.aichoose.model.SanityBounds.MIN_PLAUSIBLE_USD_PER_GPU_HOUR;

    private CatalogLoader() {}

    /** The shipped catalogs, then each directory's {@code *.yaml} files in name order. */
    public static Catalog load(List<Path> layers) {
        if (layers.isEmpty()) {
            Optional<Catalog> shipped = ShippedCatalogs.prebuilt();
            if (shipped.isPresent()) return shipped.get();
        }
        return parse(layers);
    }

    /** As {@link #load}, always parsing the YAML (the build's own step, and the path with price books). */
    static Catalog parse(List<Path> layers) {
        Builder builder = new Builder();
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
        private final List<Diagnostic> problems = new ArrayList<>();
        private final List<PendingCheck> offerGpuRefs = new ArrayList<>();
        private final List<PendingSystem> systemChecks = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private boolean standalone;
        private final List<PendingCheck> weightRefs = new ArrayList<>();

        private record PendingCheck(Diagnostic ifMissing, String gpuId) {}

        private record PendingSystem(String file, Node at, String path, Gpu system) {}

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
            return new ApiModel(
                    id,
                    f.text("provider"),
                    f.text("name", id),
                    in,
                    out,
                    cached,
                    batch,
                    tiers,
                    f.optionalInteger("context_tokens", 512, 100_000_000),
                    quality,
                    openWeight,
                    provenance(f),
                    openWeights(f, below),
                    optionalPrice(f, "cache_write_usd_per_mtok"),
                    optionalPrice(f, "cache_write_1h_usd_per_mtok"),
                    optionalPrice(f, "reasoning_usd_per_mtok"),
                    serviceTiers);
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
            int gpus = f.integer("gpus_per_system", 1, 1, 64);
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
            Gpu gpu = new Gpu(
                    id,
                    f.text("name", id),
                    hardwareClass,
                    gpus,
                    price,
                    f.number("vram_gb", 1, 2048),
                    f.number("memory_bandwidth_gbps", 10, 100_000),
                    f.optionalNumber("bf16_dense_tflops", 0.1, 100_000),
                    f.number("tdp_w", 5, 20_000),
                    provenance(f),
                    card.isEmpty() ? null : card,
                    estimated,
                    range,
                    host);
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
            var offer = new CloudOffer(
                    id,
                    f.text("provider"),
                    gpu,
                    f.integer("gpus", 1, 1, 64),
                    f.number("usd_per_gpu_hour", 0.001, 200),
                    f.text("tier", "on_demand"),
                    provenance(f),
                    f.has("region") ? f.text("region") : null,
                    new CloudOffer.Billing(
                            includedOrBilled(f, "storage"),
                            includedOrBilled(f, "egress"),
                            f.optionalInteger("term_months", 1, 120),
                            f.optionalNumber("interruptions_per_month", 0, 10_000),
                            f.optionalNumber("idle_timeout_seconds", 0, 86_400),
                            f.optionalNumber("billing_increment_seconds", 0.001, 86_400),
                            f.optionalNumber("cold_start_seconds", 0, 3_600)));
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
            return new OpenModel(
                    id,
                    f.text("name", id),
                    params,
                    active,
                    f.integer("layers", 1, 1000),
                    f.integer("kv_heads", 1, 1024),
                    f.integer("head_dim", 1, 4096),
                    f.integer("context_tokens", 512, 100_000_000),
                    f.text("license"),
                    f.choice("quality", Quality.class, Quality.STANDARD),
                    provenance(f),
                    qualityProvenance(f));
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
            if (!problems.isEmpty()) throw new InputException(problems);
            return new Catalog(apiModels, gpus, offers, openModels, warnings, hosts);
        }
    }
}
