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
}
