package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.bench.BenchHistograms;
import dev.aichoose.bench.BenchMerge;
import dev.aichoose.bench.RequestRecord;
import dev.aichoose.bench.ScriptedServer;
import dev.aichoose.bench.Transcript;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import dev.aichoose.schema.BenchFilesReadBack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two shards of one plan run together against one server (in-process, each as the CLI runs it),
 * then {@code bench merge}: the merged figures are those of one pooled computation of their raw
 * records, and the merged HdrHistogram logs agree with those records to the histograms' precision.
 */
class BenchShardsTest {
    @TempDir
    Path dir;

    CliRun shard(java.net.URI server, int index, Instant start) {
        return CliRun.of(
                "bench",
                "--endpoint",
                server.toString(),
                "--api",
                "openai",
                "--model",
                "m",
                "--rate",
                "40",
                "--requests",
                "30",
                "--input-tokens",
                "20",
                "--output-tokens",
                "10",
                "--seed",
                "11",
                "--shard",
                index + "/2",
                "--start-at",
                start.toString(),
                "-o",
                dir.resolve("shard-" + index + ".json").toString());
    }

    @Test
    void twoShardsMergedGiveThePercentilesOfTheirPooledRecords() throws Exception {
        List<CliRun> runs = List.of();
        try (ScriptedServer server =
                ScriptedServer.start(Transcript.load("openai-vllm.sse").timed(2, 11, 4, 2))) {
            // late enough for both to have calibrated and warmed up, on a busy machine too
            Instant start = Instant.now().plus(4, ChronoUnit.SECONDS);
            // a thread each: the common pool of a 2-core machine would run one shard after the other
            java.util.concurrent.Executor apart = r -> Thread.ofPlatform().start(r);
            CompletableFuture<CliRun> one = CompletableFuture.supplyAsync(() -> shard(server.uri(), 1, start), apart);
            CompletableFuture<CliRun> two = CompletableFuture.supplyAsync(() -> shard(server.uri(), 2, start), apart);
            runs = List.of(one.get(), two.get());
            for (CliRun run : runs) assertThat(run.exitCode()).as(run.err()).isZero();
        }
        Path a = dir.resolve("shard-1.requests.jsonl");
        Path b = dir.resolve("shard-2.requests.jsonl");
        List<RequestRecord> first = BenchFilesReadBack.records(a);
        List<RequestRecord> second = BenchFilesReadBack.records(b);
        // whole requests, disjoint, together the unsharded plan's 30, each shard half of them
        List<Integer> indices = new ArrayList<>();
        first.forEach(r -> indices.add(r.index()));
        second.forEach(r -> indices.add(r.index()));
        assertThat(indices)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 30).boxed().toList());
        assertThat(first).hasSize(15).allMatch(r -> r.requestRate() == 20.0);
        assertThat(second).hasSize(15);
        // the barrier: both runs started within a few tens of milliseconds of the --start-at
        double startA = first.getFirst().runStartedAtMs();
        double startB = second.getFirst().runStartedAtMs();
        assertThat(Math.abs(startA - startB))
                .as(runs.get(0).err() + runs.get(1).err())
                .isLessThan(250);

        Path merged = dir.resolve("merged.json");
        CliRun merge = CliRun.of(
                "bench", "merge", a.toString(), b.toString(), "-o", merged.toString(), "--expected-interval", "20ms");
        assertThat(merge.exitCode()).as(merge.err()).isZero();
        BenchResult result = BenchFilesReadBack.result(merged);
        BenchRun run = result.runs().getFirst();
        assertThat(run.requestRate()).isEqualTo(40.0);

        // one pooled computation of the raw records: the engine's summary of both files' records together
        List<RequestRecord> pooled = new ArrayList<>(first);
        pooled.addAll(second);
        BenchResult once = BenchMerge.merge(
                Map.of(dir.resolve("pooled"), pooled),
                new BenchMerge.Header("", "openai", "m", "", dev.aichoose.model.Workload.LatencySlo.NONE));
        BenchRun expected = once.runs().getFirst();
        assertThat(run.ttftMs()).isEqualTo(expected.ttftMs());
        assertThat(run.e2eMs()).isEqualTo(expected.e2eMs());
        assertThat(run.itlMs()).isEqualTo(expected.itlMs());
        assertThat(run.requests()).isEqualTo(expected.requests());
        // and by hand: the median TTFT of 30 values, R-7, is the mean of the 15th and 16th
        double[] ttft =
                pooled.stream().mapToDouble(RequestRecord::ttftMs).sorted().toArray();
        assertThat(run.ttftMs().p50())
                .isCloseTo((ttft[14] + ttft[15]) / 2, org.assertj.core.api.Assertions.within(1e-9));

        // the histogram logs, added up, hold every pooled value to 3 significant digits
        Map<String, Histogram> logs = BenchHistograms.read(BenchHistograms.beside(merged));
        Histogram h = logs.get("run1.ttft_ms");
        assertThat(h.getTotalCount()).isEqualTo(30);
        long[] micros = Arrays.stream(ttft).mapToLong(v -> Math.round(v * 1000)).toArray();
        // HdrHistogram's median is the 15th value, within its precision
        assertThat((double) h.getValueAtPercentile(50))
                .isCloseTo(micros[14], org.assertj.core.api.Assertions.within(micros[14] * 0.001 + 1));
        assertThat(logs.get("run1.ttft_ms.corrected").getTotalCount()).isGreaterThanOrEqualTo(30);
        assertThat(merge.out()).contains("corrected for coordinated omission at 20.0 ms");
        assertThat(Files.exists(BenchHistograms.beside(dir.resolve("shard-1.json"))))
                .isTrue();
        assertThat(result.settings()).containsKey("merged_from");
    }

    @Test
    void aShardSplitThatCannotBeIsAUsageError() {
        CliRun bad = CliRun.of(
                "bench", "--endpoint", "http://127.0.0.1:9", "--api", "openai", "--model", "m", "--shard", "3/2");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--shard");
        CliRun few = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:9",
                "--api",
                "openai",
                "--model",
                "m",
                "--concurrency",
                "1",
                "--shard",
                "1/2");
        assertThat(few.exitCode()).isEqualTo(2);
        assertThat(few.err()).contains("each shard needs one at least");
        CliRun time = CliRun.of(
                "bench",
                "--endpoint",
                "http://127.0.0.1:9",
                "--api",
                "openai",
                "--model",
                "m",
                "--start-at",
                "tomorrow");
        assertThat(time.exitCode()).isEqualTo(2);
        assertThat(time.err()).contains("ISO-8601");
    }
}
