package dev.aichoose.cli;

import dev.aichoose.bench.BenchHistograms;
import dev.aichoose.bench.BenchMerge;
import dev.aichoose.bench.BenchResultFile;
import dev.aichoose.bench.BenchTable;
import dev.aichoose.bench.RequestRecord;
import dev.aichoose.bench.WireApi;
import dev.aichoose.input.InputException;
import dev.aichoose.load.BenchResultReader;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Build one bench result from the .requests.jsonl files of several bench processes or hosts that ran the same "
                    + "plan at the same time: run N of each file is one run, at the sum of their loads, with percentiles "
                    + "recomputed from all the records.",
            "Endpoint, API, model and SLO come from the result JSON beside the first file (x.requests.jsonl -> x.json) "
                    + "unless given.",
        })
final class BenchMergeCommand extends BaseCommand {
    @Parameters(
            arity = "1..*",
            paramLabel = "FILE.requests.jsonl",
            description = "Per-request records, one file per process.")
    List<Path> files;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "Write the merged bench JSON v1 here.")
    Path output;

    @Option(
            names = "--api",
            paramLabel = "openai|ollama|anthropic",
            description = "Wire format, when no result JSON is beside the files.")
    WireApi api;

    @Option(
            names = "--model",
            paramLabel = "NAME",
            description = "Model measured, when no result JSON is beside the files.")
    String model;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "Endpoint measured, when no result JSON is beside the files.")
    String endpoint;

    @Option(
            names = "--slo",
            paramLabel = "ttft=500ms,tpot=50ms",
            converter = BenchSloConverter.class,
            description = "Bounds for goodput (default: the first result's).")
    Workload.LatencySlo slo;

    @Option(
            names = "--expected-interval",
            paramLabel = "DURATION",
            converter = BenchDurationConverter.class,
            description = "Also correct the merged HdrHistogram logs for coordinated omission, expecting a sample "
                    + "this often on each stream (e.g. the median E2E): corrected percentiles are printed and "
                    + "logged under <tag>.corrected.")
    java.time.Duration expectedInterval;

    @Override
    protected void validate() {
        if (Files.isRegularFile(files.getFirst())
                && beside(files.getFirst()).isEmpty()
                && (api == null || endpoint == null || model == null)) {
            throw usageError("--api, --endpoint and --model are needed: no result JSON beside " + files.getFirst()
                    + " says what was measured");
        }
        CommandOutput.checkFile("-o", output);
        for (Path input : files) {
            Optional<Path> result = beside(input);
            if (BenchCommand.sameFile(output, input)
                    || (result.isPresent() && BenchCommand.sameFile(output, result.get())))
                throw usageError("-o " + output + " would overwrite an input of the merge ("
                        + (BenchCommand.sameFile(output, input) ? input : result.get()) + ")");
        }
    }

    @Override
    protected ExitCode execute() {
        List<dev.aichoose.input.Diagnostic> missing = files.stream()
                .filter(f -> !Files.isRegularFile(f))
                .map(f -> new dev.aichoose.input.Diagnostic(f.toString(), 0, 0, "no such request-records file"))
                .toList();
        if (!missing.isEmpty()) throw new InputException(missing);
        Map<Path, List<RequestRecord>> records = new LinkedHashMap<>();
        for (Path f : files) records.put(f, BenchMerge.read(f));
        if (records.values().stream().allMatch(List::isEmpty)) {
            throw new InputException(new dev.aichoose.input.Diagnostic(
                    files.getFirst().toString(), 0, 0, "no request records outside the warm-up"));
        }
        Optional<BenchResult> first = beside(files.getFirst()).map(BenchResultReader::read);
        // the earliest start among the results beside the files
        String startedAt = files.stream()
                .map(BenchMergeCommand::beside)
                .flatMap(Optional::stream)
                .map(p -> BenchResultReader.read(p).startedAt())
                .filter(Objects::nonNull)
                .filter(s -> !s.isEmpty())
                .min(Comparator.naturalOrder())
                .orElse(java.time.Instant.now().toString());
        BenchMerge.Header header = new BenchMerge.Header(
                endpoint != null ? endpoint : first.map(BenchResult::endpoint).orElse(""),
                api != null ? api.wireName() : first.map(BenchResult::api).orElseThrow(),
                model != null ? model : first.map(BenchResult::model).orElse(""),
                startedAt,
                slo != null ? slo : first.map(BenchResult::slo).orElse(Workload.LatencySlo.NONE));
        BenchResult merged = BenchMerge.merge(records, header);
        BenchResultFile.write(output, merged);
        spec.commandLine().getOut().print(BenchTable.render(merged));
        mergeHistograms();
        spec.commandLine().getOut().flush();
        spec.commandLine()
                .getErr()
                .println("aichoose: wrote " + output + " from " + files.size() + " files, "
                        + records.values().stream().mapToInt(List::size).sum() + " requests");
        spec.commandLine().getErr().flush();
        return ExitCode.OK;
    }

    /**
     * Adds up the HdrHistogram logs beside the files ({@code x.requests.jsonl} → {@code x.hlog}) into
     * one beside the output, when every file has one; with {@code --expected-interval}, adds copies
     * corrected for coordinated omission and prints their percentiles.
     */
    private void mergeHistograms() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        List<Path> logs = files.stream().map(BenchHistograms::beside).toList();
        List<Path> missing = logs.stream().filter(p -> !Files.isRegularFile(p)).toList();
        if (!missing.isEmpty()) {
            err.println("aichoose: no HdrHistogram log " + missing.getFirst()
                    + " (written by benches since histograms were): no merged log written");
            return;
        }
        Map<String, org.HdrHistogram.Histogram> merged =
                BenchHistograms.merge(logs.stream().map(BenchHistograms::read).toList());
        Map<String, org.HdrHistogram.Histogram> written = new java.util.TreeMap<>(merged);
        if (expectedInterval != null) {
            double expectedMs = expectedInterval.toNanos() / 1e6;
            Map<String, org.HdrHistogram.Histogram> corrected = BenchHistograms.corrected(merged, expectedMs);
            written.putAll(corrected);
            out.println();
            out.println("HdrHistogram percentiles (ms), p50 / p90 / p99, and corrected for coordinated omission at "
                    + BenchTable.fmt(expectedMs) + " ms between samples:");
            for (var e : merged.entrySet()) {
                org.HdrHistogram.Histogram c = corrected.get(e.getKey() + ".corrected");
                if (c == null) continue;
                out.println("  " + e.getKey() + ": " + triple(BenchHistograms.percentilesMs(e.getValue()))
                        + "  corrected " + triple(BenchHistograms.percentilesMs(c)));
            }
        }
        Path target = BenchHistograms.beside(output);
        BenchHistograms.write(target, written);
        err.println("aichoose: wrote " + target + " from " + logs.size() + " HdrHistogram logs");
    }

    private static String triple(List<Double> p) {
        return BenchTable.fmt(p.get(0)) + " / " + BenchTable.fmt(p.get(1)) + " / " + BenchTable.fmt(p.get(2));
    }

    /** The result JSON a bench wrote beside its records: {@code x.requests.jsonl} → {@code x.json}. */
    private static Optional<Path> beside(Path records) {
        String name = records.getFileName().toString();
        if (!name.endsWith(".requests.jsonl")) return Optional.empty();
        Path result = records.resolveSibling(name.substring(0, name.length() - ".requests.jsonl".length()) + ".json");
        return Files.isRegularFile(result) ? Optional.of(result) : Optional.empty();
    }
}
