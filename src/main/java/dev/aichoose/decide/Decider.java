package dev.aichoose.decide;

import dev.aichoose.text.Figures;
import dev.aichoose.model.Evaluation;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The seed article's five questions and the hard constraints, turned into a verdict and the
 * option it recommends (docs/methodology.md, "The recommendation"). Each lean counts one, the
 * volume question two, or four when one side costs three times the other (it carries the computed
 * costs), each closed-leaning factor one against.
 */
public final class Decider {
    static final double LOW_VOLUME = 10_000;
    static final double HIGH_VOLUME = 100_000;
    /** When one side costs this many times the other, the numbers outweigh the soft preferences. */
    static final double DOMINANT_COST_RATIO = 3;

    private final Evaluation evaluation;
    private final Scenario scenario;
    private final Profile profile;

    private Decider(Evaluation evaluation) {
        this.evaluation = evaluation;
        this.scenario = evaluation.scenario();
        this.profile = scenario.profile();
    }

    public static Recommendation decide(Evaluation evaluation) {
        return new Decider(evaluation).decide();
    }

    private Recommendation decide() {
        Optional<OptionResult> bestOpen = cheapest(r -> r.kind().openSource());
        Optional<OptionResult> bestApi = cheapest(r -> r.kind() == OptionKind.API);
        Optional<OptionResult> bestHybrid = cheapest(r -> r.kind() == OptionKind.HYBRID);
        List<WorkloadClass> sensitive = scenario.workload().classes().stream().filter(WorkloadClass::sensitive).toList();

        List<Answer> answers = List.of(dataSensitivity(sensitive), volume(bestOpen, bestApi), customization(),
                capability(), independence());
        List<String> constraints = new ArrayList<>();
        boolean apiExcluded = profile.offlineRequired() || profile.dataMustStayOnPremises();
        if (profile.offlineRequired()) constraints.add("offline operation is required: every API option is excluded");
        if (profile.dataMustStayOnPremises()) {
            constraints.add("data must stay on the premises: API and rented options are excluded");
        }
        double sensitiveShare = sensitive.stream().mapToDouble(WorkloadClass::share).sum();
        if (!sensitive.isEmpty()) {
            constraints.add("class" + (sensitive.size() == 1 ? " " : "es ") + names(sensitive) + " ("
                    + percent(sensitiveShare) + " of queries) may not leave the premises: never routed to an API");
        }
        int closedFactors = 0;
        if (profile.qualityNeed() == Quality.FRONTIER) {
            constraints.add("frontier quality is needed: leans closed");
            closedFactors++;
        }
        if (profile.enterpriseSupportRequired()) {
            constraints.add("enterprise support and SLAs are required: leans closed");
            closedFactors++;
        }
        if (profile.timeToMarket() == Profile.TimeToMarket.CRITICAL) {
            constraints.add("time to market is critical: leans closed");
            closedFactors++;
        }
        if (profile.usagePattern() == Profile.UsagePattern.VARIABLE) {
            constraints.add("usage is variable: pay-per-use leans closed");
            closedFactors++;
        }

        int score = -closedFactors;
        int scoreWithoutData = -closedFactors;
        int volumeWeight = volumeWeight(bestOpen, bestApi);
        for (Answer a : answers) {
            int weight = a.id() == Question.Q2_VOLUME ? volumeWeight : 1;
            int vote = switch (a.leans()) {
                case OPEN_SOURCE -> weight;
                case CLOSED -> -weight;
                case NEUTRAL -> 0;
            };
            score += vote;
            if (a.id() != Question.Q1_DATA_SENSITIVITY) scoreWithoutData += vote;
        }

        Verdict verdict;
        if (apiExcluded) {
            verdict = Verdict.OPEN_SOURCE;
        } else if (!sensitive.isEmpty() && sensitiveShare < 1 - 1e-9 && scoreWithoutData <= 0) {
            // the sensitive classes must stay local while the rest of the traffic pulls towards an API
            verdict = Verdict.HYBRID;
            if (bestHybrid.isEmpty()) {
                constraints.add("the classes pull in different directions, but no hybrid option is feasible; "
                        + "add one that routes the sensitive classes to owned hardware");
                verdict = Verdict.OPEN_SOURCE;
            }
        } else if (score > 0) {
            verdict = Verdict.OPEN_SOURCE;
        } else if (score < 0) {
            verdict = Verdict.CLOSED;
        } else {
            verdict = bestOpen.isPresent() && (bestApi.isEmpty() || bestOpen.get().tcoUsd() <= bestApi.get().tcoUsd())
                    ? Verdict.OPEN_SOURCE : Verdict.CLOSED;
        }

        Optional<OptionResult> pick = switch (verdict) {
            case OPEN_SOURCE -> bestOpen;
            case CLOSED -> bestApi;
            case HYBRID -> bestHybrid;
        };
        if (pick.isEmpty()) {
            pick = cheapest(r -> true);
            String leaning = verdict.id().replace('_', ' ');
            constraints.add("the questions lean " + leaning + ", but no " + leaning + " option is feasible "
                    + pick.map(p -> "(see their problems): the verdict follows the cheapest feasible option instead")
                            .orElse("and no option is feasible at all"));
            if (pick.isPresent()) verdict = verdictOf(pick.get());
        }
        String summary = summary(verdict, pick, bestOpen, bestApi);
        return new Recommendation(verdict, pick.map(OptionResult::id).orElse(null), answers, constraints, summary);
    }

