package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.bench.EndpointException;
import dev.aichoose.load.InputException;
import dev.aichoose.load.located.Diagnostic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RootCommandTest {
    @Test
    void versionComesFromTheBuild() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("aichoose \\d+\\.\\d+\\.\\d+\\R");
    }

    @Test
    void noCommandIsAUsageErrorWithTheUsageOnStandardError() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("aichoose: a command is required").contains("Usage: aichoose", "evaluate");
    }

    @Test
    void unknownFlagIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.of("--verbos");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("Unknown option: '--verbos'")
                .contains("--verbose")
                .contains("--help");
        assertThat(run.err()).doesNotContain("at dev.aichoose");
    }

    @Test
    void helpListsEveryCommandAndATypoGetsASuggestion() {
        CliRun help = CliRun.of("--help");
        assertThat(help.out()).contains("evaluate", "diff", "validate", "catalog", "bench", "generate-completion");
        CliRun typo = CliRun.of("evaluat", "x.yaml");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("evaluate");
    }

    @Test
    void helpListsEveryExitCodeFromTheTable() {
        String help = CliRun.of("--help").out();
        String list = help.substring(help.indexOf("Exit codes:"));
        for (ExitCode c : ExitCode.values()) assertThat(list).contains("  " + c.code() + "  " + c.meaning());
        assertThat(list.lines().skip(1).filter(l -> !l.isBlank())).hasSize(ExitCode.values().length);
    }

    @Test
    void everyFailureMapsToItsDocumentedExitCode() {
        CommandLine cli = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(Cli.exitCodeOf(new CommandLine.ParameterException(cli, "bad")))
                .isEqualTo(ExitCode.USAGE);
        assertThat(Cli.exitCodeOf(new UsageException("bad -o"))).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.exitCodeOf(new InputException(new Diagnostic("f.yaml", 1, 2, "bad"))))
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(Cli.exitCodeOf(new EndpointException("refused"))).isEqualTo(ExitCode.ENDPOINT_FAILURE);
        assertThat(Cli.exitCodeOf(new RuleBreachedException("tco_usd > 1"))).isEqualTo(ExitCode.RULE_BREACHED);
        assertThat(Cli.exitCodeOf(new java.io.IOException("No space left on device")))
                .isEqualTo(ExitCode.OUTPUT_FAILURE);
        assertThat(Cli.exitCodeOf(new java.io.UncheckedIOException(new java.io.IOException("Read-only file system"))))
                .isEqualTo(ExitCode.OUTPUT_FAILURE);
        assertThat(Cli.exitCodeOf(new SelfTestFailedException("median TTFT error 3 ms")))
                .isEqualTo(ExitCode.SELF_TEST_FAILED);
        assertThat(Cli.exitCodeOf(new IllegalStateException("a bug"))).isEqualTo(ExitCode.INTERNAL_ERROR);
        assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void theRootsVerboseFlagReachesTheCommandThatRunsWhereverItIsGiven() {
        for (String[] args :
                new String[][] {{"evaluate", "--verbose", "x.yaml"}, {"--verbose", "evaluate", "x.yaml"}}) {
            CommandLine cli =
                    Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            CommandLine running = parsed.subcommand().commandSpec().commandLine();
            assertThat(Cli.verbose(running)).as(String.join(" ", args)).isTrue();
            assertThat(internalError(running, parsed))
                    .contains("java.lang.IllegalStateException: a bug")
                    .contains("\tat ")
                    .doesNotContain("please report");
        }
        String[] quiet = {"evaluate", "x.yaml"};
        CommandLine cli = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), quiet);
        CommandLine.ParseResult parsed = cli.parseArgs(quiet);
        CommandLine running = parsed.subcommand().commandSpec().commandLine();
        assertThat(Cli.verbose(running)).isFalse();
        assertThat(internalError(running, parsed))
                .isEqualTo("aichoose: internal error: java.lang.IllegalStateException: "
                        + "a bug (run with --verbose for the stack trace; please report it)" + System.lineSeparator());
    }

    /** What the CLI prints for a bug inside the command that ran, and that it exits 1. */
    private static String internalError(CommandLine running, CommandLine.ParseResult parsed) {
        StringWriter err = new StringWriter();
        running.setErr(new PrintWriter(err, true));
        int code = Cli.handleExecutionError(new IllegalStateException("a bug"), running, parsed);
        assertThat(code).isEqualTo(1);
        return err.toString();
    }
}
