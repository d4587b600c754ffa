package dev.aichoose.cli;

/** {@code bench --self-test} measured the harness's own timing error above its bound on this machine (exit 7). */
public final class SelfTestFailedException extends RuntimeException {
    public SelfTestFailedException(String message) {
        super(message);
    }
}
