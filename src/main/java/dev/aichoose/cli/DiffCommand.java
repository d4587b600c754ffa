package dev.aichoose.cli;

import dev.aichoose.analysis.Evaluator;
import dev.aichoose.diff.Diff;
import dev.aichoose.diff.EvaluationJson;
import dev.aichoose.diff.Snapshot;
import dev.aichoose.diff.Sources;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Scenario;
import dev.aichoose.report.DiffFormat;
import dev.aichoose.rules.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two evaluations: each option's feasibility (and why), TCO, steady monthly cost (month 1), cost "
                    + "per query and breakeven, before (A) and after (B), in dollars and per cent, and whether and why "
                    + "the verdict changed.",
            "A and B are each a scenario file, a scenario at a git revision (PATH@REV, e.g. "
                    + "scenarios/prod.yaml@origin/main), or an evaluation JSON report (evaluate --format json).",
        })
final class DiffCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "A", description = "Before: FILE, PATH@REV or an evaluation JSON report.")
    String before;

    @Parameters(index = "1", paramLabel = "B", description = "After: FILE, PATH@REV or an evaluation JSON report.")
    String after;

    @Mixin
    PricingOptions pricing;

    @Mixin
    Output output;

    /** {@code -f} for diffs; {@code -o} and the rules come from {@link OutputOptions}. */
    static final class Output extends OutputOptions<DiffFormat, Diff> {
        @Option(
                names = {"-f", "--format"},
                paramLabel = "FORMAT",
                description =
                        "Output format: ${COMPLETION-CANDIDATES} (default: table, or the one -o's extension names).")
        DiffFormat format;

        @Override
        List<DiffFormat> requested() {
            return format == null ? null : List.of(format);
        }

        @Override
        DiffFormat defaultFormat() {
            return DiffFormat.TABLE;
        }

        @Override
        List<DiffFormat> all() {
            return List.of(DiffFormat.values());
        }
    }

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            converter = AsOfDate.class,
            description = "Evaluate scenario inputs as of this date (YYYY-MM-DD). Default: today.")
    LocalDate asOf;

    @Option(
            names = "--fail-if",
            paramLabel = "RULE",
            split = FailIf.SPLIT,
            splitSynopsisLabel = ",",
            converter = FailIf.DiffRule.class,
            description = {
                "Exit 5 when the change breaks a rule, after the diff is written: METRIC OP NUMBER, e.g. "
                        + "'tco_change_pct > 10'. The change is the recommended plan's: B's recommended option against A's.",
                "Metrics: tco_change_pct, tco_change_usd, monthly_cost_change_pct, monthly_cost_change_usd (the steady "
                        + "monthly cost at month 1's volume), "
                        + "cost_per_query_change_pct, cost_per_query_change_usd, npv_change_pct, npv_change_usd, "
                        + "verdict_changed, option_changed (1 when changed, else 0). Repeatable."
            })
    List<Rule> failIf = new ArrayList<>();

    private Catalog catalog;
    private OutputOptions.Target<DiffFormat> target;
    private final Inputs inputs = new Inputs();

    @Override
    protected void validate() {
        target = output.target(1, List.of());
    }

    @Override
    protected ExitCode execute() throws IOException {
        Diff diff = Diff.between(snapshot(before), snapshot(after));
        inputs.add(Path.of(before), "A").add(Path.of(after), "B").addAll(pricing.files(), "a price book");
        output.refuseInputs(target, List.of("diff"), inputs);
        output.write(
                target,
                diff,
                "diff",
                spec.commandLine().getOut(),
                spec.commandLine().getErr());
        FailIf.enforce(failIf, diff);
        return ExitCode.OK;
    }

    /** An evaluation report is read as it stands; a scenario is evaluated with today's (or --as-of) catalogs. */
    private Snapshot snapshot(String arg) {
        Sources.Source source = Sources.read(arg);
        if (source.report()) return source.read(r -> EvaluationJson.read(source.label(), source.label(), r));
        if (catalog == null) catalog = pricing.load(spec.commandLine().getErr());
        Catalog prices = catalog;
        Scenario scenario = source.read(
                r -> new ScenarioLoader(prices, BenchFiles.SOURCE, Map.of()).parse(source.label(), r, source.dir()));
        inputs.benchOf(scenario);
        return Snapshot.of(source.label(), Evaluator.evaluate(scenario, catalog, AsOfDate.orToday(asOf)));
    }
}
