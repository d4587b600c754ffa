package dev.aichoose.load.located;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to one mapping's fields. Each getter records a located problem and returns a
 * harmless stand-in when a field is missing or wrong, so that loading goes on and reports
 * everything; {@link #finish()} reports the keys nobody asked for, with a "did you mean".
 */
public final class Fields {
    private final Problems problems;
    private final Node.Mapping node;
    private final String path;
    private final Set<String> read = new LinkedHashSet<>();

    private Fields(Problems problems, Node.Mapping node, String path) {
        this.problems = problems;
        this.node = node;
        this.path = path;
    }

    /** The fields of {@code value}, or empty (with a problem recorded) when it is not a mapping. */
    public static Optional<Fields> of(Problems problems, Node value, String path) {
        if (value instanceof Node.Mapping m) return Optional.of(new Fields(problems, m, path));
        problems.at(value, label(path) + "expected a mapping of fields, got " + value.describe());
        return Optional.empty();
    }

    public Node node() {
        return node;
    }

    public String path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        Node.Entry e = node.entries().get(key);
        return e != null && !(e.value() instanceof Node.Scalar s && s.kind() == Node.ScalarKind.NULL);
    }

    public Optional<Node> raw(String key) {
        read.add(key);
        Node.Entry e = node.entries().get(key);
        if (e == null || (e.value() instanceof Node.Scalar s && s.kind() == Node.ScalarKind.NULL))
            return Optional.empty();
        return Optional.of(e.value());
    }

    private Optional<Node> required(String key) {
        Optional<Node> value = raw(key);
        if (value.isEmpty()) {
            problems.at(node, label(path) + "missing required field '" + key + "'");
        }
        return value;
    }

    // ---- numbers

    public double number(String key, double min, double max) {
        return required(key).map(v -> checkNumber(key, v, min, max)).orElse(Double.NaN);
    }

    public double number(String key, double fallback, double min, double max) {
        return raw(key).map(v -> checkNumber(key, v, min, max)).orElse(fallback);
    }

    public Double optionalNumber(String key, double min, double max) {
        return raw(key).map(v -> checkNumber(key, v, min, max)).orElse(null);
    }

    public int integer(String key, int min, int max) {
        return required(key).map(v -> checkInteger(key, v, min, max)).orElse(min);
    }

    public int integer(String key, int fallback, int min, int max) {
        return raw(key).map(v -> checkInteger(key, v, min, max)).orElse(fallback);
    }

    public Integer optionalInteger(String key, int min, int max) {
        return raw(key).map(v -> checkInteger(key, v, min, max)).orElse(null);
    }

    /** The word that leaves a figure to aichoose ({@code count: auto}, {@code gpus_per_replica: auto}). */
    public static final String AUTO = "auto";

    /**
     * Whether the key holds the word {@code auto}, for a field that takes a whole number or auto. Other
     * text is reported here and also answers true, so the caller reads no number (and reports no second
     * problem); the file is rejected either way.
     */
    public boolean auto(String key) {
        Optional<Node> value = raw(key);
        if (value.isEmpty() || !(value.get() instanceof Node.Scalar s) || s.kind() != Node.ScalarKind.STRING) {
            return false;
        }
        if (!s.text().equals(AUTO)) {
            problems.at(s, label(pathOf(key)) + "expected a whole number or " + AUTO + ", got " + s.describe());
        }
        return true;
    }

    private double checkNumber(String key, Node value, double min, double max) {
        if (!(value instanceof Node.Scalar s)
                || (s.kind() != Node.ScalarKind.INTEGER && s.kind() != Node.ScalarKind.DECIMAL)) {
            problems.at(value, label(pathOf(key)) + "expected a number, got " + value.describe());
            return Double.NaN;
        }
        double d;
        try {
            d = Double.parseDouble(s.text());
        } catch (NumberFormatException e) {
            problems.at(value, label(pathOf(key)) + "not a number: " + s.text());
            return Double.NaN;
        }
        if (!Double.isFinite(d) || d < min || d > max) {
            problems.at(
                    value,
                    label(pathOf(key)) + "must be between " + show(min) + " and " + show(max) + ", got " + s.text());
            return Double.NaN;
        }
        return d;
    }

    private int checkInteger(String key, Node value, int min, int max) {
        if (!(value instanceof Node.Scalar s) || s.kind() != Node.ScalarKind.INTEGER) {
            problems.at(value, label(pathOf(key)) + "expected a whole number, got " + value.describe());
            return min;
        }
        long v;
        try {
            v = Long.parseLong(s.text().replace("_", ""));
        } catch (NumberFormatException e) {
            problems.at(value, label(pathOf(key)) + "not a whole number: " + s.text());
            return min;
        }
        if (v < min || v > max) {
            problems.at(value, label(pathOf(key)) + "must be between " + min + " and " + max + ", got " + s.text());
            return min;
        }
        return (int) v;
    }

    // ---- text, flags, choices, dates

    public String text(String key) {
        return required(key).map(v -> checkText(key, v)).orElse("");
    }

    public String text(String key, String fallback) {
        return raw(key).map(v -> checkText(key, v)).orElse(fallback);
    }

    private String checkText(String key, Node value) {
        if (value instanceof Node.Scalar s && s.kind() != Node.ScalarKind.NULL) {
            if (s.text().isBlank()) problems.at(value, label(pathOf(key)) + "must not be blank");
            return s.text();
        }
        problems.at(value, label(pathOf(key)) + "expected text, got " + value.describe());
        return "";
    }

    public boolean flag(String key, boolean fallback) {
        return raw(key).map(v -> {
                    if (v instanceof Node.Scalar s && s.kind() == Node.ScalarKind.BOOLEAN)
                        return Boolean.parseBoolean(s.text());
                    problems.at(v, label(pathOf(key)) + "expected true or false, got " + v.describe());
                    return fallback;
                })
                .orElse(fallback);
    }

    /** An enum value written in snake_case, e.g. {@code fine_tuning} for {@code FINE_TUNING}. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        return raw(key).map(v -> checkChoice(key, v, type, fallback)).orElse(fallback);
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        return required(key).map(v -> checkChoice(key, v, type, null)).orElse(null);
    }

    private <E extends Enum<E>> E checkChoice(String key, Node value, Class<E> type, E fallback) {
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
        if (value instanceof Node.Scalar s && s.kind() != Node.ScalarKind.NULL) {
            String given = s.text().trim().toLowerCase(Locale.ROOT);
            int i = names.indexOf(given);
            if (i >= 0) return type.getEnumConstants()[i];
            problems.at(
                    value,
                    label(pathOf(key)) + "'" + s.text() + "' is not one of " + String.join(" | ", names)
                            + Suggestions.hint(s.text(), names));
            return fallback;
        }
        problems.at(
                value,
                label(pathOf(key)) + "expected one of " + String.join(" | ", names) + ", got " + value.describe());
        return fallback;
    }

    public LocalDate date(String key) {
        return required(key)
                .map(v -> {
                    if (v instanceof Node.Scalar s) {
                        try {
                            return LocalDate.parse(s.text().trim());
                        } catch (DateTimeParseException e) {
                            // reported below
                        }
                    }
                    problems.at(v, label(pathOf(key)) + "expected a date as YYYY-MM-DD, got " + v.describe());
                    return LocalDate.EPOCH;
                })
                .orElse(LocalDate.EPOCH);
    }

    // ---- structure

    public Optional<Fields> mapping(String key) {
        return raw(key).flatMap(v -> of(problems, v, pathOf(key)));
    }

    public Optional<Fields> requiredMapping(String key) {
        return required(key).flatMap(v -> of(problems, v, pathOf(key)));
    }

    /** The items of a list field (empty when absent); a non-list is a problem. */
    public List<Node> list(String key) {
        return raw(key).map(v -> {
                    if (v instanceof Node.Sequence seq) return seq.items();
                    problems.at(v, label(pathOf(key)) + "expected a list, got " + v.describe());
                    return List.<Node>of();
                })
                .orElse(List.of());
    }

    /** Reports each key that no getter asked for, suggesting the nearest known one. */
    public void finish() {
        List<String> known = new ArrayList<>(read);
        for (Node.Entry e : node.entries().values()) {
            if (!read.contains(e.key())) {
                problems.at(
                        e.line(),
                        e.column(),
                        label(pathOf(Excerpt.of(e.key()))) + "unknown field '" + Excerpt.of(e.key()) + "'"
                                + Suggestions.hint(e.key(), known));
            }
        }
    }

    /** Marks keys as known without reading them (a sibling reader handles them). */
    public void allow(Collection<String> keys) {
        read.addAll(keys);
    }

    static String label(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String show(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
