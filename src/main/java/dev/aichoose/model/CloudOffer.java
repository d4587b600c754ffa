package dev.aichoose.model;

/** A GPU instance rented by the hour: {@code gpus} GPUs of catalog id {@code gpu}. */
public record CloudOffer(
        String id, String provider, String gpu, int gpus, double usdPerGpuHour, String tier, Provenance provenance) {}
