package dev.aichoose.load;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.Excerpt;
import dev.aichoose.input.Fields;
import dev.aichoose.input.InputException;
import dev.aichoose.input.InputFiles;
import dev.aichoose.input.InputKind;
import dev.aichoose.input.Node;
import dev.aichoose.input.NodeParser;
import dev.aichoose.input.Problems;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import dev.aichoose.model.BenchRunBuilder;
import dev.aichoose.model.LatencyStats;
import dev.aichoose.model.LatencyStatsBuilder;
import dev.aichoose.model.RequestCounts;
import dev.aichoose.model.TokenStats;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads bench JSON v1; each bad field is reported as {@code file:line:col: field: problem}. */
public final class BenchResultReader {
    /** The wire formats a result may name (the bench's --api values). */
    private static final List<String> APIS = List.of("openai", "ollama", "anthropic");

    private BenchResultReader() {}

    public static BenchResult read(Path file) {
        String name = file.toString();
        Node root;
        try (Reader reader = InputFiles.open(file, InputKind.BENCH_RESULT)) {
            root = NodeParser.parseJson(name, reader);
        } catch (IOException e) {
            throw new InputException(new Diagnostic(name, 0, 0, "cannot read the bench result: " + e.getMessage()));
        }
        Problems problems = new Problems(name);
        // fields a later version adds are read past, not rejected: readers of v1 must keep working
        BenchResult result =
                Fields.of(problems, root, "").map(BenchResultReader::result).orElse(null);
        problems.throwIfAny();
        return result;
    }

