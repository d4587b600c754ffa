package dev.aichoose.cost;

import dev.aichoose.model.Option;

/** One line per option for reports: what it is, in the scenario's own terms. */
public final class Descriptions {
    private Descriptions() {}

    public static String describe(Option option) {
        return switch (option) {
            case Option.Api a -> a.model() + (a.batch() ? " (batch)" : "");
            case Option.SelfHosted s ->
                count(s) + " × " + s.hardware() + ", " + s.serving().model() + " "
                        + s.serving().quantization().id();
            case Option.Rented r ->
                count(r) + " × " + (r.offer() == null ? "cheapest offer" : r.offer()) + chosen(r) + ", "
                        + r.serving().model() + " " + r.serving().quantization().id();
            case Option.Hybrid h ->
                (h.auto() ? "auto: " : "")
                        + String.join(
                                ", ",
                                h.routes().stream()
                                        .map(r -> r.workloadClass() + " → " + r.option())
                                        .toList());
        };
    }

    /** For {@code offer: cheapest}: of how many offers it was the cheapest for this workload, and what was asked. */
    private static String chosen(Option.Rented r) {
        if (r.choice() == null) return "";
        var c = r.choice();
        return " (cheapest for this workload" + (c.picked() ? " of " + c.candidates() : "") + ": " + c.describe() + ")";
    }

    /** The stated count, or {@code auto} for a fleet aichoose sizes (its schedule is in the capacity line). */
    private static String count(Option.Sized option) {
        return option.autoCount() ? "auto" : String.valueOf(option.count());
    }
}
