package dev.aichoose.bench;

import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The 95 % intervals a bench reports (docs/bench.md, "Confidence"). None is ever made up: where
 * too few samples give one, there is none (null), as JMH reports NaN.
 */
final class Confidence {
    /** Two-sided: 2.5 % is left out on each side. */
    static final double LEVEL = 0.95;

    private static final double TAIL = (1 - LEVEL) / 2;

    private Confidence() {}

    /**
     * The distribution-free interval for the {@code p}-th quantile ({@code 0 < p < 1}) of the
     * distribution {@code sorted} was drawn from, between two of its order statistics: with
     * B the binomial distribution of n trials of probability p, the lower rank l is the largest with
     * B(l − 1) ≤ 2.5 % and the upper rank u the smallest with B(u − 1) ≥ 97.5 %, so that
     * P(x(l) ≤ quantile ≤ x(u)) = B(u − 1) − B(l − 1) ≥ 95 % for any continuous distribution
     * (Conover, Practical Nonparametric Statistics, 3rd ed., 1999, §3.2; Hahn and Meeker,
     * Statistical Intervals, 1991, §5.2). Null when n is too small for both ranks to exist: under 6
     * samples for the median, 36 for p90 and 368 for p99.
     */
    static List<Double> percentile(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) return null;
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        int k = b.inverseCumulativeProbability(TAIL);
        // the largest l with B(l - 1) <= 2.5 %: k is the smallest with B(k) >= 2.5 %
        int lower = b.cumulativeProbability(k) <= TAIL ? k + 1 : k;
        int upper = b.inverseCumulativeProbability(1 - TAIL) + 1;
        if (lower < 1 || upper > n) return null;
        return List.of(sorted[lower - 1], sorted[upper - 1]);
    }

    /**
     * The interval for the mean of a series of per-second figures: Student's t with the effective
     * number of samples m·(1 − ρ)/(1 + ρ), ρ the lag-1 autocorrelation (0 when negative), so that
     * seconds that follow each other closely do not count as independent (the batch-means
     * correction AIPerf's confidence-interval proposal uses). The low end is at least 0. Null for
     * fewer than {@value #MIN_SECONDS} seconds, or fewer than 2 effective samples.
     */
    static List<Double> meanOfSeries(double[] series) {
        int m = series.length;
        if (m < MIN_SECONDS) return null;
        double mean = 0;
        for (double v : series) mean += v;
        mean /= m;
        double squares = 0;
        double lagged = 0;
        for (int i = 0; i < m; i++) {
            double d = series[i] - mean;
            squares += d * d;
            if (i + 1 < m) lagged += d * (series[i + 1] - mean);
        }
        if (squares == 0) return List.of(mean, mean);
        double rho = Math.min(0.99, Math.max(0, lagged / squares));
        double effective = m * (1 - rho) / (1 + rho);
        if (effective < 2) return null;
        double sd = Math.sqrt(squares / (m - 1));
        double half = new TDistribution(null, effective - 1).inverseCumulativeProbability(1 - TAIL)
                * sd
                / Math.sqrt(effective);
        return List.of(Math.max(0, mean - half), mean + half);
    }

    /** A series shorter than this many seconds gives no interval. */
    static final int MIN_SECONDS = 5;

    /** Sample standard deviation ÷ mean; null for fewer than 2 values or a mean of 0. */
    static Double coefficientOfVariation(List<Double> values) {
        double[] v = values.stream()
                .filter(x -> x != null && Double.isFinite(x))
                .mapToDouble(Double::doubleValue)
                .toArray();
        if (v.length < 2) return null;
        double mean = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        if (mean == 0) return null;
        double squares = 0;
        for (double x : v) squares += (x - mean) * (x - mean);
        return Math.sqrt(squares / (v.length - 1)) / Math.abs(mean);
    }

    /**
     * Whether {@code y} rises with {@code x}: the least-squares slope is above 0 with one-sided 95 %
     * confidence (Student's t with n − 2 degrees of freedom). False for fewer than 5 points.
     */
    static boolean rising(double[] x, double[] y) {
        int n = x.length;
        if (n < 5) return false;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (sxx == 0) return false;
        double slope = sxy / sxx;
        double residuals = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - my - slope * (x[i] - mx);
            residuals += r * r;
        }
        double se = Math.sqrt(residuals / (n - 2) / sxx);
        if (se == 0) return slope > 0;
        return slope - new TDistribution(null, n - 2).inverseCumulativeProbability(LEVEL) * se > 0;
    }
}
