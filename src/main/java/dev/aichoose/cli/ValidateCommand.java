package dev.aichoose.cli;

import dev.aichoose.analysis.Evaluator;
import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check scenario files against format v1 and the catalogs, without computing anything. "
                + "Every problem is reported as file:line:col: message (exit 3); the warnings evaluate would give "
                + "about the inputs (implausible values, stale catalog prices) go to standard error.")
final class ValidateCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files to check.")
    List<Path> scenarios;

    @Mixin
    PricingOptions pricing;

    @Option(names = "--bench", paramLabel = "[OPTION=]FILE", description = "Bench results, as for evaluate.")
    List<String> bench = new ArrayList<>();

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            converter = AsOfDate.class,
            description = "Check catalog ages as of this date (YYYY-MM-DD), as evaluate does. Default: today.")
    LocalDate asOf;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the line of each scenario that is valid to FILE (atomically) instead of standard "
                    + "output; problems and warnings still go to standard error.")
    Path output;

    @Override
    protected void validate() {
        CommandOutput.checkFile("-o", output);
    }

    @Override
    protected ExitCode execute() {
        Catalog catalog = pricing.load(spec.commandLine().getErr());
        BenchFiles.checkFilesExist(EvaluateCommand.benchOverrides(bench));
        ScenarioLoader loader = new ScenarioLoader(catalog, BenchFiles.SOURCE, EvaluateCommand.benchOverrides(bench));
        List<Diagnostic> problems = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        // the catalog's own warnings name their files; said once, not once per scenario
        catalog.warnings().forEach(w -> err.println("aichoose: warning: " + w));
        for (Path file : scenarios) {
            try {
                Scenario s = loader.load(file);
                BenchFiles.checkOverrides(s, EvaluateCommand.benchOverrides(bench));
                valid.add(file + ": ok: " + s.name() + ", " + s.horizonMonths() + " months, "
                        + (s.optionsFromDefaults()
                                ? "the default option set"
                                : s.options().size() + " options"));
                String where = scenarios.size() > 1 ? file + ": " : "";
                Evaluator.inputWarnings(s, catalog, AsOfDate.orToday(asOf))
                        .forEach(w -> err.println("aichoose: warning: " + where + w));
            } catch (InputException e) {
                problems.addAll(e.diagnostics());
            }
        }
        new Inputs()
                .addAll(scenarios, "a scenario")
                .addAll(pricing.files(), "a price book")
                .refuse("-o", output);
        // the valid scenarios' lines are the result, written whether or not another file has problems
        CommandOutput.printOrWrite(
                output,
                (lines, w) -> {
                    for (String line : lines) w.write(line + System.lineSeparator());
                },
                valid,
                spec.commandLine().getOut(),
                err);
        if (!problems.isEmpty()) throw new InputException(problems);
        return ExitCode.OK;
    }
}
