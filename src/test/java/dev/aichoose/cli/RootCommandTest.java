package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RootCommandTest {
    @Test
    void versionComesFromTheBuild() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("aichoose \\d+\\.\\d+\\.\\d+\\R");
    }

    @Test
    void unknownFlagIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.of("--verbos");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--verbos'").contains("--verbose").contains("--help");
        assertThat(run.err()).doesNotContain("at dev.aichoose");
    }
    @Test
    void helpListsEveryCommandAndATypoGetsASuggestion() {
        CliRun help = CliRun.of("--help");
        assertThat(help.out()).contains("evaluate", "diff", "validate", "catalog", "bench", "generate-completion");
        CliRun typo = CliRun.of("evaluat", "x.yaml");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("evaluate");
    }

    @Test
    void theRootsVerboseFlagReachesTheCommandThatRuns() {
        CliRun run = CliRun.of("evaluate", "--verbose", "no/such.yaml");
        assertThat(run.exitCode()).isEqualTo(3);
        CliRun before = CliRun.of("--verbose", "validate", "scenarios/seed-example.yaml");
        assertThat(before.exitCode()).isZero();
    }
}
