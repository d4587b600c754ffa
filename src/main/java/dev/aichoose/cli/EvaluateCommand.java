package dev.aichoose.cli;

import dev.aichoose.analysis.EstimateErrors;
import dev.aichoose.analysis.Evaluator;
import dev.aichoose.analysis.Simulator;
import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Scenario;
import dev.aichoose.report.ReportFiles;
import dev.aichoose.report.ReportFormat;
import dev.aichoose.rules.Rule;
import dev.aichoose.rules.SimulationMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Price every option of a scenario over its horizon and recommend one: upfront, steady monthly "
                    + "cost, cost per query, TCO, NPV, breakeven against the cheapest feasible API, capacity, and the five "
                    + "questions answered.",
            "Several scenarios give one report each: one after another on standard output (table, md), or one "
                    + "file each in -o DIR, named after each scenario file."
        })
final class EvaluateCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario files (YAML, format v1).")
    List<Path> scenarioFiles;

    @Mixin
    PricingOptions pricing;

    @Mixin
    Output output;

    /** {@code -f} for evaluation reports; {@code -o} and the rules come from {@link OutputOptions}. */
    static final class Output extends OutputOptions<ReportFormat, Evaluation> {
        @Option(
                names = {"-f", "--format"},
                paramLabel = "FORMAT",
                split = ",",
                description = {
                    "Report format: ${COMPLETION-CANDIDATES} (default: table, or the one -o's extension names).",
                    "Several, comma-separated (json,md,xlsx), go into -o DIR. xlsx always needs -o.",
                    "csv on standard output or in one file is the options summary; into a directory it also writes "
                            + "the monthly cash flows."
                })
        List<ReportFormat> formats;

        @Override
        List<ReportFormat> requested() {
            return formats;
        }

        @Override
        ReportFormat defaultFormat() {
            return ReportFormat.TABLE;
        }

        @Override
        List<ReportFormat> all() {
            return List.of(ReportFormat.values());
        }
    }

    @Option(
            names = "--fail-if",
            paramLabel = "RULE",
            split = FailIf.SPLIT,
            splitSynopsisLabel = ",",
            converter = FailIf.EvaluateRule.class,
            description = {
                "Exit 5 when the recommended option breaks a budget rule, after the reports are written: "
                        + "METRIC OP NUMBER, e.g. 'tco_usd > 50_000', 'tco_usd > 50,000' or 'monthly_cost_usd >= 5000' "
                        + "(breached by any month). Several rules: repeat the flag.",
                "Metrics: tco_usd, monthly_cost_usd, cost_per_query_usd, npv_usd, total_cash_usd, upfront_usd. "
                        + "OP: > >= < <= ==.",
                "With --simulate also: p_cheapest, recommendation_holds_share (0 to 1), expected_regret_usd, "
                        + "tco_p95_usd, e.g. 'p_cheapest < 0.8'."
            })
    List<Rule> failIf = new ArrayList<>();

    @Option(
            names = "--simulate",
            paramLabel = "N",
            description = {
                "Draw N scenarios from the scenario's uncertainty: ranges (1 to " + MAX_DRAWS + "), run the "
                        + "engine and the recommendation on each, and report each option's TCO spread, how often it is "
                        + "the cheapest, a tornado and the flip points (docs/methodology.md, \"How sure is the answer?\")."
            })
    Integer simulate;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Seed of the simulation's random draws (default " + Simulator.DEFAULT_SEED
                    + "): the same seed gives the same figures.")
    Long seed;

    static final int MAX_DRAWS = 1_000_000;

    @Option(
            names = "--versus",
            paramLabel = "ID",
            description = "With --simulate: the option the tornado and the gap flip points measure the recommendation "
                    + "against. Default: the best feasible option of each other kind (owned, rented, API).")
    String versus;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            converter = AsOfDate.class,
            description = "Evaluate as of this date (YYYY-MM-DD): catalog ages and stale-price warnings count from it. "
                    + "Default: today.")
    LocalDate asOf;

    @Option(
            names = "--bench",
            paramLabel = "[OPTION=]FILE",
            description = "A bench result for the option with that id, or, without an id, for every owned or rented "
                    + "option that states no throughput of its own. Repeatable.")
    List<String> bench = new ArrayList<>();

    private OutputOptions.Target<ReportFormat> target;

    @Override
    protected void validate() {
        target = output.target(scenarioFiles.size(), List.of(ReportFormat.TABLE, ReportFormat.MD));
        checkStems();
        checkSimulation();
    }

    @Override
    protected ExitCode execute() throws IOException {
        Catalog catalog = pricing.load(spec.commandLine().getErr());
        BenchFiles.checkFilesExist(benchOverrides(bench));
        ScenarioLoader loader = new ScenarioLoader(catalog, BenchFiles.SOURCE, benchOverrides(bench));
        // every scenario is read before anything is written, and every problem in every file is reported at once
        List<Scenario> scenarios = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (Path file : scenarioFiles) {
            try {
                Scenario scenario = loader.load(file);
                BenchFiles.checkOverrides(scenario, benchOverrides(bench));
                scenarios.add(scenario);
            } catch (InputException e) {
                problems.addAll(e.diagnostics());
            }
        }
        if (!problems.isEmpty()) throw new InputException(problems);
        Inputs inputs = new Inputs()
                .addAll(scenarioFiles, "the scenario")
                .addAll(pricing.files(), "a price book")
                .addAll(List.copyOf(benchOverrides(bench).values()), "the bench result");
        scenarios.forEach(inputs::benchOf);
        output.refuseInputs(
                target, scenarioFiles.stream().map(ReportFiles::stem).toList(), inputs);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> breaches = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Evaluation evaluation = Evaluator.evaluate(scenarios.get(i), catalog, AsOfDate.orToday(asOf));
            if (simulate != null) {
                if (EstimateErrors.inputs(evaluation).isEmpty()) {
                    err.println("aichoose: warning: " + (scenarios.size() > 1 ? scenarioFiles.get(i) + ": " : "")
                            + "the scenario has no uncertainty: section, so every draw is the base scenario "
                            + "(docs/methodology.md, \"Ranges on the inputs\")");
                }
                Optional<String> against = versus(evaluation, scenarioFiles.get(i), err, scenarios.size() > 1);
                evaluation = evaluation.withSimulation(Simulator.simulate(
                        evaluation, catalog, simulate, seed != null ? seed : Simulator.DEFAULT_SEED, against));
            }
            if (i > 0 && target instanceof OutputOptions.Stdout<ReportFormat>) out.println();
            output.write(target, evaluation, ReportFiles.stem(scenarioFiles.get(i)), out, err);
            String where = scenarios.size() > 1 ? scenarioFiles.get(i) + ": " : "";
            BenchFiles.unusedDefault(scenarios.get(i), benchOverrides(bench))
                    .ifPresent(w -> err.println("aichoose: warning: " + where + w));
            // the table shows its warnings; for the other formats they go to standard error as well
            if (!(target instanceof OutputOptions.Stdout<ReportFormat> s && s.format() == ReportFormat.TABLE)) {
                evaluation.warnings().forEach(w -> err.println("aichoose: warning: " + where + w));
            }
            FailIf.breaches(failIf, evaluation).forEach(b -> breaches.add(where + b));
        }
        if (!breaches.isEmpty()) throw new RuleBreachedException(String.join("; ", breaches));
        return ExitCode.OK;
    }

    /** The option --versus names, checked against the evaluation's options. */
    private Optional<String> versus(Evaluation evaluation, Path file, PrintWriter err, boolean several) {
        if (versus == null) return Optional.empty();
        List<String> ids = evaluation.options().stream().map(o -> o.id()).toList();
        if (!ids.contains(versus)) {
            throw usageError("--versus " + versus + ": " + file + " has no option '" + versus + "'"
                    + dev.aichoose.input.Suggestions.hint(versus, ids));
        }
        if (evaluation
                .recommendation()
                .recommendedOption()
                .filter(versus::equals)
                .isPresent()) {
            err.println("aichoose: warning: " + (several ? file + ": " : "") + "--versus " + versus
                    + " is the recommended option; the tornado measures it against the runner-up");
            return Optional.empty();
        }
        return Optional.of(versus);
    }

    /** The simulation's flags make sense together, checked before any work. */
    private void checkSimulation() {
        if (simulate != null && (simulate < 1 || simulate > MAX_DRAWS)) {
            throw usageError("--simulate " + simulate + ": give between 1 and " + MAX_DRAWS + " draws");
        }
        if (seed != null && simulate == null) throw usageError("--seed needs --simulate N");
        if (versus != null && simulate == null) throw usageError("--versus needs --simulate N");
        failIf.stream()
                .filter(SimulationMetrics::names)
                .findFirst()
                .filter(r -> simulate == null)
                .ifPresent(r -> {
                    throw usageError("--fail-if '" + r.text() + "': " + r.metric() + " needs --simulate N");
                });
    }

    /** Reports of several scenarios in one directory are named after their files, so those names must differ. */
    private void checkStems() {
        Set<String> seen = new HashSet<>();
        for (Path p : scenarioFiles) {
            if (!seen.add(ReportFiles.stem(p))) {
                throw usageError("two scenarios are named " + ReportFiles.stem(p)
                        + ": their reports would overwrite each other; rename one, or run them separately");
            }
        }
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
