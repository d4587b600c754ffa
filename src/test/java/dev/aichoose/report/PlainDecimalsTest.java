package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.text.Figures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlainDecimalsTest {
    private final PlainDecimals d = new PlainDecimals();

    private String cents(double v) {
        int n = d.cents(v);
        return new String(d.buffer(), 0, n);
    }

    private String upTo(double v) {
        int n = d.upToHundredths(v);
        return new String(d.buffer(), 0, n);
    }

    @Test
    void halfCentsRoundAsTheShortestDecimalDoes() {
        // 1.005 is 1.00499999999999989… as a double; its shortest decimal, 1.005, rounds half up
        for (double v : new double[] {
            1.005,
            2.675,
            0.125,
            -0.125,
            -1.005,
            0.005,
            1e-300,
            -0.001,
            0,
            -0.0,
            1234.565,
            7543.9,
            1e13,
            9.5e13,
            1e300,
            -1e300,
            Double.MAX_VALUE,
            Double.MIN_VALUE
        }) {
            assertThat(cents(v)).as("cents(%s)", v).isEqualTo(Figures.cents(v).toPlainString());
            assertThat(upTo(v)).as("upTo(%s)", v).isEqualTo(Figures.upTo(v, 2).toPlainString());
        }
    }

    @Test
    void agreesWithFiguresOnRandomMoneyAndVolumes() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 300_000; i++) {
            double magnitude = Math.pow(10, random.nextInt(-4, 15));
            double v = (random.nextBoolean() ? 1 : -1) * random.nextDouble() * magnitude;
            // values on a half cent in decimal, the cases the shortcut must hand to the BigDecimal
            double onHalf = Math.round(v * 1000) / 1000.0 + (random.nextBoolean() ? 0.005 : 0);
            double grown = 2_000_000 * Math.pow(1.04, random.nextInt(0, 120));
            for (double x : new double[] {v, onHalf, grown}) {
                assertThat(cents(x))
                        .as("cents(%s)", x)
                        .isEqualTo(Figures.cents(x).toPlainString());
                assertThat(upTo(x))
                        .as("upTo(%s)", x)
                        .isEqualTo(Figures.upTo(x, 2).toPlainString());
            }
        }
    }
}
