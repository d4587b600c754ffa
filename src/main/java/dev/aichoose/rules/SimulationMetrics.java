package dev.aichoose.rules;

import dev.aichoose.model.Simulation;
import dev.aichoose.rules.Measure.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --fail-if} metrics that {@code evaluate --simulate} adds, all about the recommended
 * option: {@code p_cheapest < 0.8} fails a run in which it is the cheapest feasible option in fewer
 * than 80 % of the draws. With nothing recommended they have no value and breach nothing; the
 * command says so.
 */
public final class SimulationMetrics {
    private SimulationMetrics() {}

    public static final List<String> NAMES =
            List.of("p_cheapest", "recommendation_holds_share", "expected_regret_usd", "tco_p95_usd");

    /** Every metric {@code evaluate} accepts: the deterministic ones and these. */
    public static List<String> withEvaluate() {
        List<String> all = new ArrayList<>(Metrics.EVALUATE);
        all.addAll(NAMES);
        return List.copyOf(all);
    }

    public static boolean names(Rule rule) {
        return NAMES.contains(rule.metric());
    }

    public static Map<String, List<Measure>> of(Simulation s) {
        Map<String, List<Measure>> m = new LinkedHashMap<>();
        String id = s.recommended().orElse(null);
        var spread = s.options().stream().filter(o -> o.id().equals(id)).findFirst();
        String where = id + ", over " + s.draws() + " draws";
        m.put(
                "p_cheapest",
                spread.map(o -> List.of(new Measure(o.pCheapest(), where, Unit.SHARE)))
                        .orElse(List.of()));
        m.put(
                "tco_p95_usd",
                spread.map(o -> List.of(new Measure(o.p95Usd(), where, Unit.USD)))
                        .orElse(List.of()));
        m.put(
                "recommendation_holds_share",
                s.recommendationHoldsShare()
                        .map(v -> List.of(new Measure(v, where, Unit.SHARE)))
                        .orElse(List.of()));
        m.put(
                "expected_regret_usd",
                s.expectedRegretUsd()
                        .map(v -> List.of(new Measure(v, where, Unit.USD)))
                        .orElse(List.of()));
        return m;
    }
}
