package dev.aichoose.catalog;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.input.Node;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * OpenRouter's {@code GET /api/v1/models} response: {@code {"data": [model…]}}, prices as decimal
 * strings in USD per token. {@code pricing.overrides[]} are long-context tiers that apply from
 * {@code min_prompt_tokens} on (at or above). The file carries no date of its own: {@code --as-of}.
 */
public final class OpenRouterImport {
    private OpenRouterImport() {}

    public static Imported read(String file, Node root, LocalDate asOf, Catalog reference) {
        Node.Sequence data = root instanceof Node.Mapping top
                        && top.entries().get("data") != null
                        && top.entries().get("data").value() instanceof Node.Sequence s
                ? s
                : null;
        if (data == null) {
            throw new InputException(new Diagnostic(
                    file, root.line(), root.column(), "not an OpenRouter models list: expected {\"data\": [ … ]}"));
        }
        if (asOf == null) {
            throw new InputException(new Diagnostic(
                    file,
                    1,
                    1,
                    "an OpenRouter models list has no date of its own; "
                            + "give the day it was fetched with --as-of YYYY-MM-DD"));
        }
        SourceReading r = new SourceReading(file, "openrouter", reference);
        for (Node item : data.items()) {
            if (!(item instanceof Node.Mapping m) || SourceReading.text(m, "id").isEmpty()) {
                r.skip("not a model object");
                continue;
            }
            String key = SourceReading.text(m, "id").get();
            if (!textToText(m)) {
                r.skip("not text in, text out (image, audio or embedding model)");
                continue;
            }
            Node.Mapping pricing = mapping(m, "pricing");
            Optional<Double> in = pricing == null ? Optional.empty() : per(pricing, "prompt");
            Optional<Double> out = pricing == null ? Optional.empty() : per(pricing, "completion");
            if (in.isEmpty() || out.isEmpty()) {
                r.skip("no prompt and completion price");
                continue;
            }
            if (in.get() < 0 || out.get() < 0) {
                r.skip("variable price (a router, priced per request routed)");
                continue;
            }
            SourceReading.Prices p = new SourceReading.Prices();
            p.input = in.get();
            p.output = out.get();
            p.cached = per(pricing, "input_cache_read").orElse(null);
            p.write = per(pricing, "input_cache_write").orElse(null);
            p.write1h = per(pricing, "input_cache_write_1h").orElse(null);
            p.reasoning =
                    per(pricing, "internal_reasoning").filter(v -> !(v <= 0)).orElse(null);
            Node.Entry overrides = pricing.entries().get("overrides");
            if (overrides != null && overrides.value() instanceof Node.Sequence list) {
                for (Node o : list.items()) {
                    if (!(o instanceof Node.Mapping om)) continue;
                    Optional<Integer> min = SourceReading.integer(om, "min_prompt_tokens");
                    Optional<Double> tin = per(om, "prompt");
                    Optional<Double> tout = per(om, "completion");
                    if (min.isEmpty() || tin.isEmpty() || tout.isEmpty()) continue;
                    p.tiers.add(new ApiModel.LongContextTier(
                            min.get(),
                            true,
                            new ApiModel.Rates(
                                    tin.get(),
                                    tout.get(),
                                    per(om, "input_cache_read").orElse(null),
                                    per(om, "input_cache_write").orElse(null),
                                    per(om, "input_cache_write_1h").orElse(null),
                                    null)));
                }
            }
            if (!r.withinBounds(key, p.all())) continue;
            Integer context = SourceReading.integer(m, "context_length").orElse(null);
            // a Hugging Face id means the weights are published
            Boolean open = SourceReading.text(m, "hugging_face_id")
                    .map(h -> !h.isBlank())
                    .orElse(false);
            String id = IdMapping.id("openrouter", key);
            r.add(
                    key,
                    r.model(id, "openrouter", SourceReading.text(m, "name").orElse(key), p, context, open, asOf, key),
                    IdMapping.aliased("openrouter", key));
        }
        return r.result(asOf);
    }

    private static boolean textToText(Node.Mapping m) {
        Node.Mapping arch = mapping(m, "architecture");
        if (arch == null) return true;
        return has(arch, "input_modalities", "text") && has(arch, "output_modalities", "text");
    }

    private static boolean has(Node.Mapping m, String key, String value) {
        Node.Entry e = m.entries().get(key);
        if (e == null || !(e.value() instanceof Node.Sequence s)) return true;
        List<Node> items = s.items();
        return items.stream()
                .anyMatch(n -> n instanceof Node.Scalar sc && sc.text().equals(value));
    }

    static Node.Mapping mapping(Node.Mapping m, String key) {
        Node.Entry e = m.entries().get(key);
        return e != null && e.value() instanceof Node.Mapping v ? v : null;
    }

    private static Optional<Double> per(Node.Mapping m, String key) {
        return SourceReading.perMillion(m, key, false);
    }
}
