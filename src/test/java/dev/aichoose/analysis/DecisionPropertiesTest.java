package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aichoose.cost.CostEngine;
import dev.aichoose.decide.Decider;
import dev.aichoose.decide.PreferenceFit;
import dev.aichoose.input.InputException;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.WorkloadClass;
import dev.aichoose.testing.Fixtures;
import dev.aichoose.testing.RandomScenarios;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decision's guarantees over random valid scenarios (seeded; the failing scenario is printed):
 * the recommended option is feasible and never dominated, and {@code routes: auto} costs no more
 * than any routing written out over the same options, every one of which is enumerated here.
 */
class DecisionPropertiesTest {
    private static final int SCENARIOS = 400;

    @Test
    void theRecommendationIsFeasibleCostOptimalOrWithinItsPremiumAndNeverDominated() {
        recommendationsHold(new RandomScenarios(7, Fixtures.catalog()), SCENARIOS);
    }

    /** The same with classes of their own token shape, each leg sized for the classes it carries. */
    @Test
    void withClassShapesTheRecommendationIsFeasibleAndNeverDominated() {
        recommendationsHold(new RandomScenarios(7, Fixtures.catalog(), true), SCENARIOS / 4);
    }

    private static void recommendationsHold(RandomScenarios random, int scenarios) {
        int recommended = 0;
        int none = 0;
        for (int i = 0; i < scenarios; i++) {
            String yaml = random.next();
            Evaluation e = evaluate(yaml);
            List<OptionResult> feasible =
                    e.options().stream().filter(OptionResult::feasible).toList();
            Recommendation r = e.recommendation();
            switch (r.choice()) {
                case Recommendation.NoneFeasible n -> {
                    none++;
                    assertThat(feasible).as(yaml).isEmpty();
                    assertThat(r.summary()).as(yaml).startsWith("No option is feasible");
                }
                case Recommendation.Recommended c -> {
                    recommended++;
                    OptionResult pick = e.option(c.option());
                    assertThat(pick.feasible()).as(yaml).isTrue();
                    double lowest = feasible.stream()
                            .mapToDouble(OptionResult::tcoUsd)
                            .min()
                            .orElseThrow();
                    assertThat(e.option(c.cheapestOption()).tcoUsd()).as(yaml).isEqualTo(lowest);
                    assertThat(c.premiumUsd()).as(yaml).isEqualTo(pick.tcoUsd() - lowest);
                    assertThat(c.premiumShare())
                            .as(yaml)
                            .isLessThanOrEqualTo(e.scenario().profile().maxPremiumShare() + 1e-12);
                    PreferenceFit fit = Decider.fit(e, evaluatedOptions(e), Fixtures.catalog());
                    for (OptionResult other : feasible) {
                        boolean cheaper = other.tcoUsd() < pick.tcoUsd() - 1e-9 * Math.max(1, Math.abs(pick.tcoUsd()));
                        boolean fitsAsWell = fit.of(other) >= fit.of(pick) - 1e-9;
                        if (cheaper && fitsAsWell) {
                            fail(
                                    "%s is dominated by %s (%s < %s, fit %s >= %s) in%n%s",
                                    pick.id(),
                                    other.id(),
                                    other.tcoUsd(),
                                    pick.tcoUsd(),
                                    fit.of(other),
                                    fit.of(pick),
                                    yaml);
                        }
                    }
                }
            }
        }
        // the generator reaches both outcomes often enough for the checks to mean something
        assertThat(recommended).isGreaterThan(scenarios / 4);
        assertThat(none).isGreaterThan(scenarios / 20);
    }

    @Test
    void autoRoutingCostsNoMoreThanAnyWrittenRoutingOverTheSameOptions() {
        autoRoutingIsCheapest(new RandomScenarios(11, Fixtures.catalog()), 60, 40);
    }

    /** With class shapes: every written routing's legs sized for their classes, as auto's candidates are. */
    @Test
    void withClassShapesAutoRoutingCostsNoMoreThanAnyWrittenRouting() {
        autoRoutingIsCheapest(new RandomScenarios(11, Fixtures.catalog(), true), 20, 10);
    }

