package dev.aichoose.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aichoose.catalog.CatalogSources;
import dev.aichoose.diff.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one git runner, and its two callers ({@code diff}'s and {@code catalog diff}'s sides) failing alike. */
class GitTest {
    @TempDir
    Path repo;

    @BeforeEach
    void commitAScenarioAndACatalog() throws Exception {
        git("init", "-q");
        git("config", "user.email", "test@example.com");
        git("config", "user.name", "test");
        Files.writeString(repo.resolve("plan.yaml"), "workload: {}\n");
        Files.createDirectories(repo.resolve("pricing"));
        // the project's own price book, read in the test's working directory (the project's root)
        Files.copy(Path.of("pricing/gpus.yaml"), repo.resolve("pricing/gpus.yaml"));
        git("add", "-A");
        git("commit", "-q", "-m", "one");
    }

    @Test
    void bothCallersReadAFileAtARevisionFromAnyDirectory() {
        // the working directory is the project's checkout, not the temporary repository
        Sources.Source side = Sources.read(repo.resolve("plan.yaml") + "@HEAD");
        assertThat(side.text()).isEqualTo("workload: {}\n");
        assertThat(Git.output("x", repo.resolve("pricing"), InputKind.PRICE_BOOK, "show", "HEAD:./gpus.yaml"))
                .isEqualTo(read(repo.resolve("pricing/gpus.yaml")));
    }

    @Test
    void aMissingRevisionIsTheSameOneLineErrorForBothCallers() {
        String scenario = repo.resolve("plan.yaml") + "@no-such-rev";
        String catalog = repo.resolve("pricing") + "@no-such-rev";
        assertThatThrownBy(() -> Sources.read(scenario))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(scenario + ": git show no-such-rev:./plan.yaml failed: ")
                .hasMessageNotContaining("fatal:")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> CatalogSources.read(catalog))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(catalog + ": git ls-tree no-such-rev failed: ")
                .hasMessageNotContaining("fatal:")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aRevisionThatGitWouldReadAsAnOptionIsRefusedByBothCallers() {
        String scenario = repo.resolve("plan.yaml") + "@--output=/tmp/x";
        String catalog = repo.resolve("pricing") + "@--output=/tmp/x";
        assertThatThrownBy(() -> Sources.read(scenario))
                .isInstanceOf(InputException.class)
                .hasMessage(scenario + ": a revision may not start with '-'");
        assertThatThrownBy(() -> CatalogSources.read(catalog))
                .isInstanceOf(InputException.class)
                .hasMessage(catalog + ": a revision may not start with '-'");
    }

    @Test
    void aCatalogDirectoryIsListedInTheCheckoutThatHoldsIt() {
        // before this runner, catalog diff ran git in the current directory: another checkout's path failed
        assertThat(CatalogSources.read(repo.resolve("pricing") + "@HEAD").gpus())
                .isNotEmpty()
                .isEqualTo(
                        CatalogSources.read(repo.resolve("pricing").toString()).gpus());
    }

    @Test
    void outputOverItsKindsLimitIsRefusedAndGitStopped() {
        Git big = fake("head -c 5000000 /dev/zero | tr '\\0' a", Duration.ofSeconds(30));
        assertThatThrownBy(() -> big.run("big@HEAD", repo, InputKind.SCENARIO, "show", "HEAD:big"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("big@HEAD: the file is larger than the limit; a scenario may be at most 4 MiB");
    }

    @Test
    void aGitThatHangsIsStoppedAtTheTimeLimit() {
        Git hangs = fake("sleep 30", Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> hangs.run("plan.yaml@HEAD", repo, InputKind.SCENARIO, "show", "HEAD:./plan.yaml"))
                .isInstanceOf(InputException.class)
                .hasMessage("plan.yaml@HEAD: git show HEAD:./plan.yaml did not finish within 0 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aFailureReportsGitsFirstLineEvenWhenItWritesMegabytesOfErrors() {
        // a git that fills its error pipe must not stall: the runner drains it while git runs
        Git noisy = fake(
                "echo 'fatal: bad object HEAD:x' >&2; head -c 2000000 /dev/zero | tr '\\0' e >&2; exit 128",
                Duration.ofSeconds(30));
        assertThatThrownBy(() -> noisy.run("x@HEAD", repo, InputKind.SCENARIO, "show", "HEAD:x"))
                .isInstanceOf(InputException.class)
                .hasMessage("x@HEAD: git show HEAD:x failed: bad object HEAD:x");
    }

    @Test
    void gitThatCannotBeStartedSaysSo() {
        Git missing = new Git(List.of("/no/such/git"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> missing.run("x@HEAD", repo, InputKind.SCENARIO, "show", "HEAD:x"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("x@HEAD: cannot run git (is it installed and on PATH?)");
    }

    @Test
    void theMessageNamesTheVerbAndItsOperandWithoutOptions() {
        assertThat(Git.describe("ls-tree", "-r", "--name-only", "HEAD", "--", "pricing"))
                .isEqualTo("git ls-tree HEAD");
        assertThat(Git.describe("rev-parse", "--show-toplevel")).isEqualTo("git rev-parse");
    }

    /** A runner whose "git" is a shell script (the arguments git would get are ignored). */
    private static Git fake(String script, Duration limit) {
        return new Git(List.of("sh", "-c", script, "git"), limit);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(out);
    }
}
