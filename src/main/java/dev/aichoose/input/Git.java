package dev.aichoose.input;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one way aichoose runs git, for every reader of {@code PATH@REV} ({@code diff}, {@code catalog
 * diff}). What git prints is an input like any file: read under its kind's limit and decoding
 * ({@link InputFiles}). Git runs in a stated directory ({@code -C}), with no standard input; its
 * error stream is drained while it runs (so a large message cannot fill a pipe and stall it), and a
 * git that has not finished within the time limit is stopped. Every failure is one {@link
 * InputException} naming the argument the user typed.
 */
public final class Git {
    /** How long one git command may take: a {@code git show} of the largest input is well under a second. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    private static final Git GIT = new Git(List.of("git"), TIME_LIMIT);

    private final List<String> program;
    private final Duration timeLimit;

    /** {@code program} runs in place of {@code git} (tests use a program that hangs). */
    Git(List<String> program, Duration timeLimit) {
        this.program = List.copyOf(program);
        this.timeLimit = timeLimit;
    }

    /**
     * What {@code git -C dir args...} prints, read as an input of {@code kind}; {@code label} (what the
     * user typed) names it in every message.
     */
    public static String output(String label, Path dir, InputKind kind, String... args) {
        return GIT.run(label, dir, kind, args);
    }

    /**
     * Refuses a revision git would read as an option ({@code --output=...}): a revision comes from the
     * command line, after {@code @}, and reaches git as an argument.
     */
    public static String revision(String label, String rev) {
        if (rev.isEmpty()) throw fail(label, "no revision after '@' (write PATH@REV)");
        if (rev.startsWith("-")) throw fail(label, "a revision may not start with '-'");
        return rev;
    }

    /**
     * Where git runs to list {@code path} at a revision, and the path as git is then given it: the
     * checkout that holds the path, so a checkout anywhere can be read; the current directory when the
     * path is gone from the working tree.
     */
    public record Place(Path dir, String pathspec) {
        public static Place of(String path) {
            Path p = Path.of(path);
            if (Files.isDirectory(p)) return new Place(p, ".");
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null && Files.isDirectory(parent) && p.getFileName() != null) {
                return new Place(parent, p.getFileName().toString());
            }
            return new Place(Path.of("").toAbsolutePath(), path);
        }
    }

    String run(String label, Path dir, InputKind kind, String... args) {
        List<String> command = new ArrayList<>(program);
        command.add("-C");
        command.add(dir.toString());
        command.addAll(List.of(args));
        String what = describe(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw fail(label, "cannot run git (is it installed and on PATH?): " + e.getMessage());
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        // reading the output waits for git to close it: the watch stops a git that hangs
        Thread watch = Thread.ofVirtual().start(() -> {
            try {
                if (!p.waitFor(timeLimit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    timedOut.set(true);
                    stop(p);
                }
            } catch (InterruptedException e) {
                // the run ended first
            }
        });
        try {
            String out;
            try {
                out = InputFiles.read(label, p.getInputStream(), kind);
            } catch (InputException e) {
                if (timedOut.get()) throw timeLimitPassed(label, what);
                throw e;
            }
            p.waitFor();
            errReader.join();
            if (timedOut.get()) throw timeLimitPassed(label, what);
            if (p.exitValue() != 0) {
                String why = err.toString(StandardCharsets.UTF_8)
                        .lines()
                        .filter(l -> !l.isBlank())
                        .findFirst()
                        .orElse("exit " + p.exitValue());
                throw fail(
                        label,
                        what + " failed: "
                                + why.replaceFirst("^(fatal|error): ", "").strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(label, "interrupted while running git");
        } finally {
            // nothing to do when git has ended; stops it when reading its output failed
            stop(p);
            watch.interrupt();
        }
    }

    /** {@code git VERB OPERAND}: the verb and what it was asked about, without its options. */
    static String describe(String... args) {
        String operand = "";
        for (int i = 1; i < args.length && operand.isEmpty(); i++) {
            if (args[i].equals("--")) break;
            if (!args[i].startsWith("-")) operand = " " + args[i];
        }
        return "git " + args[0] + operand;
    }

    /** Stops git and what it started (a helper that holds the output pipe open would keep the read waiting). */
    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private InputException timeLimitPassed(String label, String what) {
        return fail(label, what + " did not finish within " + timeLimit.toSeconds() + " s");
    }

    /** Keeps the first 64 KiB of git's messages (one line is reported) and drains the rest. */
    private static void copy(InputStream in, ByteArrayOutputStream to) {
        try {
            to.write(in.readNBytes(64 << 10));
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the exit status tells the caller what went wrong
        }
    }

    private static File devNull() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static InputException fail(String label, String message) {
        return new InputException(new Diagnostic(label, 0, 0, message));
    }
}
