package dev.aichoose.analysis;

import dev.aichoose.cost.CostEngine;
import dev.aichoose.model.Defaults;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Each feasible owned, rented or hybrid option against each of the {@link Defaults#PAIRED_APIS}
 * cheapest feasible APIs (docs/methodology.md §9): its breakeven month and crossover volume. An
 * infeasible option is compared with nothing, and neither is a routing across APIs alone: it is a
 * closed option, and against its own legs a breakeven and a crossover say nothing.
 */
public final class Pairings {
    private Pairings() {}

    /**
     * Each feasible owned, rented or hybrid option against each of the cheapest feasible APIs.
     *
     * @param options the options in the order of {@code results}, as the engine priced them
     */
    public static List<Evaluation.Pair> of(List<Option> options, List<OptionResult> results, CostEngine engine) {
        List<Integer> baselines = IntStream.range(0, results.size())
                .filter(j -> results.get(j).kind() == OptionKind.API
                        && results.get(j).feasible())
                .boxed()
                // a stable sort: APIs that cost the same keep the scenario's order
                .sorted(Comparator.comparingDouble(j -> results.get(j).tcoUsd()))
                .limit(Defaults.PAIRED_APIS)
                .sorted()
                .toList(); // back in the scenario's order, as the reports list them
        List<Evaluation.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            OptionResult option = results.get(i);
            // a closed option (an API, or a routing across APIs) is not measured against the APIs it is made of
            if (option.closed() || !option.feasible()) continue;
            for (int j : baselines) {
                OptionResult baseline = results.get(j);
                Option a = options.get(i);
                Option b = options.get(j);
                var volume = Crossovers.volume(q -> engine.steadyMonthly(a, q) - engine.steadyMonthly(b, q));
                pairs.add(new Evaluation.Pair(
                        option.id(),
                        baseline.id(),
                        Breakevens.month(option, baseline),
                        volume.isPresent() ? volume.getAsDouble() : null));
            }
        }
        return pairs;
    }
}
