package dev.aichoose.analysis;

import dev.aichoose.model.Distribution;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Sampling and moments of the ranges a scenario may put on its inputs. Uniform and triangular
 * draws invert the distribution function of one uniform number; PERT draws a Beta variate
 * (Cheng's algorithm, Commons Math) scaled to the range.
 */
public final class Distributions {
    private Distributions() {}

    /** A source of draws for one input, with its own random stream. */
    public static Sampler sampler(Distribution d, RandomGenerator random) {
        return switch (d) {
            case Distribution.Uniform u -> () -> u.low() + random.nextDouble() * (u.high() - u.low());
            case Distribution.Triangular t -> () -> triangularQuantile(t, random.nextDouble());
            case Distribution.Pert p -> {
                if (p.low() == p.high()) yield p::low;
                BetaDistribution beta = new BetaDistribution(random, alpha(p), beta(p));
                yield () -> p.low() + beta.sample() * (p.high() - p.low());
            }
        };
    }

    /** The next value drawn. */
    @FunctionalInterface
    public interface Sampler {
        double next();
    }

    /** The inverse of the triangular distribution function. */
    static double triangularQuantile(Distribution.Triangular t, double u) {
        double a = t.low();
        double b = t.high();
        double c = t.mode();
        if (a == b) return a;
        double split = (c - a) / (b - a);
        return u < split ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }

    public static double mean(Distribution d) {
        return switch (d) {
            case Distribution.Uniform u -> (u.low() + u.high()) / 2;
            case Distribution.Triangular t -> (t.low() + t.mode() + t.high()) / 3;
            case Distribution.Pert p -> (p.low() + 4 * p.mode() + p.high()) / 6;
        };
    }

    public static double variance(Distribution d) {
        return switch (d) {
            case Distribution.Uniform u -> Math.pow(u.high() - u.low(), 2) / 12;
            case Distribution.Triangular t -> {
                double a = t.low();
                double b = t.high();
                double c = t.mode();
                yield (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
            }
            case Distribution.Pert p -> {
                double m = mean(p);
                yield (m - p.low()) * (p.high() - m) / 7;
            }
        };
    }

    /** PERT's Beta shape parameters: 1 + 4 × (mode − low) / (high − low), and its mirror. */
    static double alpha(Distribution.Pert p) {
        return 1 + 4 * (p.mode() - p.low()) / (p.high() - p.low());
    }

    static double beta(Distribution.Pert p) {
        return 1 + 4 * (p.high() - p.mode()) / (p.high() - p.low());
    }
}
