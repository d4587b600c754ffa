package dev.aichoose.catalog;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Gpu;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * From a SkyPilot accelerator to our hardware id (docs/catalog-import.md, "GPU mapping"): the
 * {@code AcceleratorName}, the per-GPU memory {@code GpuInfo} states (an A100 of 40 GB and one of
 * 80 GB are different cards) and the instance type where it names the form factor (Lambda's
 * {@code gpu_1x_h100_pcie} and {@code gpu_1x_h100_sxm5} both say {@code H100}). An accelerator with no
 * row in the table, a form factor we have no id for, an id the hardware catalog does not hold, or a
 * memory that does not match the card's is not mapped: the import names it and leaves it out.
 */
public final class GpuMapping {
    private GpuMapping() {}

    /** Mapped to {@code hardware}, or not, and why. */
    public sealed interface Result {
        record Mapped(String hardware) implements Result {}

        record Unmapped(String why) implements Result {}
    }

    /** Accelerator names (upper case, letters and digits only) whose card needs no more to tell it apart. */
    static final Map<String, String> PLAIN = Map.ofEntries(
            Map.entry("L4", "nvidia/l4"),
            Map.entry("L40S", "nvidia/l40s"),
            Map.entry("RTX3090", "nvidia/rtx-3090"),
            Map.entry("RTX4090", "nvidia/rtx-4090"),
            Map.entry("RTX5090", "nvidia/rtx-5090"),
            Map.entry("B200", "nvidia/b200"),
            Map.entry("MI300X", "amd/mi300x"),
            // ids another change adds to the hardware catalog: mapped once the catalog holds them
            Map.entry("RTXPRO6000", "nvidia/rtx-pro-6000"),
            Map.entry("MI325X", "amd/mi325x"),
            Map.entry("MI355X", "amd/mi355x"),
            Map.entry("GB200", "nvidia/gb200"));

    private static final Pattern PCIE = Pattern.compile("(?i).*pcie.*");
    private static final Pattern NVL = Pattern.compile("(?i).*nvl.*");
    /** Azure's NC H100 v5 series carries the H100 NVL (94 GB), and its catalog rows state no memory. */
    private static final Pattern AZURE_NC_H100 = Pattern.compile("(?i)standard_nc\\d+ad\\w*_h100_v5");

    /** A card whose memory is this far from the catalog's VRAM is another card. */
    static final double MEMORY_TOLERANCE = 0.15;

    public static Result map(String accelerator, Double memoryGib, String instanceType, Catalog catalog) {
        String key = accelerator.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        String id = switch (key) {
            // RunPod's H100-80GB-HBM3 is the SXM card (the PCIe card has HBM2e)
            case "H100", "H100SXM", "H100SXM5", "H100PCIE", "H100NVL", "H10080GB", "H10080GBHBM3" ->
                h100(key, memoryGib, instanceType);
            case "H200", "H200SXM" -> NVL.matcher(instanceType).matches() ? null : "nvidia/h200-sxm";
            case "A100", "A10040GB", "A10080GB", "A100SXM4", "A100PCIE" -> a100(key, memoryGib, instanceType);
            default -> PLAIN.get(key);
        };
        if (id == null) {
            return new Result.Unmapped(
                    key.startsWith("H200") || key.startsWith("A100") || key.startsWith("H100")
                            ? "no hardware id for this form factor"
                            : "no mapping");
        }
        Gpu gpu = catalog == null ? null : catalog.gpus().get(id);
        if (catalog != null && gpu == null) return new Result.Unmapped(id + " is not in the hardware catalog");
        if (gpu != null && memoryGib != null) {
            double ratio = memoryGib / gpu.vramGb();
            if (ratio < 1 - MEMORY_TOLERANCE || ratio > 1 + MEMORY_TOLERANCE) {
                return new Result.Unmapped(String.format(
                        Locale.ROOT,
                        "%.0f GiB per GPU does not match %s's %s GB",
                        memoryGib,
                        id,
                        dev.aichoose.load.Sanity.show(gpu.vramGb())));
            }
        }
        return new Result.Mapped(id);
    }

    private static String h100(String key, Double memoryGib, String instanceType) {
        if (key.equals("H100PCIE") || PCIE.matcher(instanceType).matches()) return "nvidia/h100-pcie";
        if (key.equals("H100NVL")
                || NVL.matcher(instanceType).matches()
                || AZURE_NC_H100.matcher(instanceType).matches()
                || (memoryGib != null && memoryGib > 90)) return "nvidia/h100-nvl";
        return "nvidia/h100-sxm";
    }

    private static String a100(String key, Double memoryGib, String instanceType) {
        // the memory GpuInfo states decides; without it, SkyPilot's names do (A100 is the 40 GB card)
        boolean big = memoryGib != null ? memoryGib >= 60 : key.equals("A10080GB");
        boolean pcie = key.equals("A100PCIE") || PCIE.matcher(instanceType).matches();
        if (big) return pcie ? "nvidia/a100-80gb-pcie" : "nvidia/a100-80gb-sxm";
        return pcie ? null : "nvidia/a100-40gb-sxm";
    }
}
