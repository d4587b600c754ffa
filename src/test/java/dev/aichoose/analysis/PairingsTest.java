package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Breakeven and crossover pair each feasible non-API option with the cheapest feasible APIs only. */
public class PairingsTest {
    /** A box and APIs at $1 to $7 per million output tokens, in a shuffled order. */
    public static Evaluation evaluate(int apis) {
        StringBuilder yaml = new StringBuilder("""
                name: t
                horizon_months: 12
                workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                options:
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, hardware_usd: 1600, model: meta/llama-3.1-8b-instruct,
                                  tokens_per_second: 120}
                """);
        int[] prices = {4, 7, 1, 6, 3, 5, 2};
        for (int i = 0; i < apis; i++) {
            yaml.append("  - {id: api-")
                    .append(prices[i])
                    .append(", api: {model: m")
                    .append(i)
                    .append(", input_usd_per_mtok: 0, output_usd_per_mtok: ")
                    .append(prices[i])
                    .append("}}\n");
        }
        return Fixtures.evaluate(yaml.toString());
    }

    @Test
    void aBoxIsPairedWithTheFiveCheapestApisInTheScenariosOrder() {
        Evaluation e = evaluate(7);
        assertThat(e.pairs())
                .extracting(Evaluation.Pair::baseline)
                .containsExactly("api-4", "api-1", "api-3", "api-5", "api-2");
        assertThat(e.pairs()).extracting(Evaluation.Pair::option).containsOnly("box");
        assertThat(e.ranking().baseline()).contains("api-1");
    }

    @Test
    void withFiveApisOrFewerEveryOneIsPaired() {
        Evaluation e = evaluate(5);
        assertThat(e.pairs())
                .extracting(Evaluation.Pair::baseline)
                .containsExactly("api-4", "api-7", "api-1", "api-6", "api-3");
    }
}
