package dev.aichoose.cli;

import dev.aichoose.analysis.Calibrator;
import dev.aichoose.analysis.Evaluator;
import dev.aichoose.analysis.Reconciler;
import dev.aichoose.input.InputException;
import dev.aichoose.input.InputFiles;
import dev.aichoose.input.InputKind;
import dev.aichoose.load.CalibratedScenario;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.load.usage.UsageExports;
import dev.aichoose.model.Actuals;
import dev.aichoose.model.Calibration;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Reconciliation;
import dev.aichoose.model.Scenario;
import dev.aichoose.report.ReconcileFormat;
import dev.aichoose.report.Renderer;
import dev.aichoose.report.ReportFiles;
import dev.aichoose.rules.ReconcileMetrics;
import dev.aichoose.rules.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Set a scenario's forecast against what was billed: for each option and month, predicted, billed and "
                    + "why they differ, in parts that add up to the difference to the cent: volume (queries or "
                    + "GPU-hours), mix (tokens per query, cached share), price (the bill's prices against the plan's) "
                    + "and unmodelled (lines the scenario does not price); mean absolute percentage error, bias and "
                    + "the months beyond ±10 %%.",
            "Reads OpenAI usage and costs pages, Anthropic usage and cost reports (saved JSON), FOCUS 1.x CSV and "
                    + "aichoose's usage CSV; every line goes to an option by name, reconcile tag, model or provider, "
                    + "or is listed as going to none.",
            "With --calibrate -o FILE.yaml, writes the scenario with its volume, growth and token shape fitted to the "
                    + "billed months, each change commented with its evidence (docs/methodology.md)."
        })
