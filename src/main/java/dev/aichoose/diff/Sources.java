package dev.aichoose.diff;

import dev.aichoose.load.InputException;
import dev.aichoose.load.InputFiles;
import dev.aichoose.load.InputKind;
import dev.aichoose.load.located.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One side of a diff: a file in the working tree, or {@code path@rev}, a file as it was at a git
 * revision, read with {@code git show rev:./file} in the file's own directory (so the command works
 * from anywhere, in any repository). A side is an evaluation report (JSON, up to the report's limit,
 * which {@code evaluate} never exceeds) or a scenario (up to a scenario's).
 */
public final class Sources {
    private Sources() {}

    /** Enough of a file's start to tell a report from a scenario: a report opens with its schema. */
    private static final int HEAD_CHARS = 4096;

    /**
     * One side: where it came from, the directory relative paths inside it (bench results) resolve
     * from, and its content, read as a stream from a file or held as git printed it.
     */
    public record Source(String label, Path dir, Path file, String text, boolean report) {
        /** What {@code reading} makes of the content, read from its start. */
        public <T> T read(java.util.function.Function<Reader, T> reading) {
            try (Reader r = file != null
                    ? InputFiles.open(file, report ? InputKind.EVALUATION_REPORT : InputKind.SCENARIO)
                    : new StringReader(text)) {
                return reading.apply(r);
            } catch (IOException e) {
                throw fail(label, "cannot read: " + e.getMessage());
            }
        }
    }

    public static Source read(String arg) {
        Path plain = Path.of(arg);
        if (Files.exists(plain)) {
            boolean report = EvaluationJson.isReport(head(plain));
            return new Source(arg, parent(plain), plain, null, report);
        }
        int at = arg.lastIndexOf('@');
        if (at <= 0 || at == arg.length() - 1) throw fail(arg, "no such file (for a git revision, write PATH@REV)");
        Path file = Path.of(arg.substring(0, at));
        String rev = arg.substring(at + 1);
        if (rev.startsWith("-")) throw fail(arg, "a revision may not start with '-'");
        String text = gitShow(arg, parent(file), rev + ":./" + file.getFileName());
        boolean report = EvaluationJson.isReport(text.substring(0, Math.min(text.length(), HEAD_CHARS)));
        if (!report) {
            // the blob was read under a report's limit, the larger: a scenario is held to its own
            long bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > InputKind.SCENARIO.maxBytes()) {
                throw fail(
                        arg,
                        "the file is " + InputKind.size(bytes) + "; a scenario may be at most "
                                + InputKind.size(InputKind.SCENARIO.maxBytes())
                                + " (docs/reports.md, \"Limits on input files\")");
            }
        }
        return new Source(arg, parent(file), null, text, report);
    }

    /** The first characters of a file, read under the larger limit (it is checked again when read whole). */
    private static String head(Path file) {
        try (Reader r = InputFiles.open(file, InputKind.EVALUATION_REPORT)) {
            char[] buffer = new char[HEAD_CHARS];
            int n = r.read(buffer);
            return n < 0 ? "" : new String(buffer, 0, n);
        } catch (IOException e) {
            throw fail(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static String gitShow(String label, Path dir, String object) {
        ProcessBuilder pb = new ProcessBuilder("git", "-C", dir.toString(), "show", object);
        pb.redirectInput(ProcessBuilder.Redirect.from(devNull()));
        try {
            Process p = pb.start();
            // read both streams while git runs, so a large file cannot fill a pipe and stall it
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
            String out;
            try {
                // a file at a revision is an input like any other: the same limit and decoding
                out = InputFiles.read(label, p.getInputStream(), InputKind.EVALUATION_REPORT);
            } catch (InputException e) {
                p.destroyForcibly();
                throw e;
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw fail(label, "git show " + object + " did not finish within 60 s");
            }
            errReader.join();
            if (p.exitValue() != 0) {
                String why =
                        err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("exit " + p.exitValue());
                throw fail(label, "git show " + object + " failed: " + why.replaceFirst("^fatal: ", ""));
            }
            return out;
        } catch (IOException e) {
            throw fail(label, "cannot run git (is it installed and on PATH?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(label, "interrupted while running git");
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream to) {
        try {
            in.transferTo(to);
        } catch (IOException e) {
            // the exit status tells the caller what went wrong
        }
    }

    private static java.io.File devNull() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static Path parent(Path file) {
        Path p = file.toAbsolutePath().getParent();
        return p == null ? Path.of(".").toAbsolutePath() : p;
    }

    private static InputException fail(String label, String message) {
        return new InputException(new Diagnostic(label, 0, 0, message));
    }
}
