package dev.aichoose.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.aichoose.load.InputException;
import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import dev.aichoose.model.Workload;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One bench result from the per-request records ({@code .requests.jsonl}) of several harness
 * processes that ran the same plan at the same time: run N of every file is one run, whose load
 * is the sum of theirs, whose percentiles are computed from all its records together (never
 * averaged from the files' own), and whose duration runs from the earliest start to the last end.
 */
public final class BenchMerge {
    private static final ObjectReader RECORDS = BenchResultFile.MAPPER
            .readerFor(RequestRecord.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the records do not say: where and what was measured, and the bounds for goodput. */
    public record Header(String endpoint, String api, String model, String startedAt, Workload.LatencySlo slo) {}

    private BenchMerge() {}

    /** The non-warm-up records of one JSONL file; a line that is not a record is {@code file:line:col: message}. */
    public static List<RequestRecord> read(Path file) {
        List<RequestRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) continue;
                RequestRecord r;
                try {
                    r = RECORDS.readValue(line);
                } catch (JsonProcessingException e) {
                    int col = e.getLocation() == null
                            ? 1
                            : Math.max(1, e.getLocation().getColumnNr());
                    throw new InputException(new Diagnostic(
                            file.toString(),
                            number,
                            col,
                            "not a request record: "
                                    + e.getOriginalMessage().lines().findFirst().orElse("")));
                }
                String bad = unreadable(r);
                if (bad != null) throw new InputException(new Diagnostic(file.toString(), number, 1, bad));
                if (r.warmup() || r.run() < 1) continue;
                if (r.concurrency() == null == (r.requestRate() == null)) {
                    throw new InputException(new Diagnostic(
                            file.toString(),
                            number,
                            1,
                            "a request record needs exactly one of concurrency and request_rate"));
                }
                if (r.runStartedAtMs() == null || r.endedMs() == null) {
                    throw new InputException(
                            new Diagnostic(
                                    file.toString(),
                                    number,
                                    1,
                                    "the record has no run_started_at_ms "
                                            + "and ended_ms (written by an older aichoose): its run's duration cannot be known"));
                }
                records.add(r);
            }
        } catch (IOException e) {
            throw new InputException(
                    new Diagnostic(file.toString(), 0, 0, "cannot read the request records: " + e.getMessage()));
        }
        return records;
    }

    /**
     * What makes a record's figure unusable, or null: times and counts are finite and not negative
     * (an older aichoose wrote a Retry-After of "Infinity"; a merge must not carry it into a result
     * that no reader takes).
     */
    static String unreadable(RequestRecord r) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("ttft_ms", r.ttftMs());
        figures.put("tpot_ms", r.tpotMs());
        figures.put("e2e_ms", r.e2eMs());
        figures.put("connect_ms", r.connectMs());
        figures.put("retry_after_s", r.retryAfterS());
        figures.put("retry_wait_s", r.retryWaitS());
        figures.put("ended_ms", r.endedMs());
        figures.put("intended_ms", r.intendedMs());
        figures.put("sent_ms", r.sentMs());
        figures.put("dispatch_delay_ms", r.dispatchDelayMs());
        figures.put("ttft_from_intended_ms", r.ttftFromIntendedMs());
        figures.put("e2e_from_intended_ms", r.e2eFromIntendedMs());
        for (var f : figures.entrySet()) {
            Double v = f.getValue();
            if (v != null && !(Double.isFinite(v) && v >= 0))
                return f.getKey() + ": expected a finite number, 0 or more, found " + v;
        }
        for (Double gap : r.itlMs()) {
            if (gap == null || !(Double.isFinite(gap) && gap >= 0))
                return "itl_ms: expected finite numbers, 0 or more, found " + gap;
        }
        if (r.runStartedAtMs() != null && !Double.isFinite(r.runStartedAtMs()))
            return "run_started_at_ms: expected a finite number, found " + r.runStartedAtMs();
        for (Integer n : java.util.Arrays.asList(r.inputTokens(), r.outputTokens())) {
            if (n != null && n < 0) return "a token count below 0: " + n;
        }
        return null;
    }

    /** Merges the files' records, run by run; {@code files} names each list for error messages. */
    public static BenchResult merge(Map<Path, List<RequestRecord>> files, Header header) {
        Map<Integer, List<RequestRecord>> byRun = new TreeMap<>();
        Map<Integer, Integer> streams = new TreeMap<>();
        Map<Integer, Double> rates = new TreeMap<>();
        for (var file : files.entrySet()) {
            Map<Integer, RequestRecord> firstOfRun = new LinkedHashMap<>();
            for (RequestRecord r : file.getValue()) {
                RequestRecord first = firstOfRun.putIfAbsent(r.run(), r);
                if (first != null
                        && (!java.util.Objects.equals(first.concurrency(), r.concurrency())
                                || !java.util.Objects.equals(first.requestRate(), r.requestRate()))) {
                    throw new InputException(new Diagnostic(
                            file.getKey().toString(),
                            0,
                            0,
                            "run " + r.run() + " has records at more than one load level"));
                }
                byRun.computeIfAbsent(r.run(), k -> new ArrayList<>()).add(r);
            }
            for (RequestRecord r : firstOfRun.values()) {
                if (r.concurrency() != null) streams.merge(r.run(), r.concurrency(), Integer::sum);
                if (r.requestRate() != null) rates.merge(r.run(), r.requestRate(), Double::sum);
            }
        }
        List<BenchRun> runs = new ArrayList<>();
        for (var run : byRun.entrySet()) {
            int n = run.getKey();
            if (streams.containsKey(n) && rates.containsKey(n)) {
                throw new InputException(new Diagnostic(
                        files.keySet().iterator().next().toString(),
                        0,
                        0,
                        "run " + n + " is at a concurrency in one file and at a rate in another"));
            }
            Load load = streams.containsKey(n) ? new Load.Concurrency(streams.get(n)) : new Load.Rate(rates.get(n));
            List<RequestRecord> records = run.getValue();
            runs.add(RunSummary.of(records, load, RunSummary.durationS(records), header.slo()));
        }
        runs = Saturation.judgeAll(runs);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("merged_from", files.keySet().stream().map(Path::toString).toList());
        if (!header.slo().isEmpty()) settings.put("slo", BenchRunner.sloSetting(header.slo()));
        return new BenchResult(
                BenchResult.SCHEMA,
                header.endpoint(),
                header.api(),
                header.model(),
                header.startedAt(),
                settings,
                runs);
    }
}
