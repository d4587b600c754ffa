package dev.aichoose.cli;

import dev.aichoose.analysis.Evaluator;
import dev.aichoose.analysis.Simulator;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Scenario;
import dev.aichoose.report.ReportFiles;
import dev.aichoose.report.ReportFormat;
import dev.aichoose.rules.Metrics;
import dev.aichoose.rules.Rule;
import dev.aichoose.rules.SimulationMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Price every option of a scenario over its horizon and recommend one: upfront, monthly cash, "
                + "cost per query, TCO, NPV, breakeven against each API, capacity, and the five questions answered.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (YAML, format v1).")
    Path scenarioFile;

    @Mixin
    PricingOptions pricing;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", split = ",", defaultValue = "table",
            description = {"Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                "Several, comma-separated (json,md,xlsx), need -o DIR. xlsx always needs -o.",
                "csv on standard output is the options summary; into a directory it also writes the monthly cash flows."})
    List<ReportFormat> formats;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|DIR",
            description = {"Write the report to FILE instead of standard output, or into DIR as <scenario-stem>.<ext> "
                    + "(DIR: an existing directory, a path ending in /, or any path when several formats are asked for).",
                "Every file is written atomically: a failed run leaves the previous report as it was."})
    String outputArg;

    /** {@code -o} as a path; the raw text is kept because a Path drops the trailing "/" that marks a directory. */
    private Path output;

    @Option(names = "--fail-if", paramLabel = "RULE", split = ",", converter = FailIf.EvaluateRule.class,
            description = {"Exit 5 when the recommended option breaks a budget rule, after the reports are written: "
                    + "METRIC OP NUMBER, e.g. 'tco_usd > 50_000' or 'monthly_cost_usd >= 5000' (breached by any month).",
                "Metrics: tco_usd, monthly_cost_usd, cost_per_query_usd, npv_usd, total_cash_usd, upfront_usd. "
                    + "OP: > >= < <= ==. Repeatable.",
                "With --simulate also: p_cheapest, recommendation_holds_share (0 to 1), expected_regret_usd, "
                    + "tco_p95_usd, e.g. 'p_cheapest < 0.8'."})
    List<Rule> failIf = new ArrayList<>();

    @Option(names = "--simulate", paramLabel = "N",
            description = {"Draw N scenarios from the scenario's uncertainty: ranges (1 to " + MAX_DRAWS + "), run the "
                    + "engine and the recommendation on each, and report each option's TCO spread, how often it is "
                    + "the cheapest, a tornado and the flip points (docs/methodology.md, \"How sure is the answer?\")."})
    Integer simulate;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the simulation's random draws (default " + Simulator.DEFAULT_SEED
                    + "): the same seed gives the same figures.")
    Long seed;

    static final int MAX_DRAWS = 1_000_000;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Evaluate as of this date (YYYY-MM-DD): catalog ages and stale-price warnings count from it. "
                    + "Default: today.")
    LocalDate asOf;

    @Option(names = "--bench", paramLabel = "[OPTION=]FILE",
            description = "A bench result for the option with that id, or, without an id, for every owned or rented "
                    + "option that states no throughput of its own. Repeatable.")
    List<String> bench = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        checkOutput();
        Catalog catalog = pricing.load();
        Scenario scenario = new ScenarioLoader(catalog, BenchFiles.SOURCE, benchOverrides(bench)).load(scenarioFile);
        BenchFiles.checkOverrides(scenario, benchOverrides(bench));
        Evaluation evaluation = Evaluator.evaluate(scenario, catalog, asOf != null ? asOf : LocalDate.now());
        PrintWriter err = spec.commandLine().getErr();
        if (simulate != null) {
            if (scenario.uncertainty().inputs().isEmpty()) {
                err.println("aichoose: warning: the scenario has no uncertainty: section, so every draw is the base "
                        + "scenario (docs/methodology.md, \"Ranges on the inputs\")");
            }
            evaluation = evaluation.withSimulation(Simulator.simulate(evaluation, catalog, simulate,
                    seed != null ? seed : Simulator.DEFAULT_SEED));
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.flush();
            OutputStream stream = new WriterOutputStream(out);
            formats.getFirst().renderer().render(evaluation, stream);
            stream.flush();
        } else if (intoDirectory()) {
            List<Path> written;
            try {
                written = ReportFiles.writeAll(output, ReportFiles.stem(scenarioFile), formats, evaluation);
            } catch (IOException e) {
                throw UsageException.cannotWrite(output, e);
            }
            for (Path p : written) err.println("aichoose: wrote " + p);
        } else {
            try {
                ReportFiles.write(output, formats.getFirst(), evaluation);
            } catch (IOException e) {
                throw UsageException.cannotWrite(output, e);
            }
            err.println("aichoose: wrote " + output);
        }
        if (formats.getFirst() != ReportFormat.TABLE || output != null) {
            evaluation.warnings().forEach(w -> err.println("aichoose: warning: " + w));
        }
        FailIf.enforce(failIf, evaluation);
        return ExitCode.OK.code();
    }

    /** Checked before any work: which output the flags ask for, and whether it can be written. */
    private void checkOutput() {
        if (simulate != null && (simulate < 1 || simulate > MAX_DRAWS)) {
            throw new UsageException("--simulate " + simulate + ": give between 1 and " + MAX_DRAWS + " draws");
        }
        if (seed != null && simulate == null) throw new UsageException("--seed needs --simulate N");
        failIf.stream().filter(SimulationMetrics::names).findFirst().filter(r -> simulate == null).ifPresent(r -> {
            throw new UsageException("--fail-if '" + r.text() + "': " + r.metric() + " needs --simulate N");
        });
        try {
            output = outputArg == null ? null : Path.of(outputArg);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("-o " + outputArg + ": not a valid path (" + e.getReason() + ")");
        }
        formats = List.copyOf(new java.util.LinkedHashSet<>(formats));
        if (output == null && formats.size() > 1) {
            throw new UsageException("several formats (" + ids() + ") need a directory: add -o DIR");
        }
        if (output == null && !formats.getFirst().printable()) {
            throw new UsageException("xlsx is a binary workbook and is not printed: write it with -o FILE.xlsx or -o DIR");
        }
        if (output != null && Files.isRegularFile(output) && intoDirectory()) {
            throw new UsageException("-o " + output + " is a file, but " + ids() + " write several files: give a directory");
        }
    }

    private boolean intoDirectory() {
        return formats.size() > 1 || Files.isDirectory(output) || outputArg.endsWith("/")
                || outputArg.endsWith(java.io.File.separator);
    }

    private String ids() {
        return String.join(",", formats.stream().map(ReportFormat::id).toList());
    }

    /** {@code ID=FILE} for one option, a bare {@code FILE} for every option without a throughput. */
    static Map<String, Path> benchOverrides(List<String> values) {
        Map<String, Path> overrides = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq > 0) overrides.put(v.substring(0, eq), Path.of(v.substring(eq + 1)));
            else overrides.put("*", Path.of(v));
        }
        return overrides;
    }
}
