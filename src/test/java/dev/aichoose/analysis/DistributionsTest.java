package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Distribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** The samplers against the moments of their distributions, worked out by hand. */
class DistributionsTest {
    private static final int N = 400_000;

    /** Sample mean and variance of N draws. */
    private static double[] moments(Distribution d) {
        Distributions.Sampler s = Distributions.sampler(d, new Well19937c(7));
        double mean = 0;
        double m2 = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 1; i <= N; i++) {
            double x = s.next();
            double delta = x - mean;
            mean += delta / i;
            m2 += delta * (x - mean);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return new double[] {mean, m2 / (N - 1), min, max};
    }

    /** Within five standard errors of the mean: a sampler that is wrong by a few per cent fails. */
    private static void assertMoments(Distribution d, double mean, double variance) {
        assertThat(Distributions.mean(d)).isCloseTo(mean, within(1e-12));
        assertThat(Distributions.variance(d)).isCloseTo(variance, within(1e-12));
        double[] m = moments(d);
        double se = Math.sqrt(variance / N);
        assertThat(m[0]).as("sample mean").isCloseTo(mean, within(5 * se));
        assertThat(m[1]).as("sample variance").isCloseTo(variance, within(variance * 0.02));
        assertThat(m[2]).isGreaterThanOrEqualTo(d.low());
        assertThat(m[3]).isLessThanOrEqualTo(d.high());
    }

    @Test
    void uniformHasMeanAtTheMiddleAndVarianceWidthSquaredOverTwelve() {
        // (2 + 10) / 2 = 6; 8² / 12
        assertMoments(new Distribution.Uniform(2, 10), 6, 64.0 / 12);
    }

    @Test
    void triangularMomentsAreTheTextbookOnes() {
        // mean (0 + 2 + 10) / 3 = 4; variance (0 + 4 + 100 − 0 − 0 − 20) / 18 = 84 / 18
        assertMoments(new Distribution.Triangular(0, 2, 10), 4, 84.0 / 18);
    }

    @Test
    void pertMomentsAreBetaMomentsScaledToTheRange() {
        // mean (0 + 4·2 + 10) / 6 = 3; variance (3 − 0)(10 − 3) / 7 = 3; α = 1 + 4·2/10 = 1.8, β = 4.2
        Distribution.Pert p = new Distribution.Pert(0, 2, 10);
        assertThat(Distributions.alpha(p)).isCloseTo(1.8, within(1e-12));
        assertThat(Distributions.beta(p)).isCloseTo(4.2, within(1e-12));
        assertMoments(p, 3, 3);
    }

    @Test
    void triangularQuantileIsTheModeAtItsShareOfTheRange() {
        var t = new Distribution.Triangular(0, 2, 10);
        assertThat(Distributions.triangularQuantile(t, 0.2)).isCloseTo(2, within(1e-12));
        assertThat(Distributions.triangularQuantile(t, 0)).isZero();
        assertThat(Distributions.triangularQuantile(t, 1)).isCloseTo(10, within(1e-12));
    }

    @Test
    void aSinglePointRangeAlwaysDrawsThatPointExactly() {
        double x = 0.1 + 0.2; // not representable exactly: a sampler that does arithmetic on it would drift
        for (Distribution d : new Distribution[] {
            new Distribution.Uniform(x, x), new Distribution.Triangular(x, x, x), new Distribution.Pert(x, x, x)
        }) {
            Distributions.Sampler s = Distributions.sampler(d, new Well19937c(1));
            for (int i = 0; i < 1000; i++) assertThat(s.next()).as(d.id()).isEqualTo(x);
        }
    }
}
