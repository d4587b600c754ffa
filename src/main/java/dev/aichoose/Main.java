package dev.aichoose;

import dev.aichoose.cli.Cli;
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
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams; tests call this in-process. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Cli.run(out, err, args);
    }
}