final class ReconcileCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario whose forecast is reconciled.")
    Path scenarioFile;

    @Option(
            names = "--usage",
            paramLabel = "FILE",
            arity = "1..*",
            required = true,
            description = "Exports of usage and spend, in any of the formats above, told apart by their content. "
                    + "Several files, or repeat the flag.")
    List<Path> usage = new ArrayList<>();

    @Option(
            names = "--start",
            paramLabel = "YYYY-MM",
            required = true,
            converter = StartMonth.class,
            description = "The calendar month that is the scenario's month 1.")
    YearMonth start;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            converter = AsOfDate.class,
            description = "Evaluate the scenario as of this date (YYYY-MM-DD), as evaluate does. Default: today.")
    LocalDate asOf;

    @Option(
            names = "--focus-cost",
            paramLabel = "COLUMN",
            description = "Which FOCUS column is the bill: ${COMPLETION-CANDIDATES} (default: billed, BilledCost, what "
                    + "the invoice says; effective is EffectiveCost, with prepaid commitments spread).")
    UsageExports.FocusCost focusCost = UsageExports.FocusCost.BILLED;

    @Option(
            names = "--calibrate",
            description = "Write the scenario fitted to the billed months to -o FILE.yaml (its other text kept as it "
                    + "is); the report goes to standard output.")
    boolean calibrate;

    @Mixin
    PricingOptions pricing;

    @Mixin
    Output output;

    /** {@code -f} for reconciliations; {@code -o} and the rules come from {@link OutputOptions}. */
    static final class Output extends OutputOptions<ReconcileFormat, Reconciliation> {
        @Option(
                names = {"-f", "--format"},
                paramLabel = "FORMAT",
                split = ",",
                description = {
                    "Report format: ${COMPLETION-CANDIDATES} (default: table, or the one -o's extension names).",
                    "Several, comma-separated, go into -o DIR. xlsx always needs -o."
                })
        List<ReconcileFormat> formats;

        @Override
        List<ReconcileFormat> requested() {
            return formats;
        }

        @Override
        ReconcileFormat defaultFormat() {
            return ReconcileFormat.TABLE;
        }

        @Override
        List<ReconcileFormat> all() {
            return List.of(ReconcileFormat.values());
        }
    }

    @Option(
            names = "--fail-if",
            paramLabel = "RULE",
            split = FailIf.SPLIT,
            splitSynopsisLabel = ",",
            converter = FailIf.ReconcileRule.class,
            description = {
                "Exit 5 when the reconciliation breaks a rule, after the report is written: METRIC OP NUMBER, e.g. "
                        + "'reconcile.delta_share > 0.10' (any option's month billed more than 10 %% over its forecast).",
                "Metrics: reconcile.delta_share (each option and month, difference over predicted), "
                        + "reconcile.delta_usd (each option and month), reconcile.bias_share, reconcile.mape, "
                        + "reconcile.unmapped_usd. Repeatable."
            })
    List<Rule> failIf = new ArrayList<>();

    private OutputOptions.Target<ReconcileFormat> target;
    private Path calibrated;

    @Override
    protected void validate() {
        if (!calibrate) {
            target = output.target(1, List.of());
            return;
        }
        if (output.outputArg == null) {
            throw usageError("--calibrate writes the calibrated scenario: give it a name with -o FILE.yaml");
        }
        calibrated = Path.of(output.outputArg);
        String name = calibrated.getFileName() == null
                ? ""
                : calibrated.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            throw usageError("--calibrate -o " + output.outputArg + ": the calibrated scenario is YAML; name it .yaml");
        }
        inputs().refuse("-o", calibrated);
        CommandOutput.checkFile("-o", calibrated);
        List<ReconcileFormat> asked = output.requested();
        if (asked != null && (asked.size() > 1 || asked.getFirst().binary())) {
            throw usageError("with --calibrate the report goes to standard output: give one of -f table, json, md, "
                    + "html, csv");
        }
        target = new OutputOptions.Stdout<>(asked == null ? ReconcileFormat.TABLE : asked.getFirst());
    }

    @Override
    protected ExitCode execute() throws IOException {
        Catalog catalog = pricing.load(spec.commandLine().getErr());
        String scenarioText = read(scenarioFile);
        Scenario scenario = new ScenarioLoader(catalog, BenchFiles.SOURCE, Map.of())
                .parse(
                        scenarioFile.toString(),
                        new StringReader(scenarioText),
                        scenarioFile.toAbsolutePath().getParent());
        Inputs inputs = inputs().benchOf(scenario);
        if (calibrate) inputs.refuse("-o", calibrated);
        else output.refuseInputs(target, List.of(ReportFiles.stem(scenarioFile) + "-reconcile"), inputs);
        Actuals actuals = UsageExports.read(usage, start, scenario.horizonMonths(), focusCost);
        Reconciliation reconciliation = Reconciler.reconcile(
                Evaluator.evaluate(scenario, catalog, AsOfDate.orToday(asOf)),
                catalog,
                actuals,
                start,
                usage.stream().map(Path::toString).toList());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (calibrate) writeCalibrated(scenarioText, scenario, catalog, reconciliation, err);
        output.write(target, reconciliation, ReportFiles.stem(scenarioFile) + "-reconcile", out, err);
        if (!(target instanceof OutputOptions.Stdout<ReconcileFormat> s
                && (s.format() == ReconcileFormat.TABLE || s.format() == ReconcileFormat.MD))) {
            reconciliation.warnings().forEach(w -> err.println("aichoose: warning: " + w));
        }
        FailIf.enforce(failIf, ReconcileMetrics.of(reconciliation));
        return ExitCode.OK;
    }

    private void writeCalibrated(
            String text, Scenario scenario, Catalog catalog, Reconciliation reconciliation, PrintWriter err) {
        Calibration calibration = Calibrator.fit(reconciliation);
        calibration.notes().forEach(n -> err.println("aichoose: calibrate: " + n));
        String header = "Calibrated by aichoose reconcile on " + AsOfDate.orToday(asOf) + ": month 1 is " + start
                + ", fitted to "
                + String.join(", ", usage.stream().map(Path::toString).toList())
                + (calibration.changes().isEmpty() ? "; nothing changed" : "");
        String edited = CalibratedScenario.edit(scenarioFile.toString(), text, calibration, header);
        // the edit must load as the scenario it claims to be: a failure here is a bug, not the user's input
        try {
            new ScenarioLoader(catalog, BenchFiles.SOURCE, Map.of())
                    .parse(
                            calibrated.toString(),
                            new StringReader(edited),
                            scenarioFile.toAbsolutePath().getParent());
        } catch (InputException e) {
            throw new IllegalStateException("the calibrated scenario does not load: " + e.getMessage(), e);
        }
        ReportFiles.write(calibrated, (Renderer.Text<String>) (s, w) -> w.write(s), edited);
        err.println(
                "aichoose: wrote " + calibrated + " (" + calibration.changes().size() + " field"
                        + (calibration.changes().size() == 1 ? "" : "s") + " calibrated)");
    }

    /** The files this run reads, none of which an output may write over. */
    private Inputs inputs() {
        return new Inputs()
                .add(scenarioFile, "the scenario")
                .addAll(usage, "a usage export")
                .addAll(pricing.files(), "a price book");
    }

    /** The scenario's text, kept: --calibrate edits it rather than writing the model out. */
    private static String read(Path file) {
        return InputFiles.read(file, InputKind.SCENARIO);
    }
}
