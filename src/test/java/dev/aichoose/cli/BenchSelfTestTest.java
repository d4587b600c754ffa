package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code aichoose bench --self-test} as a user runs it. */
class BenchSelfTestTest {
    @Test
    void theSelfTestPassesOnThisMachineAndSaysWhatItMeasured() {
        CliRun run = CliRun.of("bench", "--self-test");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("TTFT error p50", "ITL error p50", "dispatch delay at 200 requests/s", "self-test passed")
                .contains("openai", "anthropic", "ollama");
    }

    @Test
    void theSelfTestTakesNoEndpoint() {
        CliRun run = CliRun.of("bench", "--self-test", "--endpoint", "http://127.0.0.1:9");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--self-test runs its own scripted server");
    }
}
