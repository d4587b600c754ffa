package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Distribution;
import dev.aichoose.model.UncertainField;
import dev.aichoose.model.Uncertainty;
import dev.aichoose.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The uncertainty: section: what it reads, and every way it can be wrong, located. */
class UncertaintyScenarioTest {
    private static final String BASE = """
            name: t
            workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 500}
            options:
              - {id: gpt-4.1, api: {model: openai/gpt-5-mini}}
              - {id: inline, api: {model: custom, input_usd_per_mtok: 1, output_usd_per_mtok: 4}}
              - id: box
                self_hosted: {hardware: nvidia/rtx-4090, model: meta/llama-3.1-8b-instruct}
              - id: split
                hybrid: {routes: [{class: default, option: box}]}
            uncertainty:
            """;

    private static List<String> problems(String section) {
        return Fixtures.problems(BASE + section);
    }

    @Test
    void readsEachFormAndResolvesOptionIdsThatHoldDots() {
        Uncertainty u = Fixtures.scenario(BASE + """
                  workload.queries_per_month: {low: 50000, high: 150000}
                  assumptions.api_price_change_annual: {low: -0.9, mode: -0.5, high: 0}
                  options.box.self_hosted.hardware_usd: {low: 1500, mode: 1600, high: 2500, distribution: pert}
                  options.inline.api.output_usd_per_mtok: {low: 3, high: 5}
                  options.gpt-4.1.api: {low: 1, high: 2}
                """.replace("  options.gpt-4.1.api: {low: 1, high: 2}\n", ""))
                .uncertainty();
        assertThat(u.inputs())
                .extracting(Uncertainty.Input::field)
                .containsExactly(
                        UncertainField.QUERIES_PER_MONTH,
                        UncertainField.API_PRICE_CHANGE_ANNUAL,
                        UncertainField.HARDWARE_USD,
                        UncertainField.OUTPUT_USD_PER_MTOK);
        assertThat(u.inputs().get(0).distribution()).isEqualTo(new Distribution.Uniform(50000, 150000));
        assertThat(u.inputs().get(1).distribution()).isEqualTo(new Distribution.Triangular(-0.9, -0.5, 0));
        assertThat(u.inputs().get(2).distribution()).isEqualTo(new Distribution.Pert(1500, 1600, 2500));
        assertThat(u.inputs().get(2).option()).contains("box");
    }

    @Test
    void aPathThatNamesNoNumberIsLocatedWithAHint() {
        assertThat(problems("  workload.queries_per_mont: {low: 1, high: 2}\n"))
                .singleElement()
                .asString()
                .startsWith("test.yaml:11:3: uncertainty.workload.queries_per_mont: names no number")
                .contains("did you mean 'workload.queries_per_month'");
        assertThat(problems("  workload.classes: {low: 1, high: 2}\n"))
                .singleElement()
                .asString()
                .contains("names no number");
        assertThat(problems("  options.box.self_hosted.model: {low: 1, high: 2}\n"))
                .singleElement()
                .asString()
                .startsWith("test.yaml:11:3:")
                .contains("names no number");
        assertThat(problems("  options.bx.self_hosted.hardware_usd: {low: 1, high: 2}\n"))
                .singleElement()
                .asString()
                .contains("no option with id 'bx'", "did you mean 'box'");
        assertThat(problems("  options.box.rented.usd_per_gpu_hour: {low: 1, high: 2}\n"))
                .singleElement()
                .asString()
                .contains("'box' is a self_hosted option, not rented");
        assertThat(problems("  options.split.hybrid.share: {low: 0, high: 1}\n"))
                .singleElement()
                .asString()
                .contains("is a hybrid");
        assertThat(problems("  options.gpt-4.1.api.input_usd_per_mtok: {low: 0.1, high: 0.3}\n"))
                .singleElement()
                .asString()
                .contains("takes this price from the catalog", "factors.api_prices");
        assertThat(problems("  options.box.self_hosted.tokens_per_second: {low: 10, high: 30}\n"))
                .singleElement()
                .asString()
                .contains("estimated, not given", "factors.throughput");
    }

