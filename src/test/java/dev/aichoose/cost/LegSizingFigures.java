package dev.aichoose.cost;

import dev.aichoose.serving.EstimateRequest;
import dev.aichoose.serving.Estimator;
import dev.aichoose.testing.Fixtures;

/**
 * The hand computation of an owned H100 SXM leg serving Llama 3.1 8B (docs/methodology.md §11.8): the
 * serving model's replica at the leg's request shape, the cards its need takes at the planning
 * utilisation of 90 %, and what they cost bought in month 1.
 */
public final class LegSizingFigures {
    private LegSizingFigures() {}

    /** Generated tokens/s one H100 replica of the 8B model delivers at this request shape, 32 streams. */
    public static double replicaTokensPerSecond(double in, double out) {
        return Estimator.estimate(
                        Fixtures.catalog(),
                        new EstimateRequest(
                                "nvidia/h100-sxm",
                                "meta/llama-3.1-8b-instruct",
                                null,
                                1,
                                null,
                                null,
                                null,
                                32,
                                null,
                                in,
                                out))
                .estimate()
                .tokensPerSecond();
    }

    /** Cards of one replica each that carry {@code required} tok/s at 90 % of a replica at this shape. */
    public static int cards(double required, double in, double out) {
        return units(required, replicaTokensPerSecond(in, out));
    }

    static int units(double required, double perReplica) {
        return (int) Math.ceil(required / (perReplica * 0.9));
    }

    /** Month 1's purchase for this many H100 SXM cards: $25,000 each, and an $85,000 HGX host for every 8. */
    public static double bought(int cards) {
        return cards * 25_000.0 + Math.ceil(cards / 8.0) * 85_000;
    }
}
