package dev.aichoose.decide;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Profile;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Recommendation.Answer;
import dev.aichoose.model.Recommendation.Lean;
import dev.aichoose.model.Recommendation.Question;
import dev.aichoose.model.Recommendation.Verdict;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.WorkloadClass;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The decision (docs/methodology.md §13): the cheapest feasible option is the cost-optimal answer;
 * the five questions and the closed-leaning factors say which option the team would prefer
 * ({@link PreferenceFit}); the preferred one is recommended only while its premium over the
 * cost-optimal one is at most {@code profile.max_premium_share}. Infeasible options never compete,
 * and no option is recommended that costs more than another with at least as good a fit. The words
 * of the decision, its answers, constraints and summary, are {@link DecisionText}'s.
 */
public final class Decider {
    static final double LOW_VOLUME = 10_000;
    static final double HIGH_VOLUME = 100_000;

    private final Evaluation evaluation;
    private final Scenario scenario;
    private final Profile profile;
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Catalog catalog;
    private final DecisionText text;

    private Decider(Evaluation evaluation, List<Option> options, Catalog catalog) {
        this.evaluation = evaluation;
        this.scenario = evaluation.scenario();
        this.profile = scenario.profile();
        this.catalog = catalog;
        options.forEach(o -> this.options.put(o.id(), o));
        this.text = new DecisionText(evaluation, this.options, catalog);
    }

    /**
     * The recommendation for an evaluation.
     *
     * @param options the options as evaluated (automatic routes resolved), in the evaluation's order
     */
    public static Recommendation decide(Evaluation evaluation, List<Option> options, Catalog catalog) {
        return new Decider(evaluation, options, catalog).decide();
    }

    /** The fit of each option to the answers, as the decision weighs it. */
    public static PreferenceFit fit(Evaluation evaluation, List<Option> options, Catalog catalog) {
        return new Decider(evaluation, options, catalog)
                .fit(evaluation.recommendation().questions());
    }

    private PreferenceFit fit(List<Answer> answers) {
        return new PreferenceFit(PreferenceFit.pulls(answers, profile), options, catalog, scenario.workload());
    }

    private Recommendation decide() {
        // by what serves the traffic: a routing across APIs is closed, one across owned hardware open source
        Optional<OptionResult> bestOpen = cheapest(r -> r.category() == Verdict.OPEN_SOURCE);
        Optional<OptionResult> bestApi = cheapest(r -> r.category() == Verdict.CLOSED);
        List<WorkloadClass> sensitive = scenario.workload().classes().stream()
                .filter(WorkloadClass::sensitive)
                .toList();

        Answer q1 = dataSensitivity(sensitive);
        Answer q3 = customization();
        Answer q4 = capability();
        Answer q5 = independence();
        // the volume question explains and never pulls: it is answered once the choice is made, so that it names it
        PreferenceFit fit = fit(List.of(q1, q3, q4, q5));
        List<String> constraints = text.constraints(sensitive);
        text.hybridSavings(cheapest(r -> r.kind() != OptionKind.HYBRID), constraints);

        List<OptionResult> feasible =
                evaluation.options().stream().filter(OptionResult::feasible).toList();
        if (feasible.isEmpty()) {
            List<Answer> answers = List.of(q1, volume(bestOpen, bestApi, Optional.empty()), q3, q4, q5);
            Verdict leaning = leaning(fit);
            constraints.add(DecisionText.noneFeasibleConstraint(leaning));
            return new Recommendation(
                    leaning,
                    new Recommendation.NoneFeasible(),
                    answers,
                    constraints,
                    DecisionText.noneFeasible(leaning));
        }
        double limit = profile.maxPremiumShare();
        Choice chosen = choose(evaluation.options(), fit, limit).orElseThrow();
        OptionResult cheapest = evaluation.options().get(chosen.cheapest());
        OptionResult preferred = evaluation.options().get(chosen.preferred());
        double premium = preferred.tcoUsd() - cheapest.tcoUsd();
        double premiumShare = share(premium, cheapest);

        OptionResult pick;
        Optional<Recommendation.Alternative> alternative = Optional.empty();
        String decided;
        if (preferred.id().equals(cheapest.id())) {
            pick = cheapest;
            decided = DecisionText.cheapestAndPreferred(fit);
        } else if (chosen.pick() == chosen.preferred()) {
            pick = preferred;
            decided = DecisionText.preferredWithinPremium(fit, cheapest, premium, premiumShare, limit);
        } else {
            pick = cheapest;
            String reason = DecisionText.alternativeReason(fit, cheapest, premium, premiumShare, limit);
            alternative = Optional.of(new Recommendation.Alternative(preferred.id(), premium, premiumShare, reason));
            decided = DecisionText.cheapestOverPreferred(preferred, premium, premiumShare, limit);
        }
        List<Answer> answers = List.of(q1, volume(bestOpen, bestApi, Optional.of(pick)), q3, q4, q5);
        double pickPremium = pick.tcoUsd() - cheapest.tcoUsd();
        var choice = new Recommendation.Recommended(
                pick.id(), cheapest.id(), pickPremium, share(pickPremium, cheapest), alternative);
        Verdict verdict = pick.category();
        return new Recommendation(
                verdict,
                choice,
                answers,
                constraints,
                text.summary(
                        verdict,
                        pick,
                        decided,
                        alternative.map(Recommendation.Alternative::option),
                        pick.closed() ? bestOpen : bestApi));
    }