    private static BenchResult result(Fields f) {
        String schema = f.text("schema");
        if (!schema.isEmpty() && !schema.equals(BenchResult.SCHEMA)) {
            f.problems()
                    .at(
                            f.raw("schema").orElseThrow(),
                            "schema: expected \"" + BenchResult.SCHEMA + "\", found \"" + Excerpt.of(schema) + "\"");
        }
        String api = f.text("api");
        if (!api.isEmpty() && !APIS.contains(api)) {
            f.problems()
                    .at(
                            f.raw("api").orElseThrow(),
                            "api: expected openai, ollama or anthropic, found \"" + Excerpt.of(api) + "\"");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        f.raw("settings").ifPresent(s -> {
            if (s instanceof Node.Mapping m) m.entries().forEach((k, e) -> settings.put(k, plain(e.value())));
            else f.problems().at(s, "settings: expected an object, got " + s.describe());
        });
        if (!f.has("runs")) f.problems().at(f.node(), "missing required field 'runs'");
        List<BenchRun> runs = new ArrayList<>();
        List<Node> items = f.list("runs");
        for (int i = 0; i < items.size(); i++) {
            Fields.of(f.problems(), items.get(i), "runs[" + i + "]")
                    .map(BenchResultReader::run)
                    .ifPresent(runs::add);
        }
        return new BenchResult(schema, f.text("endpoint"), api, f.text("model"), f.text("started_at"), settings, runs);
    }

    private static BenchRun run(Fields r) {
        Integer concurrency = r.optionalInteger("concurrency", 1, 1_000_000);
        Double rate = r.optionalNumber("request_rate", 0, 1e9);
        if (r.has("concurrency") == r.has("request_rate")) {
            r.problems().at(r.node(), r.path() + ": exactly one of concurrency and request_rate must be set");
        }
        RequestCounts counts = r.requiredMapping("requests")
                .map(q -> {
                    Map<String, Integer> errors = new LinkedHashMap<>();
                    q.mapping("errors").ifPresent(e -> {
                        if (e.node() instanceof Node.Mapping m) {
                            m.entries()
                                    .keySet()
                                    .forEach(kind -> errors.put(kind, e.integer(kind, 0, Integer.MAX_VALUE)));
                        }
                    });
                    return new RequestCounts(
                            q.integer("completed", 0, Integer.MAX_VALUE),
                            q.integer("failed", 0, Integer.MAX_VALUE),
                            errors);
                })
                .orElse(null);
        double duration = r.number("duration_s", 0, 1e9);
        double rps = r.number("request_throughput", 0, 1e9);
        double otps = r.number("output_tokens_per_second", 0, 1e12);
        double ttps = r.number("total_tokens_per_second", 0, 1e12);
        LatencyStats ttft = latency(r, "ttft_ms");
        LatencyStats tpot = latency(r, "tpot_ms");
        LatencyStats itl = latency(r, "itl_ms");
        LatencyStats e2e = latency(r, "e2e_ms");
        TokenStats in = r.requiredMapping("input_tokens")
                .map(t -> new TokenStats(t.optionalNumber("mean", 0, 1e12)))
                .orElse(null);
        TokenStats out = r.requiredMapping("output_tokens")
                .map(t -> new TokenStats(t.optionalNumber("mean", 0, 1e12)))
                .orElse(null);
        String from = r.text("token_counts_from");
        if (!from.isEmpty() && !from.equals("server") && !from.equals("estimate")) {
            r.problems()
                    .at(
                            r.raw("token_counts_from").orElseThrow(),
                            r.pathOf("token_counts_from") + ": expected server or estimate, found \"" + Excerpt.of(from)
                                    + "\"");
        }
        Double goodput = r.optionalNumber("goodput_rps", 0, 1e9);
        Double retryAfter = r.optionalNumber("retry_after_s_max", 0, 1e9);
        Integer newConnections = r.optionalInteger("new_connections", 0, Integer.MAX_VALUE);
        LatencyStats connect =
                r.mapping("connect_ms").map(BenchResultReader::stats).orElse(null);
        Boolean chosen = r.has("chosen") ? r.flag("chosen", false) : null;
        Double achieved = r.optionalNumber("achieved_rate", 0, 1e12);
        Double inFlight = r.optionalNumber("mean_in_flight", 0, 1e12);
        LatencyStats dispatch =
                r.mapping("dispatch_delay_ms").map(BenchResultReader::stats).orElse(null);
        LatencyStats ttftIntended =
                r.mapping("ttft_from_intended_ms").map(BenchResultReader::stats).orElse(null);
        LatencyStats e2eIntended =
                r.mapping("e2e_from_intended_ms").map(BenchResultReader::stats).orElse(null);
        List<Double> throughputCi = interval(r, "output_tokens_per_second_ci");
        Boolean saturated = r.has("saturated") ? r.flag("saturated", false) : null;
        List<String> warnings = r.has("warnings")
                ? r.list("warnings").stream()
                        .map(n -> n instanceof Node.Scalar sc ? sc.text() : n.describe())
                        .toList()
                : null;
        if (counts == null || r.problems().any()) return null;
        return BenchRunBuilder.builder()
                .concurrency(concurrency)
                .requestRate(rate)
                .requests(counts)
                .durationS(duration)
                .requestThroughput(rps)
                .outputTokensPerSecond(otps)
                .totalTokensPerSecond(ttps)
                .ttftMs(ttft)
                .tpotMs(tpot)
                .itlMs(itl)
                .e2eMs(e2e)
                .inputTokens(in)
                .outputTokens(out)
                .tokenCountsFrom(from)
                .goodputRps(goodput)
                .retryAfterSMax(retryAfter)
                .newConnections(newConnections)
                .connectMs(connect)
                .chosen(chosen)
                .achievedRate(achieved)
                .meanInFlight(inFlight)
                .dispatchDelayMs(dispatch)
                .ttftFromIntendedMs(ttftIntended)
                .e2eFromIntendedMs(e2eIntended)
                .outputTokensPerSecondCi(throughputCi)
                .saturated(saturated)
                .warnings(warnings)
                .build();
    }

    /** A {@code [low, high]} interval, absent when the field is; anything else is a located problem. */
    private static List<Double> interval(Fields f, String key) {
        if (!f.has(key)) return null;
        List<Node> items = f.list(key);
        List<Double> bounds = new ArrayList<>();
        for (Node n : items) {
            if (n instanceof Node.Scalar sc
                    && (sc.kind() == Node.ScalarKind.INTEGER || sc.kind() == Node.ScalarKind.DECIMAL)) {
                bounds.add(Double.parseDouble(sc.text()));
            }
        }
        if (bounds.size() != 2 || !(bounds.get(0) <= bounds.get(1)) || bounds.get(0) < 0) {
            f.problems().at(f.raw(key).orElseThrow(), f.pathOf(key) + ": expected [low, high] with 0 <= low <= high");
            return null;
        }
        return bounds;
    }

    private static LatencyStats latency(Fields r, String key) {
        return r.requiredMapping(key).map(BenchResultReader::stats).orElse(null);
    }

    private static LatencyStats stats(Fields l) {
        return LatencyStatsBuilder.builder()
                .mean(l.optionalNumber("mean", 0, 1e12))
                .p50(l.optionalNumber("p50", 0, 1e12))
                .p90(l.optionalNumber("p90", 0, 1e12))
                .p99(l.optionalNumber("p99", 0, 1e12))
                .p50Ci(interval(l, "p50_ci"))
                .p90Ci(interval(l, "p90_ci"))
                .p99Ci(interval(l, "p99_ci"))
                .build();
    }

    /** A settings value as plain Java: maps, lists, numbers, text, booleans. */
    private static Object plain(Node node) {
        return switch (node) {
            case Node.Mapping m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                m.entries().forEach((k, e) -> map.put(k, plain(e.value())));
                yield map;
            }
            case Node.Sequence seq ->
                seq.items().stream().map(BenchResultReader::plain).toList();
            case Node.Scalar sc ->
                switch (sc.kind()) {
                    case NULL -> null;
                    case BOOLEAN -> Boolean.parseBoolean(sc.text());
                    case INTEGER -> {
                        try {
                            long v = Long.parseLong(sc.text());
                            yield v == (int) v ? (Object) (int) v : (Object) v;
                        } catch (NumberFormatException e) {
                            yield Double.parseDouble(sc.text()); // beyond a long: JSON's digits still make a double
                        }
                    }
                    case DECIMAL -> Double.parseDouble(sc.text());
                    case STRING -> sc.text();
                };
        };
    }
}
