package dev.aichoose.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress display redrawn in place on a terminal; off when there is none. */
public final class ProgressLine implements AutoCloseable {
    private final Thread painter;
    private final PrintWriter err;
    private volatile boolean running = true;

    public ProgressLine(PrintWriter err, BenchRunner.Progress progress) {
        this.err = err;
        painter = Thread.ofPlatform().daemon().name("bench-progress").start(() -> {
            while (running) {
                err.print(String.format(Locale.ROOT, "\r%s: %d done, %d failed, %.0f tok/s   ",
                        progress.label(), progress.done(), progress.failed(), progress.tokensPerSecond()));
                err.flush();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
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
