package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The intervals' ranks and their refusal to make one up (docs/bench.md, "Confidence"). */
class ConfidenceTest {
    static double[] oneTo(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i + 1;
        return v;
    }

    @Test
    void theMediansIntervalUsesTheBinomialRanks() {
        // n = 6: B(0) = 1/64 <= 2.5 %, B(5) = 63/64 >= 97.5 %: the first and last values
        assertThat(Confidence.percentile(oneTo(6), 0.5)).containsExactly(1.0, 6.0);
        // n = 12: B(2) = 1.9 %, B(3) = 7.3 %; B(9) = 98.1 %: ranks 3 and 10
        assertThat(Confidence.percentile(oneTo(12), 0.5)).containsExactly(3.0, 10.0);
        // n = 100: ranks 40 and 61 (the textbook's table for the median)
        assertThat(Confidence.percentile(oneTo(100), 0.5)).containsExactly(40.0, 61.0);
    }

    @Test
    void tooFewSamplesGiveNoInterval() {
        assertThat(Confidence.percentile(oneTo(5), 0.5)).isNull();
        // 0.9^35 = 2.50 % is not below 2.5 %; 0.9^36 is
        assertThat(Confidence.percentile(oneTo(35), 0.9)).isNull();
        assertThat(Confidence.percentile(oneTo(36), 0.9)).isNotNull();
        assertThat(Confidence.percentile(oneTo(367), 0.99)).isNull();
        assertThat(Confidence.percentile(oneTo(368), 0.99)).isNotNull();
        assertThat(Confidence.meanOfSeries(new double[] {1, 2, 3, 4})).isNull();
    }

    @Test
    void aSeriesIntervalWidensWhenItsSecondsFollowEachOther() {
        double[] independent = {10, 12, 9, 11, 10, 12, 9, 11, 10, 12, 9, 11};
        double[] trending = {9, 9, 10, 10, 11, 11, 12, 12, 11, 11, 10, 10};
        List<Double> a = Confidence.meanOfSeries(independent);
        List<Double> b = Confidence.meanOfSeries(trending);
        assertThat(a.get(0)).isLessThan(10.5).isGreaterThan(9.5);
        assertThat(b.get(1) - b.get(0)).isGreaterThan(a.get(1) - a.get(0));
    }

    @Test
    void theCoefficientOfVariationIsTheSampleDeviationOverTheMean() {
        assertThat(Confidence.coefficientOfVariation(List.of(9.0, 10.0, 11.0)))
                .isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Confidence.coefficientOfVariation(List.of(9.0))).isNull();
    }
}
