package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.bench.ScriptedServer;
import dev.aichoose.bench.Transcript;
import dev.aichoose.load.BenchResultReader;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench merge} against the figures a single bench process computed from the same records. */
class BenchMergeCommandTest {
    @TempDir
    Path dir;

    /** One real bench run at concurrency 2 then 3, with timings that differ request by request. */
    Path bench() {
        Path out = dir.resolve("one.json");
        try (ScriptedServer server =
                ScriptedServer.start(Transcript.load("openai-vllm.sse").timed(2, 11, 3, 2))) {
            CliRun run = CliRun.of(
                    "bench",
                    "--endpoint",
                    server.uri().toString(),
                    "--api",
                    "openai",
                    "--model",
                    "m",
                    "--concurrency",
                    "2,3",
                    "--requests",
                    "9",
                    "--warmup",
                    "2",
                    "--input-tokens",
                    "30",
                    "--output-tokens",
                    "10",
                    "--slo",
                    "ttft=500ms",
                    "-o",
                    out.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        return out;
    }

    @Test
    void oneProcessesRecordsMergeToTheFiguresThatProcessComputed() {
        Path single = bench();
        Path merged = dir.resolve("merged.json");
        CliRun run =
                CliRun.of("bench", "merge", dir.resolve("one.requests.jsonl").toString(), "-o", merged.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("aichoose: wrote " + merged + " from 1 files, 18 requests");
        BenchResult expected = BenchResultReader.read(single);
        BenchResult actual = BenchResultReader.read(merged);
        assertThat(actual.runs()).isEqualTo(expected.runs());
        assertThat(actual.model()).isEqualTo("m");
        assertThat(actual.api()).isEqualTo("openai");
        assertThat(actual.slo()).isEqualTo(expected.slo());
    }

    /** Split one process's records across two files, as if two processes had each sent half. */
    @Test
    void recordsFromSeveralFilesArePooledNotAveraged() throws IOException {
        Path single = bench();
        List<String> lines = Files.readAllLines(dir.resolve("one.requests.jsonl"));
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        // uneven halves: averaging the halves' percentiles would not give the pooled ones
        for (int i = 0; i < lines.size(); i++) (i % 3 == 0 ? a : b).add(lines.get(i));
        Files.write(dir.resolve("a.jsonl"), a);
        Files.write(dir.resolve("b.jsonl"), b);
        Path merged = dir.resolve("merged.json");
        CliRun run = CliRun.of(
                "bench",
                "merge",
                dir.resolve("a.jsonl").toString(),
                dir.resolve("b.jsonl").toString(),
                "--api",
                "openai",
                "--endpoint",
                "http://127.0.0.1:1/v1/chat/completions",
                "--model",
                "m",
                "--slo",
                "ttft=500ms",
                "-o",
                merged.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<BenchRun> expected = BenchResultReader.read(single).runs();
        List<BenchRun> actual = BenchResultReader.read(merged).runs();
        assertThat(actual).hasSize(2);
        for (int i = 0; i < 2; i++) {
            BenchRun e = expected.get(i);
            BenchRun m = actual.get(i);
            // two processes at concurrency c hold 2c streams
            assertThat(m.concurrency()).isEqualTo(2 * e.concurrency());
            assertThat(m.requests()).isEqualTo(e.requests());
            // the same records pooled from two files: the same figures to the last digit, means
            // included (a summary reads its records in one order, whatever order they came in)
            assertThat(List.of(m.ttftMs(), m.tpotMs(), m.itlMs(), m.e2eMs(), m.connectMs()))
                    .isEqualTo(List.of(e.ttftMs(), e.tpotMs(), e.itlMs(), e.e2eMs(), e.connectMs()));
            assertThat(List.of(
                            m.ttftMs().p50(),
                            m.ttftMs().p90(),
                            m.ttftMs().p99(),
                            m.itlMs().p99()))
                    .isEqualTo(List.of(
                            e.ttftMs().p50(),
                            e.ttftMs().p90(),
                            e.ttftMs().p99(),
                            e.itlMs().p99()));
            assertThat(List.of(m.durationS(), m.outputTokensPerSecond(), m.requestThroughput(), m.goodputRps()))
                    .isEqualTo(
                            List.of(e.durationS(), e.outputTokensPerSecond(), e.requestThroughput(), e.goodputRps()));
        }
    }

    @Test
    void aMissingRecordsFileIsAnInputErrorNamingIt() {
        Path none = dir.resolve("none.requests.jsonl");
        CliRun run = CliRun.of(
                "bench", "merge", none.toString(), "-o", dir.resolve("m.json").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo(none + ": no such request-records file\n");
    }

    @Test
    void aLineThatIsNotARecordIsAnInputErrorNamingItsLine() throws IOException {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "\n{\"run\": 1, \"ok\": [true]}\n");
        CliRun run = CliRun.of(
                "bench",
                "merge",
                bad.toString(),
                "--api",
                "openai",
                "--endpoint",
                "http://h",
                "--model",
                "m",
                "-o",
                dir.resolve("m.json").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith(bad + ":2:").contains("not a request record");
    }

    @Test
    void anOutputThatCannotBeWrittenIsAnOutputFailure() throws IOException {
        Path records = dir.resolve("r.jsonl");
        Files.writeString(records, "");
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "");
        CliRun run = CliRun.of(
                "bench",
                "merge",
                records.toString(),
                "--api",
                "openai",
                "--endpoint",
                "http://h",
                "--model",
                "m",
                "-o",
                blocker.resolve("m.json").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OUTPUT_FAILURE.code());
        assertThat(run.err()).contains("cannot write " + blocker.resolve("m.json"));
    }

    @Test
    void withoutAResultBesideTheFilesTheApiIsAskedFor() throws IOException {
        Path records = dir.resolve("r.jsonl");
        Files.writeString(records, "");
        CliRun run = CliRun.of(
                "bench",
                "merge",
                records.toString(),
                "-o",
                dir.resolve("m.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--api, --endpoint and --model are needed");
    }

    /** An older aichoose wrote a Retry-After of Infinity as a string: merging it would write a result no reader takes. */
    @Test
    void aRecordWithAFigureThatIsNotAFiniteNumberIsAnInputErrorNamingIt() throws IOException {
        bench();
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("one.requests.jsonl")));
        lines.set(3, lines.get(3).replace("\"ok\":true", "\"ok\":false,\"retry_after_s\":\"Infinity\""));
        Path bad = dir.resolve("bad.requests.jsonl");
        Files.write(bad, lines);
        CliRun run = CliRun.of(
                "bench",
                "merge",
                bad.toString(),
                "--api",
                "openai",
                "--endpoint",
                "http://h",
                "--model",
                "m",
                "-o",
                dir.resolve("m.json").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo(bad + ":4:1: retry_after_s: expected a finite number, 0 or more, found Infinity\n");
        assertThat(dir.resolve("m.json")).doesNotExist();
    }

    @Test
    void anOutputOverAnInputOfTheMergeIsRefused() throws IOException {
        Path single = bench();
        byte[] before = Files.readAllBytes(single);
        Path records = dir.resolve("one.requests.jsonl");
        for (Path target : List.of(single, records)) {
            CliRun run = CliRun.of("bench", "merge", records.toString(), "-o", target.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("-o " + target + " would overwrite an input of the merge (" + target + ")");
        }
        assertThat(Files.readAllBytes(single)).isEqualTo(before);
    }

    @Test
    void theMergedResultIsReadBackAndMatchesTheSchema() {
        bench();
        Path merged = dir.resolve("merged.json");
        CliRun run =
                CliRun.of("bench", "merge", dir.resolve("one.requests.jsonl").toString(), "-o", merged.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dev.aichoose.schema.BenchFilesReadBack.result(merged).runs()).hasSize(2);
        assertThat(dev.aichoose.schema.BenchFilesReadBack.records(dir.resolve("one.requests.jsonl")))
                .hasSize(18);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "one.json", "one.requests.jsonl", "one.hlog", "merged.json", "merged.hlog");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
