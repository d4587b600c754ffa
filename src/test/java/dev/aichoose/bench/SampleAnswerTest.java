package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JIT warm-up reads each format's made-up answer: it must take the path a good answer takes. */
class SampleAnswerTest {
    @ParameterizedTest
    @EnumSource(WireApi.class)
    void theSampleAnswerIsAWholeGoodAnswer(WireApi api) {
        WireFormat format = WireFormat.of(api, false, false);
        byte[] answer = format.sampleAnswer(5).getBytes(StandardCharsets.UTF_8);
        RequestTrace trace = new RequestTrace(0);
        BodyLines lines =
                new BodyLines(format.reader(trace, RequestLimits.DEFAULT), trace, RequestLimits.DEFAULT.lineBytes());
        lines.bytes(answer, 0, answer.length, 1);
        lines.end(1);
        assertThat(trace.failed())
                .as(trace.errorKind() + ": " + trace.errorDetail())
                .isFalse();
        assertThat(trace.contentChunks()).isEqualTo(5);
        assertThat(trace.completionTokens()).isEqualTo(5);
        assertThat(trace.finished()).isTrue();
        assertThat(trace.terminated()).isTrue();
    }
}
