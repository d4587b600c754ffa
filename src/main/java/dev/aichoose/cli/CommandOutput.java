package dev.aichoose.cli;

import dev.aichoose.output.OutputFiles;
import dev.aichoose.report.Renderer;
import dev.aichoose.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one output path of every command: its result goes to standard output, or to {@code -o FILE}.
 *
 * <ul>
 *   <li>{@code -o} is checked before any work ({@link #checkFile}): a path that is a directory, where the
 *       command writes one file, is a usage error (exit 2); a place that cannot be written (a read-only
 *       directory, a file where a directory should be) is exit 6, {@code cannot write PATH (reason)}.
 *   <li>A file is written atomically ({@link OutputFiles}): its missing directories are made, an existing
 *       file is replaced whole and keeps its permissions, a failure leaves the previous one as it was.
 *   <li>Each file written is said on standard error, {@code aichoose: wrote PATH}; standard output holds
 *       only the result.
 * </ul>
 *
 * {@link OutputOptions} adds {@code -f} and directories of several formats on top of this, for the
 * commands that write reports.
 */
final class CommandOutput {
    private CommandOutput() {}

    /** {@code flag FILE} for a command that writes one file there: refused now rather than after the work. */
    static void checkFile(String flag, Path file) {
        if (file == null) return;
        if (Files.isDirectory(file)) {
            throw new UsageException(flag + " " + file + " is a directory: this command writes one file; name it");
        }
        OutputFiles.checkWritable(file);
    }

    /** {@code flag DIR} for a command that writes several files there. */
    static void checkDirectory(Path dir) {
        OutputFiles.checkWritableDirectory(dir);
    }

    /** Writes {@code value} to {@code file}, atomically, and says so on {@code err}. */
    static <T> void write(Path file, Renderer<T> renderer, T value, PrintWriter err) {
        ReportFiles.write(file, renderer, value);
        err.println("aichoose: wrote " + file);
        err.flush();
    }

    /** Prints {@code value} on standard output, or writes it to {@code file} when there is one. */
    static <T> void printOrWrite(Path file, Renderer.Text<T> renderer, T value, PrintWriter out, PrintWriter err) {
        if (file != null) {
            write(file, renderer, value, err);
            return;
        }
        try {
            renderer.render(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
