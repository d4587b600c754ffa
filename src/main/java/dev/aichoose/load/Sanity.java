package dev.aichoose.load;

import dev.aichoose.model.Gpu;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Consistency checks between catalog entries that no single field's bounds can express. */
public final class Sanity {
    private Sanity() {}

    /** A system carries its card's per-GPU figures; any difference is a contradiction in the catalog. */
    public static List<String> systemAgainstCard(Gpu system, Gpu card) {
        List<String> out = new ArrayList<>();
        if (card.isSystem()) {
            out.add("card '" + card.id() + "' is itself a system; name the card it is built from");
            return out;
        }
        differs(out, "vram_gb", system.vramGb(), card.vramGb(), card.id());
        differs(out, "memory_bandwidth_gbps", system.memoryBandwidthGbps(), card.memoryBandwidthGbps(), card.id());
        differs(out, "tdp_w", system.tdpW(), card.tdpW(), card.id());
        if (system.bf16DenseTflops() != null && card.bf16DenseTflops() != null) {
            differs(out, "bf16_dense_tflops", system.bf16DenseTflops(), card.bf16DenseTflops(), card.id());
        }
        return out;
    }

    /** A system sold for less per GPU than its card alone is worth a second look (used cards, a typo). */
    public static Optional<String> systemPriceAgainstCard(Gpu system, Gpu card) {
        if (system.priceUsd() == null || card.priceUsd() == null) return Optional.empty();
        double perGpu = system.priceUsd() / system.gpusPerSystem();
        if (perGpu >= card.priceUsd()) return Optional.empty();
        return Optional.of("costs $" + show(perGpu) + " per GPU, less than the card " + card.id() + " alone ($"
                + show(card.priceUsd()) + "); check that both are the same kind of price (new, used, card, server)");
    }

    private static void differs(List<String> out, String field, double system, double card, String cardId) {
        if (Math.abs(system - card) > 0.005 * Math.max(Math.abs(card), 1e-9)) {
            out.add(field + " is " + show(system) + " per GPU but its card " + cardId + " has " + show(card));
        }
    }

    /** A number as written: no trailing zeros, no exponent (and Infinity or NaN as Java writes them). */
    public static String show(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
