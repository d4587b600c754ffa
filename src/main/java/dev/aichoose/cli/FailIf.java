package dev.aichoose.cli;

import dev.aichoose.rules.Breach;
import dev.aichoose.rules.Measure;
import dev.aichoose.rules.Metrics;
import dev.aichoose.rules.Rule;
import dev.aichoose.rules.RuleException;
import dev.aichoose.rules.RuleSet;
import dev.aichoose.rules.SimulationMetrics;
import dev.aichoose.text.Figures;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --fail-if} for the commands: a bad rule is a usage error while parsing (exit 2), and a
 * breached rule, checked after the reports are written, fails the run (exit 5) naming the rule
 * and the value that breached it.
 */
final class FailIf {
    private FailIf() {}

    /** Rules are split at commas, except a comma before a digit: {@code 'tco_usd > 1,000'} is one rule. */
    static final String SPLIT = ",(?![0-9])";

    /** Rules over the recommended option of an evaluation. */
    static final class EvaluateRule implements ITypeConverter<Rule> {
        @Override
        public Rule convert(String value) {
            return parse(value, SimulationMetrics.withEvaluate());
        }
    }

    /** Rules over the change in the recommended plan between A and B. */
    static final class DiffRule implements ITypeConverter<Rule> {
        @Override
        public Rule convert(String value) {
            return parse(value, Metrics.DIFF);
        }
    }

    /** Rules over a reconciliation: the forecast against the bill. */
    static final class ReconcileRule implements ITypeConverter<Rule> {
        @Override
        public Rule convert(String value) {
            return parse(value, dev.aichoose.rules.ReconcileMetrics.NAMES);
        }
    }

    private static Rule parse(String value, List<String> metrics) {
        try {
            return Rule.parse(value, metrics);
        } catch (RuleException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** As {@link #enforce(List, Map)}; with no recommended option, any rule fails the run (exit 5). */
    static void enforce(List<Rule> rules, dev.aichoose.model.Evaluation evaluation) {
        List<String> breaches = breaches(rules, evaluation);
        if (!breaches.isEmpty()) throw new RuleBreachedException(String.join("; ", breaches));
    }

    /** Each breached rule, described; with no recommended option, each rule, as one that cannot be checked. */
    static List<String> breaches(List<Rule> rules, dev.aichoose.model.Evaluation evaluation) {
        var unmeasured = Metrics.unmeasured(evaluation);
        if (unmeasured.isPresent()) {
            return rules.stream()
                    .map(r -> "--fail-if '" + r.text() + "' cannot be checked: " + unmeasured.get())
                    .toList();
        }
        var measures = new java.util.LinkedHashMap<>(Metrics.of(evaluation));
        evaluation.simulation().ifPresent(s -> measures.putAll(SimulationMetrics.of(s)));
        return breaches(rules, measures);
    }

    /**
     * As {@link #enforce(List, Map)} over a diff; with nothing feasible in B, a rule over the plan's change
     * fails the run (exit 5) as one that cannot be checked, as in {@code evaluate}. {@code verdict_changed}
     * and {@code option_changed} are measured all the same.
     */
    static void enforce(List<Rule> rules, dev.aichoose.diff.Diff diff) {
        var measures = Metrics.of(diff);
        var unmeasured = Metrics.unmeasured(diff);
        List<String> breaches = new java.util.ArrayList<>();
        for (Rule rule : rules) {
            if (unmeasured.isPresent()
                    && measures.getOrDefault(rule.metric(), List.of()).isEmpty()) {
                breaches.add("--fail-if '" + rule.text() + "' cannot be checked: " + unmeasured.get());
            } else {
                breaches.addAll(breaches(List.of(rule), measures));
            }
        }
        if (!breaches.isEmpty()) throw new RuleBreachedException(String.join("; ", breaches));
    }

    /** Throws {@link RuleBreachedException} listing every breached rule; returns when none is. */
    static void enforce(List<Rule> rules, Map<String, List<Measure>> measures) {
        List<String> breaches = breaches(rules, measures);
        if (!breaches.isEmpty()) throw new RuleBreachedException(String.join("; ", breaches));
    }

    /** Each breached rule, described; empty when none is. */
    static List<String> breaches(List<Rule> rules, Map<String, List<Measure>> measures) {
        return RuleSet.check(rules, measures).stream().map(FailIf::describe).toList();
    }

    static String describe(Breach b) {
        Measure m = b.measure();
        String value = switch (m.unit()) {
            case USD -> Figures.usd(m.value());
            case USD_PER_QUERY -> Figures.usdPerQuery(m.value());
            case PERCENT -> Figures.percentChange(m.value());
            case COUNT -> Figures.count(m.value());
            case SHARE -> Figures.share(m.value()) + " (" + m.value() + ")";
        };
        return "--fail-if '" + b.rule().text() + "' breached: " + b.rule().metric() + " is " + value + " (" + m.where()
                + ")";
    }
}
