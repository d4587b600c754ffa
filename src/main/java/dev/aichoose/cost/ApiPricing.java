package dev.aichoose.cost;

import dev.aichoose.model.ApiModel;
import dev.aichoose.model.ApiModel.LongContextTier;
import dev.aichoose.model.ApiModel.Rates;
import dev.aichoose.model.CacheTtl;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Option;
import dev.aichoose.model.ServiceTier;
import dev.aichoose.model.TokenShape;
import dev.aichoose.model.Workload;
import java.util.List;
import java.util.Optional;

/**
 * Resolves an API option's effective per-token prices (docs/methodology.md §3.1) and prices a
 * query with them. One rule for tiers: a catalog tier, service or long-context, reprices catalog
 * prices only; each inline price is the user's final price unless the option gives its own
 * long-context tier, which then reprices the inline prices the same way.
 */
public final class ApiPricing {
    private final Catalog catalog;
    private final Workload workload;

    public ApiPricing(Catalog catalog, Workload workload) {
        this.catalog = catalog;
        this.workload = workload;
    }

    /** The option's prices for a query of the workload's own shape (the default class's). */
    public Costing.PerToken perToken(Option.Api a) {
        return perToken(a, workload.shape());
    }

    /** The option's prices for a query of this shape: its input decides the long-context tier. */
    public Costing.PerToken perToken(Option.Api a, TokenShape shape) {
        ApiModel m = catalog.apiModels().get(a.model());
        double tokens = shape.inputTokensPerQuery();
        CacheTtl ttl = workload.cacheWriteTtl();

        // the catalog's prices at the option's service tier, then at its long-context tier
        Resolved fromCatalog = m == null ? null : catalogPrices(m, a.serviceTier(), tokens, ttl);
        // the option's own prices, at its own long-context tier where it gives one
        LongContextTier ownTier = a.longContext() != null && a.longContext().covers(tokens) ? a.longContext() : null;
        double inputScale = ownTier != null && a.inputUsdPerMtok() != null && a.inputUsdPerMtok() > 0
                ? ownTier.inputUsdPerMtok() / a.inputUsdPerMtok()
                : 1;

        double in = a.inputUsdPerMtok() != null
                ? inline(a.inputUsdPerMtok(), ownTier, Rates::inputUsdPerMtok, 1)
                : fromCatalog.input();
        double out = a.outputUsdPerMtok() != null
                ? inline(a.outputUsdPerMtok(), ownTier, Rates::outputUsdPerMtok, 1)
                : fromCatalog.output();
        // a catalog discount is relative to the catalog's input price: it goes with it, never with an inline one
        boolean catalogInput = a.inputUsdPerMtok() == null;
        double cached = a.cachedInputUsdPerMtok() != null
                ? inline(a.cachedInputUsdPerMtok(), ownTier, Rates::cachedInputUsdPerMtok, inputScale)
                : catalogInput && fromCatalog.cached() != null ? fromCatalog.cached() : in;
        double write = a.cacheWriteUsdPerMtok() != null
                ? inline(a.cacheWriteUsdPerMtok(), ownTier, Rates::cacheWriteUsdPerMtok, inputScale)
                : catalogInput && fromCatalog.write() != null ? fromCatalog.write() : in;
        boolean catalogOutput = a.outputUsdPerMtok() == null;
        double reasoning = a.reasoningUsdPerMtok() != null
                ? a.reasoningUsdPerMtok()
                : catalogOutput && fromCatalog.reasoning() != null ? fromCatalog.reasoning() : out;
        return new Costing.PerToken(in, cached, out, write, reasoning, shape.cacheWriteShare());
    }

    /** USD per query of the workload's own shape at effective prices. */
    public double perQuery(Costing.PerToken p) {
        return perQuery(p, workload.shape());
    }

    /** USD per query of this shape at effective prices (docs/methodology.md §3.2). */
    public static double perQuery(Costing.PerToken p, TokenShape shape) {
        double i = shape.inputTokensPerQuery();
        double c = shape.cachedInputShare();
        double w = p.cacheWriteShare();
        return (i * (1 - c - w) * p.inputUsdPerMtok()
                        + i * c * p.cachedInputUsdPerMtok()
                        + i * w * p.cacheWriteUsdPerMtok()
                        + shape.outputTokensPerQuery() * p.outputUsdPerMtok()
                        + shape.reasoningTokensPerQuery() * p.reasoningUsdPerMtok())
                / 1e6;
    }

    /** The tier an input of this size falls in: the highest threshold it reaches, if any. */
    public static Optional<LongContextTier> tierFor(List<LongContextTier> tiers, double inputTokens) {
        LongContextTier found = null;
        for (LongContextTier t : tiers) {
            if (t.covers(inputTokens) && (found == null || t.thresholdTokens() > found.thresholdTokens())) found = t;
        }
        return Optional.ofNullable(found);
    }

