package dev.aichoose.bench;

import java.util.SplittableRandom;

/**
 * Token lengths drawn from a normal distribution, one per request number, so that a seed gives the
 * same lengths in the same order on every run (whichever thread sends which request). Draws below
 * one token are drawn again: the distribution is truncated at 1, not piled up there.
 */
final class TokenLengths {
    static final int INPUT = 1;
    static final int OUTPUT = 2;
    /** After this many draws below 1 token (only for a deviation far above the mean), 1 it is. */
    private static final int REDRAWS = 64;

    private TokenLengths() {}

    /** The length of request {@code n}: {@code mean} itself when {@code stdev} is 0. */
    static int draw(int mean, double stdev, long seed, int n, int which) {
        if (stdev == 0) return mean;
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n * 4L + which);
        for (int i = 0; i < REDRAWS; i++) {
            double v = Math.rint(mean + stdev * random.nextGaussian());
            if (v >= 1) return (int) Math.min(Integer.MAX_VALUE, v);
        }
        return 1;
    }
}
