package dev.aichoose.serving;

import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What one replica may span (docs/methodology.md §11.9): the GPUs of one chassis, because tensor and
 * pipeline parallelism exchange activations at every layer and a replica never spans separate
 * servers. A system ({@code class: system}) is one chassis; a cloud instance is one; an Apple
 * computer is one; cards bought loose go into boxes of up to {@link #CARDS_PER_BOX}.
 *
 * @param gpu the hardware entry: per-GPU figures and the chassis' interconnect
 * @param gpusPerUnit GPUs in one unit the option counts (a card, a system, an instance)
 * @param maxGpus the most GPUs one replica may span
 * @param unitsName how the report names several separate units ("nvidia/l40s-1x-server servers")
 * @param divides whether a replica's GPUs must divide the unit's (a system packs whole replicas)
 */
public record Chassis(Gpu gpu, int gpusPerUnit, int maxGpus, String unitsName, boolean divides) {
    /** The most loose cards one box takes: the double-width slots of a standard 8-GPU server. */
    public static final int CARDS_PER_BOX = 8;

    /** The chassis an owned {@code gpu} comes in: a system is one, cards go into boxes. */
    public static Chassis of(Gpu gpu) {
        return gpu.isSystem() ? system(gpu) : cards(gpu);
    }

    /** A system: one chassis of {@code gpusPerSystem} GPUs. */
    public static Chassis system(Gpu system) {
        return new Chassis(system, system.gpusPerSystem(), system.gpusPerSystem(), system.id() + " servers", true);
    }

    /**
     * Cards bought loose: they go into boxes of up to {@link #CARDS_PER_BOX}, so a replica spans at most
     * that many (fewer when the option owns fewer: its count says so). A computer whose GPU shares its memory
     * with the CPU (an Apple Mac, a DGX Spark, an AMD Ryzen AI Max) is a chassis of its own: two of them are
     * two machines on a network, not two cards in one box.
     */
    public static Chassis cards(Gpu card) {
        if (card.isApple() || card.memoryKind() == Gpu.Memory.UNIFIED || card.gpusPerSystem() > 1) {
            return new Chassis(card, card.gpusPerSystem(), card.gpusPerSystem(), card.id() + " computers", true);
        }
        return new Chassis(card, 1, CARDS_PER_BOX, "boxes of loose " + card.id() + " cards", false);
    }

    /** A cloud instance of {@code gpus} GPUs of {@code card}. */
    public static Chassis instance(Gpu card, int gpus, String offer) {
        return new Chassis(card, gpus, gpus, offer + " instances", true);
    }

    /** What to do about a model that does not fit a replica of {@code gpus} GPUs of this chassis. */
    public String advice(int gpus) {
        if (gpus < maxGpus) return "spread it over more GPUs with gpus_per_replica, or quantize further";
        return "a replica never spans separate " + unitsName + " and one holds at most " + maxGpus + " GPU"
                + (maxGpus == 1 ? "" : "s") + ": choose hardware with more GPUs in one system, or quantize further";
    }

    /** Whether a replica of {@code gpus} GPUs fits in one chassis. */
    public boolean holds(int gpus) {
        return gpus <= maxGpus && (!divides || gpusPerUnit % gpus == 0);
    }

    /**
     * Why the replica at {@code point} (its GPUs, engine, format, model and split) cannot serve whatever the
     * load: it would span separate units (§11.9), the engine cannot run there (§11.6), or its tensor split
     * does not divide the model's attention heads. The one rule {@code estimate} and an option's capacity
     * both apply.
     */
    public List<String> replicaProblems(OperatingPoint point) {
        List<String> problems = new ArrayList<>();
        if (!holds(point.gpus())) problems.add(spanProblem(point.gpus()));
        point.engine().problemOn(gpu, point.quantization()).ifPresent(problems::add);
        headSplitProblem(point).ifPresent(problems::add);
        return problems;
    }

    /**
     * A batching server splits a tensor-parallel replica's attention heads evenly among its GPUs, so a
     * replica whose GPUs do not divide the model's heads does not start (vLLM: "Total number of attention
     * heads (64) must be divisible by tensor parallel size (3)", vllm-project/vllm vllm/config/model.py
     * {@code verify_with_parallel_config} at commit 18ec6629253632af0a384f2ffbb8c6b28af322e7, read
     * 2026-12-07; SGLang and TensorRT-LLM shard the heads the same way). Its KV heads are split the same way
     * where there are at least as many as GPUs, and each copied to a whole number of GPUs where there are
     * fewer, so the GPUs must divide the KV heads or the KV heads the GPUs (vLLM's {@code QKVParallelLinear}:
     * {@code divide(total_num_kv_heads, tp_size)}, else {@code divide(tp_size, total_num_kv_heads)},
     * vllm/model_executor/layers/linear.py at commit 8c94938cfb92cc00b244ae4a933c5f60dbc1139f, read
     * 2026-12-08). llama.cpp splits layers or rows and has no such rule.
     */
    public static Optional<String> headSplitProblem(OperatingPoint point) {
        int n = point.gpus();
        if (n < 2 || point.parallelism() != Parallelism.TENSOR || point.engine().family() != Engine.Family.SERVER) {
            return Optional.empty();
        }
        Integer heads = point.model().architecture().attentionHeads();
        int kv = point.model().kvHeads();
        if (splits(heads, kv, n)) return Optional.empty();
        List<String> counts = IntStream.rangeClosed(2, CARDS_PER_BOX)
                .filter(g -> splits(heads, kv, g))
                .mapToObj(String::valueOf)
                .toList();
        String choose = counts.isEmpty()
                ? "one GPU"
                : counts.size() == 1
                        ? counts.getFirst() + " GPUs"
                        : String.join(", ", counts.subList(0, counts.size() - 1)) + " or " + counts.getLast() + " GPUs";
        if (heads != null && heads % n != 0) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "%s splits a tensor-parallel replica's attention heads evenly among its GPUs, and %s's %d heads "
                            + "do not divide among %d (vLLM refuses it: \"Total number of attention heads (%d) must be "
                            + "divisible by tensor parallel size (%d)\"): choose %s, or pipeline parallelism",
                    point.engine().id(),
                    point.model().id(),
                    heads,
                    n,
                    heads,
                    n,
                    choose));
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "%s splits a tensor-parallel replica's KV heads evenly among its GPUs, or copies each to the same "
                        + "number of them, and %s's %d KV heads do neither on %d (vLLM divides the one count by the "
                        + "other and refuses a remainder): choose %s, or pipeline parallelism",
                point.engine().id(),
                point.model().id(),
                kv,
                n,
                choose));
    }

    /** Whether {@code gpus} split {@code heads} attention heads and {@code kv} KV heads as a server needs. */
    private static boolean splits(Integer heads, int kv, int gpus) {
        boolean attention = heads == null || heads % gpus == 0;
        boolean keys = kv < 1 || (gpus >= kv ? gpus % kv == 0 : kv % gpus == 0);
        return attention && keys;
    }

    /** Why a replica of {@code gpus} GPUs does not fit one chassis, in words. */
    public String spanProblem(int gpus) {
        if (gpus > maxGpus()) {
            int units = (int) Math.ceil((double) gpus / Math.max(1, gpusPerUnit()));
            return String.format(
                    Locale.ROOT,
                    "a replica of %d GPUs would span %s: a replica runs inside one chassis (its GPUs exchange "
                            + "activations at every layer), and one holds at most %d; choose hardware with at least %d "
                            + "GPUs in one system, or quantize further",
                    gpus,
                    gpusPerUnit() > 1 || divides()
                            ? units + " separate " + unitsName()
                            : unitsName() + " (at most " + maxGpus() + " to a box)",
                    maxGpus(),
                    gpus);
        }
        return String.format(
                Locale.ROOT,
                "a replica of %d GPUs does not divide the %d GPUs of one of the %s: choose gpus_per_replica among "
                        + "its divisors",
                gpus,
                gpusPerUnit(),
                unitsName());
    }
}
