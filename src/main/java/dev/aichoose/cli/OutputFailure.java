package dev.aichoose.cli;

import dev.aichoose.output.WriteFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A report, layer or record that could not be written: a full disk, a read-only directory, no
 * permission (exit 6, {@link ExitCode#OUTPUT_FAILURE}). Raised as a {@link WriteFailure}, an {@link UncheckedIOException}, the
 * type every command's writing failures take, so that {@link Cli#exitCodeOf} maps them all alike.
 */
final class OutputFailure {
    private OutputFailure() {}

    /** The failure to write {@code target}, with the system's reason in words. */
    static UncheckedIOException writing(Path target, IOException e) {
        return WriteFailure.of(target, e);
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
        return WriteFailure.reason(e);
    }
}
