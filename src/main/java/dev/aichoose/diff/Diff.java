package dev.aichoose.diff;

import dev.aichoose.diff.Snapshot.BreakevenMonth;
import dev.aichoose.diff.Snapshot.OptionFigures;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * What changed between two evaluations A (before) and B (after): each option's TCO, average
 * monthly cost, cost per query and NPV, each breakeven month, the verdict, and the recommended
 * plan's figures (B's recommended option against A's), which budget rules look at.
 */
public record Diff(
        Snapshot a, Snapshot b, List<OptionChange> options, List<BreakevenChange> breakeven, PlanChange plan) {

    public Diff {
        options = List.copyOf(options);
        breakeven = List.copyOf(breakeven);
    }

    public record OptionChange(String id, Change tco, Change monthly, Change costPerQuery, Change npv) {}

    public record BreakevenChange(String option, String baseline, Integer before, Integer after, boolean inBefore,
            boolean inAfter) {
        public boolean changed() {
            return inBefore != inAfter || !Objects.equals(before, after);
        }
    }

    /** The recommendation: from A's option and verdict to B's. */
    public record PlanChange(String optionBefore, String optionAfter, String verdictBefore, String verdictAfter,
            Change tco, Change monthly, Change costPerQuery, Change npv) {
        public boolean verdictChanged() {
            return !verdictBefore.equals(verdictAfter);
        }

        public boolean optionChanged() {
            return !Objects.equals(optionBefore, optionAfter);
        }
    }

    public static Diff between(Snapshot a, Snapshot b) {
        Set<String> ids = new LinkedHashSet<>();
        b.options().forEach(o -> ids.add(o.id()));
        a.options().forEach(o -> ids.add(o.id()));
        List<OptionChange> options = new ArrayList<>();
        for (String id : ids) {
            OptionFigures before = a.option(id);
            OptionFigures after = b.option(id);
            options.add(new OptionChange(id, change(before, after, OptionFigures::tcoUsd),
                    change(before, after, OptionFigures::averageMonthlyUsd),
                    change(before, after, OptionFigures::costPerQueryUsd), change(before, after, OptionFigures::npvUsd)));
        }
        List<BreakevenChange> breakeven = new ArrayList<>();
        Set<String> pairs = new LinkedHashSet<>();
        b.breakeven().forEach(x -> pairs.add(x.option() + "\u0000" + x.baseline()));
        a.breakeven().forEach(x -> pairs.add(x.option() + "\u0000" + x.baseline()));
        for (String pair : pairs) {
            String[] p = pair.split("\u0000", 2);
            BreakevenMonth before = find(a, p[0], p[1]);
            BreakevenMonth after = find(b, p[0], p[1]);
            breakeven.add(new BreakevenChange(p[0], p[1], before == null ? null : before.month(),
                    after == null ? null : after.month(), before != null, after != null));
        }
        OptionFigures planBefore = a.option(a.recommended());
        OptionFigures planAfter = b.option(b.recommended());
        PlanChange plan = new PlanChange(a.recommended(), b.recommended(), a.verdict(), b.verdict(),
                change(planBefore, planAfter, OptionFigures::tcoUsd),
                change(planBefore, planAfter, OptionFigures::averageMonthlyUsd),
                change(planBefore, planAfter, OptionFigures::costPerQueryUsd),
                change(planBefore, planAfter, OptionFigures::npvUsd));
        return new Diff(a, b, options, breakeven, plan);
    }

    private static Change change(OptionFigures before, OptionFigures after, ToDoubleFunction<OptionFigures> figure) {
        return new Change(before == null ? null : figure.applyAsDouble(before),
                after == null ? null : figure.applyAsDouble(after));
    }

    private static BreakevenMonth find(Snapshot s, String option, String baseline) {
        return s.breakeven().stream().filter(x -> x.option().equals(option) && x.baseline().equals(baseline))
                .findFirst().orElse(null);
    }
}
