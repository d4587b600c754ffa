package dev.aichoose.catalog;

import dev.aichoose.load.InputException;
import dev.aichoose.load.InputKind;
import dev.aichoose.load.Sanity;
import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Quality;
import dev.aichoose.model.ServiceTier;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Writes imported entries as a price-book layer in the catalog format {@code --pricing} reads. */
public final class LayerWriter {
    private LayerWriter() {}

    /**
     * Writes the layer; a layer larger than a price book may be ({@link InputKind#PRICE_BOOK}) is refused,
     * naming the source, since {@code --pricing} could not read it back.
     */
    public static void write(Imported imported, String origin, Writer out) throws IOException {
        StringBuilder b = new StringBuilder(imported.entries().size() * 400);
        b.append("# aichoose price-book layer imported from ")
                .append(imported.format())
                .append(": ")
                .append(origin.replaceAll("\\p{Cntrl}|[\\u0085\\u2028\\u2029]", "?"))
                .append('\n');
        b.append("# as_of ")
                .append(imported.asOf())
                .append("; ")
                .append(imported.entries().size())
                .append(" chat models; prices USD per million tokens. Regenerate with 'aichoose catalog import'.\n");
        b.append("api_models:\n");
        for (Imported.Entry e : imported.entries()) entry(b, e.model());
        String layer = b.toString();
        long bytes = layer.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > InputKind.PRICE_BOOK.maxBytes()) {
            throw new InputException(new Diagnostic(
                    origin,
                    0,
                    0,
                    String.format(
                            Locale.ROOT,
                            "its %,d chat models make a layer of %s, and a price book may be at most %s "
                                    + "(docs/reports.md, \"Limits on input files\"): split the price list",
                            imported.entries().size(),
                            InputKind.size(bytes),
                            InputKind.size(InputKind.PRICE_BOOK.maxBytes()))));
        }
        out.write(layer);
    }

    /** Writes imported rented offers as a price-book layer ({@code cloud_offers:}). */
    public static void write(ImportedOffers imported, String origin, Writer out) throws IOException {
        StringBuilder b = new StringBuilder(imported.offers().size() * 300);
        b.append("# aichoose price-book layer imported from skypilot: ")
                .append(origin)
                .append('\n');
        b.append("# as_of ")
                .append(imported.asOf())
                .append("; ")
                .append(imported.offers().size())
                .append(" rented offers; usd_per_gpu_hour is the instance price / gpus. ")
                .append("Regenerate with 'aichoose catalog import skypilot'.\n");
        b.append("cloud_offers:\n");
        for (CloudOffer o : imported.offers()) {
            b.append("  - id: ").append(quote(o.id())).append('\n');
            field(b, 4, "provider", quote(o.provider()));
            field(b, 4, "gpu", quote(o.gpu()));
            field(b, 4, "gpus", String.valueOf(o.gpus()));
            field(b, 4, "usd_per_gpu_hour", num(o.usdPerGpuHour()));
            field(b, 4, "tier", o.tier());
            if (o.region() != null) field(b, 4, "region", quote(o.region()));
            field(b, 4, "as_of", o.provenance().asOf().toString());
            field(b, 4, "source", quote(o.provenance().source()));
        }
        out.write(b.toString());
    }

    private static void entry(StringBuilder b, ApiModel m) {
        b.append("  - id: ").append(quote(m.id())).append('\n');
        field(b, 4, "provider", quote(m.provider()));
        field(b, 4, "name", quote(m.name()));
        field(b, 4, "input_usd_per_mtok", num(m.inputUsdPerMtok()));
        field(b, 4, "output_usd_per_mtok", num(m.outputUsdPerMtok()));
        optional(b, 4, "cached_input_usd_per_mtok", m.cachedInputUsdPerMtok());
        optional(b, 4, "cache_write_usd_per_mtok", m.cacheWriteUsdPerMtok());
        optional(b, 4, "cache_write_1h_usd_per_mtok", m.cacheWrite1hUsdPerMtok());
        optional(b, 4, "reasoning_usd_per_mtok", m.reasoningUsdPerMtok());
        if (!m.serviceTiers().isEmpty()) {
            b.append("    service_tiers:\n");
            for (ServiceTier t : ServiceTier.values()) {
                ApiModel.Rates r = m.serviceTiers().get(t);
                if (r == null) continue;
                b.append("      ").append(t.id()).append(":\n");
                rates(b, 8, r);
            }
        }
        if (!m.longContext().isEmpty()) {
            b.append("    long_context:\n");
            for (ApiModel.LongContextTier t : m.longContext()) {
                b.append("      - threshold_tokens: ")
                        .append(t.thresholdTokens())
                        .append('\n');
                field(b, 8, "boundary", t.inclusive() ? "at_or_above" : "above");
                rates(b, 8, t.rates());
            }
        }
        if (m.contextTokens() != null) field(b, 4, "context_tokens", String.valueOf(m.contextTokens()));
        if (m.quality() != Quality.STANDARD)
            field(b, 4, "quality", m.quality().name().toLowerCase(Locale.ROOT));
        if (m.openWeight()) field(b, 4, "open_weight", "true");
        if (m.openWeights() != null) field(b, 4, "open_weights", quote(m.openWeights()));
        field(b, 4, "as_of", m.provenance().asOf().toString());
        field(b, 4, "source", quote(m.provenance().source()));
    }

    private static void rates(StringBuilder b, int indent, ApiModel.Rates r) {
        optional(b, indent, "input_usd_per_mtok", r.inputUsdPerMtok());
        optional(b, indent, "output_usd_per_mtok", r.outputUsdPerMtok());
        optional(b, indent, "cached_input_usd_per_mtok", r.cachedInputUsdPerMtok());
        optional(b, indent, "cache_write_usd_per_mtok", r.cacheWriteUsdPerMtok());
        optional(b, indent, "cache_write_1h_usd_per_mtok", r.cacheWrite1hUsdPerMtok());
        optional(b, indent, "reasoning_usd_per_mtok", r.reasoningUsdPerMtok());
    }

    private static void optional(StringBuilder b, int indent, String key, Double v) {
        if (v != null) field(b, indent, key, num(v));
    }

    private static void field(StringBuilder b, int indent, String key, String value) {
        b.repeat(' ', indent).append(key).append(": ").append(value).append('\n');
    }

    /** A price as a plain decimal, rounded to 10 significant places (1.25e-06 × 1e6 arrives as 1.25). */
    static String num(double v) {
        return Sanity.show(
                new java.math.BigDecimal(v).round(new java.math.MathContext(10)).doubleValue());
    }

    /**
     * A double-quoted YAML scalar. Every character YAML does not take as it stands (controls, line
     * breaks, a byte order mark) is escaped, so the layer reads back as the source spelled it.
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20
                            || (c >= 0x7F && c <= 0x9F)
                            || c == 0x2028
                            || c == 0x2029
                            || c == 0xFEFF
                            || (c >= 0xD800 && c <= 0xDFFF)
                            || c == 0xFFFE
                            || c == 0xFFFF) {
                        b.append(String.format(Locale.ROOT, "\\u%04X", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
