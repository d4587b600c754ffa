package dev.aichoose.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.ThroughputMeasurement;
import dev.aichoose.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What must hold of the serving model at any operating point of the shipped catalogs (seeded draws). */
class ServingPropertiesTest {
    private static final Catalog CATALOG = Fixtures.catalog();
    private static final int DRAWS = 2000;
    private final Random random = new Random(20261206);

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private OperatingPoint draw() {
        Gpu gpu = pick(List.copyOf(CATALOG.gpus().values()));
        OpenModel model = pick(List.copyOf(CATALOG.openModels().values()));
        Engine engine = pick(List.of(Engine.values()));
        return new OperatingPoint(
                gpu,
                1 << random.nextInt(4),
                pick(List.of(Parallelism.values())),
                model,
                pick(List.of(Quantization.values())),
                pick(List.of(KvPrecision.values())),
                engine,
                1 + random.nextInt(random.nextBoolean() ? 4 : 256),
                random.nextInt(5) == 0 ? 0 : Math.exp(random.nextDouble() * Math.log(50_000)),
                1 + Math.exp(random.nextDouble() * Math.log(8_000)));
    }

    /** The same model with {@code factor} times the parameters and {@code extraLayers} more layers. */
    private static OpenModel grown(OpenModel m, double factor, int extraLayers) {
        OpenModel.Architecture a = m.architecture();
        OpenModel.Moe moe = a.moe() == null
                ? null
                : new OpenModel.Moe(
                        a.moe().experts(),
                        a.moe().expertsPerToken(),
                        a.moe().sharedExperts(),
                        a.moe().moeLayers(),
                        a.moe().expertParamsB() * factor);
        return dev.aichoose.model.OpenModelBuilder.builder(m)
                .paramsB(m.paramsB() * factor)
                .activeParamsB(m.activeParamsB() * factor)
                .layers(m.layers() + extraLayers)
                .architecture(new OpenModel.Architecture(
                        a.attentionHeads(),
                        a.hiddenSize(),
                        a.attention(),
                        a.kvLoraRank(),
                        a.qkRopeHeadDim(),
                        a.slidingWindow(),
                        a.slidingWindowLayers(),
                        a.kvFreeLayers(),
                        moe,
                        a.nativePrecision(),
                        a.vocabSize(),
                        a.tiedEmbeddings()))
                .build();
    }

    @Test
    void throughputNeverRisesWhenTheModelGrowsOrTheCardsBandwidthFalls() {
        int served = 0;
        for (int i = 0; i < DRAWS; i++) {
            OperatingPoint p = draw();
            ServingEstimate base = ServingModel.estimate(p, CATALOG.calibration());
            if (base.fits()) served++;
            OperatingPoint bigger = new OperatingPoint(
                    p.gpu(),
                    p.gpus(),
                    p.parallelism(),
                    grown(p.model(), 1 + random.nextDouble() * 3, random.nextInt(3) == 0 ? 0 : random.nextInt(40)),
                    p.quantization(),
                    p.kvPrecision(),
                    p.engine(),
                    p.concurrency(),
                    p.inputTokens(),
                    p.outputTokens());
            Gpu g = p.gpu();
            Gpu slower = g.withMemoryBandwidthGbps(g.memoryBandwidthGbps() * (0.1 + 0.9 * random.nextDouble()));
            OperatingPoint onSlower = new OperatingPoint(
                    slower,
                    p.gpus(),
                    p.parallelism(),
                    p.model(),
                    p.quantization(),
                    p.kvPrecision(),
                    p.engine(),
                    p.concurrency(),
                    p.inputTokens(),
                    p.outputTokens());
            double tolerance = 1e-9 * Math.max(1, base.tokensPerSecond());
            assertThat(ServingModel.estimate(bigger, CATALOG.calibration()).tokensPerSecond())
                    .as("larger model: %s", bigger)
                    .isLessThanOrEqualTo(base.tokensPerSecond() + tolerance);
            assertThat(ServingModel.estimate(onSlower, CATALOG.calibration()).tokensPerSecond())
                    .as("slower memory: %s", onSlower)
                    .isLessThanOrEqualTo(base.tokensPerSecond() + tolerance);
            // and nothing is negative, infinite or not a number
            assertThat(base.tokensPerSecond()).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(base.ttftMs()).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(base.tpotMs()).isFinite().isGreaterThanOrEqualTo(0);
        }
        // not vacuous: a good share of the draws fit at all
        assertThat(served).isGreaterThan(DRAWS / 5);
    }

    @Test
    void moreStreamsNeverLowerThroughputAndNeverShortenTheTimePerToken() {
        for (int i = 0; i < DRAWS / 4; i++) {
            OperatingPoint p = draw();
            ServingEstimate fewer = ServingModel.estimate(p, CATALOG.calibration());
            if (!fewer.fits()) continue;
            ServingEstimate more = ServingModel.estimate(p.withConcurrency(p.concurrency() * 2), CATALOG.calibration());
            assertThat(more.tokensPerSecond()).as("%s", p).isGreaterThanOrEqualTo(fewer.tokensPerSecond() * (1 - 1e-9));
            assertThat(more.tpotMs()).as("%s", p).isGreaterThanOrEqualTo(fewer.tpotMs() * (1 - 1e-9));
        }
    }

    /**
     * The memory rule (docs/methodology.md §11.3) lets every setup in the measurements table run: each was
     * published as working, at its concurrency or at least one stream.
     */
    @Test
    void everyPublishedSetupFits() {
        List<String> misfits = new ArrayList<>();
        for (ThroughputMeasurement m : CATALOG.measurements()) {
            Calibrator.run(m, CATALOG.gpus(), CATALOG.openModels()).ifPresent(run -> {
                ServingEstimate e = ServingModel.estimate(run.point(), CATALOG.calibration());
                if (!e.fits())
                    misfits.add(m.id() + ": needs " + e.memory().neededGbForOneStream() + " GB of "
                            + e.memory().usableGb());
            });
        }
        assertThat(misfits).isEmpty();
    }

    @Test
    void llama70BAtQ4OnTwo24GbCardsFitsAndRunsNearItsPublishedRate() {
        // the consumer multi-GPU case: llama.cpp's layer split, published at 19.2 tok/s on two RTX 4090s
        OperatingPoint p = new OperatingPoint(
                CATALOG.gpus().get("nvidia/rtx-4090"),
                2,
                Parallelism.PIPELINE,
                CATALOG.openModels().get("meta/llama-3.1-70b-instruct"),
                Quantization.Q4_K_M,
                KvPrecision.FP16,
                Engine.LLAMA_CPP,
                1,
                0,
                512);
        ServingEstimate e = ServingModel.estimate(p, CATALOG.calibration());
        assertThat(e.fits()).isTrue();
        assertThat(e.decodeTokensPerSecond()).isBetween(19.22 * 0.7, 19.22 * 1.3);
        // one card does not hold it
        assertThat(ServingModel.estimate(p.withGpus(1), CATALOG.calibration()).fits())
                .isFalse();
    }
}
