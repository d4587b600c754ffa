package dev.aichoose;

import dev.aichoose.cli.Cli;
import java.io.PrintWriter;

/** Entry point: the exit code of the command line is the process's exit status. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams; tests call this in-process. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Cli.create(out, err, args).execute(args);
    }
}
