package dev.aichoose.diff;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import java.util.List;

/**
 * The figures of one evaluation that a diff compares: what an evaluation JSON report holds, so a
 * diff reads the same whether a side was evaluated now or read back from a report.
 */
public record Snapshot(
        String label,
        String scenario,
        int horizonMonths,
        String verdict,
        String recommended,
        List<OptionFigures> options,
        List<BreakevenMonth> breakeven) {

    public Snapshot {
        options = List.copyOf(options);
        breakeven = List.copyOf(breakeven);
    }

    public record OptionFigures(
            String id,
            String kind,
            boolean feasible,
            double tcoUsd,
            double npvUsd,
            double totalCashUsd,
            double costPerQueryUsd,
            List<Double> monthlyCostUsd) {
        public OptionFigures {
            monthlyCostUsd = List.copyOf(monthlyCostUsd);
        }

        /** The average month's cash, so horizons of different lengths compare. */
        public double averageMonthlyUsd() {
            return monthlyCostUsd.isEmpty() ? 0 : totalCashUsd / monthlyCostUsd.size();
        }
    }

    public record BreakevenMonth(String option, String baseline, Integer month) {}

    public OptionFigures option(String id) {
        return options.stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }

    public static Snapshot of(String label, Evaluation e) {
        return new Snapshot(label, e.scenario().name(), e.scenario().horizonMonths(), e.recommendation().verdict().id(),
                e.recommendation().recommendedOption().orElse(null),
                e.options().stream().map(Snapshot::figures).toList(),
                e.breakeven().stream().map(b -> new BreakevenMonth(b.option(), b.baseline(), b.month())).toList());
    }

    private static OptionFigures figures(OptionResult o) {
        return new OptionFigures(o.id(), o.kind().id(), o.feasible(), o.tcoUsd(), o.npvUsd(), o.totalCashUsd(),
                o.costPerQueryUsd(), o.monthly().stream().map(OptionResult.MonthlyCost::costUsd).toList());
    }
}
