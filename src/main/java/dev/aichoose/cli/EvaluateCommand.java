package dev.aichoose.cli;

import dev.aichoose.analysis.Evaluator;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Scenario;
import dev.aichoose.report.ReportFiles;
import dev.aichoose.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
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

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;

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
        Catalog catalog = pricing.load();
        Scenario scenario = new ScenarioLoader(catalog, BenchFiles.SOURCE, benchOverrides(bench)).load(scenarioFile);
        Evaluation evaluation = Evaluator.evaluate(scenario, catalog, asOf != null ? asOf : LocalDate.now());
        PrintWriter err = spec.commandLine().getErr();
        if (output != null) {
            ReportFiles.write(output, format, evaluation);
            err.println("aichoose: wrote " + output);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.flush();
            OutputStream stream = new WriterOutputStream(out);
            format.renderer().render(evaluation, stream);
            stream.flush();
        }
        if (format != ReportFormat.TABLE || output != null) {
            evaluation.warnings().forEach(w -> err.println("aichoose: warning: " + w));
        }
        return ExitCode.OK.code();
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
