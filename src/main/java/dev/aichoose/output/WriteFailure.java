package dev.aichoose.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A result, report, layer or record that could not be written (a full disk, a read-only directory, no
 * permission): one line, {@code cannot write PATH (reason)}, naming the path the user gave. Every
 * command's writing failures take this form, so the command line maps them all to one exit code.
 */
public final class WriteFailure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private WriteFailure(String message, IOException cause) {
        super(message, cause);
    }

    /** The failure to write {@code target}, with the system's reason in words. */
    public static WriteFailure of(Path target, IOException e) {
        return e instanceof WriteFailure.Cause c && c.getFile().equals(target.toString())
                ? new WriteFailure("cannot write " + target + " (" + c.getReason() + ")", e)
                : new WriteFailure("cannot write " + target + " (" + reason(e) + ")", e);
    }

    /** Why the system refused, in words: "no space left on device", "permission denied: /x". */
    public static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such directory: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            // Files.createDirectories meeting a file where a directory should be
            case FileAlreadyExistsException f -> "not a directory: " + f.getFile();
            case FileSystemException f ->
                f.getReason() != null
                        ? f.getReason() + (f.getFile() != null ? ": " + f.getFile() : "")
                        : String.valueOf(f.getFile());
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** A refusal about the target itself, said without repeating its name: "is a directory". */
    static final class Cause extends FileSystemException {
        private static final long serialVersionUID = 1L;

        Cause(Path target, String reason) {
            super(target.toString(), null, reason);
        }
    }
}
