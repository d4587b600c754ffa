package dev.aichoose.cli;

import dev.aichoose.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The real CLI run in-process with captured output. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
