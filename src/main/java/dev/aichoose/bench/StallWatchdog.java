package dev.aichoose.bench;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes response bodies that have been silent for longer than the timeout. java.net.http has no
 * read timeout once headers have arrived, and one checker for all streams is cheaper than one
 * timer per stream.
 */
final class StallWatchdog implements AutoCloseable {
    /** One watched body; the body itself knows when it last received bytes. */
    static final class Watch {
        private final StreamedBody body;
        volatile boolean stalled;
        volatile boolean cancelled;

        Watch(StreamedBody body) {
            this.body = body;
        }

        void close() {
            body.close();
        }
    }

    private final long timeoutNanos;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Thread checker;
    private volatile boolean running = true;

    StallWatchdog(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long periodMs = Math.max(10, Math.min(250, timeout.toMillis() / 10));
        checker = Thread.ofPlatform().daemon().name("bench-stall-watchdog").start(() -> {
            while (running) {
                long now = System.nanoTime();
                for (Watch w : watches) {
                    if (now - w.body.lastReadNanos() > timeoutNanos) {
                        w.stalled = true;
                        watches.remove(w);
                        w.close();
                    }
                }
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    Watch watch(StreamedBody body) {
        Watch w = new Watch(body);
        watches.add(w);
        return w;
    }

    void release(Watch w) {
        watches.remove(w);
    }

    /** Ctrl-C: every open stream is closed and its request recorded as never finished. */
    void cancelAll() {
        for (Watch w : watches) {
            w.cancelled = true;
            watches.remove(w);
            w.close();
        }
    }

    @Override
    public void close() {
        running = false;
        checker.interrupt();
    }
}
