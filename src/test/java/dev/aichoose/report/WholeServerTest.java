package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The whole server and its running costs (issue 19, item 3; docs/methodology.md §4.1): cards bought
 * with the hosts they go into, power of the whole system at a load factor times PUE, colocation by
 * the kW, recurring lines each its own. Hand figures from pricing/gpus.yaml (nvidia/h100-sxm $25,000,
 * 700 W) and pricing/hosts.yaml (host/hgx-hopper-8gpu $85,000, 4,600 W, 8 slots).
 */
class WholeServerTest {
    private static final String YAML = """
            name: servers
            horizon_months: 24
            workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 300}
            assumptions: {electricity_usd_per_kwh: 0.10, pue: 1.3, power_load_factor: 0.8,
                          colocation_usd_per_kw_month: 150, maintenance_share_annual: 0.05,
                          ops_hours_per_month: 0, lifetime_months: 48, residual_share: 0.2}
            options:
              - id: cards
                self_hosted:
                  hardware: nvidia/h100-sxm
                  count: 9
                  model: meta/llama-3.1-8b-instruct
                  tokens_per_second: 1000
                  recurring:
                    - {name: licences, usd_per_month: 400}
                    - {name: support contract, usd_per_month: 1200}
              - id: server
                self_hosted: {hardware: nvidia/hgx-h100-8x-server, count: 1, model: meta/llama-3.1-8b-instruct,
                              tokens_per_second: 1000}
              - id: rented
                rented:
                  offer: runpod/h100-sxm
                  count: 1
                  model: meta/llama-3.1-8b-instruct
                  tokens_per_second: 1000
                  recurring: [{name: storage, usd_per_month: 35}, {name: egress, usd_per_month: 90}]
            """;

    @Test
    void nineCardsAreBoughtWithTwoHostsAndPoweredAsAWhole() {
        OptionResult cards = Fixtures.evaluate(YAML).option("cards");
        Costing.Owned o = (Costing.Owned) cards.costing();
        assertThat(o.hosts()).isEqualTo(2);
        // 9 × 25,000 + 2 × 85,000
        assertThat(o.upfrontUsd()).isEqualTo(395_000);
        // (9 × 700 + 2 × 4,600) W = 15.5 kW × 0.8 × 730 h × 1.3 × $0.10
        assertThat(o.electricityUsdPerMonth()).isCloseTo(15.5 * 0.8 * 730 * 1.3 * 0.10, within(1e-9));
        assertThat(o.electricityUsdPerMonth()).isCloseTo(1176.76, within(0.005));
        // 15.5 kW × $150
        assertThat(o.colocationUsdPerMonth()).isCloseTo(2325, within(1e-9));
        // 395,000 × 5 % / 12
        assertThat(o.maintenanceUsdPerMonth()).isCloseTo(1645.83, within(0.005));
        OptionResult.CostParts m1 = cards.monthly().getFirst().parts();
        assertThat(m1.hardware()).isEqualTo(395_000);
        assertThat(m1.recurring()).isEqualTo(1600);
        assertThat(m1.colocation()).isCloseTo(2325, within(1e-9));
        OptionResult.CostParts m2 = cards.monthly().get(1).parts();
        assertThat(m2.total()).isCloseTo(1176.76 + 1645.83 + 2325 + 1600, within(0.01));
        // TCO = cash − salvage: 24 of 48 months gone, 395,000 − 395,000 × 0.8 × 24/48 = 237,000 left
        double cash =
                cards.monthly().stream().mapToDouble(m -> m.parts().total()).sum();
        assertThat(cards.tcoUsd()).isCloseTo(cash - 237_000, within(0.01));
    }

    @Test
    void aWholeServerDrawsItsHostsPowerToo() {
        Costing.Owned o =
                (Costing.Owned) Fixtures.evaluate(YAML).option("server").costing();
        // DGX H100: 8 × 700 W + 4,600 W = 10.2 kW, NVIDIA's stated maximum; its host is in its $285,000
        assertThat(o.unitPowerW()).isEqualTo(10_200);
        assertThat(o.hosts()).isZero();
        assertThat(o.upfrontUsd()).isEqualTo(285_000);
        assertThat(o.colocationUsdPerMonth()).isCloseTo(10.2 * 150, within(1e-9));
    }

    @Test
    void recurringLinesAreReportedLineByLine() throws IOException {
        Evaluation e = Fixtures.evaluate(YAML);
        java.io.StringWriter out = new java.io.StringWriter();
        new JsonReport().render(e, out);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        JsonNode cards = null;
        JsonNode rented = null;
        for (JsonNode o : json.get("options")) {
            if (o.get("id").asText().equals("cards")) cards = o;
            if (o.get("id").asText().equals("rented")) rented = o;
        }
        assertThat(cards.at("/costing/recurring/0/name").asText()).isEqualTo("licences");
        assertThat(cards.at("/costing/recurring/0/usd_per_month").asDouble()).isEqualTo(400);
        assertThat(cards.at("/costing/recurring/1/name").asText()).isEqualTo("support contract");
        assertThat(cards.at("/costing/recurring_usd_per_month").asDouble()).isEqualTo(1600);
        assertThat(cards.at("/costing/hosts").asInt()).isEqualTo(2);
        assertThat(cards.at("/costing/colocation_usd_per_month").asDouble()).isEqualTo(2325);
        assertThat(cards.at("/monthly/1/parts/recurring_usd").asDouble()).isEqualTo(1600);
        assertThat(cards.at("/monthly/1/parts/colocation_usd").asDouble()).isEqualTo(2325);
        assertThat(rented.at("/costing/recurring/1/name").asText()).isEqualTo("egress");
        // 730 × the H100's hourly price, plus $35 storage and $90 egress
        double rent = e.option("rented").monthly().getFirst().parts().rent();
        assertThat(rented.at("/monthly/0/cost_usd").asDouble()).isCloseTo(rent + 125, within(0.006));
    }

    @Test
    void theWorkbookRebuildsHostsPowerColocationAndRecurringLines() throws IOException {
        Evaluation e = Fixtures.evaluate(YAML);
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            XlsxReportTest.assertAgrees(wb, e);
        }
        Evaluation dearer =
                Fixtures.evaluate(YAML.replace("colocation_usd_per_kw_month: 150", "colocation_usd_per_kw_month: 220"));
        XlsxReportTest.assertEditMatchesEngine(e, "colocation_usd_per_kw_month", 220, dearer);
    }
}
