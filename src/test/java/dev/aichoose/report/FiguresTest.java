package dev.aichoose.report;

import dev.aichoose.text.Figures;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {
    @Test
    void money() {
        assertThat(Figures.usd(12345.675)).isEqualTo("$12,345.68");
        assertThat(Figures.usd(-5)).isEqualTo("-$5.00");
        assertThat(Figures.usd(-0.001)).isEqualTo("$0.00");
        assertThat(Figures.usdWhole(1_234_567.8)).isEqualTo("$1,234,568");
        assertThat(Figures.usdPerQuery(0.045)).isEqualTo("$0.0450");
        assertThat(Figures.usdPerQuery(0.00542857)).isEqualTo("$0.005429");
        assertThat(Figures.usdChange(1200)).isEqualTo("+$1,200.00");
        assertThat(Figures.usdChange(-30.5)).isEqualTo("-$30.50");
        assertThat(Figures.usdChange(0.001)).isEqualTo("$0.00");
    }

    @Test
    void sharesAndChanges() {
        assertThat(Figures.percentChange(12.345)).isEqualTo("+12.3%");
        assertThat(Figures.percentChange(-4.0)).isEqualTo("-4.0%");
        assertThat(Figures.percentChange(0.01)).isEqualTo("0.0%");
        assertThat(Figures.percentChange(null)).isEqualTo("n/a");
        assertThat(Figures.count(1_050.25)).isEqualTo("1,050.25");
        assertThat(Figures.month(null)).isEqualTo("none");
    }
}
