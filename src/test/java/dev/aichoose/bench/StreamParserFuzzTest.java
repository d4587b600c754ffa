package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded property tests over the line cutter, the SSE framing and each format's reader, with bytes
 * drawn by {@link HostileBytes} and cut into reads at random: whatever arrives, the outcome is an
 * answer or a failed request of a documented kind, never an exception, the buffers never exceed
 * their caps, and no part of the key is in what the trace keeps. A fixed budget: a few hundred
 * bodies of up to 64 KiB a format, well under a second on a busy 2-core machine.
 */
class StreamParserFuzzTest {
    static final String KEY = "sk-fuzz/0123456789abcdefABCDEF0123456789";
    static final int CAP = 4096;
    static final RequestLimits LIMITS = new RequestLimits(Duration.ofSeconds(5), 1 << 20, CAP, CAP);
    /** What a body alone can make of a request; the client adds the transport's kinds. */
    static final Set<String> KINDS = Set.of("malformed", "too_large", "stream_error", "incomplete");

    static final int CASES = 300;

    /** Feeds the body to the sink in reads of random sizes, as a socket delivers it; false when the sink stopped. */
    static boolean feed(ResponseReader.Sink sink, byte[] body, SplittableRandom random, Runnable afterEachRead) {
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + random.nextInt(random.nextBoolean() ? 16 : 16 * 1024));
            // a read's bytes sit in a buffer with other bytes around them
            byte[] buffer = new byte[n + 8];
            System.arraycopy(body, at, buffer, 4, n);
            boolean more = sink.bytes(buffer, 4, n, at);
            afterEachRead.run();
            if (!more) return false;
            at += n;
        }
        return true;
    }

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void anyBodyIsAnAnswerOrACountedFailureNeverAnException(WireApi api) {
        WireFormat format = WireFormat.of(api, false, false);
        Redaction redaction = Redaction.of(new ApiKey(KEY));
        int failed = 0;
        for (int seed = 0; seed < CASES; seed++) {
            HostileBytes bytes = new HostileBytes(seed * 7919L + api.ordinal(), KEY);
            // one body in five is a whole answer, so that both outcomes are reached
            byte[] body = seed % 5 == 0
                    ? format.sampleAnswer(1 + bytes.random().nextInt(50)).getBytes(StandardCharsets.UTF_8)
                    : bytes.body(64 * 1024, CAP);
            RequestTrace trace = new RequestTrace(0, redaction);
            BodyLines lines = new BodyLines(format.reader(trace, LIMITS), trace, CAP);
            try {
                if (feed(
                        lines,
                        body,
                        bytes.random(),
                        () -> assertThat(lines.heldBytes()).isLessThanOrEqualTo(CAP))) {
                    lines.end(body.length);
                }
            } catch (RuntimeException e) {
                fail("seed " + seed + " (" + api + "): " + e, e);
            }
            if (trace.failed()) {
                failed++;
                assertThat(trace.errorKind()).as("seed %d", seed).isIn(KINDS);
                HostileServerTest.assertNoPartOf(KEY, trace.errorDetail());
                assertThat(trace.errorDetail().length()).isLessThanOrEqualTo(RequestTrace.DETAIL_CHARS + 300);
            }
            assertThat(trace.serverTimings()).hasSizeLessThanOrEqualTo(RequestTrace.SERVER_TIMINGS);
            trace.serverTimings().keySet().forEach(name -> HostileServerTest.assertNoPartOf(KEY, name));
            if (trace.completionTokens() != null)
                assertThat(trace.completionTokens()).isNotNegative();
            if (trace.promptTokens() != null) assertThat(trace.promptTokens()).isNotNegative();
        }
        // whole answers read as answers; the generator's bodies mostly fail, or it tests nothing
        assertThat(failed).as("failed bodies of %d", CASES).isBetween(CASES / 2, CASES - CASES / 5);
    }

    /** The SSE framing alone: an event handed on is never longer than the cap, and none is held longer. */
    @Test
    void sseEventsNeverExceedTheEventCap() {
        for (int seed = 0; seed < CASES; seed++) {
            HostileBytes bytes = new HostileBytes(seed, KEY);
            RequestTrace trace = new RequestTrace(0);
            ServerSentEvents sse = new ServerSentEvents(
                    trace,
                    CAP,
                    (name, data, length, nanos) -> assertThat(length).isLessThanOrEqualTo(CAP));
            BodyLines lines = new BodyLines(sse.reader(() -> {}), trace, 1 << 20);
            byte[] body = bytes.body(64 * 1024, CAP);
            if (feed(
                    lines,
                    body,
                    bytes.random(),
                    () -> assertThat(sse.heldBytes()).isLessThanOrEqualTo(CAP))) lines.end(body.length);
            if (trace.failed()) assertThat(trace.errorKind()).isEqualTo("too_large");
        }
    }
}
