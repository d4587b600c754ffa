package dev.aichoose.diff;

import dev.aichoose.load.InputException;
import dev.aichoose.load.InputFiles;
import dev.aichoose.load.InputKind;
import dev.aichoose.load.located.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The text of one side of a diff: a file in the working tree, or {@code path@rev}, a file as it
 * was at a git revision, read with {@code git show rev:./file} in the file's own directory (so the
 * command works from anywhere, in any repository).
 */
public final class Sources {
    private Sources() {}

    /** The text, and the directory relative paths inside it (bench results) resolve from. */
    public record Source(String label, String text, Path dir) {}

    public static Source read(String arg) {
        Path plain = Path.of(arg);
        if (Files.exists(plain))
            return checked(new Source(arg, InputFiles.read(plain, InputKind.EVALUATION_REPORT), parent(plain)));
        int at = arg.lastIndexOf('@');
        if (at <= 0 || at == arg.length() - 1) throw fail(arg, "no such file (for a git revision, write PATH@REV)");
        Path file = Path.of(arg.substring(0, at));
        String rev = arg.substring(at + 1);
        if (rev.startsWith("-")) throw fail(arg, "a revision may not start with '-'");
        return checked(new Source(arg, gitShow(arg, parent(file), rev + ":./" + file.getFileName()), parent(file)));
    }

    /** A side is read under a report's limit (the larger); a scenario is then held to its own. */
    private static Source checked(Source source) {
        if (!EvaluationJson.isReport(source.text())) {
            long bytes = source.text().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > InputKind.SCENARIO.maxBytes()) {
                throw fail(
                        source.label(),
                        "the file is " + InputKind.size(bytes) + "; a scenario may be at most "
                                + InputKind.size(InputKind.SCENARIO.maxBytes())
                                + " (docs/reports.md, \"Limits on input files\")");
            }
        }
        return source;
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
