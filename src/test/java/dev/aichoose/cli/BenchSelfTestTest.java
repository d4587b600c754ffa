package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code aichoose bench --self-test} as a user runs it. */
class BenchSelfTestTest {
    /**
     * The verdict is this machine's: a quiet machine passes, and one that other builds keep busy may
     * rightly fail (the failing path itself is forced in {@code bench.SelfTestTest}). Either way the
     * command prints every figure it judged, and its exit code and last line say the same verdict.
     */
    @Test
    void theSelfTestSaysWhatItMeasuredAndItsVerdictMatchesItsExitCode() {
        CliRun run = CliRun.of("bench", "--self-test");
        assertThat(run.out())
                .contains("TTFT error p50", "ITL error p50", "dispatch delay at 200 requests/s", "load average")
                .contains("openai", "anthropic", "ollama");
        if (run.exitCode() == 0) {
            assertThat(run.out()).contains("self-test passed");
        } else {
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.SELF_TEST_FAILED.code());
            assertThat(run.err())
                    .containsPattern(
                            "self-test failed: the median TTFT error is [0-9.]+ ms, beyond the [0-9.]+ ms bound")
                    .contains("close what else runs on it");
        }
    }

    @Test
    void theSelfTestTakesNoEndpoint() {
        CliRun run = CliRun.of("bench", "--self-test", "--endpoint", "http://127.0.0.1:9");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--self-test runs its own scripted server");
    }
}
