package dev.aichoose.cli;

import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.load.InputException;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files against format v1 and the catalogs, without computing anything. "
                + "Every problem is reported as file:line:col: message (exit 3).")
final class ValidateCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files to check.")
    List<Path> scenarios;

    @Mixin
    PricingOptions pricing;

    @Option(names = "--bench", paramLabel = "[OPTION=]FILE", description = "Bench results, as for evaluate.")
    List<String> bench = new ArrayList<>();

    @Override
    protected ExitCode execute() {
        Catalog catalog = pricing.load();
        ScenarioLoader loader = new ScenarioLoader(catalog, BenchFiles.SOURCE, EvaluateCommand.benchOverrides(bench));
        List<Diagnostic> problems = new ArrayList<>();
        for (Path file : scenarios) {
            try {
                Scenario s = loader.load(file);
                spec.commandLine().getOut().println(file + ": ok: " + s.name() + ", " + s.horizonMonths() + " months, "
                        + (s.optionsFromDefaults() ? "the default option set" : s.options().size() + " options"));
            } catch (InputException e) {
                problems.addAll(e.diagnostics());
            }
        }
        if (!problems.isEmpty()) throw new InputException(problems);
        return ExitCode.OK;
    }
}
