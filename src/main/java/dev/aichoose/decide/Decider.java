package dev.aichoose.decide;

import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Profile;
import dev.aichoose.model.Quality;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Recommendation.Answer;
import dev.aichoose.model.Recommendation.Lean;
import dev.aichoose.model.Recommendation.Question;
import dev.aichoose.model.Recommendation.Verdict;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.WorkloadClass;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
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
 * and no option is recommended that costs more than another with at least as good a fit.
 */
public final class Decider {
    static final double LOW_VOLUME = 10_000;
    static final double HIGH_VOLUME = 100_000;

    private final Evaluation evaluation;
    private final Scenario scenario;
    private final Profile profile;
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Catalog catalog;

    private Decider(Evaluation evaluation, List<Option> options, Catalog catalog) {
        this.evaluation = evaluation;
        this.scenario = evaluation.scenario();
        this.profile = scenario.profile();
        this.catalog = catalog;
        options.forEach(o -> this.options.put(o.id(), o));
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
        List<String> constraints = constraints(sensitive);
        hybridSavings(constraints);

        List<OptionResult> feasible =
                evaluation.options().stream().filter(OptionResult::feasible).toList();
        if (feasible.isEmpty()) {
            List<Answer> answers = List.of(q1, volume(bestOpen, bestApi, Optional.empty()), q3, q4, q5);
            Verdict leaning = leaning(fit);
            constraints.add("no option is feasible, so none is recommended: each option's problems say which rule it "
                    + "breaks; the verdict, " + leaning.id() + ", is only the way the answers lean");
            return new Recommendation(
                    leaning,
                    new Recommendation.NoneFeasible(),
                    answers,
                    constraints,
                    "No option is feasible: see each option's problems. The answers lean "
                            + leaning.id().replace('_', ' ') + ".");
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
            decided = fit.pulls().isEmpty()
                    ? "the cheapest feasible option; no answer leans either way, so the cost decides alone"
                    : "the cheapest feasible option, and the answers below suit it best too";
        } else if (chosen.pick() == chosen.preferred()) {
            pick = preferred;
            decided = "the answers below suit it best (" + pullsText(fit) + "), and its premium over the cheapest "
                    + "feasible option, " + cheapest.id() + " at " + Figures.usdCompact(cheapest.tcoUsd()) + ", is "
                    + Figures.usdCompact(premium) + " (" + Figures.percent(premiumShare)
                    + "), within max_premium_share (" + Figures.percent(limit) + ")";
        } else {
            pick = cheapest;
            String reason = "the answers suit it best (" + pullsText(fit) + "), but it costs "
                    + Figures.usdCompact(premium) + " (" + Figures.percent(premiumShare) + ") more than "
                    + cheapest.id()
                    + ", above max_premium_share (" + Figures.percent(limit) + ")";
            alternative = Optional.of(new Recommendation.Alternative(preferred.id(), premium, premiumShare, reason));
            decided = "the cheapest feasible option; the answers below prefer " + preferred.id() + ", but it costs "
                    + Figures.usdCompact(premium) + " (" + Figures.percent(premiumShare) + ") more, above "
                    + "max_premium_share (" + Figures.percent(limit) + "): it is the alternative";
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
                summary(
                        verdict,
                        pick,
                        decided,
                        alternative.map(Recommendation.Alternative::option),
                        bestOpen,
                        bestApi));
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

    private static String pullsText(PreferenceFit fit) {
        return String.join(
                ", ",
                fit.pulls().stream()
                        .map(p -> p.label() + " leans " + p.leans().id().replace('_', ' '))
                        .toList());
    }

    /** With nothing feasible, the way the answers lean: open source unless more of them lean closed. */
    private static Verdict leaning(PreferenceFit fit) {
        long open =
                fit.pulls().stream().filter(p -> p.leans() == Lean.OPEN_SOURCE).count();
        long closed = fit.pulls().size() - open;
        return closed > open ? Verdict.CLOSED : Verdict.OPEN_SOURCE;
    }

    private List<String> constraints(List<WorkloadClass> sensitive) {
        List<String> constraints = new ArrayList<>();
        if (profile.offlineRequired()) {
            constraints.add("offline operation is required: every API and rented option is infeasible");
        }
        if (profile.dataMustStayOnPremises()) {
            constraints.add("data must stay on the premises: every API and rented option is infeasible");
        }
        if (!sensitive.isEmpty()) {
            constraints.add("class" + (sensitive.size() == 1 ? " " : "es ") + names(sensitive) + " ("
                    + Figures.percent(
                            sensitive.stream().mapToDouble(WorkloadClass::share).sum())
                    + " of queries) " + (sensitive.size() == 1 ? "is" : "are")
                    + " sensitive: never sent to a third-party API (owned or rented GPUs may serve "
                    + (sensitive.size() == 1 ? "it" : "them") + "); an option that would is infeasible");
        }
        List<WorkloadClass> owned = scenario.workload().classes().stream()
                .filter(WorkloadClass::onPremises)
                .toList();
        if (!owned.isEmpty()) {
            constraints.add("class" + (owned.size() == 1 ? " " : "es ") + names(owned)
                    + " must stay on owned hardware (on_premises): never sent to an API or rented GPUs");
        }
        List<WorkloadClass> frontier = scenario.trafficClasses().stream()
                .filter(c -> c.quality() == Quality.FRONTIER)
                .toList();
        if (!frontier.isEmpty()) {
            constraints.add("class" + (frontier.size() == 1 ? " " : "es ") + names(frontier)
                    + " need" + (frontier.size() == 1 ? "s" : "") + " a frontier-tier model: standard-tier models "
                    + "may not serve " + (frontier.size() == 1 ? "it" : "them"));
        }
        if (profile.qualityNeed() == Quality.FRONTIER) constraints.add("frontier quality is needed: leans closed");
        if (profile.enterpriseSupportRequired())
            constraints.add("enterprise support and SLAs are required: leans closed");
        if (profile.timeToMarket() == Profile.TimeToMarket.CRITICAL)
            constraints.add("time to market is critical: leans closed");
        if (profile.usagePattern() == Profile.UsagePattern.VARIABLE) {
            constraints.add("usage is variable: pay-per-use leans closed");
        }
        for (OptionResult r : evaluation.options()) {
            if (!(options.get(r.id()) instanceof Option.Api a)) continue;
            ApiModel m = catalog.apiModels().get(a.model());
            if (m == null || !m.openWeight()) continue;
            constraints.add(r.id() + " serves open weights"
                    + m.servedWeights().map(w -> " (" + w + ")").orElse("")
                    + " through an API: it counts half-way for customization and vendor independence, since the same "
                    + "weights run on your own hardware; for data sensitivity and the team's capability it is an API");
        }
        return constraints;
    }

    /** What each feasible hybrid saves, or costs, against the best single option. */
    private void hybridSavings(List<String> constraints) {
        Optional<OptionResult> single = cheapest(r -> r.kind() != OptionKind.HYBRID);
        for (OptionResult h : evaluation.options()) {
            if (h.kind() != OptionKind.HYBRID || !h.feasible()) continue;
            boolean auto = options.get(h.id()) instanceof Option.Hybrid x && x.auto();
            List<String> targets =
                    h.routing().stream().map(Option.Route::option).distinct().toList();
            String routes = targets.size() == 1
                    ? "every class → " + targets.getFirst()
                    : String.join(
                            ", ",
                            h.routing().stream()
                                    .map(r -> r.workloadClass() + " → " + r.option())
                                    .toList());
            String head = h.id() + (auto ? " (routes: auto) chose " : " routes ") + routes + ": "
                    + Figures.usdCompact(h.tcoUsd());
            if (single.isEmpty()) {
                constraints.add(head + "; no single option is feasible");
                continue;
            }
            double gap = single.get().tcoUsd() - h.tcoUsd();
            if (Math.abs(gap) < 0.005) {
                constraints.add(head + ", the same as the best single option, "
                        + single.get().id());
            } else {
                constraints.add(head + ", " + Figures.usdCompact(Math.abs(gap)) + " ("
                        + Figures.percent(Math.abs(gap) / Math.max(single.get().tcoUsd(), 0.01)) + ") "
                        + (gap > 0 ? "less" : "more")
                        + " than the best single option, " + single.get().id());
            }
        }
    }

    private Optional<OptionResult> cheapest(Predicate<OptionResult> kind) {
        return evaluation.options().stream()
                .filter(OptionResult::feasible)
                .filter(kind)
                .min(Comparator.comparingDouble(OptionResult::tcoUsd));
    }

    // ---- the five questions

    private Answer dataSensitivity(List<WorkloadClass> sensitive) {
        Question q = Question.Q1_DATA_SENSITIVITY;
        if (profile.dataSensitivity() == Profile.Level.HIGH) {
            return new Answer(
                    q,
                    Lean.OPEN_SOURCE,
                    "data_sensitivity is high: personal, health, financial or legal "
                            + "data and proprietary code are safer on hardware you control");
        }
        if (!sensitive.isEmpty()) {
            return new Answer(
                    q,
                    Lean.OPEN_SOURCE,
                    "class" + (sensitive.size() == 1 ? " " : "es ") + names(sensitive)
                            + " ("
                            + Figures.percent(sensitive.stream()
                                    .mapToDouble(WorkloadClass::share)
                                    .sum())
                            + " of queries) " + (sensitive.size() == 1 ? "holds" : "hold")
                            + " sensitive data, never sent to a third-party API");
        }
        return new Answer(
                q,
                Lean.NEUTRAL,
                "data_sensitivity is " + lower(profile.dataSensitivity())
                        + " and no class is marked sensitive: a closed API is acceptable for this data");
    }

    /**
     * Q2, the volume, from the computed costs: the cheapest closed option (an API, or a routing
     * across APIs) against the cheapest option the team runs (owned or rented hardware, or a routing
     * across them). Where the recommended option is of the kind the sentence names, it is the one named.
     */
    private Answer volume(
            Optional<OptionResult> bestOpen, Optional<OptionResult> bestApi, Optional<OptionResult> recommended) {
        Question q = Question.Q2_VOLUME;
        double volume = scenario.workload().queriesPerMonth();
        double last = scenario.workload().queriesInMonth(scenario.horizonMonths());
        String load = Figures.wholeCount(volume) + " queries a month"
                + (Math.abs(last - volume) > 0.5
                        ? " (" + Figures.wholeCount(last) + " by month " + scenario.horizonMonths() + ")"
                        : "");
        Lean rule = volume < LOW_VOLUME ? Lean.CLOSED : volume > HIGH_VOLUME ? Lean.OPEN_SOURCE : Lean.NEUTRAL;
        String ruleText = "rule of thumb: "
                + switch (rule) {
                    case CLOSED -> "under 10,000 a month favours closed";
                    case OPEN_SOURCE -> "over 100,000 a month favours open source";
                    case NEUTRAL -> "10,000–100,000 a month needs the numbers";
                };
        int h = scenario.horizonMonths();
        Optional<OptionResult> namedOpen =
                recommended.filter(r -> r.category() == Verdict.OPEN_SOURCE).or(() -> bestOpen);
        Optional<OptionResult> namedApi =
                recommended.filter(OptionResult::closed).or(() -> bestApi);
        if (bestOpen.isPresent() && bestApi.isPresent()) {
            OptionResult open = namedOpen.get();
            OptionResult api = namedApi.get();
            Integer month = evaluation.breakeven().stream()
                    .filter(b -> b.option().equals(open.id()) && b.baseline().equals(api.id()))
                    .findFirst()
                    .map(Evaluation.Breakeven::month)
                    .orElse(null);
            String computed = load + ": " + open.id() + " costs " + Figures.usdCompact(open.tcoUsd()) + " over " + h
                    + " months against " + Figures.usdCompact(api.tcoUsd()) + " for " + api.id()
                    + closedWords(api)
                    + (month == null && api.kind() != OptionKind.API
                            ? ""
                            : "; "
                                    + (month == null
                                            ? "no breakeven within " + h + " months"
                                            : "breakeven in month " + month))
                    + " (the computed costs outrank the " + ruleText + ")";
            Lean lean = bestOpen.get().tcoUsd() < bestApi.get().tcoUsd() ? Lean.OPEN_SOURCE : Lean.CLOSED;
            return new Answer(q, lean, computed);
        }
        if (bestApi.isPresent()) {
            OptionResult api = namedApi.get();
            return new Answer(
                    q,
                    Lean.CLOSED,
                    load + ": no owned or rented option is feasible, so " + api.id() + closedWords(api) + " at "
                            + Figures.usdCompact(api.tcoUsd()) + " over " + h + " months carries it");
        }
        if (bestOpen.isPresent()) {
            OptionResult open = namedOpen.get();
            return new Answer(
                    q,
                    Lean.OPEN_SOURCE,
                    load + ": no API option is feasible, so " + open.id() + " at " + Figures.usdCompact(open.tcoUsd())
                            + " over " + h + " months carries it");
        }
        Optional<OptionResult> any = recommended.or(() -> cheapest(r -> true));
        if (any.isPresent()) {
            return new Answer(
                    q,
                    Lean.NEUTRAL,
                    load + ": no single owned, rented or API option is feasible; "
                            + (recommended.isPresent() ? "the recommended option, " : "the cheapest feasible option, ")
                            + any.get().id() + ", costs "
                            + Figures.usdCompact(any.get().tcoUsd()) + " over "
                            + h + " months (" + ruleText + ")");
        }
        return new Answer(q, rule, load + ": nothing to compare with (" + ruleText + ")");
    }

    /** For a routing across APIs, what it is: a closed option split across them. */
    private static String closedWords(OptionResult closed) {
        return closed.kind() == OptionKind.HYBRID ? " (closed, " + splitAcross(closed) + ")" : "";
    }

    /** "split across two APIs": how many options a routing of one kind spreads its traffic over. */
    static String splitAcross(OptionResult routing) {
        long legs =
                routing.routing().stream().map(Option.Route::option).distinct().count();
        String what = routing.closed() ? "API" : "owned or rented option";
        return "split across " + Figures.countWord(legs) + " " + what + (legs == 1 ? "" : "s");
    }

    private Answer customization() {
        Question q = Question.Q3_CUSTOMIZATION;
        return switch (profile.customization()) {
            case FINE_TUNING ->
                new Answer(
                        q,
                        Lean.OPEN_SOURCE,
                        "customization is fine_tuning: open weights can be fine-tuned on your domain and kept");
            case PROMPTING ->
                new Answer(
                        q,
                        Lean.NEUTRAL,
                        "customization is prompting: both closed APIs and open models take system prompts and retrieval");
            case NONE -> new Answer(q, Lean.NEUTRAL, "customization is none: a general-purpose model serves as it is");
        };
    }

    private Answer capability() {
        Question q = Question.Q4_TECHNICAL_CAPABILITY;
        return switch (profile.technicalCapability()) {
            case NONE ->
                new Answer(
                        q,
                        Lean.CLOSED,
                        "technical_capability is none: start with a closed API and revisit as the team grows");
            case SOME ->
                new Answer(
                        q,
                        Lean.NEUTRAL,
                        "technical_capability is some: an easy local runner (LM Studio, Ollama) is within reach");
            case STRONG ->
                new Answer(
                        q,
                        Lean.OPEN_SOURCE,
                        "technical_capability is strong: the team can run, tune and secure open models itself");
        };
    }

    private Answer independence() {
        Question q = Question.Q5_VENDOR_INDEPENDENCE;
        return switch (profile.vendorIndependence()) {
            case HIGH ->
                new Answer(
                        q,
                        Lean.OPEN_SOURCE,
                        "vendor_independence is high: open weights cannot be "
                                + "repriced, deprecated or withdrawn by a vendor");
            case MEDIUM, LOW ->
                new Answer(
                        q,
                        Lean.NEUTRAL,
                        "vendor_independence is " + lower(profile.vendorIndependence())
                                + ": dependence on one provider is acceptable");
        };
    }

    // ---- summary

    private String summary(
            Verdict verdict,
            OptionResult p,
            String decided,
            Optional<String> alternative,
            Optional<OptionResult> bestOpen,
            Optional<OptionResult> bestApi) {
        int h = scenario.horizonMonths();
        boolean openWeights = options.get(p.id()) instanceof Option.Api a
                && catalog.apiModels().containsKey(a.model())
                && catalog.apiModels().get(a.model()).openWeight();
        String head = switch (verdict) {
            case OPEN_SOURCE -> p.kind() == OptionKind.HYBRID ? "Open source, " + splitAcross(p) : "Open source";
            case CLOSED ->
                p.kind() == OptionKind.HYBRID
                        ? "Closed, " + splitAcross(p)
                        : openWeights ? "Closed (an API serving open weights)" : "Closed";
            case HYBRID -> "Hybrid";
        };
        StringBuilder s = new StringBuilder(head)
                .append(": ")
                .append(p.id())
                .append(" (")
                .append(p.description())
                .append(") costs ")
                .append(Figures.usdCompact(p.tcoUsd()))
                .append(" over ")
                .append(h)
                .append(" months, ")
                .append(Figures.usdSignificant(p.costPerQueryUsd()))
                .append(" a query: ")
                .append(decided);
        Optional<OptionResult> other = p.closed() ? bestOpen : bestApi;
        other.filter(o -> !o.id().equals(p.id())).ifPresent(o -> {
            // the alternative's figures are already in the sentence: only its breakeven is new
            if (alternative.filter(o.id()::equals).isEmpty()) {
                s.append("; the cheapest feasible ")
                        .append(
                                o.kind() == OptionKind.API
                                        ? "API"
                                        : o.closed() ? "closed option" : "owned or rented option")
                        .append(", ")
                        .append(o.id())
                        .append(closedWords(o))
                        .append(", costs ")
                        .append(Figures.usdCompact(o.tcoUsd()));
            }
            String a = p.closed() ? o.id() : p.id();
            String b = p.closed() ? p.id() : o.id();
            boolean isAlternative = alternative.filter(o.id()::equals).isPresent();
            evaluation.breakeven().stream()
                    .filter(x -> x.option().equals(a) && x.baseline().equals(b))
                    .findFirst()
                    .ifPresent(x -> s.append(
                            isAlternative
                                    ? x.month() == null
                                            ? "; " + a + " does not break even against " + b + " within " + h
                                                    + " months"
                                            : "; " + a + " breaks even against " + b + " in month " + x.month()
                                    : x.month() == null
                                            ? " (no breakeven within " + h + " months)"
                                            : " (" + a + " breaks even against " + b + " in month " + x.month() + ")"));
        });
        return s.append('.').toString();
    }

    private static String names(List<WorkloadClass> classes) {
        return String.join(", ", classes.stream().map(c -> "'" + c.name() + "'").toList());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
