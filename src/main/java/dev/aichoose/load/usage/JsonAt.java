package dev.aichoose.load.usage;

import dev.aichoose.input.Node;
import dev.aichoose.input.Problems;
import dev.aichoose.model.Actuals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value in a provider's JSON export and its JSON pointer ({@code /data/0/results/1/amount}):
 * typed reads that record a located problem ({@code file:line:col: /pointer: message}) and give
 * a harmless stand-in, so that one read reports every problem in the file.
 */
final class JsonAt {
    final Node node;
    final String pointer;
    private final Problems problems;

    JsonAt(Node node, String pointer, Problems problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    void problem(String message) {
        problems.at(node, (pointer.isEmpty() ? "/" : pointer) + ": " + message);
    }

    Actuals.Origin origin() {
        return new Actuals.Origin(problems.file(), node.line(), node.column(), pointer.isEmpty() ? "/" : pointer);
    }

    boolean isMapping() {
        return node instanceof Node.Mapping;
    }

    boolean has(String key) {
        return node instanceof Node.Mapping m && m.entries().containsKey(key);
    }

    /** The field, absent when missing or null. */
    Optional<JsonAt> get(String key) {
        if (!(node instanceof Node.Mapping m)) return Optional.empty();
        Node.Entry e = m.entries().get(key);
        if (e == null || (e.value() instanceof Node.Scalar s && s.kind() == Node.ScalarKind.NULL)) {
            return Optional.empty();
        }
        return Optional.of(new JsonAt(e.value(), pointer + "/" + escape(key), problems));
    }

    Optional<JsonAt> required(String key) {
        Optional<JsonAt> v = get(key);
        if (v.isEmpty()) problem("missing required field '" + key + "'");
        return v;
    }

    /** The items of a list field; a missing field is a problem, a non-list too. */
    List<JsonAt> list(String key) {
        return required(key).map(JsonAt::items).orElse(List.of());
    }

    List<JsonAt> items() {
        if (!(node instanceof Node.Sequence seq)) {
            problem("expected a list, got " + node.describe());
            return List.of();
        }
        List<JsonAt> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++)
            out.add(new JsonAt(seq.items().get(i), pointer + "/" + i, problems));
        return out;
    }

    /** Text, or null (with a problem) when the value is not text. */
    String text() {
        if (node instanceof Node.Scalar s && s.kind() == Node.ScalarKind.STRING) return s.text();
        problem("expected text, got " + node.describe());
        return null;
    }

    /** An optional text field as written: a number or boolean reads as its text (a tag's value). */
    String label(String key) {
        return get(key).map(v -> v.node instanceof Node.Scalar s ? s.text() : null)
                .orElse(null);
    }

    /** A number at least {@code min}; NaN (with a problem) otherwise. */
    double number(double min) {
        if (node instanceof Node.Scalar s
                && (s.kind() == Node.ScalarKind.INTEGER || s.kind() == Node.ScalarKind.DECIMAL)) {
            double d = Double.parseDouble(s.text());
            if (Double.isFinite(d) && d >= min) return d;
            problem("must be " + (min == 0 ? "0 or more" : "at least " + min) + ", got " + s.text());
            return Double.NaN;
        }
        problem("expected a number, got " + node.describe());
        return Double.NaN;
    }

    double number(String key, double min) {
        return required(key).map(v -> v.number(min)).orElse(Double.NaN);
    }

    /** An optional count: absent (or null) is the fallback. */
    double number(String key, double min, double fallback) {
        return get(key).map(v -> v.number(min)).orElse(fallback);
    }

    Double optionalNumber(String key, double min) {
        return get(key).map(v -> v.number(min)).orElse(null);
    }

    /** RFC 6901: '~' and '/' in a key. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
