package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The self-test fails, with its reason, when the scripted server's clock is not the harness's. */
class SelfTestTest {
    /** A clock 10 % slow: the server's 20 ms to the first token take 22 ms of the harness's. */
    @Test
    void aServerClockThatRunsSlowFailsTheSelfTest() {
        long origin = System.nanoTime();
        List<String> lines = new ArrayList<>();
        SelfTest.Verdict verdict =
                SelfTest.run(lines::add, () -> origin + (long) ((System.nanoTime() - origin) * 0.9), 1);
        assertThat(verdict.passed()).as(String.join("\n", lines)).isFalse();
        assertThat(verdict.medianTtftErrorMs()).isGreaterThan(SelfTest.BOUND_MS);
        assertThat(verdict.message()).startsWith("self-test failed: the median TTFT error is");
    }
}
