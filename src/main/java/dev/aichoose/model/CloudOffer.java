package dev.aichoose.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A GPU instance rented by the hour: {@code gpus} GPUs of catalog id {@code gpu}. {@code region} is
 * where the price holds (an imported offer records the region it was taken from), or null when the
 * source does not say. {@code billing} is how the provider bills it beyond the hourly price, where
 * the catalog knows.
 */
public record CloudOffer(
        String id,
        String provider,
        String gpu,
        int gpus,
        double usdPerGpuHour,
        String tier,
        Provenance provenance,
        String region,
        Billing billing) {

    public CloudOffer {
        if (billing == null) billing = Billing.UNKNOWN;
    }

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

    /** An offer billed as the catalog does not say beyond its hourly price. */
    public CloudOffer(
            String id,
            String provider,
            String gpu,
            int gpus,
            double usdPerGpuHour,
            String tier,
            Provenance provenance,
            String region) {
        this(id, provider, gpu, gpus, usdPerGpuHour, tier, provenance, region, Billing.UNKNOWN);
    }

    /** The tiers a rented offer is sold on (docs/methodology.md §5). */
    public static final String ON_DEMAND = "on_demand";

    public static final String SPOT = "spot";
    public static final String RESERVED = "reserved";
    public static final String SERVERLESS = "serverless";

    public boolean serverless() {
        return SERVERLESS.equals(tier);
    }

    public boolean spot() {
        return SPOT.equals(tier);
    }

    public boolean reserved() {
        return RESERVED.equals(tier);
    }

    /**
     * What the hourly price leaves out or how it is counted, each null where the catalog does not
     * say: {@code storage} and {@code egress} {@code included} in the price or {@code billed} apart; a
     * reservation's {@code termMonths}; a spot offer's {@code interruptionsPerMonth}; a serverless
     * worker's {@code idleTimeoutSeconds} (how long it stays up, billed, after its last request),
     * {@code billingIncrementSeconds} (the unit busy time is rounded up to) and {@code coldStartSeconds};
     * {@code alwaysOn} a serverless worker billed every hour whether it works or not (RunPod's
     * "active" worker), null or false for one billed while it runs ("flex").
     */
    public record Billing(
            String storage,
            String egress,
            Integer termMonths,
            Double interruptionsPerMonth,
            Double idleTimeoutSeconds,
            Double billingIncrementSeconds,
            Double coldStartSeconds,
            Boolean alwaysOn) {
        public static final Billing UNKNOWN = new Billing(null, null, null, null, null, null, null, null);
        public static final String INCLUDED = "included";
        public static final String BILLED = "billed";

        /**
         * What the hourly price leaves to be billed apart, in the order storage, egress: the lines a
         * scenario adds with {@code rented.recurring}. Empty where both are included or not said.
         */
        public List<String> billedApart() {
            List<String> apart = new ArrayList<>(2);
            if (BILLED.equals(storage)) apart.add("storage");
            if (BILLED.equals(egress)) apart.add("egress");
            return List.copyOf(apart);
        }
    }
}
