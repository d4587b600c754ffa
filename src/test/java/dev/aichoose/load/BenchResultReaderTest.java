package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aichoose.bench.BenchResultFile;
import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import dev.aichoose.model.BenchRunBuilder;
import dev.aichoose.model.LatencyStats;
import dev.aichoose.model.LatencyStatsBuilder;
import dev.aichoose.model.RequestCounts;
import dev.aichoose.model.TokenStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultReaderTest {
    @TempDir
    Path dir;

    public static BenchRun run(int concurrency, double tokensPerSecond, double ttftP90, double tpotP90) {
        return BenchRunBuilder.builder()
                .concurrency(concurrency)
                .requests(new RequestCounts(10, 1, Map.of("http_503", 1)))
                .durationS(10)
                .requestThroughput(1)
                .outputTokensPerSecond(tokensPerSecond)
                .totalTokensPerSecond(tokensPerSecond * 2)
                .ttftMs(LatencyStatsBuilder.builder()
                        .mean(ttftP90 / 2)
                        .p50(ttftP90 / 2)
                        .p90(ttftP90)
                        .p99(ttftP90 * 1.1)
                        .build())
                .tpotMs(LatencyStatsBuilder.builder()
                        .mean(tpotP90)
                        .p50(tpotP90)
                        .p90(tpotP90)
                        .p99(tpotP90)
                        .build())
                .itlMs(LatencyStatsBuilder.builder()
                        .mean(1.0)
                        .p50(1.0)
                        .p90(1.0)
                        .p99(1.0)
                        .build())
                .e2eMs(LatencyStatsBuilder.builder()
                        .mean(1.0)
                        .p50(1.0)
                        .p90(1.0)
                        .p99(1.0)
                        .build())
                .inputTokens(new TokenStats(500.0))
                .outputTokens(new TokenStats(500.0))
                .tokenCountsFrom("server")
                .build();
    }

    public static BenchResult result(BenchRun... runs) {
        return new BenchResult(
                BenchResult.SCHEMA,
                "http://127.0.0.1:8000/v1/chat/completions",
                "openai",
                "m",
                "2026-11-24T01:00:00Z",
                Map.of("requests", 10),
                List.of(runs));
    }

    @Test
    void writesSnakeCaseV1AndReadsItBack() throws Exception {
        Path file = dir.resolve("x.json");
        BenchResult written = result(run(1, 100, 200, 20), run(4, 300, 400, 30));
        BenchResultFile.write(file, written);
        String json = Files.readString(file);
        assertThat(json)
                .contains(
                        "\"schema\" : \"aichoose.bench/v1\"",
                        "\"started_at\"",
                        "\"request_rate\" : null",
                        "\"output_tokens_per_second\"",
                        "\"ttft_ms\"",
                        "\"token_counts_from\" : \"server\"",
                        "\"duration_s\"");
        assertThat(json).doesNotContain("goodput_rps");
        assertThat(BenchResultReader.read(file)).isEqualTo(written);
    }

    @Test
    void goodputAndRetryAfterAreWrittenWhenKnown() throws Exception {
        Path file = dir.resolve("g.json");
        BenchRun run = BenchRunBuilder.builder()
                .requestRate(2.0)
                .requests(new RequestCounts(3, 1, Map.of("http_429", 1)))
                .durationS(2)
                .requestThroughput(1.5)
                .outputTokensPerSecond(75)
                .totalTokensPerSecond(825)
                .ttftMs(LatencyStats.NONE)
                .tpotMs(LatencyStats.NONE)
                .itlMs(LatencyStats.NONE)
                .e2eMs(LatencyStats.NONE)
                .inputTokens(new TokenStats(500.0))
                .outputTokens(new TokenStats(50.0))
                .tokenCountsFrom("estimate")
                .goodputRps(0.5)
                .retryAfterSMax(7.0)
                .newConnections(3)
                .connectMs(LatencyStatsBuilder.builder()
                        .mean(0.2)
                        .p50(0.1)
                        .p90(0.3)
                        .p99(0.4)
                        .build())
                .build();
        BenchResult written = result(run);
        BenchResultFile.write(file, written);
        assertThat(Files.readString(file))
                .contains(
                        "\"goodput_rps\" : 0.5",
                        "\"retry_after_s_max\" : 7.0",
                        "\"concurrency\" : null",
                        "\"request_rate\" : 2.0",
                        "\"http_429\" : 1");
        assertThat(BenchResultReader.read(file)).isEqualTo(written);
    }

    @Test
    void aWrongSchemaIsNamedWithItsLine() throws Exception {
        Path file = dir.resolve("x.json");
        BenchResultFile.write(file, result(run(1, 100, 200, 20)));
        Files.writeString(file, Files.readString(file).replace("aichoose.bench/v1", "aichoose.bench/v9"));
        assertThatThrownBy(() -> BenchResultReader.read(file))
                .isInstanceOfSatisfying(
                        InputException.class,
                        e -> assertThat(e.diagnostics())
                                .singleElement()
                                .isEqualTo(new Diagnostic(
                                        file.toString(),
                                        2,
                                        14,
                                        "schema: expected \"aichoose.bench/v1\", found \"aichoose.bench/v9\"")));
    }

    @Test
    void aMissingOrMistypedFieldIsNamedByItsPath() throws Exception {
        Path file = dir.resolve("x.json");
        Files.writeString(file, """
                {"schema": "aichoose.bench/v1", "endpoint": "e", "api": "openai", "model": "m", "started_at": "t",
                 "runs": [
                  {"concurrency": 1, "request_rate": null, "requests": {"completed": 1, "failed": 0, "errors": {}},
                   "duration_s": 1, "request_throughput": 1, "output_tokens_per_second": "fast", "total_tokens_per_second": 1,
                   "ttft_ms": {"mean": 1, "p50": 1, "p90": 1, "p99": 1}, "itl_ms": {"mean": 1},
                   "e2e_ms": {"mean": 1}, "input_tokens": {"mean": 1}, "output_tokens": {"mean": 1},
                   "token_counts_from": "server"}
                 ]}
                """);
        assertThatThrownBy(() -> BenchResultReader.read(file))
                .isInstanceOfSatisfying(
                        InputException.class,
                        e -> assertThat(e.diagnostics())
                                .extracting(Diagnostic::toString)
                                .containsExactly(
                                        file
                                                + ":4:74: runs[0].output_tokens_per_second: expected a number, got text ('fast')",
                                        file + ":3:3: runs[0]: missing required field 'tpot_ms'"));
    }

    @Test
    void brokenJsonPointsAtTheBreak() throws Exception {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "{\n  \"schema\": \"aichoose.bench/v1\",\n  \"runs\": [ ,\n}");
        assertThatThrownBy(() -> BenchResultReader.read(file)).isInstanceOfSatisfying(InputException.class, e -> {
            Diagnostic d = e.diagnostics().getFirst();
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.message()).startsWith("syntax error");
        });
    }

    @Test
    void aMissingFileIsAnInputError() {
        assertThatThrownBy(() -> BenchResultReader.read(dir.resolve("nope.json")))
                .isInstanceOf(InputException.class);
    }
}
