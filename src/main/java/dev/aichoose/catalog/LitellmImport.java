package dev.aichoose.catalog;

import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.load.InputException;
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
            throw new InputException(new Diagnostic(file, root.line(), root.column(),
                    "not a LiteLLM price file: expected an object of model keys, got " + root.describe()));
        }
        LocalDate asOf = fileDate(file, top).orElse(asOfFlag);
        if (asOf == null) {
            throw new InputException(new Diagnostic(file, 1, 1,
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
            if (in.isEmpty() || out.isEmpty()) {
                if (m.entries().containsKey("tiered_pricing")) {
                    r.skip("priced only by tiered_pricing ranges");
                } else {
                    r.skip("no per-token input and output price");
                }
                continue;
            }
            String sourceProvider = SourceReading.text(m, "litellm_provider").orElse("unknown");
            String provider = IdMapping.provider(sourceProvider);
            SourceReading.Prices p = prices(m, in.get(), out.get(), sourceProvider.equals("xai"));
            if (!r.withinBounds(e.key(), p.all())) continue;
            Integer context = SourceReading.integer(m, "max_input_tokens")
                    .or(() -> SourceReading.integer(m, "max_tokens")).orElse(null);
            String id = IdMapping.id(provider, e.key());
            r.add(e.key(), r.model(id, provider, e.key(), p, context, null, asOf, e.key()),
                    IdMapping.aliased(provider, e.key()));
        }
        return r.result(asOf);
    }

    static SourceReading.Prices prices(Node.Mapping m, double in, double out, boolean inclusiveTiers) {
        SourceReading.Prices p = new SourceReading.Prices();
        p.input = in;
        p.output = out;
        p.cached = per(m, "cache_read_input_token_cost").or(() -> per(m, "input_cost_per_token_cache_hit")).orElse(null);
        p.write = per(m, "cache_creation_input_token_cost").orElse(null);
        p.write1h = per(m, "cache_creation_input_token_cost_above_1hr").orElse(null);
        p.reasoning = per(m, "output_cost_per_reasoning_token").orElse(null);
        // long-context tiers: one per threshold, each price kind read from its own key
        Map<Integer, Map<String, Double>> above = new TreeMap<>();
        for (Node.Entry e : m.entries().values()) {
            Matcher x = ABOVE.matcher(e.key());
            if (!x.matches()) continue;
            per(m, e.key()).ifPresent(v -> above.computeIfAbsent(Integer.parseInt(x.group(2)) * 1000, k -> new TreeMap<>())
                    .put(x.group(1), v));
        }
        above.forEach((threshold, kinds) -> {
            if (!kinds.containsKey("input_cost_per_token") || !kinds.containsKey("output_cost_per_token")) return;
            p.tiers.add(new ApiModel.LongContextTier(threshold, inclusiveTiers, new ApiModel.Rates(
                    kinds.get("input_cost_per_token"), kinds.get("output_cost_per_token"),
                    kinds.get("cache_read_input_token_cost"), kinds.get("cache_creation_input_token_cost"),
                    kinds.get("cache_creation_input_token_cost_above_1hr"), null)));
        });
        for (ServiceTier tier : new ServiceTier[] {ServiceTier.BATCH, ServiceTier.FLEX, ServiceTier.PRIORITY}) {
            String suffix = tier == ServiceTier.BATCH ? "_batches" : "_" + tier.id();
            Optional<Double> tin = per(m, "input_cost_per_token" + suffix);
            Optional<Double> tout = per(m, "output_cost_per_token" + suffix);
            if (tin.isPresent() && tout.isPresent()) {
                p.serviceTiers.put(tier, new ApiModel.Rates(tin.get(), tout.get(),
                        per(m, "cache_read_input_token_cost" + suffix).orElse(null),
                        per(m, "cache_creation_input_token_cost" + suffix).orElse(null), null,
                        per(m, "output_cost_per_reasoning_token" + suffix).orElse(null)));
            }
        }
        return p;
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
                throw new InputException(new Diagnostic(file, at.line(), at.column(),
                        "last_updated: expected a date, got '" + t + "'"));
            }
        });
    }
}