    /** Catalog prices; null where the catalog lists no such price (the caller falls back). */
    private record Resolved(double input, double output, Double cached, Double write, Double reasoning) {}

    private static Resolved catalogPrices(ApiModel m, ServiceTier tier, double tokens, CacheTtl ttl) {
        Rates standard = m.standard();
        Rates served = served(m, tier);
        Optional<LongContextTier> longTier = tierFor(m.longContext(), tokens);
        double input = served.inputUsdPerMtok();
        double output = served.outputUsdPerMtok();
        Double cached = served.cachedInputUsdPerMtok();
        Double write = writePrice(served, ttl);
        Double reasoning = served.reasoningUsdPerMtok();
        if (longTier.isPresent()) {
            // the tier replaces every price for the whole request; a price the tier does not list keeps its
            // ratio to the input (cache) or output (reasoning) price, and a service tier keeps its ratio to standard
            Rates t = longTier.get().rates();
            double inScale = ratio(input, standard.inputUsdPerMtok());
            double outScale = ratio(output, standard.outputUsdPerMtok());
            double newInput = t.inputUsdPerMtok() * inScale;
            double newOutput = t.outputUsdPerMtok() * outScale;
            cached = cached == null
                    ? null
                    : t.cachedInputUsdPerMtok() != null
                            ? t.cachedInputUsdPerMtok() * inScale
                            : cached * ratio(newInput, input);
            Double tierWrite = writePrice(t, ttl);
            write = write == null ? null : tierWrite != null ? tierWrite * inScale : write * ratio(newInput, input);
            reasoning = reasoning == null
                    ? null
                    : t.reasoningUsdPerMtok() != null
                            ? t.reasoningUsdPerMtok() * outScale
                            : reasoning * ratio(newOutput, output);
            input = newInput;
            output = newOutput;
        }
        return new Resolved(input, output, cached, write, reasoning);
    }

    /** Standard prices with the service tier's applied: its own listed prices, else the batch discount. */
    private static Rates served(ApiModel m, ServiceTier tier) {
        Rates standard = m.standard();
        if (tier == ServiceTier.STANDARD) return standard;
        Rates listed = m.serviceTiers().get(tier);
        if (listed != null) {
            double inScale = ratio(listed.inputUsdPerMtok(), standard.inputUsdPerMtok());
            return new Rates(
                    listed.inputUsdPerMtok(),
                    listed.outputUsdPerMtok(),
                    or(listed.cachedInputUsdPerMtok(), scaled(standard.cachedInputUsdPerMtok(), inScale)),
                    or(listed.cacheWriteUsdPerMtok(), scaled(standard.cacheWriteUsdPerMtok(), inScale)),
                    or(listed.cacheWrite1hUsdPerMtok(), scaled(standard.cacheWrite1hUsdPerMtok(), inScale)),
                    or(
                            listed.reasoningUsdPerMtok(),
                            scaled(
                                    standard.reasoningUsdPerMtok(),
                                    ratio(listed.outputUsdPerMtok(), standard.outputUsdPerMtok()))));
        }
        if (tier == ServiceTier.BATCH && m.batchDiscount() != null) {
            double keep = 1 - m.batchDiscount();
            return new Rates(
                    standard.inputUsdPerMtok() * keep,
                    standard.outputUsdPerMtok() * keep,
                    scaled(standard.cachedInputUsdPerMtok(), keep),
                    scaled(standard.cacheWriteUsdPerMtok(), keep),
                    scaled(standard.cacheWrite1hUsdPerMtok(), keep),
                    scaled(standard.reasoningUsdPerMtok(), keep));
        }
        // the scenario loader rejects a tier the catalog does not sell; a layer may still lack it
        throw new IllegalArgumentException(m.id() + " has no " + tier.id() + " prices");
    }

    /** An inline price, repriced by the option's own tier where that tier lists it or scales it. */
    private static double inline(
            double price,
            LongContextTier ownTier,
            java.util.function.Function<Rates, Double> kind,
            double scaleIfUnlisted) {
        if (ownTier == null) return price;
        Double listed = kind.apply(ownTier.rates());
        return listed != null ? listed : price * scaleIfUnlisted;
    }

    private static Double writePrice(Rates r, CacheTtl ttl) {
        // a source listing only one write price lists the 5-minute one
        return ttl == CacheTtl.H1 && r.cacheWrite1hUsdPerMtok() != null
                ? r.cacheWrite1hUsdPerMtok()
                : r.cacheWriteUsdPerMtok();
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : 1;
    }

    private static Double scaled(Double price, double factor) {
        return price == null ? null : price * factor;
    }

    private static Double or(Double a, Double b) {
        return a != null ? a : b;
    }
}
