package dev.aichoose.cli;

/** A flag value that parsed but makes no sense (exit 2). */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    /** An output path that cannot be written, found before any work is done, is a bad flag value. */
    static UsageException cannotWrite(java.nio.file.Path target, java.io.IOException e) {
        return new UsageException("cannot write " + target + " (" + OutputFailure.reason(e) + ")");
    }
}
