package dev.aichoose.analysis;

import dev.aichoose.model.Actuals;
import dev.aichoose.model.Actuals.Charge;
import dev.aichoose.model.Actuals.Line;
import dev.aichoose.model.BillTag;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which option a line of an export belongs to (docs/methodology.md, "Which option a line is"):
 * the option the plain CSV names; else the option whose {@code reconcile} tag the line carries;
 * else, among the options that name no tag, the API option whose model the line's model resolves
 * to; else a line that names no option's model goes to its provider's only API option. A line
 * none of these place is unmapped, with the reason.
 */
final class BillMapping {
    /** A snapshot's date at the end of a model's name: OpenAI's -2025-08-07, Anthropic's -20250514, or -latest. */
    private static final Pattern SNAPSHOT = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|latest)$");

    private final Scenario scenario;
    private final List<Option> billed;
    private final List<Option> all;
    private final Set<String> knownModels;

    /**
     * @param knownModels the catalog ids of models the catalog or a usage line names: a cost line that
     *     names one of them is that model's, so it is unmapped when no option prices it, rather than an
     *     unmodelled line (a tool, a fee) of the provider's option
     */
    BillMapping(Scenario scenario, List<Option> options, Set<String> knownModels) {
        this.scenario = scenario;
        this.knownModels =
                knownModels.stream().map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.all = List.copyOf(options);
        this.billed = options.stream()
                .filter(o -> o instanceof Option.Api || o instanceof Option.Rented)
                .toList();
    }

    /** Where a line goes: an option, and whether the line's model is that option's own. */
    sealed interface Placed {}

    record To(String option, boolean ownModel, String rule) implements Placed {}

    record Nowhere(String reason) implements Placed {}

    Placed place(Line line) {
        Actuals.Match m = line.match();
        if (m.option() != null) {
            Optional<Option> named =
                    billed.stream().filter(o -> o.id().equals(m.option())).findFirst();
            if (named.isPresent()) return new To(named.get().id(), true, "named");
            boolean exists = all.stream().anyMatch(o -> o.id().equals(m.option()));
            return new Nowhere(
                    exists
                            ? "option '" + m.option() + "' is owned hardware or a hybrid, which no bill charges"
                            : "no option '" + m.option() + "' (the options a bill can charge: "
                                    + String.join(
                                            ", ",
                                            billed.stream().map(Option::id).toList()) + ")");
        }
        List<String> tagged = new ArrayList<>();
        for (Option o : billed) {
            BillTag t = scenario.billTags().get(o.id());
            if (t != null && t.value().equals(m.tags().get(t.key()))) tagged.add(o.id());
        }
        if (tagged.size() == 1) return new To(tagged.getFirst(), true, "tag");
        if (tagged.size() > 1) return new Nowhere("its tags match several options: " + String.join(", ", tagged));
        String provider = line.source().provider();
        if (provider.equals("focus") || provider.equals("csv")) {
            return new Nowhere("no option names one of its tags"
                    + (m.tags().isEmpty() ? " (the line has none)" : " (" + tags(m.tags()) + ")"));
        }
        List<Option.Api> untagged = billed.stream()
                .filter(o -> o instanceof Option.Api && !scenario.billTags().containsKey(o.id()))
                .map(o -> (Option.Api) o)
                .toList();
        if (m.model() != null) {
            List<String> ids = catalogIds(provider, m.model());
            for (String id : ids) {
                List<String> same = untagged.stream()
                        .filter(a -> a.model().equalsIgnoreCase(id))
                        .map(Option::id)
                        .toList();
                if (same.size() == 1) return new To(same.getFirst(), true, "model");
                if (same.size() > 1) {
                    return new Nowhere("several options price " + id + " (" + String.join(", ", same)
                            + "): give each a reconcile tag");
                }
            }
            // a line of another model is another model's traffic: it is not this scenario's
            if (!(line instanceof Charge) || ids.stream().anyMatch(knownModels::contains)) {
                return new Nowhere("no option prices " + String.join(" or ", ids) + untaggedNote());
            }
        }
        List<Option.Api> providers = untagged.stream()
                .filter(a -> a.model().toLowerCase(Locale.ROOT).startsWith(provider + "/"))
                .toList();
        if (providers.size() == 1) return new To(providers.getFirst().id(), false, "provider");
        return new Nowhere(
                providers.isEmpty()
                        ? "no " + provider + " option" + (m.model() == null ? "" : " prices " + m.model())
                                + untaggedNote()
                        : (m.model() == null ? "it names no model" : "its line item names no option's model")
                                + " and several " + provider + " options could take it ("
                                + String.join(
                                        ", ", providers.stream().map(Option::id).toList())
                                + "): give each a reconcile tag");
    }

    private String untaggedNote() {
        return scenario.billTags().isEmpty() ? "" : " among the options without a reconcile tag";
    }

    /**
     * The catalog ids a provider's model name may be, in order: {@code provider/name} as written,
     * then without its snapshot date ({@code gpt-5-mini-2025-08-07} → {@code openai/gpt-5-mini}).
     */
    static List<String> catalogIds(String provider, String model) {
        String name = model.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith(provider + "/")) name = name.substring(provider.length() + 1);
        List<String> ids = new ArrayList<>();
        ids.add(provider + "/" + name);
        String stem = SNAPSHOT.matcher(name).replaceFirst("");
        if (!stem.equals(name)) ids.add(provider + "/" + stem);
        return List.copyOf(ids);
    }

    private static String tags(Map<String, String> tags) {
        List<String> kv = new ArrayList<>();
        tags.forEach((k, v) -> kv.add(k + "=" + v));
        return String.join(", ", kv.stream().sorted().limit(5).toList()) + (tags.size() > 5 ? ", …" : "");
    }
}
