package dev.aichoose.model;

import java.util.List;

/**
 * A GPU card or a whole system one can buy. Memory, bandwidth, compute and power are per GPU;
 * the price is for the item: the card, or the whole system ({@code hardwareClass} "system", with
 * {@code gpusPerSystem} GPUs of card {@code card}). {@code priceUsd} is null for a card the
 * sources price only inside a system. {@code bf16DenseTflops} is dense BF16 tensor throughput
 * (FP32 accumulate), never a sparse figure. {@code estimated} names the figures that are
 * estimates or the low end of a range; {@code priceRangeUsd} is that range where one is known.
 * {@code host} names the {@link Host} a card needs (bought with it, one per host's slots), or the host
 * a system is built on (its price already in the system's, its power added); null for none.
 */
public record Gpu(
        String id,
        String name,
        String hardwareClass,
        int gpusPerSystem,
        Double priceUsd,
        double vramGb,
        double memoryBandwidthGbps,
        Double bf16DenseTflops,
        double tdpW,
        Provenance provenance,
        String card,
        List<String> estimated,
        List<Double> priceRangeUsd,
        String host) {

    public Gpu {
        estimated = estimated == null ? List.of() : List.copyOf(estimated);
        priceRangeUsd = priceRangeUsd == null ? List.of() : List.copyOf(priceRangeUsd);
    }

    /** An entry that names no host: a whole computer, or a card the scenario houses itself. */
    public Gpu(
            String id,
            String name,
            String hardwareClass,
            int gpusPerSystem,
            Double priceUsd,
            double vramGb,
            double memoryBandwidthGbps,
            Double bf16DenseTflops,
            double tdpW,
            Provenance provenance,
            String card,
            List<String> estimated,
            List<Double> priceRangeUsd) {
        this(
                id,
                name,
                hardwareClass,
                gpusPerSystem,
                priceUsd,
                vramGb,
                memoryBandwidthGbps,
                bf16DenseTflops,
                tdpW,
                provenance,
                card,
                estimated,
                priceRangeUsd,
                null);
    }

    public Gpu(
            String id,
            String name,
            String hardwareClass,
            int gpusPerSystem,
            double priceUsd,
            double vramGb,
            double memoryBandwidthGbps,
            Double bf16DenseTflops,
            double tdpW,
            Provenance provenance) {
        this(
                id,
                name,
                hardwareClass,
                gpusPerSystem,
                priceUsd,
                vramGb,
                memoryBandwidthGbps,
                bf16DenseTflops,
                tdpW,
                provenance,
                null,
                List.of(),
                List.of());
    }

    public boolean isSystem() {
        return "system".equals(hardwareClass);
    }

    public boolean isEstimated(String field) {
        return estimated.contains(field);
    }
}
