package dev.aichoose.catalog;

import dev.aichoose.input.Node;
import dev.aichoose.load.CatalogLoader;
import dev.aichoose.load.Sanity;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.ApiModelBuilder;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Provenance;
import dev.aichoose.model.Quality;
import dev.aichoose.model.ServiceTier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the three importers share: reading values off the node tree, bounds, counting, the reference catalog. */
final class SourceReading {
    final String file;
    final String format;
    final Catalog reference;
    final Map<String, Integer> skipped = new TreeMap<>();
    final List<String> outOfBounds = new ArrayList<>();
    final Map<String, Imported.Entry> entries = new LinkedHashMap<>();

    SourceReading(String file, String format, Catalog reference) {
        this.file = file;
        this.format = format;
        this.reference = reference;
    }

    void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    /**
     * A source value in USD per token (or per million when {@code perMillion}), as USD per million;
     * empty when absent, NaN when present but not a number (the bounds check then reports it).
     */
    static Optional<Double> perMillion(Node.Mapping m, String key, boolean perMillion) {
        Node.Entry e = m.entries().get(key);
        if (e == null) return Optional.empty();
        if (!(e.value() instanceof Node.Scalar s)) return Optional.of(Double.NaN);
        if (s.kind() == Node.ScalarKind.NULL) return Optional.empty();
        try {
            // BigDecimal: 1.25e-06 × 1e6 must be 1.25, not 1.2499999999999998
            var v = new java.math.BigDecimal(s.text().trim());
            return Optional.of((perMillion ? v : v.movePointRight(6)).doubleValue());
        } catch (NumberFormatException ex) {
            return Optional.of(Double.NaN);
        }
    }

    static Optional<String> text(Node.Mapping m, String key) {
        Node.Entry e = m.entries().get(key);
        if (e != null && e.value() instanceof Node.Scalar s && s.kind() != Node.ScalarKind.NULL)
            return Optional.of(s.text());
        return Optional.empty();
    }

    static Optional<Integer> integer(Node.Mapping m, String key) {
        Node.Entry e = m.entries().get(key);
        if (e != null
                && e.value() instanceof Node.Scalar s
                && (s.kind() == Node.ScalarKind.INTEGER || s.kind() == Node.ScalarKind.DECIMAL)) {
            double d = Double.parseDouble(s.text());
            if (d >= 1 && d <= Integer.MAX_VALUE) return Optional.of((int) d);
        }
        return Optional.empty();
    }

    /**
     * Every price of the entry within our bounds, else one line per refused value naming the key;
     * an entry with a refused value is not imported at all (a half-right price is worse than none).
     */
    boolean withinBounds(String key, Map<String, Double> prices) {
        boolean ok = true;
        for (var p : prices.entrySet()) {
            double v = p.getValue();
            if (Double.isNaN(v)) {
                outOfBounds.add(file + ": " + key + ": " + p.getKey() + " is not a number");
                ok = false;
                continue;
            }
            if (Double.isInfinite(v)) {
                outOfBounds.add(
                        file + ": " + key + ": " + p.getKey() + " is too large to be a price (beyond a double)");
                ok = false;
                continue;
            }
            String why = v < 0
                    ? "negative"
                    : v > CatalogLoader.MAX_USD_PER_MTOK
                            ? "above $" + Sanity.show(CatalogLoader.MAX_USD_PER_MTOK)
                                    + " per million tokens (a unit error)"
                            : v > 0 && v < CatalogLoader.MIN_PLAUSIBLE_USD_PER_MTOK
                                    ? "below $"
                                            + Sanity.show(CatalogLoader.MIN_PLAUSIBLE_USD_PER_MTOK)
                                            + " per million tokens (a per-token "
                                            + "price typed as per million?)"
                                    : null;
            if (why != null) {
                outOfBounds.add(file + ": " + key + ": " + p.getKey() + " = $" + Sanity.show(v)
                        + " per million tokens, " + why);
                ok = false;
            }
        }
        return ok;
    }

