package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Fleet;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The JSON {@code costing} of an owned fleet aichoose sized describes the fleet bought in month 1, not
 * one unit: its count, hardware and upfront are the option's own (an auto fleet of two boxes once said
 * {@code count: 1, upfront_usd: 2999} beside the option's $4,598).
 */
class AutoFleetCostingTest {
    @Test
    void anAutoFleetsCostingIsTheFleetBoughtInMonthOne() throws IOException {
        Evaluation e = XlsxFleetTest.evaluate(3_000_000, 150);
        Fleet fleet = e.option("owned").capacity().fleet().orElseThrow();
        int units = fleet.month(1).units();
        assertThat(units).as("units in month 1").isGreaterThan(1);

        JsonNode owned = option(e, "owned");
        JsonNode costing = owned.path("costing");
        assertThat(costing.path("count").asInt()).isEqualTo(units);
        assertThat(costing.path("upfront_usd").decimalValue())
                .isEqualByComparingTo(owned.path("upfront_usd").decimalValue());
        // 1,800 a card, each card in its catalog host (an RTX 4090 in a $1,400 desktop), and 900 once
        assertThat(costing.path("hosts").asInt()).isEqualTo(units);
        assertThat(costing.path("host_price_usd").asDouble()).isEqualTo(1400);
        assertThat(costing.path("hardware_usd").asDouble()).isEqualTo(units * (1800.0 + 1400));
        assertThat(costing.path("upfront_usd").asDouble()).isEqualTo(units * (1800.0 + 1400) + 900);
    }

    @Test
    void aStatedCountKeepsItsOwnCosting() throws IOException {
        Evaluation e = Fixtures.evaluate("""
                name: stated
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 400, output_tokens_per_query: 600}
                options:
                  - id: owned
                    self_hosted: {hardware: nvidia/rtx-4090, count: 3, hardware_usd: 1800, extra_upfront_usd: 900,
                                  model: meta/llama-3.1-8b-instruct, tokens_per_second: 150}
                """);
        JsonNode costing = option(e, "owned").path("costing");
        assertThat(costing.path("count").asInt()).isEqualTo(3);
        assertThat(costing.path("upfront_usd").asDouble()).isEqualTo(3 * (1800.0 + 1400) + 900);
    }

    private static JsonNode option(Evaluation e, String id) throws IOException {
        JsonNode json = new ObjectMapper().readTree(CrossFormatTest.text(new JsonReport(), e));
        for (JsonNode o : json.path("options")) if (o.path("id").asText().equals(id)) return o;
        throw new AssertionError("no option " + id);
    }
}
