package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    @SuppressWarnings("try") // the line is closed by the try; the test reads what closing printed
    void drawsDoneFailedAndTokensPerSecondInPlaceThenClearsTheLine() throws Exception {
        BenchRunner.Progress progress = new BenchRunner.Progress();
        progress.startRun("run 1/2 concurrency 4", 10, null);
        progress.finished(RunSummaryTest.ok(1, 1, 2, 10, 40, "server", java.util.List.of()));
        progress.finished(RunSummaryTest.failed("http_503", null));
        StringWriter err = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), progress)) {
            Thread.sleep(100);
        }
        assertThat(err.toString())
                .startsWith("\rrun 1/2 concurrency 4: 2/10 done, 1 failed, ")
                .contains(" tok/s", " s left")
                .endsWith("\r\033[K");
    }
}