    private static void autoRoutingIsCheapest(RandomScenarios random, int cases, int least) {
        int checked = 0;
        for (int i = 0; i < SCENARIOS && checked < cases; i++) {
            String yaml = random.next();
            Scenario written0 = scenario(yaml);
            // the options as the evaluation prices them: an offer: cheapest picked
            Scenario s = written0.with(
                    written0.workload(),
                    written0.assumptions(),
                    OfferChoices.resolve(written0, Fixtures.catalog(), written0.options()));
            List<Option> candidates = s.options().stream()
                    .filter(o -> !(o instanceof Option.Hybrid))
                    .toList();
            if (candidates.isEmpty() || s.options().stream().noneMatch(o -> o instanceof Option.Hybrid h && h.auto())) {
                continue;
            }
            Evaluation e = Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF);
            OptionResult auto = e.options().stream()
                    .filter(o -> o.description().startsWith("auto:"))
                    .findFirst()
                    .orElseThrow();
            List<WorkloadClass> classes = s.trafficClasses();
            List<Option> written = everyRouting(classes, candidates);
            List<Option> all = new ArrayList<>(candidates);
            all.addAll(written);
            CostEngine engine = new CostEngine(s, Fixtures.catalog(), all);
            double cheapestWritten = Double.POSITIVE_INFINITY;
            for (Option w : written) {
                OptionResult r = engine.evaluate(w);
                if (r.feasible()) cheapestWritten = Math.min(cheapestWritten, r.tcoUsd());
            }
            if (Double.isInfinite(cheapestWritten)) {
                assertThat(auto.feasible())
                        .as("no written routing is feasible, nor may auto be:%n%s", yaml)
                        .isFalse();
            } else {
                assertThat(auto.feasible())
                        .as("a written routing is feasible, so auto must be:%n%s", yaml)
                        .isTrue();
                assertThat(auto.tcoUsd())
                        .as(yaml)
                        .isLessThanOrEqualTo(cheapestWritten + 1e-9 * Math.max(1, Math.abs(cheapestWritten)));
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(least);
    }

    /** Every assignment of each class to one candidate: candidates^classes hybrids. */
    private static List<Option> everyRouting(List<WorkloadClass> classes, List<Option> candidates) {
        List<Option> hybrids = new ArrayList<>();
        int n = candidates.size();
        int total = (int) Math.pow(n, classes.size());
        for (int code = 0; code < total; code++) {
            List<Option.Route> routes = new ArrayList<>();
            int rest = code;
            for (WorkloadClass c : classes) {
                routes.add(new Option.Route(c.name(), candidates.get(rest % n).id()));
                rest /= n;
            }
            hybrids.add(new Option.Hybrid("written-" + code, routes, false));
        }
        return hybrids;
    }

    /** The options as evaluated: the default set when the scenario lists none, automatic routes resolved. */
    private static List<Option> evaluatedOptions(Evaluation e) {
        List<Option> base = e.scenario().optionsFromDefaults()
                ? DefaultOptions.build(e.scenario(), Fixtures.catalog())
                : e.scenario().options();
        List<Option> resolved = new ArrayList<>();
        for (Option o : base) {
            if (o instanceof Option.Hybrid h && h.auto()) {
                resolved.add(new Option.Hybrid(h.id(), e.option(h.id()).routing(), true));
            } else {
                resolved.add(o);
            }
        }
        return resolved;
    }

    private static Scenario scenario(String yaml) {
        try {
            return Fixtures.scenario(yaml);
        } catch (InputException ex) {
            throw new AssertionError("a generated scenario did not load: " + ex.diagnostics() + "\n" + yaml, ex);
        }
    }

    private static Evaluation evaluate(String yaml) {
        return Evaluator.evaluate(scenario(yaml), Fixtures.catalog(), Fixtures.AS_OF);
    }
}
