package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every hostile server of issue 24, in-process: each request ends as a failed request of a named
 * kind (never an exception, never a hang), within its limits, and no part of the API key reaches
 * its record. The limits are small here so that each case is quick; bench/hostile.sh runs the same
 * modes against the shipped defaults.
 */
class HostileServerTest {
    /** A key with a '/', which some JSON encoders escape when they echo it. */
    static final String KEY = "sk-hostile/" + HexFormat.of().formatHex(randomBytes(20));

    static final RequestLimits SMALL = new RequestLimits(Duration.ofSeconds(10), 1 << 20, 64 << 10, 64 << 10);

    static final String CONTENT =
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok\"},\"finish_reason\":null}]}\n\n";

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    static RequestRecord send(WireApi api, RequestLimits limits, Duration timeout, ScriptedServer.Script script) {
        try (ScriptedServer server = ScriptedServer.start(script)) {
            return send(server.uri(), api, limits, timeout, new Prompt("Hi", 10));
        }
    }

    static RequestRecord send(URI base, WireApi api, RequestLimits limits, Duration timeout, Prompt prompt) {
        try (EndpointClient client = new EndpointClient(
                WireFormat.resolve(base, api),
                "m",
                new ApiKey(KEY),
                WireFormat.of(api, false, false),
                timeout,
                limits)) {
            RequestRecord r = client.send(
                    prompt,
                    EndpointClientTagBuilder.builder()
                            .run(1)
                            .concurrency(1)
                            .index(0)
                            .build());
            assertNoPartOfTheKey(json(r));
            return r;
        }
    }

    static RequestRecord send(WireApi api, ScriptedServer.Script script) {
        return send(api, SMALL, Duration.ofSeconds(5), script);
    }

