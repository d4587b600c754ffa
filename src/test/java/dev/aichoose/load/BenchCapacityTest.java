package dev.aichoose.load;

import static dev.aichoose.load.BenchResultReaderTest.result;
import static dev.aichoose.load.BenchResultReaderTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aichoose.input.InputException;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import dev.aichoose.model.BenchRunBuilder;
import dev.aichoose.model.LatencyStats;
import dev.aichoose.model.LatencyStatsBuilder;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionMeasuredThroughputBuilder;
import dev.aichoose.model.RequestCounts;
import dev.aichoose.model.TokenStats;
import dev.aichoose.model.Workload.LatencySlo;
import dev.aichoose.model.WorkloadLatencySloBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCapacityTest {
    // concurrency, output tok/s, p90 TTFT, p90 TPOT; each run failed 1 request in 11 (http_503)
    final BenchResult sweep =
            result(run(1, 100, 150, 10), run(4, 350, 300, 20), run(16, 900, 900, 45), run(64, 850, 4000, 120));

    static BenchRun counted(int concurrency, int completed, Map<String, Integer> errors, String tokensFrom) {
        int failed = errors.values().stream().mapToInt(Integer::intValue).sum();
        return BenchRunBuilder.builder()
                .concurrency(concurrency)
                .requests(new RequestCounts(completed, failed, errors))
                .durationS(10)
                .requestThroughput(1)
                .outputTokensPerSecond(500)
                .totalTokensPerSecond(1000)
                .ttftMs(LatencyStatsBuilder.builder()
                        .mean(1.0)
                        .p50(1.0)
                        .p90(1.0)
                        .p99(1.0)
                        .build())
                .tpotMs(LatencyStatsBuilder.builder()
                        .mean(1.0)
                        .p50(1.0)
                        .p90(1.0)
                        .p99(1.0)
                        .build())
                .itlMs(LatencyStats.NONE)
                .e2eMs(LatencyStats.NONE)
                .inputTokens(new TokenStats(1.0))
                .outputTokens(new TokenStats(1.0))
                .tokenCountsFrom(tokensFrom)
                .build();
    }

    static BenchResult withSettings(Map<String, Object> settings, BenchRun... runs) {
        return new BenchResult(
                BenchResult.SCHEMA,
                "http://127.0.0.1:8000/v1/chat/completions",
                "openai",
                "meta-llama/Llama-3.1-8B-Instruct",
                "2026-11-24T01:00:00Z",
                settings,
                List.of(runs));
    }

    @Test
    void withoutTargetsTheHighestThroughputRun() {
        assertThat(sweep.chosenRun(LatencySlo.NONE).orElseThrow().concurrency()).isEqualTo(16);
    }

    @Test
    void withTargetsTheHighestConcurrencyWhoseP90sMeetThem() {
        assertThat(sweep.chosenRun(WorkloadLatencySloBuilder.builder()
                                .ttftMs(500.0)
                                .tpotMs(50.0)
                                .build())
                        .orElseThrow()
                        .concurrency())
                .isEqualTo(4);
        assertThat(sweep.chosenRun(WorkloadLatencySloBuilder.builder()
                                .ttftMs(1000.0)
                                .build())
                        .orElseThrow()
                        .concurrency())
                .isEqualTo(16);
        assertThat(sweep.chosenRun(
                                WorkloadLatencySloBuilder.builder().tpotMs(15.0).build())
                        .orElseThrow()
                        .concurrency())
                .isEqualTo(1);
    }

    @Test
    void noRunMeetingTheTargetsIsItsOwnAnswerNotZeroThroughput() {
        Option.Measured m = BenchCapacity.of(
                "b.json",
                sweep,
                WorkloadLatencySloBuilder.builder().ttftMs(100.0).build());
        assertThat(m)
                .isInstanceOfSatisfying(
                        Option.Measured.NoRunMeets.class,
                        none -> assertThat(none.targets()).isEqualTo("p90 TTFT ≤ 100 ms"));
    }

    @Test
    void aCleanRunIsThroughputWithoutWarnings() {
        Option.Measured m = BenchCapacity.of(
                "b.json",
                withSettings(Map.of("stopped_early", false), counted(8, 100, Map.of(), "server")),
                LatencySlo.NONE);
        assertThat(m)
                .isEqualTo(OptionMeasuredThroughputBuilder.builder()
                        .tokensPerSecond(500)
                        .file("b.json")
                        .startedAt("2026-11-24T01:00:00Z")
                        .run("at concurrency 8")
                        .model("meta-llama/Llama-3.1-8B-Instruct")
                        .warnings(List.of())
                        // the run's mean lengths travel with the figure, for the check against the scenario's
                        .recorded(new Option.Measured.Recorded(null, null, 1.0, 1.0))
                        .build());
    }

    @Test
    void aSaturatedRunIsLeftOutWithAWarningAndItsIntervalTravelsWithTheChosenOne() {
        BenchRun scaled = counted(4, 100, Map.of(), "server").judged(false, List.of());
        BenchRun withInterval = BenchRunBuilder.builder()
                .concurrency(scaled.concurrency())
                .requests(scaled.requests())
                .durationS(scaled.durationS())
                .requestThroughput(scaled.requestThroughput())
                .outputTokensPerSecond(scaled.outputTokensPerSecond())
                .totalTokensPerSecond(scaled.totalTokensPerSecond())
                .ttftMs(scaled.ttftMs())
                .tpotMs(scaled.tpotMs())
                .itlMs(scaled.itlMs())
                .e2eMs(scaled.e2eMs())
                .inputTokens(scaled.inputTokens())
                .outputTokens(scaled.outputTokens())
                .tokenCountsFrom("server")
                .outputTokensPerSecondCi(List.of(450.0, 540.0))
                .saturated(false)
                .warnings(List.of())
                .build();
        // more throughput than the run below, but saturated: never capacity
        BenchRun queued = BenchRunBuilder.builder()
                .concurrency(8)
                .requests(scaled.requests())
                .durationS(10)
                .requestThroughput(1)
                .outputTokensPerSecond(510)
                .totalTokensPerSecond(1000)
                .ttftMs(scaled.ttftMs())
                .tpotMs(scaled.tpotMs())
                .itlMs(LatencyStats.NONE)
                .e2eMs(LatencyStats.NONE)
                .inputTokens(new TokenStats(1.0))
                .outputTokens(new TokenStats(1.0))
                .tokenCountsFrom("server")
                .build()
                .judged(true, List.of("saturated: ..."));
        Option.Measured m = BenchCapacity.of("b.json", withSettings(Map.of(), withInterval, queued), LatencySlo.NONE);
        assertThat(m).isInstanceOfSatisfying(Option.Measured.Throughput.class, t -> {
            assertThat(t.run()).isEqualTo("at concurrency 4");
            assertThat(t.tokensPerSecondCi()).containsExactly(450.0, 540.0);
        });
        assertThat(m.warnings()).singleElement().asString().contains("at concurrency 8", "saturated");
        assertThatThrownBy(() -> BenchCapacity.of("b.json", withSettings(Map.of(), queued), LatencySlo.NONE))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("saturated");
    }

    @Test
    void aThirdOfRequestsRefusedIsAWarningNamingTheKinds() {
        Option.Measured m = BenchCapacity.of(
                "b.json", withSettings(Map.of(), counted(8, 20, Map.of("http_429", 10), "server")), LatencySlo.NONE);
        assertThat(m.warnings()).singleElement().asString().contains("33%", "http_429 ×10", "at concurrency 8");
    }

    @Test
    void aFewFailuresBelowTheThresholdAreNoWarning() {
        Option.Measured m = BenchCapacity.of(
                "b.json", withSettings(Map.of(), counted(8, 100, Map.of("stall", 2), "server")), LatencySlo.NONE);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void estimatedTokenCountsAndAnEarlyStopAreWarnings() {
        Option.Measured m = BenchCapacity.of(
                "b.json",
                withSettings(Map.of("stopped_early", true), counted(8, 100, Map.of(), "estimate")),
                LatencySlo.NONE);
        assertThat(m.warnings())
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("stopped early"))
                .anySatisfy(w -> assertThat(w).contains("estimated"));
    }

    @Test
    void aRunThatFailedMostRequestsIsNeverChosen() {
        BenchResult r = withSettings(
                Map.of(), counted(4, 100, Map.of(), "server"), counted(64, 10, Map.of("http_503", 90), "server"));
        Option.Measured m = BenchCapacity.of("b.json", r, LatencySlo.NONE);
        assertThat(((Option.Measured.Throughput) m).run()).isEqualTo("at concurrency 4");
        assertThat(m.warnings()).singleElement().asString().contains("at concurrency 64 is left out", "90%");
    }

    @Test
    void onlyRefusalsOrNoRunsAtAllAreAnErrorNotACapacity() {
        assertThatThrownBy(() -> BenchCapacity.of(
                        "b.json",
                        withSettings(Map.of(), counted(4, 1, Map.of("http_429", 9), "server")),
                        LatencySlo.NONE))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("refusals");
        assertThatThrownBy(
                        () -> BenchCapacity.of("b.json", withSettings(Map.of("stopped_early", true)), LatencySlo.NONE))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no runs");
    }

    @Test
    void anotherModelThanTheOptionsIsAWarning() {
        OpenModel llama = dev.aichoose.model.OpenModelBuilder.builder()
                .id("meta/llama-3.1-8b-instruct")
                .name("Llama 3.1 8B Instruct")
                .paramsB(8)
                .activeParamsB(8)
                .layers(32)
                .kvHeads(8)
                .headDim(128)
                .contextTokens(131072)
                .license("x")
                .build();
        Option.Measured m = BenchCapacity.of(
                "b.json", withSettings(Map.of(), counted(8, 100, Map.of(), "server")), LatencySlo.NONE);
        assertThat(BenchCapacity.forModel(m, llama.id(), llama).warnings()).isEmpty();
        Option.Measured ollama = throughput("llama3.1:8b-instruct-q4_K_M");
        assertThat(BenchCapacity.forModel(ollama, llama.id(), llama).warnings()).isEmpty();
        Option.Measured qwen = throughput("Qwen/Qwen2.5-7B-Instruct");
        assertThat(BenchCapacity.forModel(qwen, llama.id(), llama).warnings())
                .singleElement()
                .asString()
                .contains("Qwen/Qwen2.5-7B-Instruct", "meta/llama-3.1-8b-instruct");
        Option.Measured big = throughput("meta-llama/Llama-3.1-70B-Instruct");
        assertThat(BenchCapacity.forModel(big, llama.id(), llama).warnings()).hasSize(1);
    }

    static Map<String, Object> searched(String outcome) {
        return Map.of("slo", Map.of("ttft_ms", 400.0), "find_max", Map.of("outcome", outcome, "probes", 4));
    }

    @Test
    void aRunTheCapacitySearchChoseIsTheCapacity() {
        // the search chose concurrency 4; without targets of its own the scenario takes that run,
        // not the higher-throughput probe that missed the bench's SLO
        BenchResult search = withSettings(
                searched("found"),
                run(1, 100, 150, 10),
                run(2, 200, 200, 10),
                run(4, 350, 300, 20).asChosen(),
                run(8, 600, 900, 45));
        Option.Measured m = BenchCapacity.of("b.json", search, LatencySlo.NONE);
        assertThat(m).isInstanceOfSatisfying(Option.Measured.Throughput.class, t -> {
            assertThat(t.tokensPerSecond()).isEqualTo(350);
            assertThat(t.warnings()).noneMatch(w -> w.contains("find-max"));
        });
        // targets the chosen run misses: the highest run that meets them, with a warning
        Option.Measured stricter = BenchCapacity.of(
                "b.json",
                search,
                WorkloadLatencySloBuilder.builder().ttftMs(250.0).build());
        assertThat(stricter).isInstanceOfSatisfying(Option.Measured.Throughput.class, t -> {
            assertThat(t.tokensPerSecond()).isEqualTo(200);
            assertThat(t.warnings()).anyMatch(w -> w.contains("--find-max chose does not meet"));
        });
    }

    @Test
    void aSearchThatFoundNoLoadMeetingItsSloIsNoRunMeetsNotTheFastestProbe() {
        BenchResult search = withSettings(searched("none_meets"), run(2, 300, 900, 10), run(1, 200, 500, 10));
        assertThat(BenchCapacity.of("b.json", search, LatencySlo.NONE))
                .isInstanceOfSatisfying(
                        Option.Measured.NoRunMeets.class,
                        none -> assertThat(none.targets()).isEqualTo("p90 TTFT ≤ 400 ms"));
        // the scenario's own, looser targets still find the probe that meets them
        assertThat(BenchCapacity.of(
                        "b.json",
                        search,
                        WorkloadLatencySloBuilder.builder().ttftMs(600.0).build()))
                .isInstanceOfSatisfying(
                        Option.Measured.Throughput.class,
                        t -> assertThat(t.tokensPerSecond()).isEqualTo(200));
    }

    /** A bench figure of 1 tok/s measured on {@code model}. */
    private static Option.Measured throughput(String model) {
        return OptionMeasuredThroughputBuilder.builder()
                .tokensPerSecond(1)
                .file("b.json")
                .startedAt("t")
                .run("r")
                .model(model)
                .warnings(List.of())
                .build();
    }
}
