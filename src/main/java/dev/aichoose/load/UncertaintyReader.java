package dev.aichoose.load;

import dev.aichoose.load.located.Fields;
import dev.aichoose.load.located.Node;
import dev.aichoose.load.located.Problems;
import dev.aichoose.load.located.Suggestions;
import dev.aichoose.model.Distribution;
import dev.aichoose.model.Option;
import dev.aichoose.model.UncertainField;
import dev.aichoose.model.UncertainField.Scope;
import dev.aichoose.model.Uncertainty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The scenario's {@code uncertainty:} section: each key a dotted path to one of the scenario's own
 * numbers (or a catalog factor), each value a range. A path that names no number, a mode outside its
 * range and a range that crosses the field's bounds are located input errors.
 */
final class UncertaintyReader {
    private static final Set<String> FORMS = Set.of("uniform", "triangular", "pert");

    private final Problems problems;
    private final List<Option> options;
    private final boolean defaultOptions;

    private final java.nio.file.Path dir;

    private UncertaintyReader(Problems problems, List<Option> options, boolean defaultOptions, java.nio.file.Path dir) {
        this.problems = problems;
        this.options = options;
        this.defaultOptions = defaultOptions;
        this.dir = dir;
    }

    /** @param dir the scenario's folder, against which a {@code from_trend} file is resolved */
    static Uncertainty read(Fields section, List<Option> options, boolean defaultOptions, java.nio.file.Path dir) {
        UncertaintyReader reader = new UncertaintyReader(section.problems(), options, defaultOptions, dir);
        List<Uncertainty.Input> inputs = new ArrayList<>();
        Node.Mapping m = (Node.Mapping) section.node();
        section.allow(m.entries().keySet());
        for (Node.Entry e : m.entries().values()) reader.input(e).ifPresent(inputs::add);
        return new Uncertainty(inputs);
    }

    private Optional<Uncertainty.Input> input(Node.Entry e) {
        String path = e.key();
        Optional<Target> target = target(path, e);
        Optional<Fields> body = Fields.of(problems, e.value(), "uncertainty." + path);
        if (target.isEmpty() || body.isEmpty()) return Optional.empty();
        if (body.get().has("from_trend")) {
            return TrendFile.range(body.get(), target.get().field(), dir)
                    .map(d -> new Uncertainty.Input(
                            path, target.get().field(), target.get().option(), d));
        }
        return distribution(body.get(), target.get().field())
                .map(d -> new Uncertainty.Input(
                        path, target.get().field(), target.get().option(), d));
    }

    private record Target(UncertainField field, Optional<String> option) {}

    private Optional<Target> target(String path, Node.Entry e) {
        String where = "uncertainty." + path + ": ";
        if (path.startsWith("options.")) return optionTarget(path, e, where);
        int dot = path.indexOf('.');
        String scope = dot < 0 ? path : path.substring(0, dot);
        String key = dot < 0 ? "" : path.substring(dot + 1);
        for (UncertainField f : UncertainField.values()) {
            if (!f.scope().option() && f.scope().key().equals(scope) && f.key().equals(key)) {
                return Optional.of(new Target(f, Optional.empty()));
            }
        }
        List<String> known = new ArrayList<>();
        for (UncertainField f : UncertainField.values()) {
            if (!f.scope().option()) known.add(f.scope().key() + "." + f.key());
        }
        problems.at(
                e.line(),
                e.column(),
                where + "names no number a range can be put on" + Suggestions.hint(path, known)
                        + "; the paths are workload.*, assumptions.*, factors.* and options.<id>.<kind>.* "
                        + "(docs/methodology.md, \"Ranges on the inputs\")");
        return Optional.empty();
    }

    private Optional<Target> optionTarget(String path, Node.Entry e, String where) {
        if (defaultOptions) {
            problems.at(
                    e.line(),
                    e.column(),
                    where + "the scenario lists no options (it is compared with the default "
                            + "set), so no option field can have a range; list the options under 'options:'");
            return Optional.empty();
        }
        String rest = path.substring("options.".length());
        // an id may itself hold dots (gpt-4.1), so the longest id the path starts with is the one it names
        Optional<Option> option = options.stream()
                .filter(o -> rest.startsWith(o.id() + "."))
                .max(Comparator.comparingInt(o -> o.id().length()));
        if (option.isEmpty()) {
            String given = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
            problems.at(
                    e.line(),
                    e.column(),
                    where + "no option with id '" + given + "'"
                            + Suggestions.hint(
                                    given, options.stream().map(Option::id).toList()));
            return Optional.empty();
        }
        Option o = option.get();
        String tail = rest.substring(o.id().length() + 1);
        int dot = tail.indexOf('.');
        String kind = dot < 0 ? tail : tail.substring(0, dot);
        String key = dot < 0 ? "" : tail.substring(dot + 1);
        Scope scope = scopeOf(o);
        if (scope == null) {
            problems.at(
                    e.line(),
                    e.column(),
                    where + "'" + o.id() + "' is a hybrid, which has no numbers of its own; "
                            + "put ranges on the options it routes to");
            return Optional.empty();
        }
        if (!kind.equals(scope.key())) {
            problems.at(
                    e.line(),
                    e.column(),
                    where + "'" + o.id() + "' is a " + scope.key() + " option, not " + kind + "; write options."
                            + o.id() + "." + scope.key() + "." + (key.isEmpty() ? "<field>" : key));
            return Optional.empty();
        }
        List<String> known = new ArrayList<>();
        for (UncertainField f : UncertainField.values()) {
            if (f.scope() != scope) continue;
            known.add(f.key());
            if (f.key().equals(key)) {
                Optional<String> unwritten = unwritten(f, o);
                if (unwritten.isPresent()) {
                    problems.at(e.line(), e.column(), where + unwritten.get());
                    return Optional.empty();
                }
                return Optional.of(new Target(f, Optional.of(o.id())));
            }
        }
        problems.at(
                e.line(),
                e.column(),
                where + "names no number a range can be put on" + Suggestions.hint(key, known) + "; a " + scope.key()
                        + " option's are " + String.join(", ", known));
        return Optional.empty();
    }