    /** The volume question carries the computed costs: two votes, four when one side costs three times the other. */
    static int volumeWeight(Optional<OptionResult> bestOpen, Optional<OptionResult> bestApi) {
        if (bestOpen.isEmpty() || bestApi.isEmpty()) return 2;
        double low = Math.min(bestOpen.get().tcoUsd(), bestApi.get().tcoUsd());
        double high = Math.max(bestOpen.get().tcoUsd(), bestApi.get().tcoUsd());
        return high >= DOMINANT_COST_RATIO * Math.max(low, 0.01) ? 4 : 2;
    }

    private static Verdict verdictOf(OptionResult option) {
        return switch (option.kind()) {
            case API -> Verdict.CLOSED;
            case SELF_HOSTED, RENTED -> Verdict.OPEN_SOURCE;
            case HYBRID -> Verdict.HYBRID;
        };
    }

    private Optional<OptionResult> cheapest(Predicate<OptionResult> kind) {
        return evaluation.options().stream().filter(OptionResult::feasible).filter(kind)
                .min(Comparator.comparingDouble(OptionResult::tcoUsd));
    }

    // ---- the five questions

    private Answer dataSensitivity(List<WorkloadClass> sensitive) {
        Question q = Question.Q1_DATA_SENSITIVITY;
        if (profile.dataSensitivity() == Profile.Level.HIGH) {
            return new Answer(q, Lean.OPEN_SOURCE, "data_sensitivity is high: personal, health, financial or legal "
                    + "data and proprietary code are safer on hardware you control");
        }
        if (!sensitive.isEmpty()) {
            return new Answer(q, Lean.OPEN_SOURCE, "class" + (sensitive.size() == 1 ? " " : "es ") + names(sensitive)
                    + " (" + percent(sensitive.stream().mapToDouble(WorkloadClass::share).sum())
                    + " of queries) " + (sensitive.size() == 1 ? "holds" : "hold")
                    + " sensitive data that should stay on hardware you control");
        }
        return new Answer(q, Lean.NEUTRAL, "data_sensitivity is " + lower(profile.dataSensitivity())
                + " and no class is marked sensitive: a closed API is acceptable for this data");
    }

    private Answer volume(Optional<OptionResult> bestOpen, Optional<OptionResult> bestApi) {
        Question q = Question.Q2_VOLUME;
        double volume = scenario.workload().queriesPerMonth();
        double last = scenario.workload().queriesInMonth(scenario.horizonMonths());
        String load = Figures.wholeCount(volume) + " queries a month"
                + (Math.abs(last - volume) > 0.5 ? " (" + Figures.wholeCount(last) + " by month " + scenario.horizonMonths() + ")" : "");
        Lean rule = volume < LOW_VOLUME ? Lean.CLOSED : volume > HIGH_VOLUME ? Lean.OPEN_SOURCE : Lean.NEUTRAL;
        String ruleText = "rule of thumb: " + switch (rule) {
            case CLOSED -> "under 10,000 a month favours closed";
            case OPEN_SOURCE -> "over 100,000 a month favours open source";
            case NEUTRAL -> "10,000–100,000 a month needs the numbers";
        };
        int h = scenario.horizonMonths();
        if (bestOpen.isPresent() && bestApi.isPresent()) {
            OptionResult open = bestOpen.get();
            OptionResult api = bestApi.get();
            Integer month = evaluation.breakeven().stream()
                    .filter(b -> b.option().equals(open.id()) && b.baseline().equals(api.id()))
                    .findFirst().map(Evaluation.Breakeven::month).orElse(null);
            String computed = load + ": " + open.id() + " costs " + Figures.usdCompact(open.tcoUsd()) + " over " + h
                    + " months against " + Figures.usdCompact(api.tcoUsd()) + " for " + api.id() + "; "
                    + (month == null ? "no breakeven within " + h + " months" : "breakeven in month " + month)
                    + " (the computed costs outrank the " + ruleText + ")";
            Lean lean = open.tcoUsd() < api.tcoUsd() ? Lean.OPEN_SOURCE : Lean.CLOSED;
            return new Answer(q, lean, computed);
        }
        if (bestApi.isPresent()) {
            return new Answer(q, Lean.CLOSED, load + ": no owned or rented option is feasible, so "
                    + bestApi.get().id() + " at " + Figures.usdCompact(bestApi.get().tcoUsd()) + " over " + h + " months carries it");
        }
        if (bestOpen.isPresent()) {
            return new Answer(q, Lean.OPEN_SOURCE, load + ": no API option is feasible, so " + bestOpen.get().id()
                    + " at " + Figures.usdCompact(bestOpen.get().tcoUsd()) + " over " + h + " months carries it");
        }
        return new Answer(q, rule, load + ": nothing to compare with (" + ruleText + ")");
    }

