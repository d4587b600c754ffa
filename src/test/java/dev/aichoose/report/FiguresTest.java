package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.text.Figures;
import org.junit.jupiter.api.Test;

class FiguresTest {
    @Test
    void moneyIsRoundedOnceToTheCentAndWrittenWholeFromAHundredDollars() {
        assertThat(Figures.cents(12345.675)).hasToString("12345.68");
        assertThat(Figures.cents(-127905.79999999999)).hasToString("-127905.80");
        assertThat(Figures.usd(12345.675)).isEqualTo("$12,346");
        assertThat(Figures.usd(99.994)).isEqualTo("$99.99");
        assertThat(Figures.usd(99.995))
                .as("rounds to $100.00, so written whole")
                .isEqualTo("$100");
        assertThat(Figures.usd(-5)).isEqualTo("-$5.00");
        assertThat(Figures.usd(-0.001)).isEqualTo("$0");
        assertThat(Figures.usd(0)).isEqualTo("$0");
        assertThat(Figures.usdCompact(3_180_736.52))
                .isEqualTo(Figures.usd(3_180_736.52))
                .isEqualTo("$3,180,737");
        assertThat(Figures.usdWhole(1_234_567.8)).isEqualTo("$1,234,568");
        assertThat(Figures.usdChange(1200)).isEqualTo("+$1,200");
        assertThat(Figures.usdChange(-30.5)).isEqualTo("-$30.50");
        assertThat(Figures.usdChange(0.001)).isEqualTo("$0");
    }

    @Test
    void aRateIsWrittenToTheTenthUnlessThatWouldSayNothingOfARateThatIsNotNothing() {
        assertThat(Figures.rate(1234.56)).isEqualTo("1,234.6");
        assertThat(Figures.rate(0.05)).isEqualTo("0.1");
        assertThat(Figures.rate(0)).isEqualTo("0.0");
        // an 85-minute prefill of a 159,000-token prompt on an M4 Max
        assertThat(Figures.rate(0.026_48)).isEqualTo("0.026");
        assertThat(Figures.rateFigure(0.026_48)).hasToString("0.026");
        assertThat(Figures.rateFigure(0.000_012_34)).hasToString("0.000012");
        assertThat(Figures.rateFigure(12.34)).hasToString("12.3");
    }

    @Test
    void aCostPerQueryHasFourSignificantFiguresEverywhere() {
        assertThat(Figures.perQuery(0.000253511)).hasToString("0.0002535");
        assertThat(Figures.perQuery(7.321111E-4)).hasToString("0.0007321");
        assertThat(Figures.perQuery(0.00099996))
                .as("rounding up keeps four figures")
                .hasToString("0.001000");
        assertThat(Figures.perQuery(0.045)).hasToString("0.04500");
        assertThat(Figures.perQuery(12.34567)).hasToString("12.35");
        assertThat(Figures.perQuery(1234.5)).as("never fewer than cents").hasToString("1234.50");
        assertThat(Figures.usdPerQuery(0.000253511)).isEqualTo("$0.0002535");
        assertThat(Figures.usdSignificant(0.000253511)).isEqualTo(Figures.usdPerQuery(0.000253511));
    }

    @Test
    void sharesAndChanges() {
        assertThat(Figures.percentChange(12.345)).isEqualTo("+12.3%");
        assertThat(Figures.percentChange(-4.0)).isEqualTo("-4.0%");
        assertThat(Figures.percentChange(0.01)).isEqualTo("0.0%");
        assertThat(Figures.percentChange(-0.01)).isEqualTo("0.0%");
        assertThat(Figures.percentChange(null)).isEqualTo("n/a");
        assertThat(Figures.count(1_050.25)).isEqualTo("1,050.25");
        assertThat(Figures.rate(5632.44)).isEqualTo("5,632.4");
        assertThat(Figures.month(null)).isEqualTo("none");
    }
}
