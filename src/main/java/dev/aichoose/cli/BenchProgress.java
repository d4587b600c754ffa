package dev.aichoose.cli;

import dev.aichoose.bench.BenchRunner;
import dev.aichoose.bench.BenchTable;
import dev.aichoose.bench.ProgressLine;
import dev.aichoose.model.BenchRun;
import java.io.Console;
import java.io.PrintWriter;

/**
 * What a bench says on stderr while it runs: notices, and, while a progress line is drawn, each run's
 * summary as it ends, printed above the line so that the line stays last. The runner's threads call
 * {@link #notice} and {@link #runEnded}; the command's thread draws and clears the line.
 */
final class BenchProgress implements AutoCloseable {
    private final PrintWriter err;
    private volatile ProgressLine line;

    BenchProgress(PrintWriter err) {
        this.err = err;
    }

    /** A notice from the runner (a retry, a slow server): one line, above the progress line if one is drawn. */
    void notice(String notice) {
        ProgressLine l = line;
        if (l != null) {
            l.println("aichoose: " + notice);
        } else {
            err.println("aichoose: " + notice);
            err.flush();
        }
    }

    /** A run's summary, shown only beside a progress line (the table at the end has them all). */
    void runEnded(BenchRun run) {
        ProgressLine l = line;
        if (l != null) l.println("aichoose: " + BenchTable.oneLine(run));
    }

    /** Draws the progress line, when {@code wanted}, until {@link #close()}. */
    void draw(boolean wanted, BenchRunner.Progress progress) {
        if (wanted) line = new ProgressLine(err, progress);
    }

    @Override
    public void close() {
        ProgressLine l = line;
        line = null;
        if (l != null) l.close();
    }

    /**
     * {@code --progress} or {@code --no-progress} decide; without either, progress is drawn when
     * stderr is a terminal. System.console() alone cannot say: on JDK 22 to 24 it is non-null for
     * redirected output too, so its isTerminal() (JDK 22+) is asked where it exists.
     */
    static boolean wanted(Boolean flag) {
        if (flag != null) return flag;
        @SuppressWarnings("SystemConsoleNull") // null on JDK 21 without a terminal; isTerminal() below for 22+
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException jdk21) {
            return true; // JDK 21: a console is only there for a terminal
        }
    }
}
