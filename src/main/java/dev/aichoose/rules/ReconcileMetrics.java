package dev.aichoose.rules;

import dev.aichoose.model.Reconciliation;
import dev.aichoose.model.Reconciliation.Row;
import dev.aichoose.rules.Measure.Unit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --fail-if} metrics of {@code aichoose reconcile}: {@code reconcile.delta_share > 0.10}
 * fails a run in which any option's month was billed more than 10 % above its forecast. A figure
 * with no value (a share of nothing predicted, an error with nothing billed) breaches nothing.
 */
public final class ReconcileMetrics {
    private ReconcileMetrics() {}

    public static final List<String> NAMES = List.of(
            "reconcile.delta_share",
            "reconcile.delta_usd",
            "reconcile.bias_share",
            "reconcile.mape",
            "reconcile.unmapped_usd");

    public static Map<String, List<Measure>> of(Reconciliation r) {
        Map<String, List<Measure>> m = new LinkedHashMap<>();
        m.put(
                "reconcile.delta_share",
                r.months().stream()
                        .filter(row -> row.deltaShare().isPresent())
                        .map(row -> new Measure(row.deltaShare().get(), where(row), Unit.SHARE))
                        .toList());
        m.put(
                "reconcile.delta_usd",
                r.months().stream()
                        .map(row -> new Measure(row.cents().delta().doubleValue(), where(row), Unit.USD))
                        .toList());
        String all = "every option, " + r.summary().rows() + " months";
        m.put(
                "reconcile.bias_share",
                r.summary()
                        .biasShare()
                        .map(b -> List.of(new Measure(b, all, Unit.SHARE)))
                        .orElse(List.of()));
        m.put(
                "reconcile.mape",
                r.summary()
                        .mape()
                        .map(e -> List.of(new Measure(e, all, Unit.SHARE)))
                        .orElse(List.of()));
        m.put(
                "reconcile.unmapped_usd",
                List.of(new Measure(
                        r.unmapped().stream()
                                .mapToDouble(Reconciliation.Unmapped::usd)
                                .sum(),
                        r.unmapped().size() + " lines no option took",
                        Unit.USD)));
        return m;
    }

    private static String where(Row row) {
        return row.option() + ", " + row.calendarMonth() + " (month " + row.month() + ")";
    }
}
