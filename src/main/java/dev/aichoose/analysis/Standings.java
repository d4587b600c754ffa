package dev.aichoose.analysis;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import java.util.Comparator;
import java.util.List;

/** Ranks the feasible options by TCO and picks the breakeven baseline: the cheapest feasible API. */
public final class Standings {
    private Standings() {}

    public static Evaluation.Ranking of(List<OptionResult> results) {
        // a stable sort: options that cost the same keep the scenario's order
        List<OptionResult> feasible = results.stream()
                .filter(OptionResult::feasible)
                .sorted(Comparator.comparingDouble(OptionResult::tcoUsd))
                .toList();
        return new Evaluation.Ranking(
                feasible.stream().map(OptionResult::id).toList(),
                feasible.stream()
                        .filter(o -> o.kind() == OptionKind.API)
                        .findFirst()
                        .map(OptionResult::id));
    }
}