    private static Scope scopeOf(Option o) {
        return switch (o) {
            case Option.Api a -> Scope.API;
            case Option.SelfHosted s -> Scope.SELF_HOSTED;
            case Option.Rented r -> Scope.RENTED;
            case Option.Hybrid h -> null;
        };
    }

    /**
     * A field whose absence changes how the engine works (an inline price drops the catalog's tiers, a
     * given throughput replaces the estimate) may only have a range where the scenario writes it.
     */
    private static Optional<String> unwritten(UncertainField f, Option o) {
        String why = switch (f) {
            case INPUT_USD_PER_MTOK, OUTPUT_USD_PER_MTOK, CACHED_INPUT_USD_PER_MTOK ->
                o instanceof Option.Api a && priceOf(f, a) == null
                        ? "the option takes this price from the catalog; put a range on factors.api_prices, "
                                + "or write the price on the option"
                        : null;
            case OWNED_TOKENS_PER_SECOND, RENTED_TOKENS_PER_SECOND -> {
                Option.Serving s = o instanceof Option.SelfHosted h
                        ? h.serving()
                        : o instanceof Option.Rented r ? r.serving() : null;
                yield s != null && s.tokensPerSecond() == null
                        ? "the option's throughput is " + (s.measured() != null ? "measured" : "estimated")
                                + ", not given; put a range on factors.throughput"
                        : null;
            }
            case ELECTRICITY_USD_PER_MONTH ->
                o instanceof Option.SelfHosted h && h.electricityUsdPerMonth() == null
                        ? "the option's electricity is computed from its power; put a range on "
                                + "assumptions.electricity_usd_per_kwh or on its power_w"
                        : null;
            default -> null;
        };
        return Optional.ofNullable(why);
    }

    private static Double priceOf(UncertainField f, Option.Api a) {
        return switch (f) {
            case INPUT_USD_PER_MTOK -> a.inputUsdPerMtok();
            case OUTPUT_USD_PER_MTOK -> a.outputUsdPerMtok();
            default -> a.cachedInputUsdPerMtok();
        };
    }

    private Optional<Distribution> distribution(Fields f, UncertainField field) {
        String form = f.has("distribution")
                ? f.text("distribution").toLowerCase(Locale.ROOT)
                : f.has("mode") ? "triangular" : "uniform";
        if (!FORMS.contains(form)) {
            problems.at(
                    f.raw("distribution").orElse(f.node()),
                    f.pathOf("distribution") + ": '" + form + "' is not one of uniform | triangular | pert"
                            + Suggestions.hint(form, FORMS));
            f.allow(List.of("low", "mode", "high"));
            f.finish();
            return Optional.empty();
        }
        double low = bound(f, "low", field);
        double high = bound(f, "high", field);
        Double mode = f.has("mode") ? bound(f, "mode", field) : null;
        f.finish();
        if (form.equals("uniform") && mode != null) {
            problems.at(
                    f.raw("mode").orElseThrow(),
                    f.pathOf("mode") + ": a uniform range has no mode; " + "drop it, or say distribution: triangular");
            return Optional.empty();
        }
        if (!form.equals("uniform") && mode == null) {
            problems.at(f.node(), f.path() + ": a " + form + " range needs a mode between low and high");
            return Optional.empty();
        }
        if (Double.isNaN(low) || Double.isNaN(high) || (mode != null && Double.isNaN(mode))) return Optional.empty();
        if (low > high) {
            problems.at(
                    f.raw("high").orElseThrow(),
                    f.pathOf("high") + ": " + show(high) + " is below low (" + show(low) + ")");
            return Optional.empty();
        }
        if (mode != null && (mode < low || mode > high)) {
            problems.at(
                    f.raw("mode").orElseThrow(),
                    f.pathOf("mode") + ": " + show(mode) + " lies outside the range " + show(low) + " to "
                            + show(high));
            return Optional.empty();
        }
        return Optional.of(
                switch (form) {
                    case "uniform" -> new Distribution.Uniform(low, high);
                    case "triangular" -> new Distribution.Triangular(low, mode, high);
                    default -> new Distribution.Pert(low, mode, high);
                });
    }

    /** One end (or the mode) of a range: a number within the field's own bounds; months are whole. */
    private static double bound(Fields f, String key, UncertainField field) {
        if (field.whole()) {
            return f.integer(key, (int) field.min(), (int) field.max());
        }
        return f.number(key, field.min(), field.max());
    }

    private static String show(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
