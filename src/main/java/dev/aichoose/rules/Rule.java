package dev.aichoose.rules;

import dev.aichoose.load.located.Suggestions;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A budget rule such as {@code tco_usd > 50_000}: the run fails (exit 5) when the metric makes
 * the comparison true. Which metrics exist depends on the command ({@link Metric}).
 */
public record Rule(String text, String metric, Comparison comparison, double threshold) {

    private static final Pattern SYNTAX =
            // a metric may be qualified by its command's section: reconcile.delta_share
            Pattern.compile(
                    "\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*(>=|<=|==|>|<)\\s*([-+]?)\\$?"
                            + "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d(?:_?\\d)*(?:\\.\\d(?:_?\\d)*)?)\\s*%?\\s*");

    /**
     * The longest rule read: a metric name and a number of 60 digits fit well within it. Java's regular
     * expressions recurse once per repetition of a group, so a rule of thousands of digits overflowed the stack.
     */
    static final int MAX_LENGTH = 120;

    /** Reads one rule, accepting only the given metrics; every problem is a one-line {@link RuleException}. */
    public static Rule parse(String text, Collection<String> metrics) {
        if (text.length() > MAX_LENGTH) {
            throw new RuleException(
                    "'" + text.substring(0, 24) + "…' is " + text.length() + " characters long; a rule is at most "
                            + MAX_LENGTH + " (METRIC OP NUMBER, e.g. 'tco_usd > 50_000')");
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new RuleException("'" + text + "': expected METRIC OP NUMBER, e.g. 'tco_usd > 50_000'"
                    + " (OP is one of > >= < <= ==; digits may be grouped with _, or with , in threes: 50,000)");
        }
        String metric = m.group(1);
        if (!metrics.contains(metric)) {
            throw new RuleException("'" + text + "': unknown metric '" + metric + "'" + hint(metric, metrics)
                    + "; known: " + String.join(", ", metrics));
        }
        Comparison op = switch (m.group(2)) {
            case ">=" -> Comparison.GE;
            case "<=" -> Comparison.LE;
            case "==" -> Comparison.EQ;
            case ">" -> Comparison.GT;
            default -> Comparison.LT;
        };
        double number = Double.parseDouble(m.group(4).replace("_", "").replace(",", ""));
        return new Rule(text.strip(), metric, op, m.group(3).equals("-") ? -number : number);
    }

    /**
     * The nearest metric by spelling; failing that, one with the same first and last word, so that an
     * evaluate metric given to diff ({@code tco_usd}) points at its change ({@code tco_change_usd}).
     */
    private static String hint(String metric, Collection<String> metrics) {
        String near = Suggestions.hint(metric, metrics);
        if (!near.isEmpty()) return near;
        String[] words = metric.split("_", -1);
        String first = words[0] + "_";
        String last = "_" + words[words.length - 1];
        return metrics.stream()
                .filter(m -> m.startsWith(first) && m.endsWith(last))
                .findFirst()
                .map(m -> " (did you mean '" + m + "'?)")
                .orElse("");
    }

    public boolean breachedBy(double value) {
        return comparison.holds(value, threshold);
    }
}
