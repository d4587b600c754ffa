package dev.aichoose.load;

import dev.aichoose.load.located.Node;
import dev.aichoose.load.located.NodeParser;
import dev.aichoose.load.located.Fields;
import dev.aichoose.load.located.Problems;
import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.load.located.Suggestions;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Provenance;
import dev.aichoose.model.Quality;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Loads the shipped catalogs (bundled in the jar) and layers a user's price books over them:
 * a later layer replaces an entry with the same id. Values outside sane bounds are load errors
 * (a chat model at $15,000 per million tokens is a unit error, not a price: cost-anchors §1.6).
 */
public final class CatalogLoader {
    /** The shipped catalog files, in the jar under {@code /pricing/}. */
    public static final List<String> SHIPPED = List.of("api-models.yaml", "gpus.yaml", "cloud-offers.yaml",
            "open-models.yaml");

    static final double MAX_USD_PER_MTOK = 1000;

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
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    builder.add(file.toString(), r);
                } catch (IOException e) {
                    throw new InputException(new Diagnostic(file.toString(), 0, 0, "cannot read: " + e.getMessage()));
                }
            }
        }
        return builder.build();
    }

    private static List<Path> yamlFiles(Path layer) {
        if (Files.isRegularFile(layer)) return List.of(layer);
        if (!Files.isDirectory(layer)) {
            throw new InputException(new Diagnostic(layer.toString(), 0, 0, "no such price book (file or directory)"));
        }
        try (Stream<Path> files = Files.list(layer)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
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
        private final List<Diagnostic> problems = new ArrayList<>();
        private final List<PendingCheck> offerGpuRefs = new ArrayList<>();
        private final List<PendingCheck> weightRefs = new ArrayList<>();

        private record PendingCheck(Diagnostic ifMissing, String gpuId) {}

        void add(String file, Reader reader) {
            Problems found = new Problems(file);
            Node root = NodeParser.parseYaml(file, reader);
            Fields.of(found, root, "").ifPresent(top -> {
                section(top, "api_models", this::apiModel, apiModels, found);
                section(top, "gpus", this::gpu, gpus, found);
                section(top, "cloud_offers", this::cloudOffer, offers, found);
                section(top, "open_models", this::openModel, openModels, found);
                top.finish();
            });
            problems.addAll(found.all());
        }

        private <T> void section(Fields top, String key, BiFunction<Fields, String, T> read, Map<String, T> into,
                Problems found) {
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
            double in = f.number("input_usd_per_mtok", 0, MAX_USD_PER_MTOK);
            double out = f.number("output_usd_per_mtok", 0, MAX_USD_PER_MTOK);
            Double cached = f.optionalNumber("cached_input_usd_per_mtok", 0, MAX_USD_PER_MTOK);
            Double batch = f.optionalNumber("batch_discount", 0, 0.95);
            ApiModel.LongContextTier tier = f.mapping("long_context").map(lc -> {
                var t = new ApiModel.LongContextTier(lc.integer("threshold_tokens", 1000, 100_000_000),
                        lc.number("input_usd_per_mtok", 0, MAX_USD_PER_MTOK),
                        lc.number("output_usd_per_mtok", 0, MAX_USD_PER_MTOK));
                lc.finish();
                return t;
            }).orElse(null);
            return new ApiModel(id, f.text("provider"), f.text("name", id), in, out, cached, batch, tier,
                    f.optionalInteger("context_tokens", 512, 100_000_000),
                    f.choice("quality", Quality.class, Quality.STANDARD), f.flag("open_weight", false),
                    provenance(f), openWeights(f));
        }

        /** The open-weight model an API serves, checked against the open-weight catalog once all layers are read. */
        private String openWeights(Fields f) {
            if (!f.has("open_weights")) return null;
            String weights = f.text("open_weights");
            Node at = f.raw("open_weights").orElse(f.node());
            weightRefs.add(new PendingCheck(new Diagnostic(f.problems().file(), at.line(), at.column(),
                    f.pathOf("open_weights") + ": unknown open-weight model '" + weights + "'"), weights));
            return weights;
        }

        private Gpu gpu(Fields f, String id) {
            Gpu gpu = new Gpu(id, f.text("name", id), f.text("class", "datacenter"),
                    f.integer("gpus_per_system", 1, 1, 64),
                    f.number("price_usd", 50, 5_000_000), f.number("vram_gb", 1, 2048),
                    f.number("memory_bandwidth_gbps", 10, 100_000),
                    f.optionalNumber("bf16_dense_tflops", 0.1, 100_000), f.number("tdp_w", 5, 20_000),
                    provenance(f));
            return gpu;
        }

        private CloudOffer cloudOffer(Fields f, String id) {
            String gpu = f.text("gpu");
            var offer = new CloudOffer(id, f.text("provider"), gpu, f.integer("gpus", 1, 1, 64),
                    f.number("usd_per_gpu_hour", 0.01, 200), f.text("tier", "on_demand"), provenance(f));
            Node at = f.raw("gpu").orElse(f.node());
            offerGpuRefs.add(new PendingCheck(new Diagnostic(f.problems().file(), at.line(), at.column(),
                    f.pathOf("gpu") + ": unknown GPU '" + gpu + "'"), gpu));
            return offer;
        }

        private OpenModel openModel(Fields f, String id) {
            double params = f.number("params_b", 0.01, 10_000);
            double active = f.number("active_params_b", 0.01, 10_000);
            if (active > params) {
                f.problems().at(f.raw("active_params_b").orElse(f.node()),
                        f.pathOf("active_params_b") + ": must not exceed params_b (" + params + ")");
            }
            return new OpenModel(id, f.text("name", id), params, active, f.integer("layers", 1, 1000),
                    f.integer("kv_heads", 1, 1024), f.integer("head_dim", 1, 4096),
                    f.integer("context_tokens", 512, 100_000_000), f.text("license"),
                    f.choice("quality", Quality.class, Quality.STANDARD), provenance(f), qualityProvenance(f));
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
                if (!gpus.containsKey(check.gpuId()) && !check.gpuId().isEmpty()) {
                    problems.add(new Diagnostic(check.ifMissing().file(), check.ifMissing().line(),
                            check.ifMissing().column(), check.ifMissing().message()
                                    + Suggestions.hint(check.gpuId(), gpus.keySet())));
                }
            }
            for (PendingCheck check : weightRefs) {
                if (!openModels.containsKey(check.gpuId()) && !check.gpuId().isEmpty()) {
                    problems.add(new Diagnostic(check.ifMissing().file(), check.ifMissing().line(),
                            check.ifMissing().column(), check.ifMissing().message()
                                    + Suggestions.hint(check.gpuId(), openModels.keySet())));
                }
            }
            if (!problems.isEmpty()) throw new InputException(problems);
            return new Catalog(apiModels, gpus, offers, openModels);
        }
    }
}