    /**
     * Adds the entry unless an earlier key already gave its id; a key the alias table names wins
     * over one that only normalises to the same id (the alias says which offer our id means).
     */
    void add(String sourceKey, ApiModel model, boolean aliased) {
        int slash = model.id().indexOf('/');
        if (slash <= 0 || slash == model.id().length() - 1) {
            // an empty key (or one of punctuation only) normalises to "/" or "openai/": no id a scenario can name
            skip("no model id left after normalising its key");
            return;
        }
        Imported.Entry earlier = entries.get(model.id());
        if (earlier != null && !(aliased && !aliasedKeys.contains(earlier.sourceKey()))) {
            skip("duplicate of an id already imported (first key kept)");
            return;
        }
        if (earlier != null) skip("duplicate of an id already imported (first key kept)");
        if (aliased) aliasedKeys.add(sourceKey);
        entries.put(model.id(), new Imported.Entry(model, sourceKey));
    }

    private final java.util.Set<String> aliasedKeys = new java.util.HashSet<>();

    /** Quality and open weights where our reference catalog knows the model; otherwise standard and closed. */
    ApiModel model(
            String id,
            String provider,
            String name,
            Prices p,
            Integer context,
            Boolean openWeight,
            LocalDate asOf,
            String sourceKey) {
        ApiModel known = reference == null ? null : reference.apiModels().get(id);
        Quality quality = known != null ? known.quality() : Quality.STANDARD;
        boolean open = openWeight != null ? openWeight : known != null && known.openWeight();
        return ApiModelBuilder.builder()
                .id(id)
                .provider(provider)
                .name(name)
                .inputUsdPerMtok(p.input)
                .outputUsdPerMtok(p.output)
                .cachedInputUsdPerMtok(p.cached)
                .longContext(p.tiers)
                .contextTokens(context)
                .quality(quality)
                .openWeight(open)
                .provenance(new Provenance(asOf, source(sourceKey)))
                .openWeights(known != null ? known.openWeights() : null)
                .cacheWriteUsdPerMtok(p.write)
                .cacheWrite1hUsdPerMtok(p.write1h)
                .reasoningUsdPerMtok(p.reasoning)
                .serviceTiers(p.serviceTiers)
                .build();
    }

    String source(String key) {
        return format + " " + java.nio.file.Path.of(file).getFileName() + " key \"" + key + "\"";
    }

    Imported result(LocalDate asOf) {
        return new Imported(format, asOf, List.copyOf(entries.values()), skipped, outOfBounds);
    }

    /** The prices one entry lists, USD per million tokens. */
    static final class Prices {
        double input;
        double output;
        Double cached;
        Double write;
        Double write1h;
        Double reasoning;
        List<ApiModel.LongContextTier> tiers = new ArrayList<>();
        Map<ServiceTier, ApiModel.Rates> serviceTiers = new java.util.EnumMap<>(ServiceTier.class);

        /** Every value, named as in our catalog, for the bounds check. */
        Map<String, Double> all() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("input_usd_per_mtok", input);
            m.put("output_usd_per_mtok", output);
            put(m, "cached_input_usd_per_mtok", cached);
            put(m, "cache_write_usd_per_mtok", write);
            put(m, "cache_write_1h_usd_per_mtok", write1h);
            put(m, "reasoning_usd_per_mtok", reasoning);
            for (var t : tiers) rates(m, "long_context[" + t.thresholdTokens() + "].", t.rates());
            serviceTiers.forEach((tier, r) -> rates(m, "service_tiers." + tier.id() + ".", r));
            return m;
        }

        private static void rates(Map<String, Double> m, String prefix, ApiModel.Rates r) {
            put(m, prefix + "input_usd_per_mtok", r.inputUsdPerMtok());
            put(m, prefix + "output_usd_per_mtok", r.outputUsdPerMtok());
            put(m, prefix + "cached_input_usd_per_mtok", r.cachedInputUsdPerMtok());
            put(m, prefix + "cache_write_usd_per_mtok", r.cacheWriteUsdPerMtok());
            put(m, prefix + "cache_write_1h_usd_per_mtok", r.cacheWrite1hUsdPerMtok());
            put(m, prefix + "reasoning_usd_per_mtok", r.reasoningUsdPerMtok());
        }

        private static void put(Map<String, Double> m, String k, Double v) {
            if (v != null) m.put(k, v);
        }
    }
}
