package dev.aichoose.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A report, layer or record that could not be written: a full disk, a read-only directory, no
 * permission (exit 6, {@link ExitCode#OUTPUT_FAILURE}). Raised as an {@link UncheckedIOException}, the
 * type every command's writing failures take, so that {@link Cli#exitCodeOf} maps them all alike.
 */
final class OutputFailure {
    private OutputFailure() {}

    /** The failure to write {@code target}, with the system's reason in words. */
    static UncheckedIOException writing(Path target, IOException e) {
        return new UncheckedIOException("cannot write " + target + " (" + reason(e) + ")", e);
    }

    /** The line the user reads: the message a command gave, or the system's reason. */
    static String describe(Exception e) {
        return switch (e) {
            // a message of its own, not the one UncheckedIOException(cause) copies from its cause
            case UncheckedIOException u ->
                u.getMessage() != null && !u.getMessage().equals(String.valueOf(u.getCause()))
                        ? u.getMessage()
                        : "could not write output (" + reason(u.getCause()) + ")";
            case IOException io -> "could not write output (" + reason(io) + ")";
            default -> e.toString();
        };
    }

    /** Why the system refused, in words: "no space left on device", "permission denied: /x". */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such directory: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileSystemException f ->
                f.getReason() != null ? f.getReason() + ": " + f.getFile() : String.valueOf(f.getFile());
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
