package dev.aichoose.serving;

import dev.aichoose.model.Gpu;

/**
 * The groups the serving model's accuracy is measured and reported in (docs/methodology.md §11.7).
 * Every operating point belongs to exactly one: the first that applies, in this order.
 */
public enum AccuracyGroup {
    /** Any mixture-of-experts model. */
    MOE("moe", "MoE"),
    /** A dense model on a replica of several GPUs. */
    MULTI_GPU("multi-gpu", "multi-GPU dense"),
    /** A dense model on one consumer, workstation or Apple GPU, one stream at a time. */
    CONSUMER_SINGLE_STREAM("consumer-single-stream", "consumer single-stream"),
    /** A dense model on one GPU: a data-centre card, or a consumer card serving several streams. */
    DATACENTER_DENSE("datacenter-dense", "dense on one GPU, data-centre or batched");

    private final String id;
    private final String label;

    AccuracyGroup(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static AccuracyGroup of(OperatingPoint p) {
        if (p.model().moe()) return MOE;
        if (p.gpus() > 1) return MULTI_GPU;
        Gpu gpu = p.gpu();
        boolean consumer = !"datacenter".equals(gpu.hardwareClass()) && !gpu.isSystem() || gpu.isApple();
        return consumer && p.concurrency() == 1 ? CONSUMER_SINGLE_STREAM : DATACENTER_DENSE;
    }
}
