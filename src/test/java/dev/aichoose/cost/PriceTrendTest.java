package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The two price trends, applied month by month (docs/methodology.md §16). */
class PriceTrendTest {
    private static Evaluation evaluate(String assumptions) {
        return Fixtures.evaluate("""
                name: t
                horizon_months: 25
                workload: {queries_per_month: 1000000, input_tokens_per_query: 1000, output_tokens_per_query: 100}
                assumptions: {%s ops_hours_per_month: 10, ops_usd_per_hour: 100}
                options:
                  - {id: api, api: {model: custom, input_usd_per_mtok: 1, output_usd_per_mtok: 10}}
                  - id: rented
                    rented: {offer: runpod/h100-sxm, count: 1, usd_per_gpu_hour: 2, model: meta/llama-3.1-8b-instruct}
                """.formatted(assumptions));
    }

    @Test
    void anApiPriceFallingByHalfAYearHalvesMonth13AndQuartersMonth25() {
        var api = evaluate("api_price_change_annual: -0.5,").option("api");
        // month 1: 1e6 × (1000 × 1 + 100 × 10) / 1e6 = $2,000
        assertThat(api.monthly().get(0).costUsd()).isCloseTo(2000, within(1e-9));
        assertThat(api.monthly().get(12).costUsd()).isCloseTo(1000, within(1e-9));
        assertThat(api.monthly().get(24).costUsd()).isCloseTo(500, within(1e-9));
        // month 7 is half a year on: 2000 × 0.5^0.5
        assertThat(api.monthly().get(6).costUsd()).isCloseTo(2000 * Math.sqrt(0.5), within(1e-9));
    }

    @Test
    void aGpuRentTrendMovesTheRentButNotTheStaff() {
        var rented = evaluate("gpu_rent_change_annual: 0.2,").option("rented");
        // rent 2 × 730 = $1,460 a month, staff 10 × 100 = $1,000; a year on the rent is 1.2 times
        assertThat(rented.monthly().get(0).parts().rent()).isCloseTo(1460, within(1e-9));
        assertThat(rented.monthly().get(12).parts().rent()).isCloseTo(1460 * 1.2, within(1e-9));
        assertThat(rented.monthly().get(12).parts().staff()).isCloseTo(1000, within(1e-9));
    }

    @Test
    void withoutTrendsTheFiguresAreTheFlatOnesAndTheReportSaysPricesAreHeldFlat() {
        Evaluation flat = evaluate("");
        assertThat(flat.option("api").monthly().get(24).costUsd())
                .isEqualTo(flat.option("api").monthly().get(0).costUsd());
        assertThat(flat.warnings())
                .anySatisfy(w -> assertThat(w).startsWith("API prices are held flat"))
                .anySatisfy(w -> assertThat(w).startsWith("GPU rent is held flat"));
        assertThat(evaluate("api_price_change_annual: -0.1, gpu_rent_change_annual: -0.1,")
                        .warnings())
                .noneSatisfy(w -> assertThat(w).contains("held flat"));
    }
}
