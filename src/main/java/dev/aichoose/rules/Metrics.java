package dev.aichoose.rules;

import dev.aichoose.diff.Change;
import dev.aichoose.diff.Diff;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.rules.Measure.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a {@code --fail-if} rule can name. In {@code evaluate} they are the recommended
 * option's; in {@code diff} they are the change in the recommended plan, B's recommended option
 * against A's. A percentage with no base (zero before) has no value and breaches nothing.
 */
public final class Metrics {
    private Metrics() {}

    public static final List<String> EVALUATE =
            List.of("tco_usd", "monthly_cost_usd", "cost_per_query_usd", "npv_usd", "total_cash_usd", "upfront_usd");

    public static final List<String> DIFF = List.of(
            "tco_change_pct",
            "tco_change_usd",
            "monthly_cost_change_pct",
            "monthly_cost_change_usd",
            "cost_per_query_change_pct",
            "cost_per_query_change_usd",
            "npv_change_pct",
            "npv_change_usd",
            "verdict_changed",
            "option_changed");

    /** The recommended option's figures; every metric is unmeasured (an empty list) when no option is feasible. */
    public static Map<String, List<Measure>> of(Evaluation e) {
        if (e.recommended().isEmpty()) {
            Map<String, List<Measure>> none = new LinkedHashMap<>();
            EVALUATE.forEach(name -> none.put(name, List.of()));
            return none;
        }
        OptionResult o = e.recommended().get();
        String id = o.id();
        Map<String, List<Measure>> m = new LinkedHashMap<>();
        m.put("tco_usd", List.of(new Measure(o.tcoUsd(), id, Unit.USD)));
        List<Measure> months = new ArrayList<>();
        for (OptionResult.MonthlyCost c : o.monthly())
            months.add(new Measure(c.costUsd(), id + ", month " + c.month(), Unit.USD));
        m.put("monthly_cost_usd", List.copyOf(months));
        m.put("cost_per_query_usd", List.of(new Measure(o.costPerQueryUsd(), id, Unit.USD_PER_QUERY)));
        m.put("npv_usd", List.of(new Measure(o.npvUsd(), id, Unit.USD)));
        m.put("total_cash_usd", List.of(new Measure(o.totalCashUsd(), id, Unit.USD)));
        m.put("upfront_usd", List.of(new Measure(o.upfrontUsd(), id, Unit.USD)));
        return m;
    }

    /**
     * Why the evaluation's metrics cannot be measured, if they cannot: a rule over the recommended
     * option then fails the run rather than passing unchecked.
     */
    public static java.util.Optional<String> unmeasured(Evaluation e) {
        return e.recommended().isPresent()
                ? java.util.Optional.empty()
                : java.util.Optional.of("no option is feasible, so there is no recommended option to measure "
                        + "(each option's problems in the report say why)");
    }

    /**
     * Why the change in the recommended plan cannot be measured, if it cannot: with nothing feasible in B
     * there is no plan after, and a rule over the change fails the run, as it does in {@code evaluate}.
     */
    public static java.util.Optional<String> unmeasured(Diff d) {
        return d.plan().optionAfter() != null
                ? java.util.Optional.empty()
                : java.util.Optional.of("no option is feasible in B (" + d.b().label()
                        + "), so there is no recommended plan to compare (each option's problems in the diff say why)");
    }

    public static Map<String, List<Measure>> of(Diff d) {
        Diff.PlanChange p = d.plan();
        String where = p.optionChanged() ? p.optionBefore() + " → " + p.optionAfter() : String.valueOf(p.optionAfter());
        Map<String, List<Measure>> m = new LinkedHashMap<>();
        put(m, "tco", p.tco(), where, Unit.USD);
        put(m, "monthly_cost", p.monthly(), where + ", steady monthly (month 1)", Unit.USD);
        put(m, "cost_per_query", p.costPerQuery(), where, Unit.USD_PER_QUERY);
        put(m, "npv", p.npv(), where, Unit.USD);
        m.put(
                "verdict_changed",
                List.of(new Measure(
                        p.verdictChanged() ? 1 : 0, p.verdictBefore() + " → " + p.verdictAfter(), Unit.COUNT)));
        m.put("option_changed", List.of(new Measure(p.optionChanged() ? 1 : 0, where, Unit.COUNT)));
        return m;
    }

    private static void put(Map<String, List<Measure>> m, String name, Change c, String where, Unit unit) {
        m.put(name + "_change_usd", c.usd() == null ? List.of() : List.of(new Measure(c.usd(), where, unit)));
        m.put(name + "_change_pct", c.pct() == null ? List.of() : List.of(new Measure(c.pct(), where, Unit.PERCENT)));
    }
}
