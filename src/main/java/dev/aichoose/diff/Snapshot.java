package dev.aichoose.diff;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.text.Figures;
import java.util.List;

/**
 * The figures of one evaluation that a diff compares: what an evaluation JSON report holds, rounded
 * as it rounds them, so a diff reads the same whether a side was evaluated now or read back from a
 * report.
 */
public record Snapshot(
        String label,
        String scenario,
        int horizonMonths,
        String verdict,
        String recommended,
        String summary,
        List<OptionFigures> options,
        List<BreakevenMonth> breakeven) {

    public Snapshot {
        options = List.copyOf(options);
        breakeven = List.copyOf(breakeven);
    }

    /** One option's figures; an infeasible option's are not comparable, and its problems say why. */
    public record OptionFigures(
            String id,
            String kind,
            boolean feasible,
            List<String> problems,
            double tcoUsd,
            double npvUsd,
            double costPerQueryUsd,
            double steadyMonthlyUsd,
            List<Leg> routing) {
        public OptionFigures {
            problems = List.copyOf(problems);
            routing = List.copyOf(routing);
        }
    }

    /** Where a hybrid sends one class of its workload; empty for every other kind. */
    public record Leg(String workloadClass, String option) {}

    public record BreakevenMonth(String option, String baseline, Integer month) {}

    public OptionFigures option(String id) {
        return id == null
                ? null
                : options.stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }

    public static Snapshot of(String label, Evaluation e) {
        return new Snapshot(
                label,
                e.scenario().name(),
                e.scenario().horizonMonths(),
                e.recommendation().verdict().id(),
                e.recommendation().recommendedOption().orElse(null),
                e.recommendation().summary(),
                e.options().stream().map(Snapshot::figures).toList(),
                e.pairs().stream()
                        .map(p -> new BreakevenMonth(p.option(), p.baseline(), p.breakevenMonth()))
                        .toList());
    }

    private static OptionFigures figures(OptionResult o) {
        return new OptionFigures(
                o.id(),
                o.kind().id(),
                o.feasible(),
                o.problems(),
                Figures.cents(o.tcoUsd()).doubleValue(),
                Figures.cents(o.npvUsd()).doubleValue(),
                Figures.perQueryToTheCent(o.costPerQueryUsd(), o.queriesOverHorizon())
                        .doubleValue(),
                Figures.cents(o.steadyMonthlyUsd()).doubleValue(),
                o.routing().stream()
                        .map(r -> new Leg(r.workloadClass(), r.option()))
                        .toList());
    }
}
