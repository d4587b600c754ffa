package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything an evaluation found; every renderer formats this and computes nothing. The ranking,
 * the baseline and each option's pairing with its baselines are computed here once, in analysis,
 * so that every format shows the same rank and the same breakeven. Assembled by name with
 * {@link EvaluationBuilder}; without a simulation when none is set.
 */
@RecordBuilder
public record Evaluation(
        Scenario scenario,
        LocalDate asOf,
        List<CatalogUse> catalog,
        List<OptionResult> options,
        List<Pair> pairs,
        Ranking ranking,
        Recommendation recommendation,
        List<String> warnings,
        Optional<Simulation> simulation)
        implements EvaluationBuilder.With {

    public Evaluation {
        catalog = List.copyOf(catalog);
        options = List.copyOf(options);
        pairs = List.copyOf(pairs);
        warnings = List.copyOf(warnings);
    }

    public Evaluation withSimulation(Simulation s) {
        return withSimulation(Optional.of(s));
    }

    /** A catalog entry this evaluation used, with its age on the evaluation date (negative: dated after it). */
    public record CatalogUse(String id, LocalDate asOf, String source, long ageDays) {}

    /** First month where the option's cumulative cash is at or below the baseline's; null when never. */
    public record Breakeven(String option, String baseline, Integer month) {}

    /** Monthly queries at which steady-state monthly costs meet; null when they never do. */
    public record Crossover(String option, String baseline, Double queriesPerMonth) {}

    /**
     * A feasible owned, rented or hybrid option against a feasible API: its breakeven month and the
     * crossover volume, null where never reached. Infeasible options are paired with nothing.
     */
    public record Pair(String option, String baseline, Integer breakevenMonth, Double crossoverQueriesPerMonth) {
        public Breakeven breakeven() {
            return new Breakeven(option, baseline, breakevenMonth);
        }

        public Crossover crossover() {
            return new Crossover(option, baseline, crossoverQueriesPerMonth);
        }
    }

    /**
     * The feasible options by TCO, cheapest first (infeasible ones have no rank), and the baseline
     * of every report's breakeven column: the cheapest feasible API, absent when no API is feasible.
     */
    public record Ranking(List<String> byTco, Optional<String> baseline) {
        public Ranking {
            byTco = List.copyOf(byTco);
        }

        /** 1 for the cheapest feasible option; empty for an infeasible one. */
        public Optional<Integer> rank(String id) {
            int i = byTco.indexOf(id);
            return i < 0 ? Optional.empty() : Optional.of(i + 1);
        }

        /** Every feasible option's rank by id, for a report that looks up each option (one walk, not one per option). */
        public java.util.Map<String, Integer> ranks() {
            java.util.Map<String, Integer> ranks = new java.util.HashMap<>();
            for (int i = 0; i < byTco.size(); i++) ranks.put(byTco.get(i), i + 1);
            return ranks;
        }
    }

    public List<Breakeven> breakeven() {
        return pairs.stream().map(Pair::breakeven).toList();
    }

    public List<Crossover> crossovers() {
        return pairs.stream().map(Pair::crossover).toList();
    }

    /** The option's pairing with the baseline; empty for an API, an infeasible option, or when no API is feasible. */
    public Optional<Pair> againstBaseline(String option) {
        return ranking.baseline()
                .flatMap(b -> pairs.stream()
                        .filter(p -> p.option().equals(option) && p.baseline().equals(b))
                        .findFirst());
    }

    /** Each option's pairing with the baseline, by option id, for a report that looks up every option. */
    public java.util.Map<String, Pair> baselinePairs() {
        java.util.Map<String, Pair> out = new java.util.HashMap<>();
        ranking.baseline()
                .ifPresent(b -> pairs.stream()
                        .filter(p -> p.baseline().equals(b))
                        .forEach(p -> out.putIfAbsent(p.option(), p)));
        return out;
    }

    /**
     * Options in rank order: the feasible by TCO, then the infeasible in the scenario's order. One walk
     * of each list (10,000 options looked each other up for seconds).
     */
    public List<OptionResult> ranked() {
        java.util.Map<String, OptionResult> byId = new java.util.HashMap<>();
        for (OptionResult o : options) byId.putIfAbsent(o.id(), o);
        java.util.Set<String> ranked = new java.util.HashSet<>(ranking.byTco());
        List<OptionResult> feasible = ranking.byTco().stream().map(byId::get).toList();
        List<OptionResult> rest =
                options.stream().filter(o -> !ranked.contains(o.id())).toList();
        return java.util.stream.Stream.concat(feasible.stream(), rest.stream()).toList();
    }

    /** The recommended option's result; empty when no option is feasible. */
    public Optional<OptionResult> recommended() {
        return recommendation.recommendedOption().map(this::option);
    }

    public OptionResult option(String id) {
        return options.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }
}
