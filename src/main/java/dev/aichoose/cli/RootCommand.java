package dev.aichoose.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "aichoose",
        mixinStandardHelpOptions = true,
        versionProvider = RootCommand.Version.class,
        description = "Decide between self-hosting open-weight AI models and paying a closed AI API: "
                + "cost per query, monthly cost, breakeven, multi-year TCO and a reasoned recommendation.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  internal error (a bug; --verbose shows the stack trace)",
            "  2  usage error (unknown flag, bad flag value)",
            "  3  invalid input file (scenario, catalog or bench result)",
            "  4  endpoint failure (the benchmark could not run)",
            "  5  a --fail-if rule was breached (reports still written)",
        })
public final class RootCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show stack traces for internal errors.")
    boolean verbose;

    boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
