package dev.aichoose.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The serving model's fitted efficiencies and how well it predicts the published measurements
 * (docs/methodology.md §11.5, §11.7). Fitted on {@code pricing/throughput-measurements.yaml} (and
 * any measurements a price book adds); {@code accuracy} is out of sample: each fitted publisher's runs
 * predicted by a fit on the others' only (leave-one-publisher-out), and the runs held out of the fit
 * predicted by the full fit, pooled by group; then the held-out runs alone and the excluded runs.
 *
 * @param engines each engine's share of the memory bandwidth a decode step reaches, by memory
 *     technology, and its fixed time per layer and step
 * @param computeEfficiency the share of the dense tensor FLOPS matrix products reach
 * @param moeComputeEfficiency the same for a mixture of experts, whose tokens are scattered over many
 *     small expert products
 * @param moeLayerOverheadUs the time each mixture-of-experts layer adds to a step for routing and
 *     its many small matrix products, microseconds
 * @param moeLayerOverheadFactors that time on each GPU generation ({@link Gpu#architecture()}) relative
 *     to {@code moeLayerOverheadUs}, where the fit had MoE runs on it; 1 elsewhere
 * @param weightOnlyReadShare the share of the engine's bandwidth a quantized-weight kernel reaches
 *     (vLLM and SGLang on AWQ, GPTQ, INT4 and INT8 weights, and on FP8 weights where the card has no FP8
 *     tensor cores), relative to the BF16 and FP8 products; 1 in the prior
 * @param linkBandwidthShare the share of the chassis link's bandwidth (per GPU and direction) the
 *     all-reduces of tensor-parallel replicas reach at the message sizes of a step; 1 in the prior
 * @param runs measurements fitted, {@code publishers} how many independent publishers they come from
 */
public record ServingCalibration(
        Map<Engine, EngineFit> engines,
        double computeEfficiency,
        double moeComputeEfficiency,
        double moeLayerOverheadUs,
        List<GroupAccuracy> accuracy,
        int runs,
        int publishers,
        Map<String, Double> moeLayerOverheadFactors,
        double weightOnlyReadShare,
        double linkBandwidthShare) {

    /**
     * The figures before any measurement: KV-planner's defaults (memory-bandwidth utilisation 0.75
     * after Databricks' inference guide, model FLOPs utilisation 0.5 after PaLM), no fixed time per
     * layer, every memory technology at its nominal bandwidth. The fit starts from here and is pulled
     * back towards it where the table says little (docs/methodology.md §11.7).
     */
    public static final ServingCalibration PRIOR = new ServingCalibration(
            java.util.Arrays.stream(Engine.values())
                    .collect(java.util.stream.Collectors.toMap(
                            e -> e,
                            e -> new EngineFit(
                                    0.75,
                                    Map.of(Gpu.Memory.HBM, 1.0, Gpu.Memory.GDDR, 1.0, Gpu.Memory.UNIFIED, 1.0),
                                    0,
                                    0,
                                    0))),
            0.5,
            0.5,
            0,
            List.of(),
            0,
            0,
            Map.of(),
            1.0,
            1.0);

    public ServingCalibration {
        engines = Map.copyOf(engines);
        accuracy = List.copyOf(accuracy);
        moeLayerOverheadFactors = Map.copyOf(moeLayerOverheadFactors);
    }

    /** The time a mixture-of-experts layer adds to a step on a GPU of {@code architecture}, microseconds. */
    public double moeLayerOverheadUs(String architecture) {
        double factor = architecture == null ? 1 : moeLayerOverheadFactors.getOrDefault(architecture, 1.0);
        return moeLayerOverheadUs * factor;
    }

    /**
     * One engine's fitted figures: the share of the nominal memory bandwidth a decode step reaches on
     * GDDR ({@code bandwidthEfficiency}) and, relative to that, on each memory technology
     * ({@code memoryFactors}); its fixed time per layer and step. Fitted on {@code runs}
     * measurements of its family ({@link Engine.Family}) from {@code publishers} publishers (none: the prior).
     */
    public record EngineFit(
            double bandwidthEfficiency,
            Map<Gpu.Memory, Double> memoryFactors,
            double layerOverheadUs,
            int runs,
            int publishers) {
        public EngineFit {
            memoryFactors = Map.copyOf(memoryFactors);
        }

        /** The share of nominal bandwidth reached on {@code memory}, at most all of it. */
        public double bandwidthShare(Gpu.Memory memory) {
            return Math.min(1, bandwidthEfficiency * memoryFactors.getOrDefault(memory, 1.0));
        }
    }

    /**
     * How the estimates of one group of runs compare with what was measured, out of sample.
     *
     * @param medianRatio the median of estimate ÷ measured
     * @param within30 the share of runs estimated within ±30 %, {@code within25} within ±25 %
     * @param lowFactor the 10th percentile of measured ÷ estimate, {@code highFactor} the 90th, each
     *     publisher weighted equally: the range of the factor that turns an estimate into what a
     *     publisher not in the table would measure
     * @param publisherWithin30 the share within ±30 % with each publisher weighted equally (each of its
     *     runs counts one over its runs in the group): what a setup like no publisher's in the table can
     *     expect, where one publisher's many runs would otherwise speak for the group
     * @param publisherMedianRatio the median of estimate ÷ measured, each publisher weighted equally
     */
    public record GroupAccuracy(
            String group,
            String label,
            int runs,
            int publishers,
            double medianRatio,
            double within30,
            double within25,
            double lowFactor,
            double highFactor,
            double publisherWithin30,
            double publisherMedianRatio) {}

    /** The same parameters with their out-of-sample accuracy. */
    public ServingCalibration withAccuracy(List<GroupAccuracy> groups) {
        return new ServingCalibration(
                engines,
                computeEfficiency,
                moeComputeEfficiency,
                moeLayerOverheadUs,
                groups,
                runs,
                publishers,
                moeLayerOverheadFactors,
                weightOnlyReadShare,
                linkBandwidthShare);
    }

    public EngineFit engine(Engine engine) {
        return engines.get(engine);
    }

    /** The out-of-sample accuracy of a group, when the table has runs in it. */
    public Optional<GroupAccuracy> accuracyOf(String group) {
        return accuracy.stream().filter(a -> a.group().equals(group)).findFirst();
    }
}
