package dev.aichoose.load;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.Node;
import dev.aichoose.model.Option;
import dev.aichoose.model.SanityBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario's inline figures that load but look like a unit slip: a per-token price typed as per
 * million, a $1.60 GPU, a GPU-hour at a tenth of a cent. Each is a warning at its position
 * ({@code file:line:col: options[id].api.input_usd_per_mtok: …}), never silently used.
 */
final class ImplausibleInputs {
    private ImplausibleInputs() {}

    /** @param nodes each option's mapping in the file, by option id */
    static List<String> of(String file, List<Option> options, Map<String, Node> nodes) {
        List<String> out = new ArrayList<>();
        for (Option o : options) {
            Located at = new Located(file, nodes.get(o.id()), "options[" + o.id() + "].");
            switch (o) {
                case Option.Api a -> {
                    at.lowPrice(out, "api", "input_usd_per_mtok", a.inputUsdPerMtok());
                    at.lowPrice(out, "api", "output_usd_per_mtok", a.outputUsdPerMtok());
                    at.lowPrice(out, "api", "cached_input_usd_per_mtok", a.cachedInputUsdPerMtok());
                    at.lowPrice(out, "api", "cache_write_usd_per_mtok", a.cacheWriteUsdPerMtok());
                    at.lowPrice(out, "api", "reasoning_usd_per_mtok", a.reasoningUsdPerMtok());
                }
                case Option.SelfHosted h -> {
                    if (h.hardwareUsd() != null
                            && h.hardwareUsd() > 0
                            && h.hardwareUsd() < SanityBounds.MIN_PLAUSIBLE_HARDWARE_USD) {
                        out.add(at.warning(
                                "self_hosted",
                                "hardware_usd",
                                "$" + Sanity.show(h.hardwareUsd())
                                        + " is implausibly low for GPU hardware (price in thousands?)"));
                    }
                }
                case Option.Rented r -> {
                    if (r.usdPerGpuHour() != null
                            && r.usdPerGpuHour() > 0
                            && r.usdPerGpuHour() < SanityBounds.MIN_PLAUSIBLE_USD_PER_GPU_HOUR) {
                        out.add(at.warning(
                                "rented",
                                "usd_per_gpu_hour",
                                "$" + Sanity.show(r.usdPerGpuHour()) + " per GPU-hour is implausibly low"));
                    }
                }
                case Option.Hybrid h -> {}
            }
        }
        return out;
    }

    /** One option's mapping in the file: where each of its fields is. */
    private record Located(String file, Node option, String path) {
        void lowPrice(List<String> out, String kind, String key, Double v) {
            if (v != null && v > 0 && v < SanityBounds.MIN_PLAUSIBLE_USD_PER_MTOK) {
                out.add(warning(
                        kind,
                        key,
                        "$" + Sanity.show(v) + " per million tokens is implausibly low: is it a "
                                + "per-token price? (per million it would be $" + Sanity.show(v * 1e6) + ")"));
            }
        }

        String warning(String kind, String key, String message) {
            Node at = field(field(option, kind), key);
            if (at == null) at = option;
            int line = at == null ? 0 : at.line();
            int column = at == null ? 0 : at.column();
            return new Diagnostic(file, line, column, path + kind + "." + key + ": " + message).toString();
        }

        private static Node field(Node node, String key) {
            if (!(node instanceof Node.Mapping m)) return null;
            Node.Entry e = m.entries().get(key);
            return e == null ? null : e.value();
        }
    }
}
