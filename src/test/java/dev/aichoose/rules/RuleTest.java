package dev.aichoose.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTest {
    @Test
    void readsMetricComparisonAndNumberWithUnderscores() {
        Rule r = Rule.parse(" tco_usd>=50_000.5 ", Metrics.EVALUATE);
        assertThat(r.metric()).isEqualTo("tco_usd");
        assertThat(r.comparison()).isEqualTo(Comparison.GE);
        assertThat(r.threshold()).isEqualTo(50_000.5);
        assertThat(r.text()).isEqualTo("tco_usd>=50_000.5");
        assertThat(Rule.parse("tco_change_pct < -5", Metrics.DIFF).threshold()).isEqualTo(-5);
    }

    @Test
    void everyComparison() {
        assertThat(Rule.parse("tco_usd > 10", Metrics.EVALUATE).breachedBy(10)).isFalse();
        assertThat(Rule.parse("tco_usd >= 10", Metrics.EVALUATE).breachedBy(10)).isTrue();
        assertThat(Rule.parse("tco_usd < 10", Metrics.EVALUATE).breachedBy(10)).isFalse();
        assertThat(Rule.parse("tco_usd <= 10", Metrics.EVALUATE).breachedBy(10)).isTrue();
        assertThat(Rule.parse("tco_usd == 10", Metrics.EVALUATE).breachedBy(10.001))
                .isTrue();
        assertThat(Rule.parse("tco_usd == 10", Metrics.EVALUATE).breachedBy(10.01))
                .isFalse();
    }

    @Test
    void unknownMetricSuggestsTheNearestOnOneLine() {
        assertThatThrownBy(() -> Rule.parse("tco_usdd > 5", Metrics.EVALUATE))
                .isInstanceOf(RuleException.class)
                .hasMessageContaining("unknown metric 'tco_usdd' (did you mean 'tco_usd'?)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> Rule.parse("tco_usd > 5", Metrics.DIFF))
                .hasMessageContaining("did you mean 'tco_change_usd'?");
    }

    @Test
    void badSyntaxIsExplained() {
        for (String bad : List.of(
                "tco_usd >> 5", "tco_usd > ", "> 5", "tco_usd > 5_", "tco_usd > _5", "tco_usd > 1e6", "tco_usd = 5")) {
            assertThatThrownBy(() -> Rule.parse(bad, Metrics.EVALUATE))
                    .as(bad)
                    .isInstanceOf(RuleException.class)
                    .hasMessageContaining("expected METRIC OP NUMBER");
        }
    }

    @Test
    void aMetricWithSeveralValuesIsBreachedByAnyAndReportsTheFirst() {
        Rule rule = Rule.parse("monthly_cost_usd > 100", Metrics.EVALUATE);
        Map<String, List<Measure>> measures = Map.of(
                "monthly_cost_usd",
                List.of(
                        new Measure(50, "x, month 1", Measure.Unit.USD),
                        new Measure(150, "x, month 2", Measure.Unit.USD),
                        new Measure(200, "x, month 3", Measure.Unit.USD)));
        List<Breach> breaches = RuleSet.check(List.of(rule), measures);
        assertThat(breaches)
                .singleElement()
                .satisfies(b -> assertThat(b.measure().where()).isEqualTo("x, month 2"));
        assertThat(RuleSet.check(List.of(Rule.parse("monthly_cost_usd > 500", Metrics.EVALUATE)), measures))
                .isEmpty();
    }
}