    private Answer customization() {
        Question q = Question.Q3_CUSTOMIZATION;
        return switch (profile.customization()) {
            case FINE_TUNING -> new Answer(q, Lean.OPEN_SOURCE,
                    "customization is fine_tuning: open weights can be fine-tuned on your domain and kept");
            case PROMPTING -> new Answer(q, Lean.NEUTRAL,
                    "customization is prompting: both closed APIs and open models take system prompts and retrieval");
            case NONE -> new Answer(q, Lean.NEUTRAL, "customization is none: a general-purpose model serves as it is");
        };
    }

    private Answer capability() {
        Question q = Question.Q4_TECHNICAL_CAPABILITY;
        return switch (profile.technicalCapability()) {
            case NONE -> new Answer(q, Lean.CLOSED,
                    "technical_capability is none: start with a closed API and revisit as the team grows");
            case SOME -> new Answer(q, Lean.NEUTRAL,
                    "technical_capability is some: an easy local runner (LM Studio, Ollama) is within reach");
            case STRONG -> new Answer(q, Lean.OPEN_SOURCE,
                    "technical_capability is strong: the team can run, tune and secure open models itself");
        };
    }

    private Answer independence() {
        Question q = Question.Q5_VENDOR_INDEPENDENCE;
        return switch (profile.vendorIndependence()) {
            case HIGH -> new Answer(q, Lean.OPEN_SOURCE, "vendor_independence is high: open weights cannot be "
                    + "repriced, deprecated or withdrawn by a vendor");
            case MEDIUM, LOW -> new Answer(q, Lean.NEUTRAL, "vendor_independence is "
                    + lower(profile.vendorIndependence()) + ": dependence on one provider is acceptable");
        };
    }

    // ---- summary

    private String summary(Verdict verdict, Optional<OptionResult> pick, Optional<OptionResult> bestOpen,
            Optional<OptionResult> bestApi) {
        int h = scenario.horizonMonths();
        if (pick.isEmpty()) return "No option is feasible: see each option's problems.";
        OptionResult p = pick.get();
        String head = switch (verdict) {
            case OPEN_SOURCE -> "Open source";
            case CLOSED -> "Closed";
            case HYBRID -> "Hybrid";
        };
        StringBuilder s = new StringBuilder(head).append(": ").append(p.id()).append(" (").append(p.description())
                .append(") costs ").append(Figures.usdCompact(p.tcoUsd())).append(" over ").append(h).append(" months, ")
                .append(Figures.usdSignificant(p.costPerQueryUsd())).append(" a query");
        Optional<OptionResult> other = p.kind() == OptionKind.API ? bestOpen : bestApi;
        other.filter(o -> !o.id().equals(p.id())).ifPresent(o -> {
            s.append("; the cheapest feasible ").append(o.kind() == OptionKind.API ? "API" : "owned or rented option")
                    .append(", ").append(o.id()).append(", costs ").append(Figures.usdCompact(o.tcoUsd()));
            String a = p.kind() == OptionKind.API ? o.id() : p.id();
            String b = p.kind() == OptionKind.API ? p.id() : o.id();
            evaluation.breakeven().stream().filter(x -> x.option().equals(a) && x.baseline().equals(b)).findFirst()
                    .ifPresent(x -> s.append(x.month() == null ? " (no breakeven within " + h + " months)"
                            : " (" + a + " breaks even against " + b + " in month " + x.month() + ")"));
        });
        return s.append('.').toString();
    }

    private static String names(List<WorkloadClass> classes) {
        return String.join(", ", classes.stream().map(c -> "'" + c.name() + "'").toList());
    }

    private static String percent(double share) {
        return Math.round(share * 1000) / 10.0 + " %";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
