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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which measured error an estimate carries: its cell's where the cell has enough publishers, else its group's. */
class AccuracyCellTest {
    private static final Catalog CATALOG = Fixtures.catalog();

    private static OperatingPoint point(String model, Quantization q, Engine engine, int streams) {
        return point(model, q, engine, streams, 1);
    }

    private static OperatingPoint point(String model, Quantization q, Engine engine, int streams, int gpus) {
        return new OperatingPoint(
                CATALOG.gpus().get("nvidia/h100-sxm"),
                gpus,
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
    void aBatchingServerAboveSixtyFourStreamsIsInItsGroupsManyStreamsCell() {
        int many = AccuracyCell.MANY_STREAMS + 1;
        assertThat(AccuracyCell.of(point("openai/gpt-oss-120b", Quantization.MXFP4, Engine.SGLANG, many, 8)))
                .contains(AccuracyCell.MOE_MANY_STREAMS_SERVER);
        assertThat(AccuracyCell.of(point("meta/llama-3.3-70b-instruct", Quantization.FP8, Engine.TRT_LLM, 256, 4)))
                .contains(AccuracyCell.MULTI_GPU_MANY_STREAMS_SERVER);
        // 64 streams and fewer stay in the group; so does a dense model on one GPU, and llama.cpp's slots
        assertThat(AccuracyCell.of(point("openai/gpt-oss-120b", Quantization.MXFP4, Engine.SGLANG, 64, 8)))
                .isEmpty();
        assertThat(AccuracyCell.of(point("meta/llama-3.1-8b-instruct", Quantization.BF16, Engine.VLLM, 512)))
                .isEmpty();
        assertThat(AccuracyCell.of(point("openai/gpt-oss-120b", Quantization.MXFP4, Engine.LLAMA_CPP, many, 8)))
                .isEmpty();
        assertThat(AccuracyCell.MOE_MANY_STREAMS_SERVER.group()).isEqualTo(AccuracyGroup.MOE);
        assertThat(AccuracyCell.MULTI_GPU_MANY_STREAMS_SERVER.group()).isEqualTo(AccuracyGroup.MULTI_GPU);
        // each cell is found again by the id its reports carry
        for (AccuracyCell cell : AccuracyCell.values()) {
            assertThat(AccuracyCell.byId(cell.id())).contains(cell);
        }
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
    void theShippedCalibrationCarriesEachCellOverTheTablesRunsInIt() {
        // a cell's figures are those of the runs the table validates (fitted or held out) that fall in it,
        // no worse than methodology §11.7 publishes for it ("A cell of a group")
        Map<AccuracyCell, int[]> published = Map.of(
                AccuracyCell.MOE_ONE_STREAM_SERVER, new int[] {18, 59},
                AccuracyCell.MOE_MANY_STREAMS_SERVER, new int[] {26, 48},
                AccuracyCell.MULTI_GPU_MANY_STREAMS_SERVER, new int[] {14, 28});
        List<Calibrator.Run> runs = Calibrator.runs(CATALOG.measurements(), CATALOG.gpus(), CATALOG.openModels());
        for (AccuracyCell cell : AccuracyCell.values()) {
            List<Calibrator.Run> inCell = runs.stream()
                    .filter(r -> r.measurement().used())
                    .filter(r -> AccuracyCell.of(r.point()).orElse(null) == cell)
                    .toList();
            Set<String> publishers = new HashSet<>();
            inCell.forEach(r -> publishers.add(r.publisher()));
            GroupAccuracy shipped = CATALOG.calibration().accuracyOf(cell.id()).orElseThrow();
            assertThat(shipped.runs()).as(cell.id()).isEqualTo(inCell.size());
            assertThat(shipped.publishers()).as(cell.id()).isEqualTo(publishers.size());
            assertThat(shipped.publishers()).as(cell.id()).isGreaterThanOrEqualTo(AccuracyCell.MIN_PUBLISHERS);
            GroupAccuracy group =
                    CATALOG.calibration().accuracyOf(cell.group().id()).orElseThrow();
            assertThat(shipped.runs()).as(cell.id()).isLessThan(group.runs());
            int[] floor = published.get(cell);
            assertThat(shipped.within30()).as(cell.id()).isGreaterThanOrEqualTo((double) floor[0] / floor[1] - 1e-9);
            // a cell is split off because its runs are estimated worse than its group's
            assertThat(shipped.within30()).as(cell.id()).isLessThan(group.within30());
            assertThat(inCell).allMatch(r -> r.group() == cell.group());
            assertThat(inCell).allMatch(r -> r.point().engine().family() == Engine.Family.SERVER);
        }
        assertThat(runs.stream()
                        .filter(r -> AccuracyCell.of(r.point()).orElse(null) == AccuracyCell.MOE_ONE_STREAM_SERVER)
                        .map(Calibrator.Run::measurement)
                        .map(ThroughputMeasurement::concurrency))
                .containsOnly(1);
        assertThat(runs.stream()
                        .filter(r -> AccuracyCell.of(r.point())
                                .filter(c -> c != AccuracyCell.MOE_ONE_STREAM_SERVER)
                                .isPresent())
                        .map(Calibrator.Run::measurement))
                .allMatch(m -> m.concurrency() > AccuracyCell.MANY_STREAMS);
    }
}