    /** The choice among the feasible results, by TCO and fit alone. */
    private static Optional<Choice> choose(List<OptionResult> results, PreferenceFit fit, double maxPremiumShare) {
        int n = results.size();
        double[] tco = new double[n];
        double[] fits = new double[n];
        boolean[] feasible = new boolean[n];
        for (int j = 0; j < n; j++) {
            OptionResult r = results.get(j);
            tco[j] = r.tcoUsd();
            feasible[j] = r.feasible();
            if (feasible[j]) fits[j] = fit.of(r);
        }
        return Choice.among(tco, fits, feasible, maxPremiumShare);
    }

    private static double share(double premium, OptionResult cheapest) {
        return Choice.premiumShare(premium, cheapest.tcoUsd());
    }

    /** With nothing feasible, the way the answers lean: open source unless more of them lean closed. */
    private static Verdict leaning(PreferenceFit fit) {
        long open =
                fit.pulls().stream().filter(p -> p.leans() == Lean.OPEN_SOURCE).count();
        long closed = fit.pulls().size() - open;
        return closed > open ? Verdict.CLOSED : Verdict.OPEN_SOURCE;
    }

    private Optional<OptionResult> cheapest(Predicate<OptionResult> kind) {
        return evaluation.options().stream()
                .filter(OptionResult::feasible)
                .filter(kind)
                .min(Comparator.comparingDouble(OptionResult::tcoUsd));
    }

    // ---- the five questions: each answer's lean is decided here, its words written by DecisionText

    private Answer dataSensitivity(List<WorkloadClass> sensitive) {
        boolean sensitiveData = profile.dataSensitivity() == Profile.Level.HIGH || !sensitive.isEmpty();
        return new Answer(
                Question.Q1_DATA_SENSITIVITY,
                sensitiveData ? Lean.OPEN_SOURCE : Lean.NEUTRAL,
                text.dataSensitivity(sensitive));
    }

    /**
     * Q2, the volume, from the computed costs: the cheapest closed option (an API, or a routing
     * across APIs) against the cheapest option the team runs (owned or rented hardware, or a routing
     * across them). Where the recommended option is of the kind the sentence names, it is the one named.
     */
    private Answer volume(
            Optional<OptionResult> bestOpen, Optional<OptionResult> bestApi, Optional<OptionResult> recommended) {
        double volume = scenario.workload().queriesPerMonth();
        Lean rule = volume < LOW_VOLUME ? Lean.CLOSED : volume > HIGH_VOLUME ? Lean.OPEN_SOURCE : Lean.NEUTRAL;
        // the computed costs outrank the rule of thumb; with one side missing, the other carries it
        Lean lean;
        if (bestOpen.isPresent() && bestApi.isPresent()) {
            lean = bestOpen.get().tcoUsd() < bestApi.get().tcoUsd() ? Lean.OPEN_SOURCE : Lean.CLOSED;
        } else if (bestApi.isPresent()) {
            lean = Lean.CLOSED;
        } else if (bestOpen.isPresent()) {
            lean = Lean.OPEN_SOURCE;
        } else if (cheapest(r -> true).isPresent()) {
            lean = Lean.NEUTRAL;
        } else {
            lean = rule;
        }
        return new Answer(
                Question.Q2_VOLUME, lean, text.volume(rule, bestOpen, bestApi, recommended, cheapest(r -> true)));
    }

    private Answer customization() {
        Lean lean = switch (profile.customization()) {
            case FINE_TUNING -> Lean.OPEN_SOURCE;
            case PROMPTING, NONE -> Lean.NEUTRAL;
        };
        return new Answer(Question.Q3_CUSTOMIZATION, lean, DecisionText.customization(profile.customization()));
    }

    private Answer capability() {
        Lean lean = switch (profile.technicalCapability()) {
            case NONE -> Lean.CLOSED;
            case SOME -> Lean.NEUTRAL;
            case STRONG -> Lean.OPEN_SOURCE;
        };
        return new Answer(
                Question.Q4_TECHNICAL_CAPABILITY, lean, DecisionText.capability(profile.technicalCapability()));
    }

    private Answer independence() {
        Lean lean = switch (profile.vendorIndependence()) {
            case HIGH -> Lean.OPEN_SOURCE;
            case MEDIUM, LOW -> Lean.NEUTRAL;
        };
        return new Answer(
                Question.Q5_VENDOR_INDEPENDENCE, lean, DecisionText.independence(profile.vendorIndependence()));
    }
}