    static String json(RequestRecord r) {
        try {
            return BenchResultFile.MAPPER.writeValueAsString(r);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No 8 characters of the key in a row, in any form it takes: the whole key, half of it, its escaped form. */
    static void assertNoPartOfTheKey(String text) {
        assertNoPartOf(KEY, text);
    }

    static void assertNoPartOf(String key, String text) {
        if (text == null) return;
        for (String form : new String[] {key, key.replace("/", "\\/"), key.replace("/", "%2F")}) {
            for (int i = 0; i + 8 <= form.length(); i++) {
                assertThat(text).as("part of the key at %d", i).doesNotContain(form.substring(i, i + 8));
            }
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A head for a body read to the close: no framing limits what follows. */
    static byte[] head(String contentType) {
        return ascii("HTTP/1.1 200 OK\r\ncontent-type: " + contentType + "\r\nconnection: close\r\n\r\n");
    }

    static void forever(ScriptedServer.Exchange ex, byte[] block) throws IOException {
        while (true) ex.raw(block);
    }

    static byte[] filled(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    @Test
    void anEndlessStreamOfValidChunksEndsAtTheResponseCap() {
        RequestRecord r = send(WireApi.OPENAI, ex -> {
            ex.raw(head("text/event-stream"));
            forever(ex, ascii(CONTENT.repeat(200)));
        });
        assertThat(r.errorKind()).isEqualTo("too_large");
        assertThat(r.errorDetail()).isEqualTo("a response longer than 1 MiB (--max-response)");
        assertThat(r.chunks()).isPositive();
    }

    @Test
    void anEndlessChunkedStreamEndsThereToo() {
        RequestRecord r = send(WireApi.ANTHROPIC, ex -> {
            ex.head(200, "text/event-stream", Map.of());
            String event = "event: ping\ndata: {\"type\": \"ping\"}\n\n";
            while (true) ex.frame(event.repeat(100));
        });
        assertThat(r.errorKind()).isEqualTo("too_large");
    }

    @Test
    void aBodyWithNoNewlineEndsAtTheLineCap() {
        RequestRecord r = send(WireApi.OPENAI, ex -> {
            ex.raw(head("text/event-stream"));
            ex.raw(ascii("data: {\"choices\":[{\"delta\":{\"content\":\""));
            forever(ex, filled('a', 16 * 1024));
        });
        assertThat(r.errorKind()).isEqualTo("too_large");
        assertThat(r.errorDetail()).isEqualTo("a line longer than 64 KiB");
    }

    @Test
    void sseDataLinesWithNoBlankLineEndAtTheEventCap() {
        RequestRecord r = send(WireApi.OPENAI, ex -> {
            ex.raw(head("text/event-stream"));
            forever(ex, ascii(("data: " + "a".repeat(60) + "\n").repeat(100)));
        });
        assertThat(r.errorKind()).isEqualTo("too_large");
        assertThat(r.errorDetail()).isEqualTo("an SSE event longer than 64 KiB");
    }

    @Test
    void anOllamaLineThatNeverEndsEndsAtTheLineCap() {
        RequestRecord r = send(WireApi.OLLAMA, ex -> {
            ex.raw(head("application/x-ndjson"));
            ex.raw(ascii("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\""));
            forever(ex, filled('a', 16 * 1024));
        });
        assertThat(r.errorKind()).isEqualTo("too_large");
        assertThat(r.errorDetail()).isEqualTo("a line longer than 64 KiB");
    }

    /** Within the line cap, but a tree many times its size: the JSON reader's own bounds refuse it. */
    @ParameterizedTest
    @ValueSource(strings = {"wide", "deep"})
    void aJsonLineTooBigToReadAsATreeIsTooLarge(String shape) {
        RequestLimits roomyLines = new RequestLimits(Duration.ofSeconds(10), 8 << 20, 2 << 20, 2 << 20);
        String line = shape.equals("wide")
                ? "{\"message\":{\"content\":\"x\"},\"done\":false,\"n\":[" + "1,".repeat(200_000) + "1]}\n"
                : "{\"message\":" + "[".repeat(100) + "]".repeat(100) + "}\n";
        RequestRecord r = send(WireApi.OLLAMA, roomyLines, Duration.ofSeconds(5), ex -> {
            ex.head(200, "application/x-ndjson", Map.of());
            ex.frame(line);
            ex.end();
        });
        assertThat(r.errorKind()).isEqualTo("too_large");
        assertThat(r.errorDetail()).isEqualTo("a JSON line of more than 100000 tokens or 64 levels of nesting");
    }

    @Test
    void headersThatNeverEndAreTooLarge() {
        RequestRecord r = send(WireApi.OPENAI, ex -> {
            ex.raw(ascii("HTTP/1.1 200 OK\r\nx-filler: "));
            forever(ex, filled('h', 16 * 1024));
        });
        assertThat(r.errorKind()).isEqualTo("too_large");
        assertThat(r.errorDetail()).isEqualTo("response headers longer than 64 KiB");
    }

    /** A byte every 50 ms never trips a 400 ms silence timeout; the deadline ends it. */
    @Test
    void aSlowDripUnderTheSilenceTimeoutEndsAtTheDeadline() {
        RequestLimits oneSecond = new RequestLimits(Duration.ofSeconds(1), 1 << 20, 64 << 10, 64 << 10);
        long start = System.nanoTime();
        RequestRecord r = send(WireApi.OPENAI, oneSecond, Duration.ofMillis(400), ex -> {
            ex.raw(head("text/event-stream"));
            while (true) {
                for (byte b : ascii(CONTENT)) {
                    ex.raw(new byte[] {b});
                    Thread.sleep(50);
                }
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.errorKind()).isEqualTo("deadline");
        assertThat(r.errorDetail()).contains("--deadline of 1.0 s");
        assertThat(seconds).isBetween(0.9, 5.0);
    }

    /** A server that accepts and never reads: the request's write blocks once the socket buffers are full. */
    @Test
    void aServerThatNeverReadsTheRequestEndsAtTheDeadline() throws IOException {
        RequestLimits oneSecond = new RequestLimits(Duration.ofSeconds(1), 1 << 20, 64 << 10, 64 << 10);
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> {
                try (Socket s = deaf.accept()) {
                    s.setReceiveBufferSize(4096); // and never reads
                    Thread.sleep(30_000);
                } catch (IOException | InterruptedException ignored) {
                    // the test ended
                }
            });
            long start = System.nanoTime();
            RequestRecord r = send(
                    URI.create("http://127.0.0.1:" + deaf.getLocalPort()),
                    WireApi.OPENAI,
                    oneSecond,
                    Duration.ofSeconds(30),
                    new Prompt("word ".repeat(8_000_000), 10));
            assertThat(r.errorKind()).isEqualTo("deadline");
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Infinity", "-5", "NaN", "1e999", "-Infinity"})
    void aRetryAfterThatIsNotADelayIsNone(String value) {
        RequestRecord r = send(WireApi.OPENAI, ex -> ex.json(429, Map.of("retry-after", value), "{}"));
        assertThat(r.errorKind()).isEqualTo("http_429");
        assertThat(r.retryAfterS()).isNull();
    }

    @Test
    void aRetryAfterDateIsTheTimeUntilIt() {
        RequestRecord r = send(
                WireApi.OPENAI,
                ex -> ex.json(
                        429,
                        Map.of(
                                "retry-after",
                                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                                                .plusSeconds(30))),
                        "{}"));
        assertThat(r.retryAfterS()).isBetween(25.0, 30.0);
    }

    @Test
    void theKeyEchoedInAnErrorBodyIsRedacted() {
        RequestRecord r =
                send(WireApi.OPENAI, ex -> ex.json(401, Map.of(), "{\"error\":{\"message\":\"bad key " + KEY + "\"}}"));
        assertThat(r.errorDetail()).contains("bad key [redacted]");
    }

    /** llama.cpp's timings are kept by name: a server naming one after the key must not put it in the record. */
    @Test
    void theKeyAsATimingsFieldNameIsRedacted() {
        RequestRecord r = send(WireApi.OPENAI, ex -> {
            ex.head(200, "text/event-stream", Map.of());
            ex.frame(CONTENT);
            ex.frame("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]," + "\"timings\":{\""
                    + KEY + "\":1,\"prompt_n\":3,\"predicted_n\":1}}\n\n");
            ex.frame("data: [DONE]\n\n");
            ex.end();
        });
        assertThat(r.ok()).isTrue();
        assertThat(r.serverTimings()).containsEntry("[redacted]", 1).containsEntry("prompt_n", 3);
    }

    /** The request's authorization header echoed into an error, as a JSON encoder that escapes '/' writes it. */
    @Test
    void theKeyInAnEchoedHeaderIsRedacted() {
        RequestRecord r = send(
                WireApi.OPENAI,
                ex -> ex.json(
                        400,
                        Map.of(),
                        "{\"error\":{\"message\":\"you sent authorization: "
                                + ex.request.headers().get("authorization").replace("/", "\\/") + "\"}}"));
        assertThat(r.errorDetail()).contains("authorization: Bearer [redacted]");
    }

    @Test
    void theKeyInAStreamErrorIsRedacted() {
        RequestRecord r = send(WireApi.OLLAMA, ex -> {
            ex.head(200, "application/x-ndjson", Map.of());
            ex.frame("{\"error\":\"unknown key " + KEY + "\"}\n");
            ex.end();
        });
        assertThat(r.errorKind()).isEqualTo("stream_error");
        assertThat(r.errorDetail()).isEqualTo("unknown key [redacted]");
    }

    /** The key across the 4,096-byte error-body cap, at every split: half a key must not survive the cut. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 16, 27, 39, 50})
    void theKeyAcrossTheErrorBodyCapIsRedacted(int keyCharsBeforeTheCap) {
        String start = "{\"error\":\"";
        String pad = "x".repeat(RequestLimits.ERROR_BODY_BYTES - keyCharsBeforeTheCap - start.length());
        RequestRecord r = send(WireApi.OPENAI, ex -> ex.json(403, Map.of(), start + pad + KEY + " and more\"}"));
        assertThat(r.errorKind()).isEqualTo("http_403");
        assertThat(r.errorDetail()).startsWith(start + "xxx");
    }

    /** The key across the 200-character quote of a malformed line. */
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 25, 50})
    void theKeyAcrossAMalformedLineQuoteIsRedacted(int keyCharsBeforeTheCut) {
        String pad = "y".repeat(RequestTrace.QUOTE_CHARS - keyCharsBeforeTheCut);
        RequestRecord r = send(WireApi.OPENAI, ex -> {
            ex.head(200, "text/event-stream", Map.of());
            ex.frame("data: " + pad + KEY + "}\n\n");
            ex.end();
        });
        assertThat(r.errorKind()).isEqualTo("malformed");
        assertThat(r.errorDetail()).startsWith("not JSON: yyy");
    }

    @Test
    void aBadStatusLineIsQuotedRedacted() {
        RequestRecord r = send(WireApi.OPENAI, ex -> ex.raw(ascii("HTTP/1.1 2OO " + KEY + "\r\n\r\n")));
        assertThat(r.errorKind()).isEqualTo("connection_reset");
        assertThat(r.errorDetail()).contains("bad status line", "[redacted]");
    }

    @Test
    void tokenCountsThatCannotBeCountsAreMalformedNotNegativeThroughput() {
        RequestRecord negative = send(WireApi.OPENAI, ex -> {
            ex.head(200, "text/event-stream", Map.of());
            ex.frame(CONTENT);
            ex.frame("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":-40}}\n\n");
            ex.frame("data: [DONE]\n\n");
            ex.end();
        });
        assertThat(negative.errorKind()).isEqualTo("malformed");
        RequestRecord huge = send(WireApi.OLLAMA, ex -> {
            ex.head(200, "application/x-ndjson", Map.of());
            ex.frame("{\"message\":{\"content\":\"a\"},\"done\":true,\"eval_count\":99999999999999,"
                    + "\"eval_duration\":1e400}\n");
            ex.end();
        });
        assertThat(huge.errorKind()).isEqualTo("malformed");
        assertThat(huge.errorDetail()).contains("eval_count");
    }
}
