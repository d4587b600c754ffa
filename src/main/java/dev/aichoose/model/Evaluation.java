package dev.aichoose.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Everything an evaluation found; every renderer formats this and computes nothing. */
public record Evaluation(
        Scenario scenario,
        LocalDate asOf,
        List<CatalogUse> catalog,
        List<OptionResult> options,
        List<Breakeven> breakeven,
        List<Crossover> crossovers,
        Recommendation recommendation,
        List<String> warnings,
        Optional<Simulation> simulation) {

    public Evaluation {
        catalog = List.copyOf(catalog);
        options = List.copyOf(options);
        breakeven = List.copyOf(breakeven);
        crossovers = List.copyOf(crossovers);
        warnings = List.copyOf(warnings);
    }

    /** An evaluation without a simulation. */
    public Evaluation(Scenario scenario, LocalDate asOf, List<CatalogUse> catalog, List<OptionResult> options,
            List<Breakeven> breakeven, List<Crossover> crossovers, Recommendation recommendation, List<String> warnings) {
        this(scenario, asOf, catalog, options, breakeven, crossovers, recommendation, warnings, Optional.empty());
    }

    public Evaluation withSimulation(Simulation s) {
        return new Evaluation(scenario, asOf, catalog, options, breakeven, crossovers, recommendation, warnings,
                Optional.of(s));
    }

    /** A catalog entry this evaluation used, with its age on the evaluation date. */
    public record CatalogUse(String id, LocalDate asOf, String source, long ageDays) {}

    /** First month where the option's cumulative cash is at or below the baseline's; null when never. */
    public record Breakeven(String option, String baseline, Integer month) {}

    /** Monthly queries at which steady-state monthly costs meet; null when they never do. */
    public record Crossover(String option, String baseline, Double queriesPerMonth) {}

    /** The recommended option's result; empty when no option is feasible. */
    public Optional<OptionResult> recommended() {
        return recommendation.recommendedOption().map(this::option);
    }

    public OptionResult option(String id) {
        return options.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }
}
