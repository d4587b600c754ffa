package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code count: auto} through the whole engine, on loads worked out by hand. 52,560 queries of
 * 1,000 generated tokens at a peak factor of 3 need 60 tok/s; a replica gives 100 tok/s and may
 * run at 90 at peak (the default planning utilisation).
 */
class FleetEngineTest {
    private static final double CENT = 0.005;

    private static String scenario(double growth, String option) {
        return """
                name: t
                horizon_months: 4
                workload: {queries_per_month: 52560, input_tokens_per_query: 0, output_tokens_per_query: 1000,
                           peak_to_average: 3, monthly_growth: %s}
                assumptions: {maintenance_share_annual: 0, ops_hours_per_month: 0}
                options:
                  - id: x
                """.formatted(growth) + option.indent(4);
    }

    private static final String OWNED = """
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, count: %s, hardware_usd: 1000, lifetime_months: 2,
                                  residual_share: 0.5, electricity_usd_per_month: 10, model: meta/llama-3.1-8b-instruct,
                                  tokens_per_second: 100}""";

    private static final String RENTED = """
                    rented: {offer: runpod/h100-sxm, count: %s, usd_per_gpu_hour: 2, model: meta/llama-3.1-8b-instruct,
                             tokens_per_second: 100}""";

    private static OptionResult only(double growth, String option) {
        return Fixtures.evaluate(scenario(growth, option)).options().getFirst();
    }

    private static Fleet fleet(OptionResult r) {
        return r.capacity().fleet().orElseThrow();
    }

    @Test
    void aGrowingLoadBuysUnitsAsItNeedsThemAndReplacesEachPurchaseAtItsEndOfLife() {
        // 60, 90, 135, 202.5 tok/s → 1, 1, 2, 3 units; the month-1 unit retires in month 3 (life 2)
        OptionResult owned = only(0.5, OWNED.formatted("auto"));
        Fleet f = fleet(owned);
        assertThat(f.auto()).isTrue();
        assertThat(f.months()).extracting(Fleet.Month::units).containsExactly(1, 1, 2, 3);
        assertThat(f.months()).extracting(Fleet.Month::purchased).containsExactly(1, 0, 2, 1);
        assertThat(f.months()).extracting(Fleet.Month::retired).containsExactly(0, 0, 1, 0);
        // cash: 1000 + 10 | 10 | 2000 − 500 + 20 | 1000 + 30 (a flat electricity figure is per unit under auto)
        assertThat(owned.monthly())
                .extracting(OptionResult.MonthlyCost::costUsd)
                .containsExactly(1010.0, 10.0, 1520.0, 1030.0);
        assertThat(owned.upfrontUsd()).isEqualTo(1000);
        // the month-3 purchase is at its end of life (its residual, 1,000), the month-4 one half-way (750)
        assertThat(owned.salvageUsd()).isCloseTo(1750, within(CENT));
        assertThat(owned.tcoUsd()).isCloseTo(3570 - 1750, within(CENT));
        assertThat(owned.feasible()).isTrue();
        // month 2 runs its one replica at 90 of 100 tok/s
        assertThat(f.peakUtilisation().getAsDouble()).isCloseTo(0.9, within(1e-9));
        assertThat(owned.capacity().availableTokensPerSecond()).isEqualTo(300);
        assertThat(owned.capacity().detail()).contains("sized by aichoose: 3 units by month 4");
    }

    @Test
    void rentedInstancesFollowAGrowingAndAShrinkingLoad() {
        // one H100 instance at $2 × 730 h = $1,460 a month
        OptionResult growing = only(0.5, RENTED.formatted("auto"));
        assertThat(growing.monthly())
                .extracting(OptionResult.MonthlyCost::costUsd)
                .containsExactly(1460.0, 1460.0, 2920.0, 4380.0);
        // 202.5, 101.25, 50.6, 25.3 tok/s → 3, 2, 1, 1 instances
        OptionResult shrinking = Fixtures.evaluate(scenario(-0.5, RENTED.formatted("auto"))
                        .replace("queries_per_month: 52560", "queries_per_month: 177390"))
                .options()
                .getFirst();
        assertThat(fleet(shrinking).months()).extracting(Fleet.Month::units).containsExactly(3, 2, 1, 1);
        assertThat(shrinking.tcoUsd()).isCloseTo(7 * 1460, within(CENT));
        assertThat(shrinking.salvageUsd()).isZero();
    }

    @Test
    void aFlatLoadIsOneFleetAllAlong() {
        OptionResult owned = only(0, OWNED.formatted("auto"));
        assertThat(fleet(owned).months()).extracting(Fleet.Month::units).containsOnly(1);
        assertThat(fleet(owned).purchases()).extracting(Fleet.Purchase::month).containsExactly(1, 3);
        assertThat(fleet(owned).peakUtilisation().getAsDouble()).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void aStatedCountStaysStatedAndTheProblemPricesTheSizedFleet() {
        OptionResult stated = only(0.5, OWNED.formatted("1"));
        assertThat(fleet(stated).auto()).isFalse();
        assertThat(fleet(stated).months()).extracting(Fleet.Month::units).containsOnly(1);
        assertThat(stated.feasible()).isFalse();
        assertThat(stated.problems())
                .singleElement()
                .asString()
                .startsWith("the load outgrows the hardware in month 3: it needs 135.0 tok/s")
                .endsWith("; with count: auto aichoose would grow it to 3 units by month 4 for a TCO of $1,820");
    }

    @Test
    void aReplicaThatSpansSeveralCardsIsBoughtWhole() {
        // Llama 3.1 70B at bf16 needs 8 RTX 4090s a replica (141.2 GB of weights; 23.2 GB usable each, 90 % of 24 GiB)
        OptionResult box = Fixtures.evaluate("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                options:
                  - {id: one, self_hosted: {hardware: nvidia/rtx-4090, host: none, model: meta/llama-3.1-70b-instruct, quantization: bf16}}
                  - id: auto
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, count: auto, model: meta/llama-3.1-70b-instruct,
                                  quantization: bf16}
                """).option("one");
        assertThat(box.feasible()).isFalse();
        assertThat(box.problems())
                .singleElement()
                .asString()
                .startsWith("meta/llama-3.1-70b-instruct at bf16 needs a replica of 8 GPUs to fit in memory")
                .contains("but the option has only 1; with count: auto aichoose would grow it to 8 units by month 1");
        OptionResult auto = Fixtures.evaluate("""
                name: t
                horizon_months: 1
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                options:
                  - id: auto
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, count: auto, model: meta/llama-3.1-70b-instruct,
                                  quantization: bf16}
                """).options().getFirst();
        assertThat(auto.feasible()).isTrue();
        assertThat(fleet(auto).peakUnits()).isEqualTo(8);
        assertThat(auto.capacity().detail()).contains("on 8 GPUs (tensor parallel, vllm)");
    }
}
