package dev.aichoose.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "aichoose",
        addMethodSubcommands = false, // aichoose has no @Command methods; see BaseCommand
        mixinStandardHelpOptions = true,
        versionProvider = RootCommand.Version.class,
        description = "Decide between self-hosting open-weight AI models and paying a closed AI API: "
                + "cost per query, monthly cost, breakeven, multi-year TCO and a reasoned recommendation.")
public final class RootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--verbose",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show stack traces for internal errors.")
    boolean verbose;

    boolean verbose() {
        return verbose;
    }

    /** No command given: a usage error, with the usage on standard error (the exit-code list is set by {@link Cli}). */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("aichoose: a command is required");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** The version comes from the build, not from a constant in the code. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = RootCommand.class.getResourceAsStream("/aichoose-version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"aichoose " + p.getProperty("version", "unknown")};
        }
    }
}
