package dev.aichoose.load;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionMeasuredNoRunMeetsBuilder;
import dev.aichoose.model.OptionMeasuredThroughputBuilder;
import dev.aichoose.model.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a bench result into the capacity of a serving option, checking first that the figure
 * means what capacity needs: a run that failed most of its requests measured refusals and is
 * never chosen; the chosen run's failures, estimated token counts, an early stop and another
 * model than the option's each leave a warning on the figure.
 */
public final class BenchCapacity {
    /** Above this share of failed requests the chosen run's throughput carries a warning. */
    public static final double FAILURE_WARNING_SHARE = 0.05;
    /** Above this share a run says more about refusals than capacity: it is never chosen. */
    public static final double FAILURE_UNUSABLE_SHARE = 0.5;

    private BenchCapacity() {}

    /** The {@link BenchSource} the commands use: read the file, then {@link #of}. */
    public static Option.Measured read(Path file, Workload.LatencySlo slo) {
        return of(file.toString(), BenchResultReader.read(file), slo);
    }

    /**
     * The run of a bench result that stands for capacity under the latency targets, or why none does.
     *
     * @throws InputException when no run could stand for capacity at all
     */
    public static Option.Measured of(String file, BenchResult result, Workload.LatencySlo slo) {
        if (result.runs().isEmpty()) {
            throw new InputException(new Diagnostic(
                    file,
                    0,
                    0,
                    "the bench result has no runs"
                            + (result.stoppedEarly() ? " (it was stopped before the first run ended)" : "")));
        }
        // one pass that keeps each run's place: a run record's equals compares every figure, so asking a
        // list whether it holds each run was quadratic (5,000 runs, half failing: 34 s)
        List<BenchRun> usable = new ArrayList<>();
        List<BenchRun> leftOut = new ArrayList<>();
        for (BenchRun r : result.runs()) {
            (r.failureShare() <= FAILURE_UNUSABLE_SHARE && !r.saturatedRun() ? usable : leftOut).add(r);
        }
        if (usable.isEmpty() && result.runs().stream().anyMatch(BenchRun::saturatedRun)) {
            throw new InputException(new Diagnostic(
                    file,
                    0,
                    0,
                    "every run saturated the server or failed most of its requests: none measures capacity "
                            + "(docs/bench.md, \"Saturation\"); bench lower loads"));
        }
        if (usable.isEmpty()) {
            throw new InputException(new Diagnostic(
                    file,
                    0,
                    0,
                    String.format(
                            Locale.ROOT,
                            "every run failed more than %.0f%% of its requests (%s): that measures refusals, not capacity",
                            FAILURE_UNUSABLE_SHARE * 100,
                            kinds(result.runs().getFirst()))));
        }
        List<String> warnings = new ArrayList<>();
        if (result.stoppedEarly()) {
            warnings.add("the bench was stopped early (stopped_early): it may not have reached the load asked for");
        }
        for (BenchRun r : leftOut) {
            if (r.saturatedRun() && r.failureShare() <= FAILURE_UNUSABLE_SHARE) {
                warnings.add("the run " + level(r) + " is left out: it saturated the server (more load only queued), "
                        + "so it is not capacity");
            } else {
                warnings.add(String.format(
                        Locale.ROOT,
                        "the run %s is left out: %.0f%% of its requests failed (%s)",
                        level(r),
                        r.failureShare() * 100,
                        kinds(r)));
            }
        }
        BenchResult eligible = new BenchResult(
                result.schema(),
                result.endpoint(),
                result.api(),
                result.model(),
                result.startedAt(),
                result.settings(),
                usable);
        var chosen = eligible.chosenRun(slo);
        // a capacity search that found no load meeting its SLO: without targets of its own, the
        // scenario plans with the bench's, and there is no capacity under them
        var searched = result.findMax().orElse(null);
        if (slo.isEmpty() && searched instanceof BenchResult.FindMax.NoneMeets none) {
            return OptionMeasuredNoRunMeetsBuilder.builder()
                    .file(file)
                    .startedAt(result.startedAt())
                    .targets(targets(none.slo()))
                    .model(result.model())
                    .warnings(warnings)
                    .recorded(recorded(result, null))
                    .build();
        }
        if (chosen.isPresent()
                && searched instanceof BenchResult.FindMax.Found
                && !chosen.get().chosenBySearch()) {
            warnings.add("the run the bench's --find-max chose does not meet the scenario's targets (" + targets(slo)
                    + "); the highest run that does is used");
        }
        if (chosen.isEmpty()) {
            return OptionMeasuredNoRunMeetsBuilder.builder()
                    .file(file)
                    .startedAt(result.startedAt())
                    .targets(targets(slo))
                    .model(result.model())
                    .warnings(warnings)
                    .recorded(recorded(result, null))
                    .build();
        }
        BenchRun run = chosen.get();
        if (run.failureShare() > FAILURE_WARNING_SHARE) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%.0f%% of the requests of the run %s failed (%s): its throughput "
                            + "is what the server delivered while failing them",
                    run.failureShare() * 100,
                    level(run),
                    kinds(run)));
        }
        if ("estimate".equals(run.tokenCountsFrom())) {
            warnings.add("the server reported no token counts in the run " + level(run)
                    + ": its throughput is estimated at 4 characters a token");
        }
        return OptionMeasuredThroughputBuilder.builder()
                .tokensPerSecond(run.outputTokensPerSecond())
                .file(file)
                .startedAt(result.startedAt())
                .run(level(run))
                .model(result.model())
                .warnings(warnings)
                .recorded(recorded(result, run))
                .tokensPerSecondCi(run.outputTokensPerSecondCi())
                .build();
    }

    /** What the bench recorded of its setup ({@code settings.hardware}, {@code settings.quantization}) and the run's lengths. */
    private static Option.Measured.Recorded recorded(BenchResult result, BenchRun run) {
        return new Option.Measured.Recorded(
                setting(result, "hardware"),
                setting(result, "quantization"),
                run == null || run.inputTokens() == null
                        ? null
                        : run.inputTokens().mean(),
                run == null || run.outputTokens() == null
                        ? null
                        : run.outputTokens().mean());
    }

    private static String setting(BenchResult result, String key) {
        return result.settings().get(key) instanceof String s && !s.isBlank() ? s : null;
    }

    /**
     * Whether the bench measured the option's model: names compared without case, punctuation or an
     * organisation prefix ({@code meta-llama/Llama-3.1-8B-Instruct}, {@code llama3.1:8b} and
     * {@code meta/llama-3.1-8b-instruct} agree). A bench that names no model matches any.
     */
    public static boolean sameModel(Option.Measured measured, String optionModel, OpenModel catalogModel) {
        if (measured == null
                || optionModel == null
                || optionModel.isEmpty()
                || measured.model() == null
                || measured.model().isEmpty()) {
            return true;
        }
        String bench = key(measured.model());
        List<String> names = new ArrayList<>(List.of(key(optionModel)));
        if (catalogModel != null) names.add(key(catalogModel.name()));
        return names.stream()
                .anyMatch(n -> n.length() >= 3 && bench.length() >= 3 && (bench.contains(n) || n.contains(bench)));
    }

    /**
     * The loader's check that the bench measured the option's model: names are compared without
     * case, punctuation or an organisation prefix ({@code meta-llama/Llama-3.1-8B-Instruct},
     * {@code llama3.1:8b} and {@code meta/llama-3.1-8b-instruct} agree), and a mismatch is a warning.
     */
    public static Option.Measured forModel(Option.Measured measured, String optionModel, OpenModel catalogModel) {
        return sameModel(measured, optionModel, catalogModel)
                ? measured
                : measured.withWarning(
                        "the bench measured the model '" + measured.model() + "', not the option's " + optionModel);
    }

    private static String key(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String level(BenchRun r) {
        return r.concurrency() != null
                ? "at concurrency " + r.concurrency()
                : String.format(Locale.ROOT, "at %s requests/s", stripZero(r.requestRate()));
    }

    private static String stripZero(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String kinds(BenchRun r) {
        Map<String, Integer> errors = r.requests().errors();
        if (errors.isEmpty()) return r.requests().failed() + " failed";
        return errors.entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The targets in words, for "no run meets …". */
    static String targets(Workload.LatencySlo slo) {
        List<String> t = new ArrayList<>();
        if (slo.ttftMs() != null) t.add(String.format(Locale.ROOT, "p90 TTFT ≤ %.0f ms", slo.ttftMs()));
        if (slo.tpotMs() != null) t.add(String.format(Locale.ROOT, "p90 TPOT ≤ %.1f ms", slo.tpotMs()));
        return t.isEmpty() ? "any completed request" : String.join(" and ", t);
    }
}
