package dev.aichoose.model;

/**
 * A GPU instance rented by the hour: {@code gpus} GPUs of catalog id {@code gpu}. {@code region} is
 * where the price holds (an imported offer records the region it was taken from), or null when the
 * source does not say.
 */
public record CloudOffer(
        String id,
        String provider,
        String gpu,
        int gpus,
        double usdPerGpuHour,
        String tier,
        Provenance provenance,
        String region) {

    /** An offer whose source names no region. */
    public CloudOffer(
            String id,
            String provider,
            String gpu,
            int gpus,
            double usdPerGpuHour,
            String tier,
            Provenance provenance) {
        this(id, provider, gpu, gpus, usdPerGpuHour, tier, provenance, null);
    }
}
