package dev.aichoose.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way a command's result reaches a file: checked before the work ({@link #checkWritable}),
 * then written all at once or not at all ({@link AtomicFile}), its missing directories made. A
 * failure is a {@link WriteFailure} naming the path, the same words whichever command wrote.
 */
public final class OutputFiles {
    private OutputFiles() {}

    /** Writes {@code target} atomically; an existing file is replaced and keeps its permissions. */
    public static void write(Path target, AtomicFile.Content content) {
        write(target, AtomicFile.WhenStopping.REFUSE, content);
    }

    /** The same, for a result that is still written while the process stops ({@link AtomicFile.WhenStopping}). */
    public static void write(Path target, AtomicFile.WhenStopping whenStopping, AtomicFile.Content content) {
        if (Files.isDirectory(target)) throw WriteFailure.of(target, new WriteFailure.Cause(target, "is a directory"));
        try {
            AtomicFile.write(target, content, whenStopping);
        } catch (AccessDeniedException e) {
            // refused on the temporary file beside the target: the directory is what cannot be written
            Path dir = target.toAbsolutePath().getParent();
            throw WriteFailure.of(target, new AccessDeniedException(String.valueOf(dir)));
        } catch (IOException e) {
            throw WriteFailure.of(target, e);
        }
    }

    /**
     * Whether {@code target} could be written, found before any work and changing nothing: it is not a
     * directory, and the nearest directory above it that exists can be written (the rest is made when
     * it is written). A device or FIFO ({@code /dev/stdout}) is written into as it stands.
     */
    public static void checkWritable(Path target) {
        Path file;
        try {
            file = AtomicFile.throughLinks(target.toAbsolutePath());
        } catch (IOException e) {
            throw WriteFailure.of(target, e);
        }
        if (Files.isDirectory(file)) throw WriteFailure.of(target, new WriteFailure.Cause(target, "is a directory"));
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            if (!Files.isWritable(file)) throw WriteFailure.of(target, new AccessDeniedException(file.toString()));
            return;
        }
        checkWritableDirectory(target, file.getParent());
    }

    /** Whether files can be written into {@code dir}, made when they are written if it is not there. */
    public static void checkWritableDirectory(Path dir) {
        checkWritableDirectory(dir, dir.toAbsolutePath());
    }

    private static void checkWritableDirectory(Path named, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        if (!Files.isDirectory(existing)) {
            throw WriteFailure.of(named, new WriteFailure.Cause(named, "not a directory: " + existing));
        }
        if (!Files.isWritable(existing)) {
            throw WriteFailure.of(named, new AccessDeniedException(existing.toString()));
        }
    }
}
