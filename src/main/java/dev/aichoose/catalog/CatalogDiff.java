package dev.aichoose.catalog;

import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Gpu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/** Which prices rose, fell, appeared or went between two catalogs, entry by entry and price by price. */
public final class CatalogDiff {
    private CatalogDiff() {}

    public enum Movement {
        ROSE,
        FELL,
        APPEARED,
        WENT;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One price that moved. For an entry that appeared or went, {@code field} is its main price
     * (input for an API model) and the other side is null; a price an entry gained or lost is
     * appeared or went too.
     */
    public record Change(String kind, String id, String field, Double before, Double after, Movement movement) {
        /** (after − before) / before; null when either side is missing or before is zero. */
        public Double changeShare() {
            return before == null || after == null || before == 0 ? null : (after - before) / before;
        }
    }

    public static List<Change> between(Catalog before, Catalog after) {
        List<Change> out = new ArrayList<>();
        compare(out, "api", before.apiModels(), after.apiModels(), CatalogDiff::apiPrices);
        compare(out, "gpu", before.gpus(), after.gpus(), CatalogDiff::gpuPrices);
        compare(out, "cloud", before.cloudOffers(), after.cloudOffers(), CatalogDiff::offerPrices);
        return out;
    }

    private static <T> void compare(
            List<Change> out,
            String kind,
            Map<String, T> before,
            Map<String, T> after,
            Function<T, Map<String, Double>> prices) {
        TreeSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            T a = before.get(id);
            T b = after.get(id);
            if (a == null || b == null) {
                Map<String, Double> p = prices.apply(a != null ? a : b);
                var main = p.entrySet().stream().findFirst();
                // a card listed without a price (priced only inside a server) still says which price it lacks
                String field = main.map(Map.Entry::getKey).orElse(kind.equals("gpu") ? "price_usd" : "price");
                Double value = main.map(Map.Entry::getValue).orElse(null);
                out.add(
                        a == null
                                ? new Change(kind, id, field, null, value, Movement.APPEARED)
                                : new Change(kind, id, field, value, null, Movement.WENT));
                continue;
            }
            Map<String, Double> pa = prices.apply(a);
            Map<String, Double> pb = prices.apply(b);
            TreeSet<String> fields = new TreeSet<>(java.util.Comparator.comparingInt((String f) -> order(pa, pb, f))
                    .thenComparing(f -> f));
            fields.addAll(pa.keySet());
            fields.addAll(pb.keySet());
            for (String f : fields) {
                Double x = pa.get(f);
                Double y = pb.get(f);
                if (Objects.equals(x, y)) continue;
                Movement m = x == null
                        ? Movement.APPEARED
                        : y == null ? Movement.WENT : y > x ? Movement.ROSE : Movement.FELL;
                if (x != null && y != null && Math.abs(y - x) <= 1e-12 * Math.max(Math.abs(x), 1)) continue;
                out.add(new Change(kind, id, f, x, y, m));
            }
        }
    }

    /** Fields keep the order the entry lists them in (input before output), the other side's extras after. */
    private static int order(Map<String, Double> a, Map<String, Double> b, String field) {
        int i = new ArrayList<>(a.keySet()).indexOf(field);
        return i >= 0 ? i : 100 + new ArrayList<>(b.keySet()).indexOf(field);
    }

    private static Map<String, Double> apiPrices(ApiModel m) {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("input_usd_per_mtok", m.inputUsdPerMtok());
        p.put("output_usd_per_mtok", m.outputUsdPerMtok());
        put(p, "cached_input_usd_per_mtok", m.cachedInputUsdPerMtok());
        put(p, "cache_write_usd_per_mtok", m.cacheWriteUsdPerMtok());
        put(p, "cache_write_1h_usd_per_mtok", m.cacheWrite1hUsdPerMtok());
        put(p, "reasoning_usd_per_mtok", m.reasoningUsdPerMtok());
        put(p, "batch_discount", m.batchDiscount());
        for (ApiModel.LongContextTier t : m.longContext()) {
            put(
                    p,
                    "long_context[" + t.thresholdTokens() + "].input_usd_per_mtok",
                    t.rates().inputUsdPerMtok());
            put(
                    p,
                    "long_context[" + t.thresholdTokens() + "].output_usd_per_mtok",
                    t.rates().outputUsdPerMtok());
        }
        m.serviceTiers().forEach((tier, r) -> {
            put(p, "service_tiers." + tier.id() + ".input_usd_per_mtok", r.inputUsdPerMtok());
            put(p, "service_tiers." + tier.id() + ".output_usd_per_mtok", r.outputUsdPerMtok());
        });
        return p;
    }

    private static Map<String, Double> gpuPrices(Gpu g) {
        Map<String, Double> p = new LinkedHashMap<>();
        put(p, "price_usd", g.priceUsd());
        return p;
    }

    private static Map<String, Double> offerPrices(CloudOffer o) {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("usd_per_gpu_hour", o.usdPerGpuHour());
        return p;
    }

    private static void put(Map<String, Double> p, String key, Double v) {
        if (v != null) p.put(key, v);
    }
}
