package dev.aichoose.analysis;

import dev.aichoose.cost.Feasibility;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.WorkloadClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * The cheapest feasible routing of the workload's classes over a set of options
 * ({@code hybrid: {routes: auto}}, docs/methodology.md §6.1). Exact: a dynamic programme over
 * subsets of classes, one option at a time, where an option either carries no class or carries a
 * subset it may serve within its capacity. An API's cost follows the classes it carries, each at its
 * own shape, as does a fleet sized by aichoose (sized for exactly those classes: their generated
 * tokens, a replica at their mean query, memory for the longest); a stated count's whole cost counts
 * once, and whether it carries a subset is checked for that subset. Time grows as options ×
 * 3^classes (9 classes and 12 options: about 240,000 steps), and each sized option plans a fleet for
 * each of the 2^classes subsets.
 *
 * <p>When no routing is feasible it returns the one that breaks the fewest rules (then the
 * cheapest), so that the report can name them.
 */
final class AutoRouting {
    private AutoRouting() {}

    /** Routes for every class, and whether they break no rule. */
    record Routing(List<Option.Route> routes, boolean feasible) {}

    /**
     * @param classes the classes with traffic, default included
     * @param candidates the options a class may go to, with their results for all of the traffic
     * @param legTco the TCO of an option carrying these classes, each at its own shape: an API's is
     *     its usage of them, a fleet sized by aichoose ({@code count: auto}) is priced as sized for
     *     its leg's own traffic
     */
    static Routing route(
            List<WorkloadClass> classes,
            List<Option> candidates,
            List<OptionResult> results,
            Feasibility feasibility,
            ToDoubleBiFunction<Option, List<String>> legTco) {
        int c = classes.size();
        int n = candidates.size();
        int full = (1 << c) - 1;
        int[][] choice = new int[n][1 << c];
        int[] prevBroken = new int[1 << c];
        double[] prevCost = new double[1 << c];
        Arrays.fill(prevBroken, Integer.MAX_VALUE);
        prevBroken[0] = 0;
        for (int i = 0; i < n; i++) {
            Option option = candidates.get(i);
            int barred = 0;
            for (int k = 0; k < c; k++) {
                if (!feasibility.classProblems(option, classes.get(k)).isEmpty()) barred |= 1 << k;
            }
            double[] legCost = legCosts(option, results.get(i), classes, legTco);
            // each subset as the leg would carry it: a fleet planned for those classes, memory at the longest
            Feasibility.LegFit[] fit = new Feasibility.LegFit[1 << c];
            for (int sub = 1; sub <= full; sub++) fit[sub] = feasibility.leg(option, names(classes, sub));
            int[] broken = prevBroken.clone();
            double[] cost = prevCost.clone();
            for (int mask = 1; mask <= full; mask++) {
                for (int sub = mask; sub > 0; sub = (sub - 1) & mask) {
                    int rest = mask ^ sub;
                    if (prevBroken[rest] == Integer.MAX_VALUE) continue;
                    int b = prevBroken[rest]
                            + (fit[sub] == Feasibility.LegFit.UNFIT
                                    ? Integer.bitCount(sub)
                                    : Integer.bitCount(sub & barred))
                            + (fit[sub] == Feasibility.LegFit.OUTGROWN ? 1 : 0);
                    double total = prevCost[rest] + legCost[sub];
                    if (b < broken[mask]
                            || (b == broken[mask] && total < cost[mask] - 1e-9 * Math.max(1, Math.abs(cost[mask])))) {
                        broken[mask] = b;
                        cost[mask] = total;
                        choice[i][mask] = sub;
                    }
                }
            }
            prevBroken = broken;
            prevCost = cost;
        }
        String[] target = new String[c];
        int mask = full;
        for (int i = n - 1; i >= 0 && mask != 0; i--) {
            int sub = choice[i][mask];
            if (sub == 0) continue;
            for (int k = 0; k < c; k++)
                if ((sub & 1 << k) != 0) target[k] = candidates.get(i).id();
            mask ^= sub;
        }
        List<Option.Route> routes = new ArrayList<>(c);
        for (int k = 0; k < c; k++) routes.add(new Option.Route(classes.get(k).name(), target[k]));
        return new Routing(routes, prevBroken[full] == 0);
    }

    /**
     * What the option costs carrying each subset of the classes: an API the sum of its usage of
     * each class at the class's own shape, a sized fleet its TCO sized for that traffic, a stated
     * count its whole TCO.
     */
    private static double[] legCosts(
            Option option,
            OptionResult result,
            List<WorkloadClass> classes,
            ToDoubleBiFunction<Option, List<String>> legTco) {
        int subsets = 1 << classes.size();
        double[] cost = new double[subsets];
        double[] perClass = new double[classes.size()];
        if (option instanceof Option.Api) {
            // usage is additive over classes: each class priced once, every subset summed from them
            for (int k = 0; k < classes.size(); k++)
                perClass[k] =
                        legTco.applyAsDouble(option, List.of(classes.get(k).name()));
        }
        for (int sub = 1; sub < subsets; sub++) {
            int low = Integer.numberOfTrailingZeros(sub);
            cost[sub] = switch (option) {
                case Option.Api a -> cost[sub & (sub - 1)] + perClass[low];
                case Option.Sized sized ->
                    sized.autoCount() ? legTco.applyAsDouble(option, names(classes, sub)) : result.tcoUsd();
                case Option.Hybrid h -> result.tcoUsd();
            };
        }
        return cost;
    }

    /** The names of the classes in a subset, in their order. */
    private static List<String> names(List<WorkloadClass> classes, int subset) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++)
            if ((subset & 1 << k) != 0) names.add(classes.get(k).name());
        return names;
    }
}
