package dev.aichoose.catalog;

import dev.aichoose.load.InputException;
import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.load.located.Node;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.ServiceTier;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiteLLM's {@code model_prices_and_context_window.json}: one object per model key, prices in USD
 * per token. Field mapping: docs/catalog-import.md. Long-context keys ({@code _above_Nk_tokens})
 * apply when the prompt is larger than N thousand tokens (LiteLLM's {@code >}), except for xAI,
 * whose calculator uses {@code >=}.
 */
public final class LitellmImport {
    private static final Set<String> CHAT_MODES = Set.of("chat", "responses");
    private static final Set<String> NOT_MODELS = Set.of("sample_spec", "last_updated", "fallback_generalizations");
    private static final Pattern ABOVE = Pattern.compile(
            "(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost"
                    + "|cache_creation_input_token_cost_above_1hr)_above_(\\d+)k_tokens");

    private LitellmImport() {}

    public static Imported read(String file, Node root, LocalDate asOfFlag, Catalog reference) {
        if (!(root instanceof Node.Mapping top)) {
            throw new InputException(new Diagnostic(
                    file,
                    root.line(),
                    root.column(),
                    "not a LiteLLM price file: expected an object of model keys, got " + root.describe()));
        }
        LocalDate asOf = fileDate(file, top).orElse(asOfFlag);
        if (asOf == null) {
            throw new InputException(new Diagnostic(
                    file,
                    1,
                    1,
                    "the file has no last_updated date; give the date its prices were true with --as-of YYYY-MM-DD"));
        }
        SourceReading r = new SourceReading(file, "litellm", reference);
        for (Node.Entry e : top.entries().values()) {
            if (NOT_MODELS.contains(e.key())) continue;
            if (!(e.value() instanceof Node.Mapping m)) {
                r.skip("not a model object");
                continue;
            }
            String mode = SourceReading.text(m, "mode").orElse("");
            if (!CHAT_MODES.contains(mode)) {
                r.skip(mode.isEmpty() ? "no mode given" : "mode " + mode + " (not a chat model)");
                continue;
            }
            Optional<Double> in = SourceReading.perMillion(m, "input_cost_per_token", false);
            Optional<Double> out = SourceReading.perMillion(m, "output_cost_per_token", false);
            String sourceProvider = SourceReading.text(m, "litellm_provider").orElse("unknown");
            SourceReading.Prices p;
            if (in.isPresent() && out.isPresent()) {
                p = prices(m, in.get(), out.get(), sourceProvider.equals("xai"));
            } else if (m.entries().containsKey("tiered_pricing")
                    && m.entries().get("tiered_pricing").value() instanceof Node.Sequence ranges) {
                p = rangePrices(m, ranges).orElse(null);
                if (p == null) {
                    r.skip("tiered_pricing without a range from 0 with input and output prices");
                    continue;
                }
            } else {
                r.skip("no per-token input and output price");
                continue;
            }
            String provider = IdMapping.provider(sourceProvider);
            if (!r.withinBounds(e.key(), p.all())) continue;
            Integer context = SourceReading.integer(m, "max_input_tokens")
                    .or(() -> SourceReading.integer(m, "max_tokens"))
                    .orElse(null);
            String id = IdMapping.id(provider, e.key());
            r.add(
                    e.key(),
                    r.model(id, provider, e.key(), p, context, null, asOf, e.key()),
                    IdMapping.aliased(provider, e.key()));
        }
        return r.result(asOf);
    }

    static SourceReading.Prices prices(Node.Mapping m, double in, double out, boolean inclusiveTiers) {
        SourceReading.Prices p = new SourceReading.Prices();
        p.input = in;
        p.output = out;
        p.cached = per(m, "cache_read_input_token_cost")
                .or(() -> per(m, "input_cost_per_token_cache_hit"))
                .orElse(null);
        p.write = per(m, "cache_creation_input_token_cost").orElse(null);
        p.write1h = per(m, "cache_creation_input_token_cost_above_1hr").orElse(null);
        p.reasoning = per(m, "output_cost_per_reasoning_token").orElse(null);
        // long-context tiers: one per threshold, each price kind read from its own key
        Map<Integer, Map<String, Double>> above = new TreeMap<>();
        for (Node.Entry e : m.entries().values()) {
            Matcher x = ABOVE.matcher(e.key());
            if (!x.matches()) continue;
            // thousands of tokens; a threshold beyond an int's tokens is no context any model has
            long thousands = x.group(2).length() > 7 ? Long.MAX_VALUE : Long.parseLong(x.group(2));
            if (thousands * 1000 > Integer.MAX_VALUE) continue;
            per(m, e.key())
                    .ifPresent(v -> above.computeIfAbsent((int) thousands * 1000, k -> new TreeMap<>())
                            .put(x.group(1), v));
        }
        // a cache price the tier does not list stays at its base price above the threshold, as LiteLLM bills it
        // (its calculator falls back to the base key), rather than taking the tier's ratio to the input price
        above.forEach((threshold, kinds) -> {
            if (!kinds.containsKey("input_cost_per_token") || !kinds.containsKey("output_cost_per_token")) return;
            p.tiers.add(new ApiModel.LongContextTier(
                    threshold,
                    inclusiveTiers,
                    new ApiModel.Rates(
                            kinds.get("input_cost_per_token"),
                            kinds.get("output_cost_per_token"),
                            kinds.getOrDefault("cache_read_input_token_cost", p.cached),
                            kinds.getOrDefault("cache_creation_input_token_cost", p.write),
                            kinds.getOrDefault("cache_creation_input_token_cost_above_1hr", p.write1h),
                            null)));
        });
        for (ServiceTier tier : new ServiceTier[] {ServiceTier.BATCH, ServiceTier.FLEX, ServiceTier.PRIORITY}) {
            String suffix = tier == ServiceTier.BATCH ? "_batches" : "_" + tier.id();
            Optional<Double> tin = per(m, "input_cost_per_token" + suffix);
            Optional<Double> tout = per(m, "output_cost_per_token" + suffix);
            if (tin.isPresent() && tout.isPresent()) {
                // flex and priority: LiteLLM bills a cache price the tier does not list at the standard one (its
                // cost-key fallback), and every 1-hour write at the standard 1-hour price
                boolean standardCache = tier != ServiceTier.BATCH;
                p.serviceTiers.put(
                        tier,
                        new ApiModel.Rates(
                                tin.get(),
                                tout.get(),
                                per(m, "cache_read_input_token_cost" + suffix).orElse(standardCache ? p.cached : null),
                                per(m, "cache_creation_input_token_cost" + suffix)
                                        .orElse(standardCache ? p.write : null),
                                standardCache ? p.write1h : null,
                                per(m, "output_cost_per_reasoning_token" + suffix)
                                        .orElse(null)));
            }
        }
        return p;
    }

    /**
     * {@code tiered_pricing: [{range: [start, end], input_cost_per_token, …}]} (DashScope, Volcengine): LiteLLM
     * picks one range by the request's input tokens ({@code start < input <= end}; above the last, the last)
     * and bills every token at its rates. The range from 0 gives the base prices, each later range a
     * long-context tier from its start ({@code boundary: above}). A price a range does not list falls back as
     * LiteLLM's does: cache read and cache write to the range's input price, the 1-hour write to its write
     * price, reasoning to its output price; a range without an output price takes the model's output (and
     * reasoning) price.
     */
    static Optional<SourceReading.Prices> rangePrices(Node.Mapping model, Node.Sequence ranges) {
        TreeMap<Integer, ApiModel.Rates> byStart = new TreeMap<>();
        for (Node n : ranges.items()) {
            if (!(n instanceof Node.Mapping t)
                    || !t.entries().containsKey("range")
                    || !(t.entries().get("range").value() instanceof Node.Sequence range)
                    || range.items().size() != 2
                    || !(range.items().getFirst() instanceof Node.Scalar start)) {
                return Optional.empty();
            }
            Optional<Double> in = per(t, "input_cost_per_token");
            Optional<Double> ownOut = per(t, "output_cost_per_token");
            Optional<Double> out = ownOut.or(() -> per(model, "output_cost_per_token"));
            if (in.isEmpty() || out.isEmpty()) return Optional.empty();
            Optional<Double> reasoning = per(t, "output_cost_per_reasoning_token")
                    .or(() -> ownOut.isPresent() ? Optional.empty() : per(model, "output_cost_per_reasoning_token"));
            double from;
            try {
                from = Double.parseDouble(start.text());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (from < 0 || from > Integer.MAX_VALUE || from != Math.rint(from)) return Optional.empty();
            double write = per(t, "cache_creation_input_token_cost").orElse(in.get());
            byStart.put(
                    (int) from,
                    new ApiModel.Rates(
                            in.get(),
                            out.get(),
                            per(t, "cache_read_input_token_cost").orElse(in.get()),
                            write,
                            per(t, "cache_creation_input_token_cost_above_1hr").orElse(write),
                            reasoning.orElse(out.get())));
        }
        if (byStart.isEmpty() || byStart.firstKey() != 0) return Optional.empty();
        SourceReading.Prices p = new SourceReading.Prices();
        ApiModel.Rates base = byStart.pollFirstEntry().getValue();
        p.input = base.inputUsdPerMtok();
        p.output = base.outputUsdPerMtok();
        // the base range's fallbacks are the engine's own (cache as input, reasoning as output): listed prices only
        p.cached = listedOrNull(base.cachedInputUsdPerMtok(), p.input);
        p.write = listedOrNull(base.cacheWriteUsdPerMtok(), p.input);
        p.write1h = p.write == null ? null : listedOrNull(base.cacheWrite1hUsdPerMtok(), p.write);
        p.reasoning = listedOrNull(base.reasoningUsdPerMtok(), p.output);
        byStart.forEach((start, rates) -> p.tiers.add(new ApiModel.LongContextTier(start, false, rates)));
        return Optional.of(p);
    }

    private static Double listedOrNull(double price, double fallback) {
        return price == fallback ? null : price;
    }

    private static Optional<Double> per(Node.Mapping m, String key) {
        return SourceReading.perMillion(m, key, false);
    }

    /** {@code last_updated: "2026-07-24T18:23:43Z"}, the file's own date. */
    private static Optional<LocalDate> fileDate(String file, Node.Mapping top) {
        return SourceReading.text(top, "last_updated").map(t -> {
            try {
                return LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t);
            } catch (DateTimeParseException e) {
                Node at = top.entries().get("last_updated").value();
                throw new InputException(
                        new Diagnostic(file, at.line(), at.column(), "last_updated: expected a date, got '" + t + "'"));
            }
        });
    }
}
