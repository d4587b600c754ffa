package dev.aichoose.diff;

import dev.aichoose.diff.Snapshot.BreakevenMonth;
import dev.aichoose.diff.Snapshot.OptionFigures;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * What changed between two evaluations A (before) and B (after): each option's feasibility (with
 * its reasons), TCO, steady monthly cost (month 1), cost per query and NPV, each breakeven month,
 * the verdict and why it changed, and the recommended plan's figures (B's recommended option
 * against A's), which budget rules look at. A figure of an infeasible option is not comparable, so
 * its change is absent rather than a misleading "0.0 %".
 */
public record Diff(
        Snapshot a, Snapshot b, List<OptionChange> options, List<BreakevenChange> breakeven, PlanChange plan) {

    public Diff {
        options = List.copyOf(options);
        breakeven = List.copyOf(breakeven);
    }

    /**
     * One option on both sides. {@code feasibleBefore}/{@code After} are null where the side lacks the
     * option; the figures' changes are null unless the option is feasible on both sides.
     */
    public record OptionChange(
            String id,
            Boolean feasibleBefore,
            Boolean feasibleAfter,
            List<String> problemsBefore,
            List<String> problemsAfter,
            Change tco,
            Change monthly,
            Change costPerQuery,
            Change npv) {
        public OptionChange {
            problemsBefore = List.copyOf(problemsBefore);
            problemsAfter = List.copyOf(problemsAfter);
        }

        public boolean feasibilityChanged() {
            return !Objects.equals(feasibleBefore, feasibleAfter);
        }
    }

    public record BreakevenChange(
            String option, String baseline, Integer before, Integer after, boolean inBefore, boolean inAfter) {
        public boolean changed() {
            return inBefore != inAfter || !Objects.equals(before, after);
        }
    }

    /** The recommendation: from A's option and verdict to B's, and in a sentence why it changed. */
    public record PlanChange(
            String optionBefore,
            String optionAfter,
            String verdictBefore,
            String verdictAfter,
            Change tco,
            Change monthly,
            Change costPerQuery,
            Change npv,
            String reason) {
        /**
         * Whether the verdict changed; a side with nothing feasible recommends nothing, whatever kind its
         * questions lean to, so going from a recommendation to none (or back) is a change.
         */
        public boolean verdictChanged() {
            return !verdictBefore.equals(verdictAfter) || (optionBefore == null) != (optionAfter == null);
        }

        public boolean optionChanged() {
            return !Objects.equals(optionBefore, optionAfter);
        }
    }

    public static Diff between(Snapshot a, Snapshot b) {
        Set<String> ids = new LinkedHashSet<>();
        b.options().forEach(o -> ids.add(o.id()));
        a.options().forEach(o -> ids.add(o.id()));
        // looked up by id and by pair, once each: a walk per option and per pair was quadratic (10,000
        // options and their 37,500 pairs: 37 s)
        java.util.Map<String, OptionFigures> inA = byId(a);
        java.util.Map<String, OptionFigures> inB = byId(b);
        List<OptionChange> options = new ArrayList<>();
        for (String id : ids) {
            OptionFigures before = inA.get(id);
            OptionFigures after = inB.get(id);
            OptionFigures cb = before != null && before.feasible() ? before : null;
            OptionFigures ca = after != null && after.feasible() ? after : null;
            options.add(new OptionChange(
                    id,
                    before == null ? null : before.feasible(),
                    after == null ? null : after.feasible(),
                    before == null ? List.of() : before.problems(),
                    after == null ? List.of() : after.problems(),
                    change(cb, ca, OptionFigures::tcoUsd),
                    change(cb, ca, OptionFigures::steadyMonthlyUsd),
                    change(cb, ca, OptionFigures::costPerQueryUsd),
                    change(cb, ca, OptionFigures::npvUsd)));
        }
        List<BreakevenChange> breakeven = new ArrayList<>();
        Set<String> pairs = new LinkedHashSet<>();
        b.breakeven().forEach(x -> pairs.add(x.option() + "\u0000" + x.baseline()));
        a.breakeven().forEach(x -> pairs.add(x.option() + "\u0000" + x.baseline()));
        java.util.Map<String, BreakevenMonth> pairsA = byPair(a);
        java.util.Map<String, BreakevenMonth> pairsB = byPair(b);
        for (String pair : pairs) {
            String[] p = pair.split("\u0000", 2);
            BreakevenMonth before = pairsA.get(pair);
            BreakevenMonth after = pairsB.get(pair);
            breakeven.add(new BreakevenChange(
                    p[0],
                    p[1],
                    before == null ? null : before.month(),
                    after == null ? null : after.month(),
                    before != null,
                    after != null));
        }
        OptionFigures planBefore = a.option(a.recommended());
        OptionFigures planAfter = b.option(b.recommended());
        PlanChange plan = new PlanChange(
                a.recommended(),
                b.recommended(),
                a.verdict(),
                b.verdict(),
                change(planBefore, planAfter, OptionFigures::tcoUsd),
                change(planBefore, planAfter, OptionFigures::steadyMonthlyUsd),
                change(planBefore, planAfter, OptionFigures::costPerQueryUsd),
                change(planBefore, planAfter, OptionFigures::npvUsd),
                reason(a, b));
        return new Diff(a, b, options, breakeven, plan);
    }

    /** Why B recommends something other than A did; null when the recommendation stands. */
    static String reason(Snapshot a, Snapshot b) {
        if (Objects.equals(a.recommended(), b.recommended()) && a.verdict().equals(b.verdict())) return null;
        String was = a.recommended();
        if (was == null) return "nothing was feasible before; " + b.summary();
        OptionFigures inB = b.option(was);
        if (inB == null) return was + " is no longer an option; " + b.summary();
        if (!inB.feasible()) {
            return was + " became infeasible: "
                    + (inB.problems().isEmpty()
                            ? "see its problems"
                            : inB.problems().getFirst());
        }
        OptionFigures now = b.option(b.recommended());
        if (now != null && now.tcoUsd() < inB.tcoUsd()) {
            return b.recommended() + " now costs less: TCO " + Figures.usd(now.tcoUsd()) + " against "
                    + Figures.usd(inB.tcoUsd()) + " for " + was;
        }
        return b.summary();
    }

    private static Change change(OptionFigures before, OptionFigures after, ToDoubleFunction<OptionFigures> figure) {
        return new Change(
                before == null ? null : figure.applyAsDouble(before),
                after == null ? null : figure.applyAsDouble(after));
    }

    /** Each option's figures by id; the first of two with one id, as a walk of the list finds it. */
    private static java.util.Map<String, OptionFigures> byId(Snapshot s) {
        java.util.Map<String, OptionFigures> out = new java.util.HashMap<>();
        for (OptionFigures o : s.options()) out.putIfAbsent(o.id(), o);
        return out;
    }

    /** Each breakeven month by its option and baseline, joined as the pairs' keys above are. */
    private static java.util.Map<String, BreakevenMonth> byPair(Snapshot s) {
        java.util.Map<String, BreakevenMonth> out = new java.util.HashMap<>();
        for (BreakevenMonth x : s.breakeven()) out.putIfAbsent(x.option() + "\u0000" + x.baseline(), x);
        return out;
    }
}
