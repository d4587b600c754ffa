package dev.aichoose.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What Ctrl-C or SIGTERM does to a bench: the JVM's shutdown hook stops the runner (requests in flight
 * are abandoned, every wait ends), then waits, at most {@link #GRACE_S} seconds, while the command's
 * thread writes what finished and releases the output; {@link #close()} says it is written. The process
 * then ends with the signal's status (130, 143).
 */
final class BenchStopOnSignal implements AutoCloseable {
    /** How long a signal waits for the result to be written before the JVM ends anyway. */
    static final int GRACE_S = 15;

    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    BenchStopOnSignal(Runnable stop) {
        hook = new Thread(
                () -> {
                    stop.run();
                    try {
                        written.await(GRACE_S, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The result is written (or failed to be): a signal's hook may let the JVM end. */
    @Override
    public void close() {
        written.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal: its hook, waiting on the latch just released, ends the JVM with the signal's
            // status (130, 143); returning would race it with exit 0 (Main halts)
            awaitTheEnd();
        }
    }

    @SuppressWarnings("InfiniteLoopStatement") // the JVM is shutting down and halts this thread with it
    private static void awaitTheEnd() {
        while (true) LockSupport.park();
    }
}
