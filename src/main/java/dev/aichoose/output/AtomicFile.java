package dev.aichoose.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Writes a file all at once or not at all: the content goes to a temporary file beside the target
 * and is moved over it only when complete, so a failure midway never leaves half a report, nor
 * destroys the report a previous run wrote.
 *
 * <ul>
 *   <li>A symbolic link is written through: the file it points to is replaced (in that file's own
 *       directory, so the move stays atomic) and the link stays a link.
 *   <li>The replaced file's permissions are kept (a report kept private, 0600, stays private); a new
 *       file gets the usual ones (0666 less the umask).
 *   <li>Something that is not a regular file, such as {@code /dev/stdout} or a FIFO, is written into as it
 *       stands: a device cannot be replaced, and writing there is what the user asked for.
 *   <li>The temporary file is removed on every way out: an exception, and Ctrl-C or SIGTERM while it is
 *       written (a shutdown hook for the duration of the write). Only SIGKILL can leave one, named
 *       {@code .NAME.RANDOM.tmp}.
 *   <li>A file with other hard links is replaced by a new file: the other names keep the old content.
 * </ul>
 */
public final class AtomicFile {
    private AtomicFile() {}

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Symbolic links followed before giving up, as Linux's own limit (ELOOP). */
    private static final int MAX_LINKS = 40;

    /** What writes the content; may throw, in which case the target is left as it was. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * What a write does once the process has begun to stop (Ctrl-C, SIGTERM): a report is not started
     * then ({@link #REFUSE}); a bench's result is what its signal hook waits for ({@link #WRITE}).
     */
    public enum WhenStopping {
        REFUSE,
        /** Written all the same; its temporary file is still removed on every way out but a second signal. */
        WRITE
    }

    public static void write(Path target, Content content) throws IOException {
        write(target, content, WhenStopping.REFUSE);
    }

    public static void write(Path target, Content content, WhenStopping whenStopping) throws IOException {
        Path absolute = throughLinks(target.toAbsolutePath());
        if (Files.exists(absolute) && !Files.isRegularFile(absolute) && !Files.isDirectory(absolute)) {
            try (OutputStream out = Files.newOutputStream(absolute, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            return;
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: that makes the file private (0600), and a report keeps the usual permissions
        Path temp =
                dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        // registered once the file exists, so that a signal from here on finds it to remove
        Thread cleanUp = new Thread(() -> deleteQuietly(temp), "aichoose-remove-" + temp.getFileName());
        try {
            Runtime.getRuntime().addShutdownHook(cleanUp);
        } catch (IllegalStateException e) {
            if (whenStopping == WhenStopping.REFUSE) {
                out.close();
                deleteQuietly(temp);
                throw new java.io.InterruptedIOException("not written: aichoose is stopping");
            }
            // stopping already: the hooks are running and the finally below removes the file
            cleanUp = null;
        }
        try {
            try (out) {
                content.writeTo(out);
            }
            keepPermissions(absolute, temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // same directory, so this only happens on file systems without atomic rename
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteQuietly(temp);
            if (cleanUp != null) removeHook(cleanUp);
        }
    }

    /** The file a chain of symbolic links ends at (which need not exist yet); the path itself otherwise. */
    static Path throughLinks(Path path) throws IOException {
        Path p = path;
        for (int i = 0; Files.isSymbolicLink(p); i++) {
            if (i == MAX_LINKS)
                throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
            p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
        }
        return p;
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return;
        Files.getFileAttributeView(temp, PosixFileAttributeView.class)
                .setPermissions(view.readAttributes().permissions());
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing more can be done about it on the way out; the name says what it is
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (Ctrl-C during the write): the hook runs, and finds nothing to do
        }
    }
}
