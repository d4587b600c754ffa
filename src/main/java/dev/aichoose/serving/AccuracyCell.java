package dev.aichoose.serving;

import dev.aichoose.model.Engine;
import dev.aichoose.model.ServingCalibration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A part of an accuracy group whose measured error differs from the rest of its group by so much that
 * an estimate in it is reported with its own (docs/methodology.md §11.7, "An estimate carries its error").
 * A cell is reported where its out-of-sample runs come from at least {@link #MIN_PUBLISHERS} publishers;
 * otherwise its group's figures stand.
 */
public enum AccuracyCell {
    /**
     * A mixture of experts decoding one stream on vLLM, SGLang or TensorRT-LLM, where the step is the fixed
     * times of the layers and the engine's MoE kernels at their smallest batch, and the publishers' builds
     * disagree most.
     */
    MOE_ONE_STREAM_SERVER("moe-one-stream-server", "MoE at one stream on vllm, sglang or trt-llm", AccuracyGroup.MOE),
    /**
     * A mixture of experts on vLLM, SGLang or TensorRT-LLM at more than {@link #MANY_STREAMS} streams: a
     * few publishers' sweeps at hundreds of streams, short prompts over-estimated and long ones under.
     */
    MOE_MANY_STREAMS_SERVER(
            "moe-many-streams-server", "MoE at more than 64 streams on vllm, sglang or trt-llm", AccuracyGroup.MOE),
    /** A dense model on several GPUs, on the same servers at more than {@link #MANY_STREAMS} streams. */
    MULTI_GPU_MANY_STREAMS_SERVER(
            "multi-gpu-many-streams-server",
            "multi-GPU dense at more than 64 streams on vllm, sglang or trt-llm",
            AccuracyGroup.MULTI_GPU);

    /** The fewest publishers a cell's figures are reported from. */
    public static final int MIN_PUBLISHERS = 5;

    /** The streams above which a batching server's point is in a many-streams cell. */
    public static final int MANY_STREAMS = 64;

    private final String id;
    private final String label;
    private final AccuracyGroup group;

    AccuracyCell(String id, String label, AccuracyGroup group) {
        this.id = id;
        this.label = label;
        this.group = group;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The group the cell is a part of. */
    public AccuracyGroup group() {
        return group;
    }

    /** The cell of that id, if it is one. */
    public static Optional<AccuracyCell> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** The cell the point falls in, if any. */
    public static Optional<AccuracyCell> of(OperatingPoint p) {
        if (p.engine().family() != Engine.Family.SERVER) return Optional.empty();
        AccuracyGroup group = AccuracyGroup.of(p);
        if (group == AccuracyGroup.MOE && p.concurrency() == 1) return Optional.of(MOE_ONE_STREAM_SERVER);
        if (p.concurrency() <= MANY_STREAMS) return Optional.empty();
        return switch (group) {
            case MOE -> Optional.of(MOE_MANY_STREAMS_SERVER);
            case MULTI_GPU -> Optional.of(MULTI_GPU_MANY_STREAMS_SERVER);
            default -> Optional.empty();
        };
    }

    /**
     * The measured error an estimate at {@code p} is reported with: its cell's where the calibration has
     * the cell from enough publishers, else its group's.
     */
    public static Optional<ServingCalibration.GroupAccuracy> accuracy(
            ServingCalibration calibration, OperatingPoint p) {
        return of(p).flatMap(c -> calibration.accuracyOf(c.id()))
                .filter(a -> a.publishers() >= MIN_PUBLISHERS)
                .or(() -> calibration.accuracyOf(AccuracyGroup.of(p).id()));
    }
}
