package dev.aichoose.analysis;

import dev.aichoose.cost.CostEngine;
import dev.aichoose.decide.Choice;
import dev.aichoose.decide.Decider;
import dev.aichoose.decide.PreferenceFit;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Scenario;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a simulation draw, a tornado end or a flip-point probe needs of an evaluation: each option's
 * TCO and feasibility and the recommended option, figured exactly as {@link Evaluator} figures them
 * (the same engine, the same {@link Choice}, {@code max_premium_share} included), but without the
 * monthly records, the wording of problems and of the decision, warnings, breakevens or crossovers,
 * which a draw never reads.
 */
final class DrawEvaluator {
    private final Evaluation base;
    /** Each option's fit, the same on every draw; null where the options themselves vary by draw. */
    private final double[] fixedFits;

    /** @param base the scenario's own evaluation: the answers to the questions that do not depend on costs */
    DrawEvaluator(Evaluation base, Catalog catalog) {
        this.base = base;
        Scenario s = base.scenario();
        // the fit depends on each option's kind and model and on the answers, none of which a draw changes,
        // unless the option set is the default one (sized to the draw) or a routing is chosen per draw
        boolean varies = s.optionsFromDefaults() || s.options().stream().anyMatch(DrawEvaluator::autoRouted);
        this.fixedFits = varies ? null : fits(s.options(), catalog);
    }

    /** One evaluation's figures, per option in the evaluation's order. */
    @SuppressWarnings("ArrayRecordComponent") // arrays read by index, never compared or hashed
    record Outcome(List<String> ids, double[] tcoUsd, boolean[] feasible, Optional<String> recommended) {}

    Outcome evaluate(Scenario scenario, Catalog catalog) {
        List<Option> options = Evaluator.optionsOf(scenario, catalog);
        CostEngine engine = new CostEngine(scenario, catalog, options);
        if (options.stream().anyMatch(DrawEvaluator::autoRouted)) {
            // the routing is chosen from each candidate's full result: the rare scenario that has one pays for it
            List<Option> candidates =
                    options.stream().filter(o -> !(o instanceof Option.Hybrid)).toList();
            Map<String, OptionResult> alone = new HashMap<>();
            candidates.forEach(o -> alone.put(o.id(), engine.evaluate(o)));
            options = Evaluator.resolveAutoRoutes(scenario, options, candidates, alone, engine);
        }
        int n = options.size();
        String[] ids = new String[n];
        double[] tco = new double[n];
        boolean[] feasible = new boolean[n];
        for (int j = 0; j < n; j++) {
            Option o = options.get(j);
            ids[j] = o.id();
            tco[j] = engine.tcoUsd(o);
            feasible[j] = engine.feasible(o);
        }
        double[] fits = fixedFits != null ? fixedFits : fits(options, catalog);
        Optional<Choice> choice =
                Choice.among(tco, fits, feasible, scenario.profile().maxPremiumShare());
        return new Outcome(List.of(ids), tco, feasible, choice.map(c -> ids[c.pick()]));
    }

    private double[] fits(List<Option> options, Catalog catalog) {
        PreferenceFit fit = Decider.fit(base, options, catalog);
        double[] fits = new double[options.size()];
        for (int j = 0; j < fits.length; j++) fits[j] = fit.of(options.get(j).id());
        return fits;
    }

    private static boolean autoRouted(Option o) {
        return o instanceof Option.Hybrid h && h.auto();
    }
}
