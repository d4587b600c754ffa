package dev.aichoose.bench;

import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * {@code aichoose bench --self-test} (docs/bench.md, "Self-test"): the harness measures a scripted
 * server inside this process in every wire format, at 1, 10 and 100 streams and at a rate, and sets
 * each request's TTFT and gaps against the server's own send stamps. It passes when the median TTFT
 * error over every request is within {@value #BOUND_MS} ms; a machine too busy to pass once gets
 * {@value #ATTEMPTS} attempts, since a pause of the machine delays whichever request is reading,
 * while a skew of the harness's own (or of the server's clock) is in every attempt.
 */
public final class SelfTest {
    /** The bound on the median TTFT error, in ms. */
    public static final double BOUND_MS = 1.0;
    /** Attempts before the self-test fails. */
    static final int ATTEMPTS = 3;

    /** The script: first content frame after this many ms, then one every {@link #EVERY_MS}. */
    static final long FIRST_MS = 20;

    static final long EVERY_MS = 10;
    static final int CHUNKS = 4;
    /** The sweep: streams and requests at each. */
    static final List<Load> LOADS =
            List.of(new Load.Concurrency(1), new Load.Concurrency(10), new Load.Concurrency(100));

    static final int[] REQUESTS = {6, 20, 100};
    /** A short open-loop run for the dispatch delay. */
    static final double RATE = 200;

    static final int RATE_REQUESTS = 40;

    /** The outcome: whether it passed, the figure it was judged on, and a line saying so. */
    public record Verdict(boolean passed, double medianTtftErrorMs, String message) {}

    private SelfTest() {}

    /** Runs the self-test against a server on this process's own clock, printing its report line by line. */
    public static Verdict run(Consumer<String> out) {
        return run(out, System::nanoTime);
    }

    /** As {@link #run(Consumer)}, the scripted server on {@code serverClock} (a test skews it). */
    static Verdict run(Consumer<String> out, LongSupplier serverClock) {
        return run(out, serverClock, ATTEMPTS);
    }

    /** As {@link #run(Consumer, LongSupplier)}, with at most {@code attempts} attempts. */
    static Verdict run(Consumer<String> out, LongSupplier serverClock, int attempts) {
        out.accept("aichoose bench --self-test: the harness against a scripted server in this process ("
                + Runtime.getRuntime().availableProcessors() + " cores" + loadAverage() + ")");
        Verdict verdict = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            verdict = attempt(out, serverClock, attempt);
            if (verdict.passed()) break;
        }
        out.accept(verdict.message());
        return verdict;
    }

    private static Verdict attempt(Consumer<String> out, LongSupplier serverClock, int attempt) {
        out.accept(String.format(
                Locale.ROOT,
                "attempt %d: %-9s %7s %8s %15s %7s %14s %7s  (ms)",
                attempt,
                "format",
                "streams",
                "requests",
                "TTFT error p50",
                "p99",
                "ITL error p50",
                "p99"));
        List<Double> allTtft = new ArrayList<>();
        List<Double> dispatch = new ArrayList<>();
        Path dir;
        try {
            dir = Files.createTempDirectory("aichoose-self-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (SelfTestServer server = new SelfTestServer(serverClock, FIRST_MS, EVERY_MS, CHUNKS)) {
            // one widest step first, not counted: the JIT compiles the path of a hundred streams before any is timed
            measure(server, WireApi.OPENAI, LOADS.getLast(), REQUESTS[REQUESTS.length - 1], dir);
            for (WireApi api : WireApi.values()) {
                for (int i = 0; i < LOADS.size(); i++) {
                    Errors e = measure(server, api, LOADS.get(i), REQUESTS[i], dir);
                    allTtft.addAll(e.ttft());
                    out.accept(String.format(
                            Locale.ROOT,
                            "           %-9s %7d %8d %15s %7s %14s %7s",
                            api.wireName(),
                            ((Load.Concurrency) LOADS.get(i)).streams(),
                            e.ttft().size(),
                            fmt(quantile(e.ttft(), 50)),
                            fmt(quantile(e.ttft(), 99)),
                            fmt(quantile(e.itl(), 50)),
                            fmt(quantile(e.itl(), 99))));
                }
                dispatch.addAll(measure(server, api, new Load.Rate(RATE), RATE_REQUESTS, dir)
                        .dispatch());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
        out.accept(String.format(
                Locale.ROOT,
                "           dispatch delay at %s requests/s: p50 %s ms, p99 %s ms",
                BenchTable.fmt(RATE),
                fmt(quantile(dispatch, 50)),
                fmt(quantile(dispatch, 99))));
        double median = quantile(allTtft, 50);
        boolean passed = Double.isFinite(median) && Math.abs(median) <= BOUND_MS;
        String message = passed
                ? String.format(
                        Locale.ROOT,
                        "self-test passed: the median TTFT error is %s ms (bound %s ms) over %d requests",
                        fmt(median),
                        BenchTable.fmt(BOUND_MS),
                        allTtft.size())
                : String.format(
                        Locale.ROOT,
                        "self-test failed: the median TTFT error is %s ms, beyond the %s ms bound, in %d attempts%s "
                                + "(docs/bench.md, \"Self-test\")",
                        fmt(median),
                        BenchTable.fmt(BOUND_MS),
                        attempt,
                        median < -BOUND_MS
                                ? ": a frame cannot be seen before it is sent, so the server's clock and the"
                                        + " harness's disagree"
                                : ": figures from this machine are late by about that much; close what else runs"
                                        + " on it and run the self-test again");
        return new Verdict(passed, median, message);
    }

    /** The errors of one run: TTFT and each ITL gap against the server's stamps, and dispatch delays. */
    private record Errors(List<Double> ttft, List<Double> itl, List<Double> dispatch) {}

    private static Errors measure(SelfTestServer server, WireApi api, Load load, int requests, Path dir) {
        BenchPlan plan = BenchPlanBuilder.builder()
                .endpoint(server.uri())
                .api(api)
                .model("self-test")
                .loads(List.of(load))
                .requests(requests)
                .warmup(load instanceof Load.Concurrency c ? c.streams() : 10)
                .inputTokens(10)
                .outputTokens(CHUNKS)
                .timeout(Duration.ofSeconds(10))
                .prompts(List.of(new Prompt("Say something.", CHUNKS)))
                .seed(42)
                .build();
        Path records = dir.resolve(api.wireName() + "-"
                + (load instanceof Load.Concurrency c ? "c" + c.streams() : "rate")
                + ".requests.jsonl");
        BenchResult result = new BenchRunner(plan, records, notice -> {}).run();
        List<Double> ttft = new ArrayList<>();
        List<Double> itl = new ArrayList<>();
        List<Double> dispatch = new ArrayList<>();
        for (RequestRecord r : BenchMerge.read(records)) {
            if (r.dispatchDelayMs() != null) dispatch.add(r.dispatchDelayMs());
            SelfTestServer.Stamps s = server.stamps(r.requestId());
            if (!r.ok() || r.ttftMs() == null || s == null) continue;
            ttft.add(r.ttftMs() - s.ttftMs());
            for (int i = 0; i < r.itlMs().size() && i + 1 < s.contentSent().length; i++)
                itl.add(r.itlMs().get(i) - s.gapMs(i));
        }
        BenchRun run = result.runs().isEmpty() ? null : result.runs().getFirst();
        if (run == null || run.requests().completed() < requests) {
            ttft.add(
                    Double.POSITIVE_INFINITY); // a request that failed against a scripted server is the harness's error
        }
        return new Errors(ttft, itl, dispatch);
    }

    private static double quantile(List<Double> values, double p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        if (v.length == 0) return Double.NaN;
        return new Percentile().withEstimationType(RunSummary.ESTIMATION).evaluate(v, p);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "failed" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return ", load average " + load[0] + " " + load[1] + " " + load[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            });
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