    @Test
    void aModeOutsideItsRangeAndHighBelowLowAreErrorsAtTheValue() {
        assertThat(problems("  workload.queries_per_month: {low: 50000, mode: 200000, high: 150000}\n"))
                .singleElement()
                .asString()
                .startsWith("test.yaml:11:50: uncertainty.workload.queries_per_month.mode: 200000 lies "
                        + "outside the range 50000 to 150000");
        assertThat(problems("  workload.queries_per_month: {low: 5000, high: 1000}\n"))
                .singleElement()
                .asString()
                .contains(".high: 1000 is below low (5000)");
        assertThat(problems("  workload.queries_per_month: {low: 1, high: 2, distribution: pert}\n"))
                .singleElement()
                .asString()
                .contains("a pert range needs a mode");
        assertThat(problems("  workload.queries_per_month: {low: 1, mode: 2, high: 3, distribution: uniform}\n"))
                .singleElement()
                .asString()
                .contains("a uniform range has no mode");
        assertThat(problems("  workload.queries_per_month: {low: 1, high: 3, distribution: normal}\n"))
                .singleElement()
                .asString()
                .contains("'normal' is not one of uniform | triangular | pert");
        assertThat(problems("  workload.queries_per_month: {low: 1, hi: 3}\n"))
                .anySatisfy(p -> assertThat(p).contains("unknown field 'hi'"));
    }

    @Test
    void aRangeThatCrossesTheFieldsBoundsIsAnError() {
        assertThat(problems("  workload.cached_input_share: {low: 0.5, high: 1.2}\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "test.yaml:11:49: uncertainty.workload.cached_input_share.high: must be between 0 and 1, got 1.2");
        assertThat(problems("  assumptions.api_price_change_annual: {low: -1.5, high: 0}\n"))
                .singleElement()
                .asString()
                .contains("must be between -0.999 and 1");
        assertThat(problems("  assumptions.lifetime_months: {low: 12.5, high: 60}\n"))
                .singleElement()
                .asString()
                .contains("expected a whole number");
        assertThat(problems("  factors.api_prices: {low: 0, high: 2}\n"))
                .singleElement()
                .asString()
                .contains("must be between 0.01 and 100");
    }

    @Test
    void optionPathsNeedListedOptions() {
        assertThat(Fixtures.problems("""
                name: t
                workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 500}
                uncertainty:
                  options.rtx-4090-box.self_hosted.hardware_usd: {low: 1, high: 2}
                """)).singleElement().asString().contains("lists no options");
    }

    /** The bounds an uncertainty range is checked against are the loader's own for that field. */
    @ParameterizedTest
    @EnumSource(
            value = UncertainField.Scope.class,
            names = {"WORKLOAD", "ASSUMPTIONS"})
    void theFieldBoundsAreTheScenarioFormatsBounds(UncertainField.Scope scope) {
        for (UncertainField f : UncertainField.values()) {
            if (f.scope() != scope) continue;
            String workload = "{queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 500";
            for (double v : new double[] {f.min(), f.max()}) {
                assertThat(Fixtures.problems(yaml(scope, f, workload, show(f, v))))
                        .as(f + " = " + v)
                        .isEmpty();
            }
            double step = f.whole() ? 1 : Math.max(1e-3, (f.max() - f.min()) * 1e-3);
            for (double v : new double[] {f.min() - step, f.max() + step}) {
                assertThat(Fixtures.problems(yaml(scope, f, workload, show(f, v))))
                        .as(f + " = " + v)
                        .singleElement()
                        .asString()
                        .contains("must be between");
            }
        }
    }

    private static String yaml(UncertainField.Scope scope, UncertainField f, String workload, String value) {
        String field = f.key() + ": " + value;
        if (scope == UncertainField.Scope.ASSUMPTIONS)
            return "name: t\nworkload: " + workload + "}\nassumptions: {" + field + "}\n";
        // the field under test replaces the workload's own value of it
        String others = workload.replaceAll(f.key() + ": [0-9]+,? ?", "").replaceAll(", $", "");
        return "name: t\nworkload: " + others + (others.endsWith("{") ? "" : ", ") + field + "}\n";
    }

    private static String show(UncertainField f, double v) {
        return f.whole() || (v == Math.rint(v) && Math.abs(v) < 1e15) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
