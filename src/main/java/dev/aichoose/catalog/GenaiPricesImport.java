package dev.aichoose.catalog;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.input.Node;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * pydantic genai-prices' {@code data.json} (v2): a list of providers, each with models whose
 * prices are in USD per million tokens, either one set or a list of sets with a
 * {@code constraint.start_date}; the set in force on the import's date is taken. A tiered price
 * {@code {base, tiers: [{start, price}]}} applies its tier when the input is larger than
 * {@code start} (genai-prices' {@code >}). The file has no date of its own: {@code --as-of}.
 */
public final class GenaiPricesImport {
    private static final Map<String, String> KINDS = Map.of(
            "input_mtok",
            "input",
            "output_mtok",
            "output",
            "cache_read_mtok",
            "cached",
            "cache_write_mtok",
            "write",
            "cache_write_1h_mtok",
            "write1h",
            "output_reasoning_mtok",
            "reasoning");

    private GenaiPricesImport() {}

    public static Imported read(String file, Node root, LocalDate asOf, Catalog reference) {
        if (!(root instanceof Node.Sequence providers)) {
            throw new InputException(new Diagnostic(
                    file,
                    root.line(),
                    root.column(),
                    "not a genai-prices data file: expected a list of providers, got " + root.describe()));
        }
        if (asOf == null) {
            throw new InputException(
                    new Diagnostic(
                            file,
                            1,
                            1,
                            "a genai-prices data file has no date of its own; "
                                    + "give the date its prices were true with --as-of YYYY-MM-DD (price changes dated later are not taken)"));
        }
        SourceReading r = new SourceReading(file, "genai-prices", reference);
        for (Node pn : providers.items()) {
            if (!(pn instanceof Node.Mapping provider)
                    || SourceReading.text(provider, "id").isEmpty()) continue;
            String providerId = SourceReading.text(provider, "id").get();
            String ours = IdMapping.provider(providerId);
            Node.Entry models = provider.entries().get("models");
            if (models == null || !(models.value() instanceof Node.Sequence list)) continue;
            for (Node mn : list.items()) {
                if (!(mn instanceof Node.Mapping m)
                        || SourceReading.text(m, "id").isEmpty()) {
                    r.skip("not a model object");
                    continue;
                }
                String modelId = SourceReading.text(m, "id").get();
                String key = providerId + ":" + modelId;
                Node.Mapping prices = current(file, m, asOf);
                if (prices == null) {
                    r.skip("no price in force on the import date");
                    continue;
                }
                Map<String, TieredValue> values = new TreeMap<>();
                KINDS.forEach((k, kind) -> tiered(prices, k).ifPresent(v -> values.put(kind, v)));
                if (!values.containsKey("input") || !values.containsKey("output")) {
                    r.skip("no input and output token price (embedding, image or audio model)");
                    continue;
                }
                SourceReading.Prices p = new SourceReading.Prices();
                p.input = values.get("input").base();
                p.output = values.get("output").base();
                p.cached = base(values, "cached");
                p.write = base(values, "write");
                p.write1h = base(values, "write1h");
                p.reasoning = base(values, "reasoning");
                java.util.SortedSet<Integer> starts = new java.util.TreeSet<>();
                values.values().forEach(v -> starts.addAll(v.tiers().keySet()));
                for (int start : starts) {
                    p.tiers.add(new ApiModel.LongContextTier(
                            start,
                            false,
                            new ApiModel.Rates(
                                    at(values, "input", start),
                                    at(values, "output", start),
                                    at(values, "cached", start),
                                    at(values, "write", start),
                                    at(values, "write1h", start),
                                    at(values, "reasoning", start))));
                }
                if (!r.withinBounds(key, p.all())) continue;
                Integer context = SourceReading.integer(m, "context_window").orElse(null);
                String id = IdMapping.id(ours, modelId);
                r.add(
                        key,
                        r.model(id, ours, SourceReading.text(m, "name").orElse(modelId), p, context, null, asOf, key),
                        IdMapping.aliased(ours, modelId));
            }
        }
        return r.result(asOf);
    }

    /** A price with its cliff tiers: the tier starting at the largest {@code start} below the input applies. */
    private record TieredValue(double base, TreeMap<Integer, Double> tiers) {
        double at(int start) {
            var e = tiers.floorEntry(start);
            return e == null ? base : e.getValue();
        }
    }

    private static Double base(Map<String, TieredValue> values, String kind) {
        return values.containsKey(kind) ? values.get(kind).base() : null;
    }

    private static Double at(Map<String, TieredValue> values, String kind, int start) {
        return values.containsKey(kind) ? values.get(kind).at(start) : null;
    }

    private static Optional<TieredValue> tiered(Node.Mapping prices, String key) {
        Node.Entry e = prices.entries().get(key);
        if (e == null) return Optional.empty();
        if (e.value() instanceof Node.Scalar) {
            return SourceReading.perMillion(prices, key, true).map(v -> new TieredValue(v, new TreeMap<>()));
        }
        if (e.value() instanceof Node.Mapping t) {
            Optional<Double> base = SourceReading.perMillion(t, "base", true);
            if (base.isEmpty()) return Optional.empty();
            TreeMap<Integer, Double> tiers = new TreeMap<>();
            Node.Entry list = t.entries().get("tiers");
            if (list != null && list.value() instanceof Node.Sequence s) {
                for (Node n : s.items()) {
                    if (n instanceof Node.Mapping tier) {
                        var start = SourceReading.integer(tier, "start");
                        var price = SourceReading.perMillion(tier, "price", true);
                        if (start.isPresent() && price.isPresent()) tiers.put(start.get(), price.get());
                    }
                }
            }
            return Optional.of(new TieredValue(base.get(), tiers));
        }
        return Optional.empty();
    }

    /** The price set in force on {@code asOf}: the latest {@code start_date} not after it, else the undated set. */
    private static Node.Mapping current(String file, Node.Mapping model, LocalDate asOf) {
        Node.Entry e = model.entries().get("prices");
        if (e == null) return null;
        if (e.value() instanceof Node.Mapping m) return m;
        if (!(e.value() instanceof Node.Sequence list)) return null;
        Node.Mapping best = null;
        LocalDate bestDate = null;
        for (Node n : list.items()) {
            if (!(n instanceof Node.Mapping cp)) continue;
            Node.Mapping prices = OpenRouterImport.mapping(cp, "prices");
            if (prices == null) continue;
            Node.Mapping constraint = OpenRouterImport.mapping(cp, "constraint");
            LocalDate start = LocalDate.MIN;
            if (constraint != null) {
                Optional<String> date = SourceReading.text(constraint, "start_date");
                if (date.isEmpty()) continue; // a time-of-day price (off-peak): not a standard price
                try {
                    start = LocalDate.parse(
                            date.get().substring(0, Math.min(10, date.get().length())));
                } catch (DateTimeParseException ex) {
                    throw new InputException(new Diagnostic(
                            file,
                            constraint.line(),
                            constraint.column(),
                            "constraint.start_date: expected a date, got '" + date.get() + "'"));
                }
            }
            if (start.isAfter(asOf)) continue;
            if (bestDate == null || !start.isBefore(bestDate)) {
                best = prices;
                bestDate = start;
            }
        }
        return best;
    }
}
