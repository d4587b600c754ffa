package dev.aichoose.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A throwaway git repository for the tests that read files at a revision. */
final class GitRepo {
    private GitRepo() {}

    static void init(Path repo) throws IOException, InterruptedException {
        run(repo, "init", "-q");
        run(repo, "config", "user.email", "test@example.com");
        run(repo, "config", "user.name", "test");
    }

    /** Commits everything at {@code date} (ISO instant) and returns the commit id. */
    static String commit(Path repo, String date) throws IOException, InterruptedException {
        run(repo, Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date), "add", "-A");
        run(
                repo,
                Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date),
                "commit",
                "-q",
                "-m",
                "snapshot " + date);
        return run(repo, "rev-parse", "HEAD").strip();
    }

    static String run(Path repo, String... args) throws IOException, InterruptedException {
        return run(repo, Map.of(), args);
    }

    static String run(Path repo, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("git " + String.join(" ", args) + ": " + out);
        return out;
    }
}
