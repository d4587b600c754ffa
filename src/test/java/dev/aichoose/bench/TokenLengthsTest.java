package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

class TokenLengthsTest {
    static int[] draws(int mean, double stdev, long seed, int which, int n) {
        return IntStream.range(0, n)
                .map(i -> TokenLengths.draw(mean, stdev, seed, i, which))
                .toArray();
    }

    @Test
    void aSeedGivesTheSameLengthsInTheSameOrder() {
        assertThat(draws(512, 128, 42, TokenLengths.INPUT, 1000))
                .containsExactly(draws(512, 128, 42, TokenLengths.INPUT, 1000));
        assertThat(draws(512, 128, 43, TokenLengths.INPUT, 1000))
                .isNotEqualTo(draws(512, 128, 42, TokenLengths.INPUT, 1000));
        // input and output lengths of the same request are drawn apart
        assertThat(draws(512, 128, 42, TokenLengths.OUTPUT, 1000))
                .isNotEqualTo(draws(512, 128, 42, TokenLengths.INPUT, 1000));
    }

    @Test
    void theSampleHasTheMeanAndDeviationAsked() {
        SummaryStatistics s = new SummaryStatistics();
        for (int v : draws(512, 128, 42, TokenLengths.INPUT, 20_000)) s.addValue(v);
        // standard errors: 128 / sqrt(20,000) = 0.9 for the mean, about 0.64 for the deviation
        assertThat(s.getMean()).isCloseTo(512, within(4.0));
        assertThat(s.getStandardDeviation()).isCloseTo(128, within(3.0));
    }

    @Test
    void aFixedLengthIsThatLength() {
        assertThat(draws(512, 0, 42, TokenLengths.INPUT, 100)).containsOnly(512);
    }

    @Test
    void noDrawIsBelowOneToken() {
        int[] wide = draws(3, 50, 42, TokenLengths.OUTPUT, 5_000);
        assertThat(IntStream.of(wide).min().orElseThrow()).isEqualTo(1);
        // truncated, not piled up at 1: values 1 to 3 are about equally likely
        long ones = IntStream.of(wide).filter(v -> v == 1).count();
        long threes = IntStream.of(wide).filter(v -> v == 3).count();
        assertThat((double) ones / threes).isBetween(0.6, 1.6);
    }
}
