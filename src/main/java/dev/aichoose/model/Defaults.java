package dev.aichoose.model;

/**
 * Every default the engine applies when a scenario is silent. docs/methodology.md gives the
 * source of each; change one there and here together.
 */
public final class Defaults {
    private Defaults() {}

    /** Three years, the usual depreciation horizon for servers. */
    public static final int HORIZON_MONTHS = 36;
    /** Red Hat ConfigIQ costing assumptions: $0.12/kWh. */
    public static final double ELECTRICITY_USD_PER_KWH = 0.12;
    /** An office or home rack with no data-centre overhead; ConfigIQ uses 1.4 for data centres. */
    public static final double PUE = 1.0;
    /** Red Hat ConfigIQ: one FTE costs $18,000 a month; ÷ 160 working hours = $112.50 an hour. */
    public static final double OPS_USD_PER_HOUR = 112.5;
    /** No staff time unless the scenario says; the report warns when owned or rented hardware has none. */
    public static final double OPS_HOURS_PER_MONTH = 0;
    /** Red Hat ConfigIQ: 8 % cost of capital. */
    public static final double DISCOUNT_RATE_ANNUAL = 0.08;
    /** Red Hat ConfigIQ: 5 % of the hardware price a year for maintenance. */
    public static final double MAINTENANCE_SHARE_ANNUAL = 0.05;
    /** Red Hat ConfigIQ: 4-year server life. */
    public static final int LIFETIME_MONTHS = 48;
    /** Red Hat ConfigIQ: 20 % residual value at the end of life. */
    public static final double RESIDUAL_SHARE = 0.2;
    /** Peak hour traffic relative to the monthly average. */
    public static final double PEAK_TO_AVERAGE = 3.0;
    /** KV-planner's default memory-bandwidth utilisation for decode (after Databricks' inference guide). */
    public static final double MBU = 0.75;
    /** KV-planner's default model FLOPs utilisation (after PaLM). */
    public static final double MFU = 0.5;
    /** Usable share of VRAM, as vLLM's default gpu_memory_utilization. */
    public static final double USABLE_VRAM_SHARE = 0.9;
    /** Runtime overhead (CUDA context, graph buffers): VRAM calculators such as gpu_poor add 0.5–3 GB. */
    public static final double RUNTIME_OVERHEAD_GB = 1.0;
    /** KV cache kept in 16-bit floats. */
    public static final double KV_BYTES_PER_ELEMENT = 2.0;
    /** Streams served at once by a llama.cpp-class runner (GGUF): one, as llama-server's default slot. */
    public static final int GGUF_CONCURRENCY = 1;
    /** Streams served at once by a vLLM-class server: the low end of the effective batch of 32–128 (cliffcenter). */
    public static final int SERVER_CONCURRENCY = 32;
    /**
     * Share of a replica's throughput a fleet sized by aichoose may use in the peak hour: Red Hat
     * ConfigIQ's planning capacity of 90 %. The peak hour itself is already in
     * {@code peak_to_average}; the 10 % left covers bursts within it and a replica out for a restart.
     */
    public static final double PLANNING_UTILISATION = 0.9;

    /**
     * The share of an owned system's maximum power it draws on average: 1, the maximum, the figure
     * a system's documentation gives (NVIDIA's DGX H100 guide: a 10.2 kW maximum input) and the one
     * ConfigIQ charges (GPU TDP plus base server power). A DGX H100 typically draws 6.5-8.5 kW of its 10.2 kW
     * (supercluster.blog, read 2026-12-06): 0.64-0.83 for a scenario that prefers the typical draw.
     */
    public static final double POWER_LOAD_FACTOR = 1.0;

    /**
     * How often a spot GPU instance is taken back a month where neither the catalog nor the scenario
     * says: 0.15, the middle of the 10-20 % "frequency of interruption" AWS's Spot Instance Advisor
     * showed for H100 instances (p5.48xlarge) on 2026-02-24 (thundercompute.com/blog/cloud-gpu-spot-
     * instance-availability; the Advisor's band is the share of instances reclaimed in the trailing month).
     */
    public static final double SPOT_INTERRUPTIONS_PER_MONTH = 0.15;

    /**
     * Seconds a GPU worker takes to start and load a model, for a serverless cold start and a spot
     * replica's restart where the catalog and scenario do not say: 60, the middle of the 30-90 s
     * pikkero.com/blog/runpodio-serverless-2026-practical-guide-for-ai-teams reports for container start,
     * CUDA initialisation and model loading (last updated 2026-05-01). RunPod's FlashBoot cuts it to about
     * 2.5 s for an endpoint with steady traffic (server-rentals-blog.pages.dev/blog/runpod-serverless-deep-dive).
     */
    public static final double WORKER_START_SECONDS = 60;

    /**
     * A serverless worker's idle timeout and billing increment where the catalog does not say: RunPod's
     * defaults, 5 s idle timeout (docs.runpod.io/serverless/endpoints/endpoint-configurations, read
     * 2026-12-06) and billing per second rounded up to the second (docs.runpod.io/serverless/pricing).
     */
    public static final double SERVERLESS_IDLE_TIMEOUT_SECONDS = 5;

    public static final double SERVERLESS_BILLING_INCREMENT_SECONDS = 1;

    /**
     * A reservation's commitment where neither the catalog nor the scenario gives one: 12 months, the
     * shorter of the 1- and 3-year terms reservations are sold on.
     */
    public static final int RESERVED_TERM_MONTHS = 12;
    /**
     * APIs each owned, rented or hybrid option is paired with for breakeven and crossover: the
     * cheapest feasible ones by TCO. A catalog-wide comparison (every GPU against every API model)
     * would otherwise report options × APIs pairs, most of them against APIs nobody would choose.
     */
    public static final int PAIRED_APIS = 5;
    /** Catalog entries older than this are flagged as stale in reports. */
    public static final int STALE_AFTER_DAYS = 180;
}
