package dev.aichoose.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress display redrawn in place on a terminal; off when there is none. */
public final class ProgressLine implements AutoCloseable {
    private final Thread painter;
    private final PrintWriter err;
    private final Object lock = new Object();
    private volatile boolean running = true;

    public ProgressLine(PrintWriter err, BenchRunner.Progress progress) {
        this.err = err;
        painter = Thread.ofPlatform().daemon().name("bench-progress").start(() -> {
            while (running) {
                Integer expected = progress.expected();
                Double eta = progress.etaSeconds();
                String line = String.format(
                        Locale.ROOT,
                        "\r%s: %d%s done, %d failed, %.0f tok/s%s   ",
                        progress.label(),
                        progress.done(),
                        expected == null ? "" : "/" + expected,
                        progress.failed(),
                        progress.tokensPerSecond(),
                        eta == null ? "" : String.format(Locale.ROOT, ", %.0f s left", eta));
                synchronized (lock) {
                    err.print(line);
                    err.flush();
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** A line that stays: the progress line is cleared, the text printed, and drawing goes on below it. */
    public void println(String text) {
        synchronized (lock) {
            err.print("\r\033[K" + text + "\n");
            err.flush();
        }
    }

    @Override
    public void close() {
        running = false;
        painter.interrupt();
        try {
            painter.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r\033[K");
        err.flush();
    }
}
