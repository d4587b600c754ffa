package dev.aichoose.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Engine;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.ServingCalibration.GroupAccuracy;
import dev.aichoose.model.ThroughputMeasurement;
import dev.aichoose.testing.Fixtures;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which measured error an estimate carries: its cell's where the cell has enough publishers, else its group's. */
class AccuracyCellTest {
    private static final Catalog CATALOG = Fixtures.catalog();

    private static OperatingPoint point(String model, Quantization q, Engine engine, int streams) {
        return new OperatingPoint(
                CATALOG.gpus().get("nvidia/h100-sxm"),
                1,
                Parallelism.defaultFor(engine),
                CATALOG.openModels().get(model),
                q,
                KvPrecision.FP16,
                engine,
                streams,
                1000,
                500);
    }

    private static GroupAccuracy figures(String id, int publishers) {
        return new GroupAccuracy(id, id, 40, publishers, 1, 0.5, 0.4, 0.5, 1.5, 0.5, 1);
    }

    @Test
    void onlyAMixtureOfExpertsAtOneStreamOnABatchingServerIsInTheCell() {
        assertThat(AccuracyCell.of(point("openai/gpt-oss-20b", Quantization.MXFP4, Engine.VLLM, 1)))
                .contains(AccuracyCell.MOE_ONE_STREAM_SERVER);
        assertThat(AccuracyCell.of(point("openai/gpt-oss-20b", Quantization.MXFP4, Engine.TRT_LLM, 1)))
                .contains(AccuracyCell.MOE_ONE_STREAM_SERVER);
        assertThat(AccuracyCell.of(point("openai/gpt-oss-20b", Quantization.MXFP4, Engine.VLLM, 2)))
                .isEmpty();
        assertThat(AccuracyCell.of(point("openai/gpt-oss-20b", Quantization.MXFP4, Engine.LLAMA_CPP, 1)))
                .isEmpty();
        assertThat(AccuracyCell.of(point("meta/llama-3.1-8b-instruct", Quantization.BF16, Engine.VLLM, 1)))
                .isEmpty();
        assertThat(AccuracyCell.MOE_ONE_STREAM_SERVER.group()).isEqualTo(AccuracyGroup.MOE);
    }

    @Test
    void aCellMeasuredByTooFewPublishersGivesWayToItsGroup() {
        OperatingPoint inCell = point("openai/gpt-oss-20b", Quantization.MXFP4, Engine.SGLANG, 1);
        String cell = AccuracyCell.MOE_ONE_STREAM_SERVER.id();
        ServingCalibration enough = ServingCalibration.PRIOR.withAccuracy(
                List.of(figures("moe", 30), figures(cell, AccuracyCell.MIN_PUBLISHERS)));
        ServingCalibration tooFew = ServingCalibration.PRIOR.withAccuracy(
                List.of(figures("moe", 30), figures(cell, AccuracyCell.MIN_PUBLISHERS - 1)));
        assertThat(AccuracyCell.accuracy(enough, inCell))
                .map(GroupAccuracy::group)
                .contains(cell);
        assertThat(AccuracyCell.accuracy(tooFew, inCell))
                .map(GroupAccuracy::group)
                .contains("moe");
        // a point outside the cell never takes the cell's figures
        assertThat(AccuracyCell.accuracy(enough, point("openai/gpt-oss-20b", Quantization.MXFP4, Engine.SGLANG, 8)))
                .map(GroupAccuracy::group)
                .contains("moe");
    }

    @Test
    void theShippedCalibrationCarriesTheCellOverTheTablesRunsInIt() {
        // the cell's figures are those of the runs the table validates (fitted or held out) that fall in it
        List<Calibrator.Run> runs = Calibrator.runs(CATALOG.measurements(), CATALOG.gpus(), CATALOG.openModels());
        List<Calibrator.Run> inCell = runs.stream()
                .filter(r -> r.measurement().used())
                .filter(r -> AccuracyCell.of(r.point()).isPresent())
                .toList();
        Set<String> publishers = new HashSet<>();
        inCell.forEach(r -> publishers.add(r.publisher()));
        GroupAccuracy shipped = CATALOG.calibration()
                .accuracyOf(AccuracyCell.MOE_ONE_STREAM_SERVER.id())
                .orElseThrow();
        assertThat(shipped.runs()).isEqualTo(inCell.size());
        assertThat(shipped.publishers()).isEqualTo(publishers.size());
        GroupAccuracy moe = CATALOG.calibration().accuracyOf("moe").orElseThrow();
        assertThat(shipped.runs()).isLessThan(moe.runs());
        // no worse than methodology §11.7 publishes for it ("A cell of a group"): 18 of 59 runs within ±30 %
        assertThat(shipped.within30()).isGreaterThanOrEqualTo(18.0 / 59 - 1e-9);
        assertThat(shipped.within30()).isLessThan(moe.within30());
        assertThat(inCell).allMatch(r -> r.group() == AccuracyGroup.MOE);
        assertThat(inCell.stream().map(Calibrator.Run::measurement).map(ThroughputMeasurement::concurrency))
                .containsOnly(1);
    }
}
