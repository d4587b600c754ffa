package dev.aichoose.model;

/**
 * A GPU card or a whole system one can buy. Memory, bandwidth, compute and power are per GPU;
 * the price is for the item (the card, or the whole system when {@code gpusPerSystem} > 1).
 */
public record Gpu(
        String id,
        String name,
        String hardwareClass,
        int gpusPerSystem,
        double priceUsd,
        double vramGb,
        double memoryBandwidthGbps,
        Double bf16DenseTflops,
        double tdpW,
        Provenance provenance) {}
