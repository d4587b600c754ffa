package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A GPU card or a whole system one can buy. Memory, bandwidth, compute and power are per GPU;
 * the price is for the item: the card, or the whole system ({@code hardwareClass} "system", with
 * {@code gpusPerSystem} GPUs of card {@code card}). {@code priceUsd} is null for a card the
 * sources price only inside a system. {@code bf16DenseTflops} is dense BF16 tensor throughput
 * (FP32 accumulate), never a sparse figure; {@code fp8DenseTflops} and {@code fp4DenseTflops} the
 * same for FP8 and FP4 where the card has them. {@code estimated} names the figures that are
 * estimates or the low end of a range; {@code priceRangeUsd} is that range where one is known.
 * {@code interconnect} is how the GPUs of one chassis talk (for a card: a box of such cards), at
 * {@code interconnectGbps} GB/s per GPU and direction; {@code memory} the memory technology.
 * {@code host} names the {@link Host} a card needs (bought with it, one per host's slots), or the host
 * a system is built on (its price already in the system's, its power added); null for none.
 *
 * <p>Twenty components, several of one type: assembled by name with {@link GpuBuilder}, never by
 * position. A figure not set is null (not known), the lists empty.
 */
@RecordBuilder
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
        Double fp8DenseTflops,
        Double fp4DenseTflops,
        String architecture,
        Memory memory,
        Interconnect interconnect,
        Double interconnectGbps,
        String host)
        implements GpuBuilder.With {

    /** How the GPUs of one chassis exchange activations, as the catalog writes it. */
    public enum Interconnect {
        NVLINK("nvlink"),
        PCIE("pcie"),
        INFINITY_FABRIC("infinity-fabric"),
        NONE("none");

        private final String id;

        Interconnect(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<Interconnect> byId(String id) {
            for (Interconnect i : values()) if (i.id.equals(id.trim().toLowerCase(Locale.ROOT))) return Optional.of(i);
            return Optional.empty();
        }
    }

    /** The memory technology: stacked HBM, GDDR on a board, or memory an Apple chip shares with its CPU. */
    public enum Memory {
        HBM,
        GDDR,
        UNIFIED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Gpu {
        estimated = estimated == null ? List.of() : List.copyOf(estimated);
        priceRangeUsd = priceRangeUsd == null ? List.of() : List.copyOf(priceRangeUsd);
    }

    public boolean isSystem() {
        return "system".equals(hardwareClass);
    }

    /** A consumer card or machine ({@code class: consumer}), where GGUF runners (llama.cpp, Ollama) serve. */
    public boolean isConsumer() {
        return "consumer".equals(hardwareClass);
    }

    public boolean isEstimated(String field) {
        return estimated.contains(field);
    }

    /** An Apple chip (unified memory, Metal): its architecture says so, or its id is Apple's. */
    public boolean isApple() {
        return (architecture != null && architecture.startsWith("apple")) || id.startsWith("apple/");
    }

    /** The memory technology: as the catalog says, else HBM for data-centre parts, unified for Apple, GDDR otherwise. */
    public Memory memoryKind() {
        if (memory != null) return memory;
        if (isApple()) return Memory.UNIFIED;
        return isConsumer() || "workstation".equals(hardwareClass) ? Memory.GDDR : Memory.HBM;
    }
}
