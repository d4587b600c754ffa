package dev.aichoose.cli;

import dev.aichoose.bench.EndpointException;
import dev.aichoose.load.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The one factory that wires the command line: commands, streams and error handlers.
 * Tests build their CLI here too, so tests and users run the same wiring.
 */
public final class Cli {
    private Cli() {}

    static {
        // picocli's default factory looks for Groovy's Closure class once; a class that is not there
        // is looked for in every jar on the class path, which opens them all (about 25 ms of a start)
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        // and it registers converters for java.sql and java.time types by reflection, each class looked
        // up by name; no option here takes one of those types without a converter of its own (dates
        // are AsOfDate, durations BenchDurationConverter), so they are left out (about 5 ms)
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    /** The commands, in the order help lists them. */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> c = new LinkedHashMap<>();
        c.put("evaluate", EvaluateCommand::new);
        c.put("diff", DiffCommand::new);
        c.put("reconcile", ReconcileCommand::new);
        c.put("validate", ValidateCommand::new);
        c.put("estimate", EstimateCommand::new);
        c.put("catalog", CatalogCommand::new);
        c.put("bench", BenchCommand::new);
        c.put("generate-completion", AutoComplete.GenerateCompletion::new);
        return c;
    }

    /** The build's model of the commands; null where there is none, and picocli reads the annotations. */
    private static final CommandModel MODEL = CommandModel.generated();

    /** Runs the command line for these arguments; the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return create(out, err, args).execute(args);
    }

    /**
     * The command line for these arguments. When the first argument names a command, only that
     * command is built: a person editing a scenario runs evaluate many times. Anything else (help,
     * a typo that wants a suggestion, completion) gets every command. Each command's model comes
     * from the build ({@link CommandModel}) when it has one.
     */
    public static CommandLine create(PrintWriter out, PrintWriter err, String... args) {
        return create(MODEL, out, err, args);
    }

    /** The same command line with every command read from its annotations, as the build reads them. */
    static CommandLine createReflective(PrintWriter out, PrintWriter err, String... args) {
        return create(null, out, err, args);
    }

    private static CommandLine create(CommandModel model, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(modelOf(model, new RootCommand()));
        String first = args.length > 0 ? args[0] : "";
        boolean one = COMMANDS.containsKey(first) && !first.equals("generate-completion");
        COMMANDS.forEach((name, command) -> {
            if (!one || name.equals(first)) cli.addSubcommand(name, modelOf(model, command.get()));
        });
        cli.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCode.helpLines());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(t -> exitCodeOf(t).code());
        cli.setParameterExceptionHandler(Cli::handleUsageError);
        cli.setExecutionExceptionHandler(Cli::handleExecutionError);
        cli.setExecutionStrategy(new CommandLine.RunLast());
        return cli;
    }

    /** The command's spec from the build's model, or the command itself for picocli to read. */
    private static Object modelOf(CommandModel model, Object command) {
        if (model == null) return command;
        Object spec = model.spec(command);
        return spec != null ? spec : command;
    }

    /**
     * The one table from a failure to its exit code. The handlers below print the message each kind
     * deserves and then take the code from here, as does picocli's own exit-code mapper.
     */
    static ExitCode exitCodeOf(Throwable t) {
        return switch (t) {
            case CommandLine.ParameterException e -> ExitCode.USAGE;
            case UsageException e -> ExitCode.USAGE;
            case InputException e -> ExitCode.INVALID_INPUT;
            case EndpointException e -> ExitCode.ENDPOINT_FAILURE;
            case RuleBreachedException e -> ExitCode.RULE_BREACHED;
            // reading problems are InputExceptions by the time they leave a reader: what is left is writing
            case IOException e -> ExitCode.OUTPUT_FAILURE;
            case UncheckedIOException e -> ExitCode.OUTPUT_FAILURE;
            case SelfTestFailedException e -> ExitCode.SELF_TEST_FAILED;
            default -> ExitCode.INTERNAL_ERROR;
        };
    }

    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("aichoose: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return exitCodeOf(e).code();
    }

    static int handleExecutionError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        switch (e) {
            case InputException input -> input.diagnostics().forEach(err::println);
            case UsageException usage -> {
                err.println("aichoose: " + usage.getMessage());
                err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            case EndpointException endpoint -> err.println("aichoose: " + endpoint.getMessage());
            case RuleBreachedException breach -> err.println("aichoose: " + breach.getMessage());
            case IOException write -> err.println("aichoose: " + OutputFailure.describe(write));
            case UncheckedIOException write -> err.println("aichoose: " + OutputFailure.describe(write));
            case SelfTestFailedException failed -> err.println("aichoose: " + failed.getMessage());
            default -> {
                err.println("aichoose: internal error: " + e
                        + (verbose(cmd) ? "" : " (run with --verbose for the stack trace; please report it)"));
                if (verbose(cmd)) e.printStackTrace(err);
            }
        }
        err.flush();
        return exitCodeOf(e).code();
    }

    static boolean verbose(CommandLine cmd) {
        CommandLine root = cmd;
        while (root.getParent() != null) root = root.getParent();
        return root.getCommand() instanceof RootCommand r && r.verbose();
    }
}
