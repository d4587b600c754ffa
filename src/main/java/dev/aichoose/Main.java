package dev.aichoose;

import dev.aichoose.cli.Cli;
import dev.aichoose.cli.ExitCode;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point: the exit code of the command line is the process's exit status. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // reports are UTF-8 documents (JSON must be): a POSIX locale must not turn "≤" into "?"
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        // a PrintWriter keeps a failed write to itself: standard output on a full disk would end in 0
        if (out.checkError() && (code == ExitCode.OK.code() || code == ExitCode.RULE_BREACHED.code())) {
            err.println("aichoose: could not write to standard output (a full disk, or the reader went away)");
            code = ExitCode.OUTPUT_FAILURE.code();
        }
        err.flush();
        System.out.flush();
        System.err.flush();
        // halt, not exit: System.exit logs the exit through System.Logger, whose first use looks for a
        // logging backend in every jar on the class path (about 17 ms of a 130 ms start). A command
        // leaves no shutdown hook of its own behind (bench removes its Ctrl-C hook before it returns)
        // and nothing is deleted on exit, so there is nothing for exit's hooks to do.
        Runtime.getRuntime().halt(code);
    }

    /** Runs the CLI with the given streams; tests call this in-process. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Cli.run(out, err, args);
    }
}
