package dev.aichoose.decide;

import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Profile;
import dev.aichoose.model.Quality;
import dev.aichoose.model.Recommendation.Lean;
import dev.aichoose.model.Recommendation.Verdict;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.WorkloadClass;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words of a decision (docs/methodology.md §13): each answer's sentence, the constraints, why the
 * pick was made and the summary. {@link Decider} chooses; this class only says what was chosen and
 * why, from the figures it is given, so a change of wording cannot change a recommendation.
 */
final class DecisionText {
    private final Evaluation evaluation;
    private final Scenario scenario;
    private final Profile profile;
    private final Map<String, Option> options;
    private final Catalog catalog;

    DecisionText(Evaluation evaluation, Map<String, Option> options, Catalog catalog) {
        this.evaluation = evaluation;
        this.scenario = evaluation.scenario();
        this.profile = scenario.profile();
        this.options = options;
        this.catalog = catalog;
    }

    // ---- why the pick

    static String noneFeasibleConstraint(Verdict leaning) {
        return "no option is feasible, so none is recommended: each option's problems say which rule it breaks; the "
                + "verdict, " + leaning.id() + ", is only the way the answers lean";
    }

    static String noneFeasible(Verdict leaning) {
        return "No option is feasible: see each option's problems. The answers lean "
                + leaning.id().replace('_', ' ') + ".";
    }

    static String cheapestAndPreferred(PreferenceFit fit) {
        return fit.pulls().isEmpty()
                ? "the cheapest feasible option; no answer leans either way, so the cost decides alone"
                : "the cheapest feasible option, and the answers below suit it best too";
    }

    static String preferredWithinPremium(
            PreferenceFit fit, OptionResult cheapest, double premium, double premiumShare, double limit) {
        return "the answers below suit it best (" + pullsText(fit) + "), and its premium over the cheapest "
                + "feasible option, " + cheapest.id() + " at " + Figures.usdCompact(cheapest.tcoUsd()) + ", is "
                + Figures.usdCompact(premium) + " (" + Figures.percent(premiumShare)
                + "), within max_premium_share (" + Figures.percent(limit) + ")";
    }

    static String alternativeReason(
            PreferenceFit fit, OptionResult cheapest, double premium, double premiumShare, double limit) {
        return "the answers suit it best (" + pullsText(fit) + "), but it costs "
                + Figures.usdCompact(premium) + " (" + Figures.percent(premiumShare) + ") more than "
                + cheapest.id()
                + ", above max_premium_share (" + Figures.percent(limit) + ")";
    }

    static String cheapestOverPreferred(OptionResult preferred, double premium, double premiumShare, double limit) {
        return "the cheapest feasible option; the answers below prefer " + preferred.id() + ", but it costs "
                + Figures.usdCompact(premium) + " (" + Figures.percent(premiumShare) + ") more, above "
                + "max_premium_share (" + Figures.percent(limit) + "): it is the alternative";
    }

    private static String pullsText(PreferenceFit fit) {
        return String.join(
                ", ",
                fit.pulls().stream()
                        .map(p -> p.label() + " leans " + p.leans().id().replace('_', ' '))
                        .toList());
    }

