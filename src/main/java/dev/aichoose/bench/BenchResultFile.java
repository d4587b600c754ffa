package dev.aichoose.bench;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aichoose.load.Diagnostic;
import dev.aichoose.load.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes and reads bench JSON v1; reading reports each bad field as {@code file:line:col: field: problem}. */
public final class BenchResultFile {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private BenchResultFile() {}

    /** Where the per-request JSONL goes beside a result file: {@code x.json} → {@code x.requests.jsonl}. */
    public static Path requestLogBeside(Path result) {
        return RequestLog.besides(result);
    }

    public static void write(Path file, BenchResult result) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            // written beside and moved, so a reader never sees half a file
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, MAPPER.writeValueAsString(result) + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BenchResult read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(new Diagnostic(name, 0, 0, "cannot read the bench result: " + e.getMessage()));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InputException(new Diagnostic(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) throw new InputException(new Diagnostic(name, 1, 1, "a bench result is a JSON object"));
        Fields f = new Fields(name, locations(text));
        BenchResult result = f.result(root);
        if (!f.problems.isEmpty()) throw new InputException(f.problems);
        return result;
    }

    /** Where each value starts, by JSON pointer, so a problem found in the tree can name its line. */
    private static Map<String, int[]> locations(String text) {
        Map<String, int[]> at = new HashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                var ctx = p.getParsingContext();
                String pointer = (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && ctx.getParent() != null
                        ? ctx.getParent().pathAsPointer().toString()
                        : ctx.pathAsPointer().toString();
                JsonLocation l = p.currentTokenLocation();
                at.putIfAbsent(pointer, new int[] {l.getLineNr(), l.getColumnNr()});
            }
        } catch (IOException e) {
            // already parsed once; locations are a nicety
        }
        return at;
    }

    /** Reads fields one by one, collecting a diagnostic per problem instead of stopping at the first. */
    private static final class Fields {
        final String file;
        final Map<String, int[]> at;
        final List<Diagnostic> problems = new ArrayList<>();

        Fields(String file, Map<String, int[]> at) {
            this.file = file;
            this.at = at;
        }

        BenchResult result(JsonNode root) {
            String schema = text(root, "", "schema", true);
            if (schema != null && !schema.equals(BenchResult.SCHEMA)) {
                problem("/schema", "schema: expected \"" + BenchResult.SCHEMA + "\", found \"" + schema + "\"");
            }
            String endpoint = text(root, "", "endpoint", true);
            String api = text(root, "", "api", true);
            if (api != null && WireApi.ofWireName(api).isEmpty()) problem("/api", "api: expected openai, ollama or anthropic, found \"" + api + "\"");
            String model = text(root, "", "model", true);
            String startedAt = text(root, "", "started_at", true);
            Map<String, Object> settings = new LinkedHashMap<>();
            JsonNode s = root.get("settings");
            if (s != null && !s.isNull()) {
                if (!s.isObject()) problem("/settings", "settings: expected an object");
                else settings = MAPPER.convertValue(s, MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
            }
            List<BenchRun> runs = new ArrayList<>();
            JsonNode rs = root.get("runs");
            if (rs == null || rs.isNull()) problem("", "runs: required field is missing");
            else if (!rs.isArray()) problem("/runs", "runs: expected an array");
            else for (int i = 0; i < rs.size(); i++) {
                BenchRun run = run(rs.get(i), "/runs/" + i);
                if (run != null) runs.add(run);
            }
            return problems.isEmpty() ? new BenchResult(schema, endpoint, api, model, startedAt, settings, runs) : null;
        }

        BenchRun run(JsonNode r, String p) {
            if (!r.isObject()) {
                problem(p, label(p) + ": expected an object");
                return null;
            }
            int before = problems.size();
            Double concurrency = number(r, p, "concurrency", false);
            Double rate = number(r, p, "request_rate", false);
            if ((concurrency == null) == (rate == null)) {
                problem(p, label(p) + ": exactly one of concurrency and request_rate must be set");
            } else if (concurrency != null && (concurrency < 1 || concurrency != Math.rint(concurrency))) {
                problem(p + "/concurrency", label(p + "/concurrency") + ": expected a whole number of 1 or more");
            }
            JsonNode req = object(r, p, "requests");
            Double completed = req == null ? null : count(req, p + "/requests", "completed");
            Double failed = req == null ? null : count(req, p + "/requests", "failed");
            Map<String, Integer> errors = new LinkedHashMap<>();
            JsonNode e = req == null ? null : req.get("errors");
            if (e != null && !e.isNull()) {
                if (!e.isObject()) problem(p + "/requests/errors", label(p + "/requests/errors") + ": expected an object");
                else e.properties().forEach(kv -> {
                    if (kv.getValue().isIntegralNumber() && kv.getValue().intValue() >= 0) errors.put(kv.getKey(), kv.getValue().intValue());
                    else problem(p + "/requests/errors/" + kv.getKey(), label(p + "/requests/errors/" + kv.getKey()) + ": expected a count");
                });
            }
            Double duration = number(r, p, "duration_s", true);
            Double rps = number(r, p, "request_throughput", true);
            Double otps = number(r, p, "output_tokens_per_second", true);
            Double ttps = number(r, p, "total_tokens_per_second", true);
            LatencyStats ttft = latency(r, p, "ttft_ms");
            LatencyStats tpot = latency(r, p, "tpot_ms");
            LatencyStats itl = latency(r, p, "itl_ms");
            LatencyStats e2e = latency(r, p, "e2e_ms");
            TokenStats in = tokens(r, p, "input_tokens");
            TokenStats out = tokens(r, p, "output_tokens");
            String from = text(r, p, "token_counts_from", true);
            if (from != null && !from.equals("server") && !from.equals("estimate")) {
                problem(p + "/token_counts_from", label(p + "/token_counts_from") + ": expected server or estimate");
            }
            Double goodput = number(r, p, "goodput_rps", false);
            Double retryAfter = number(r, p, "retry_after_s_max", false);
            if (problems.size() > before) return null;
            return new BenchRun(concurrency == null ? null : concurrency.intValue(), rate,
                    new RequestCounts(completed.intValue(), failed.intValue(), errors),
                    duration, rps, otps, ttps, ttft, tpot, itl, e2e, in, out, from, goodput, retryAfter);
        }

        LatencyStats latency(JsonNode parent, String p, String name) {
            JsonNode o = object(parent, p, name);
            if (o == null) return null;
            String q = p + "/" + name;
            return new LatencyStats(number(o, q, "mean", false), number(o, q, "p50", false),
                    number(o, q, "p90", false), number(o, q, "p99", false));
        }

        TokenStats tokens(JsonNode parent, String p, String name) {
            JsonNode o = object(parent, p, name);
            return o == null ? null : new TokenStats(number(o, p + "/" + name, "mean", false));
        }

        JsonNode object(JsonNode parent, String p, String name) {
            JsonNode v = parent.get(name);
            if (v == null || v.isNull()) {
                problem(p, label(p + "/" + name) + ": required field is missing");
                return null;
            }
            if (!v.isObject()) {
                problem(p + "/" + name, label(p + "/" + name) + ": expected an object");
                return null;
            }
            return v;
        }

        String text(JsonNode parent, String p, String name, boolean required) {
            JsonNode v = parent.get(name);
            if (v == null || v.isNull()) {
                if (required) problem(p, label(p + "/" + name) + ": required field is missing");
                return null;
            }
            if (!v.isTextual()) {
                problem(p + "/" + name, label(p + "/" + name) + ": expected a string");
                return null;
            }
            return v.textValue();
        }

        Double number(JsonNode parent, String p, String name, boolean required) {
            JsonNode v = parent.get(name);
            if (v == null || v.isNull()) {
                if (required) problem(p, label(p + "/" + name) + ": required field is missing");
                return null;
            }
            if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0) {
                problem(p + "/" + name, label(p + "/" + name) + ": expected a number of 0 or more");
                return null;
            }
            return v.doubleValue();
        }

        Double count(JsonNode parent, String p, String name) {
            Double v = number(parent, p, name, true);
            if (v != null && v != Math.rint(v)) {
                problem(p + "/" + name, label(p + "/" + name) + ": expected a whole number");
                return null;
            }
            return v;
        }

        void problem(String pointer, String message) {
            int[] lc = at.getOrDefault(pointer, at.getOrDefault("", new int[] {1, 1}));
            problems.add(new Diagnostic(file, lc[0], lc[1], message));
        }

        /** A JSON pointer as a reader writes the field: {@code /runs/0/ttft_ms} → {@code runs[0].ttft_ms}. */
        static String label(String pointer) {
            StringBuilder s = new StringBuilder();
            for (String part : pointer.substring(1).split("/")) {
                if (part.matches("\\d+")) s.append('[').append(part).append(']');
                else s.append(s.isEmpty() ? "" : ".").append(part);
            }
            return s.toString();
        }
    }
}
