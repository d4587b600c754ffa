package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option.Route;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code hybrid: {routes: auto}}: fixed costs once, capacity at the load each option carries,
 * constraints and quality per class. The api costs $0.0025 a query (500 in at $1, 500 out at $4);
 * the box $2,000 + $30 a month.
 */
class AutoRoutingTest {
    private static Evaluation evaluate(String classes, String boxSpeed, String extraOptions) {
        return Fixtures.evaluate("""
                name: t
                horizon_months: 24
                workload:
                  queries_per_month: 5000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 500
                  classes: %s
                assumptions: {maintenance_share_annual: 0}
                options:
                  - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
                  - id: box
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, hardware_usd: 2000, electricity_usd_per_month: 30,
                                  model: meta/llama-3.1-8b-instruct, tokens_per_second: %s}
                  - {id: auto, hybrid: {routes: auto}}
                """.formatted(classes, boxSpeed) + extraOptions);
    }

    @Test
    void aBoxThatIsPaidForCarriesEveryClassItCan() {
        // the sensitive class needs the box; once it is bought, the rest costs nothing more on it
        Evaluation e = evaluate("[{name: clients, share: 0.3, sensitive: true}]", "2000", "");
        OptionResult auto = e.option("auto");
        assertThat(auto.routing()).containsExactly(new Route("clients", "box"), new Route("default", "box"));
        assertThat(auto.tcoUsd()).isCloseTo(e.option("box").tcoUsd(), within(1e-9));
        assertThat(auto.description()).isEqualTo("auto: clients → box, default → box");
        assertThat(e.recommendation().constraints())
                .contains(
                        "auto (routes: auto) chose every class → box: $1,520, the same as the best single option, box");
    }

    @Test
    void whatTheBoxCannotCarryGoesToTheApi() {
        // all the traffic needs 2.85 tok/s at peak; the box's 2 tok/s at the planning utilisation of 90 % carry
        // 63 % of it: the sensitive 30 % and the 20 % default, while the 50 % bulk class would take it to 80 %
        Evaluation e = evaluate("[{name: clients, share: 0.3, sensitive: true}, {name: bulk, share: 0.5}]", "2", "");
        OptionResult auto = e.option("auto");
        assertThat(auto.feasible()).isTrue();
        assertThat(auto.routing())
                .containsExactly(new Route("clients", "box"), new Route("bulk", "api"), new Route("default", "box"));
        assertThat(auto.tcoUsd()).isCloseTo(e.option("box").tcoUsd() + 0.5 * 5000 * 0.0025 * 24, within(1e-6));
        assertThat(auto.capacity().requiredTokensPerSecond())
                .isCloseTo(0.5 * 5000 * 500 / (730 * 3600.0) * 3, within(1e-9));
    }

    @Test
    void aSizedLegIsPricedForItsOwnTrafficNotForAllOfIt() {
        // all the traffic needs 2.85 tok/s at peak: two boxes of 2 tok/s at 90 %; the sensitive half needs one.
        // One box costs $2,000 + 24 × $30 − $1,200 salvage (48-month life, 20 % residual) = $1,520; two, $3,040.
        // Half the traffic on the api costs 0.5 × 5,000 × $0.0025 × 24 = $150, far less than a second box.
        Evaluation e = Fixtures.evaluate("""
                name: t
                horizon_months: 24
                workload:
                  queries_per_month: 5000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 500
                  classes: [{name: clients, share: 0.5, sensitive: true}]
                assumptions: {maintenance_share_annual: 0}
                options:
                  - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
                  - id: boxes
                    self_hosted: {hardware: nvidia/rtx-4090, host: none, hardware_usd: 2000, electricity_usd_per_month: 30,
                                  model: meta/llama-3.1-8b-instruct, tokens_per_second: 2, count: auto}
                  - {id: auto, hybrid: {routes: auto}}
                """);
        assertThat(e.option("boxes").capacity().fleet().orElseThrow().peakUnits())
                .isEqualTo(2);
        assertThat(e.option("boxes").tcoUsd()).isCloseTo(3040, within(1e-6));
        OptionResult auto = e.option("auto");
        assertThat(auto.feasible()).isTrue();
        assertThat(auto.routing()).containsExactly(new Route("clients", "boxes"), new Route("default", "api"));
        assertThat(auto.tcoUsd()).isCloseTo(1520 + 150, within(1e-6));
    }

    @Test
    void theCheaperOfTwoApisTakesTheRestAndAFrontierClassTakesTheFrontierModel() {
        Evaluation e = evaluate("[{name: research, share: 0.2, quality: frontier}]", "0.01", """
                  - {id: frontier, api: {model: openai/gpt-5.6}}
                """);
        OptionResult auto = e.option("auto");
        assertThat(auto.routing()).containsExactly(new Route("research", "frontier"), new Route("default", "api"));
        assertThat(auto.tcoUsd())
                .isCloseTo(
                        0.2 * e.option("frontier").tcoUsd()
                                + 0.8 * e.option("api").tcoUsd(),
                        within(1e-6));
    }

    @Test
    void withNoFeasibleRoutingTheOneBreakingFewestRulesIsShownWithItsProblems() {
        // the box is far too slow for anything, and the class may not go to an API
        Evaluation e = evaluate("[{name: clients, share: 1.0, sensitive: true}]", "0.01", "");
        OptionResult auto = e.option("auto");
        assertThat(auto.feasible()).isFalse();
        assertThat(auto.routing()).hasSize(1);
        assertThat(auto.problems()).isNotEmpty();
        assertThat(e.recommendation().recommendedOption()).isEmpty();
    }

    @Test
    void anAutoHybridNeedsSomethingToRouteTo() {
        assertThat(Fixtures.problems("""
                name: t
                workload: {queries_per_month: 10, input_tokens_per_query: 1, output_tokens_per_query: 1}
                options:
                  - {id: auto, hybrid: {routes: auto}}
                """))
                .containsExactly("test.yaml:4:33: options[auto].hybrid.routes: 'auto' needs at least one api, "
                        + "self_hosted or rented option to route to");
    }

    @Test
    void routesIsAListOrAuto() {
        assertThat(Fixtures.problems("""
                name: t
                workload: {queries_per_month: 10, input_tokens_per_query: 1, output_tokens_per_query: 1}
                options:
                  - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
                  - {id: h, hybrid: {routes: cheapest}}
                """))
                .singleElement()
                .asString()
                .contains("options[h].hybrid.routes: expected a list of {class, option} " + "or 'auto', got");
    }

    @Test
    void autoRoutingStaysWithinItsClassLimit() {
        StringBuilder classes = new StringBuilder("[");
        for (int i = 0; i < 12; i++)
            classes.append(i == 0 ? "" : ", ").append("{name: c").append(i).append(", share: 0.05}");
        classes.append("]");
        assertThat(Fixtures.problems("""
                name: t
                workload: {queries_per_month: 10, input_tokens_per_query: 1, output_tokens_per_query: 1, classes: %s}
                options:
                  - {id: api, api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
                  - {id: h, hybrid: {routes: auto}}
                """.formatted(classes)))
                .singleElement()
                .asString()
                .contains("'auto' routes at most 12 classes with traffic (default included); this workload has 13");
    }
}
