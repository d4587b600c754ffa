package dev.aichoose.cli;

/** A flag value that parsed but makes no sense (exit 2). */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