    /** The rules that bind the options, and what leans, from the profile and the classes. */
    List<String> constraints(List<WorkloadClass> sensitive) {
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

    /** What each feasible hybrid saves, or costs, against {@code single}, the best single option. */
    void hybridSavings(Optional<OptionResult> single, List<String> constraints) {
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

    // ---- the five questions' sentences

    String dataSensitivity(List<WorkloadClass> sensitive) {
        if (profile.dataSensitivity() == Profile.Level.HIGH) {
            return "data_sensitivity is high: personal, health, financial or legal "
                    + "data and proprietary code are safer on hardware you control";
        }
        if (!sensitive.isEmpty()) {
            return "class" + (sensitive.size() == 1 ? " " : "es ") + names(sensitive)
                    + " ("
                    + Figures.percent(
                            sensitive.stream().mapToDouble(WorkloadClass::share).sum())
                    + " of queries) " + (sensitive.size() == 1 ? "holds" : "hold")
                    + " sensitive data, never sent to a third-party API";
        }
        return "data_sensitivity is " + lower(profile.dataSensitivity())
                + " and no class is marked sensitive: a closed API is acceptable for this data";
    }

    /**
     * The volume answer: the computed costs of the cheapest open and closed options where both are
     * feasible (the recommended option named in place of the cheapest of its side), else the side that
     * is, else the recommended or the cheapest feasible option, else the rule of thumb.
     */
    String volume(
            Lean rule,
            Optional<OptionResult> bestOpen,
            Optional<OptionResult> bestApi,
            Optional<OptionResult> recommended,
            Optional<OptionResult> cheapestAny) {
        double volume = scenario.workload().queriesPerMonth();
        double last = scenario.workload().queriesInMonth(scenario.horizonMonths());
        String load = Figures.wholeCount(volume) + " queries a month"
                + (Math.abs(last - volume) > 0.5
                        ? " (" + Figures.wholeCount(last) + " by month " + scenario.horizonMonths() + ")"
                        : "");
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
        Optional<OptionResult> any = recommended.or(() -> cheapestAny);
        if (bestOpen.isPresent() && bestApi.isPresent()) {
            OptionResult open = namedOpen.get();
            OptionResult api = namedApi.get();
            Integer month = evaluation.breakeven().stream()
                    .filter(b -> b.option().equals(open.id()) && b.baseline().equals(api.id()))
                    .findFirst()
                    .map(Evaluation.Breakeven::month)
                    .orElse(null);
            return load + ": " + open.id() + " costs " + Figures.usdCompact(open.tcoUsd()) + " over " + h
                    + " months against " + Figures.usdCompact(api.tcoUsd()) + " for " + api.id()
                    + closedWords(api)
                    + (month == null && api.kind() != OptionKind.API
                            ? ""
                            : "; "
                                    + (month == null
                                            ? "no breakeven within " + h + " months"
                                            : "breakeven in month " + month))
                    + " (the computed costs outrank the " + ruleText + ")";
        }
        if (bestApi.isPresent()) {
            OptionResult api = namedApi.get();
            return load + ": no owned or rented option is feasible, so " + api.id() + closedWords(api) + " at "
                    + Figures.usdCompact(api.tcoUsd()) + " over " + h + " months carries it";
        }
        if (bestOpen.isPresent()) {
            OptionResult open = namedOpen.get();
            return load + ": no API option is feasible, so " + open.id() + " at " + Figures.usdCompact(open.tcoUsd())
                    + " over " + h + " months carries it";
        }
        if (any.isPresent()) {
            return load + ": no single owned, rented or API option is feasible; "
                    + (recommended.isPresent() ? "the recommended option, " : "the cheapest feasible option, ")
                    + any.get().id() + ", costs "
                    + Figures.usdCompact(any.get().tcoUsd()) + " over "
                    + h + " months (" + ruleText + ")";
        }
        return load + ": nothing to compare with (" + ruleText + ")";
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

    static String customization(Profile.Customization customization) {
        return switch (customization) {
            case FINE_TUNING -> "customization is fine_tuning: open weights can be fine-tuned on your domain and kept";
            case PROMPTING ->
                "customization is prompting: both closed APIs and open models take system prompts and retrieval";
            case NONE -> "customization is none: a general-purpose model serves as it is";
        };
    }

    static String capability(Profile.Capability capability) {
        return switch (capability) {
            case NONE -> "technical_capability is none: start with a closed API and revisit as the team grows";
            case SOME -> "technical_capability is some: an easy local runner (LM Studio, Ollama) is within reach";
            case STRONG -> "technical_capability is strong: the team can run, tune and secure open models itself";
        };
    }

    static String independence(Profile.Level independence) {
        return switch (independence) {
            case HIGH ->
                "vendor_independence is high: open weights cannot be repriced, deprecated or withdrawn by a vendor";
            case MEDIUM, LOW ->
                "vendor_independence is " + lower(independence) + ": dependence on one provider is acceptable";
        };
    }

    // ---- the summary

    /**
     * The one-sentence summary: the verdict, the pick and its cost, why it was chosen, and {@code
     * other}, the cheapest feasible option on the other side (API against owned or rented), with its
     * breakeven.
     */
    String summary(
            Verdict verdict,
            OptionResult p,
            String decided,
            Optional<String> alternative,
            Optional<OptionResult> other) {
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
