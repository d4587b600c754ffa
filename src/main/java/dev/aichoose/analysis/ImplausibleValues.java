package dev.aichoose.analysis;

import dev.aichoose.model.Option;
import dev.aichoose.model.SanityBounds;
import dev.aichoose.model.Scenario;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Inline scenario figures that load but look like a unit slip: said as warnings, never silently used. */
public final class ImplausibleValues {
    private ImplausibleValues() {}

    /**
     * A scenario's inline figures that load but look like a unit slip: a
     * per-token price typed as per million, a $1.60 GPU, a GPU-hour at a tenth of a cent.
     */
    public static List<String> in(Scenario scenario) {
        List<String> out = new ArrayList<>();
        for (Option o : scenario.options()) {
            String at = scenario.file() + ": options[" + o.id() + "].";
            switch (o) {
                case Option.Api a -> {
                    lowPrice(out, at + "api.input_usd_per_mtok", a.inputUsdPerMtok());
                    lowPrice(out, at + "api.output_usd_per_mtok", a.outputUsdPerMtok());
                    lowPrice(out, at + "api.cached_input_usd_per_mtok", a.cachedInputUsdPerMtok());
                    lowPrice(out, at + "api.cache_write_usd_per_mtok", a.cacheWriteUsdPerMtok());
                    lowPrice(out, at + "api.reasoning_usd_per_mtok", a.reasoningUsdPerMtok());
                }
                case Option.SelfHosted h -> {
                    if (h.hardwareUsd() != null && h.hardwareUsd() > 0
                            && h.hardwareUsd() < SanityBounds.MIN_PLAUSIBLE_HARDWARE_USD) {
                        out.add(at + "self_hosted.hardware_usd: $" + show(h.hardwareUsd())
                                + " is implausibly low for GPU hardware (price in thousands?)");
                    }
                }
                case Option.Rented r -> {
                    if (r.usdPerGpuHour() != null && r.usdPerGpuHour() > 0
                            && r.usdPerGpuHour() < SanityBounds.MIN_PLAUSIBLE_USD_PER_GPU_HOUR) {
                        out.add(at + "rented.usd_per_gpu_hour: $" + show(r.usdPerGpuHour())
                                + " per GPU-hour is implausibly low");
                    }
                }
                case Option.Hybrid h -> { }
            }
        }
        return out;
    }

    private static void lowPrice(List<String> out, String field, Double v) {
        if (v != null && v > 0 && v < SanityBounds.MIN_PLAUSIBLE_USD_PER_MTOK) {
            out.add(field + ": $" + v + " per million tokens is implausibly low: is it a per-token price? "
                    + "(per million it would be $" + show(v * 1e6) + ")");
        }
    }

    private static String show(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
