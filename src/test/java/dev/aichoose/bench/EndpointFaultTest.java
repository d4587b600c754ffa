package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every fault is a record with a kind, never an exception out of the client. */
class EndpointFaultTest {
    static RequestRecord send(WireApi api, ScriptedServer.Script script, Duration timeout) {
        try (ScriptedServer server = ScriptedServer.start(script);
                EndpointClient client = WireFormatTimingTest.client(server.uri(), api, null, timeout)) {
            return client.send(
                    new Prompt("Hi", 10),
                    EndpointClientTagBuilder.builder()
                            .run(1)
                            .concurrency(1)
                            .index(0)
                            .build());
        }
    }

    static RequestRecord send(WireApi api, ScriptedServer.Script script) {
        return send(api, script, Duration.ofSeconds(5));
    }

    @Test
    void rateLimitKeepsTheRetryAfterTheServerAskedFor() {
        RequestRecord r = send(
                WireApi.OPENAI,
                ex -> ex.json(
                        429,
                        Map.of("retry-after", "2"),
                        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}"));
        assertThat(r.ok()).isFalse();
        assertThat(r.errorKind()).isEqualTo("http_429");
        assertThat(r.httpStatus()).isEqualTo(429);
        assertThat(r.retryAfterS()).isEqualTo(2.0);
        assertThat(r.errorDetail()).contains("Rate limit reached");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 529})
    void serverErrorsAreCountedByStatus(int status) {
        RequestRecord r = send(
                WireApi.ANTHROPIC,
                ex -> ex.json(
                        status,
                        Map.of(),
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        assertThat(r.errorKind()).isEqualTo("http_" + status);
        assertThat(r.retryAfterS()).isNull();
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAnError() {
        RequestRecord r = send(
                WireApi.OPENAI, ex -> ex.json(307, Map.of("location", "http://example.com/v1/chat/completions"), "{}"));
        assertThat(r.errorKind()).isEqualTo("http_307");
    }

    @Test
    void aClosedPortIsARefusedConnection() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (EndpointClient client = WireFormatTimingTest.client(
                URI.create("http://127.0.0.1:" + port), WireApi.OPENAI, null, Duration.ofSeconds(5))) {
            RequestRecord r = client.send(
                    new Prompt("Hi", 10),
                    EndpointClientTagBuilder.builder()
                            .run(1)
                            .concurrency(1)
                            .index(0)
                            .build());
            assertThat(r.errorKind()).isEqualTo("connection_refused");
            assertThat(r.httpStatus()).isNull();
        }
    }

    @Test
    void aResetInTheMiddleOfTheStream() {
        Transcript t = Transcript.load("openai-vllm.sse");
        RequestRecord r = send(WireApi.OPENAI, ex -> {
            ex.head(200, "text/event-stream", Map.of());
            for (int i = 0; i < 5; i++) ex.frame(t.frames().get(i));
            Thread.sleep(100); // an RST discards unread bytes; let the client read what was sent
            ex.reset();
        });
        assertThat(r.errorKind()).isEqualTo("connection_reset");
        assertThat(r.chunks()).isPositive();
    }

    @Test
    void aStreamThatGoesSilentIsAStall() {
        Transcript t = Transcript.load("openai-vllm.sse");
        long start = System.nanoTime();
        RequestRecord r = send(
                WireApi.OPENAI,
                ex -> {
                    ex.head(200, "text/event-stream", Map.of());
                    for (int i = 0; i < 4; i++) ex.frame(t.frames().get(i));
                    Thread.sleep(5_000);
                },
                Duration.ofMillis(300));
        assertThat(r.errorKind()).isEqualTo("stall");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void noResponseHeadersInTimeIsATimeout() {
        RequestRecord r = send(WireApi.OLLAMA, ex -> Thread.sleep(5_000), Duration.ofMillis(300));
        assertThat(r.errorKind()).isEqualTo("timeout");
    }

    @Test
    void aMalformedLineFailsTheRequestNotTheRun() {
        RequestRecord r =
                send(WireApi.OPENAI, Transcript.load("openai-malformed.sse").timed(1, 1, 0, 0));
        assertThat(r.errorKind()).isEqualTo("malformed");
    }

    @Test
    void anErrorInsideAnHttp200OpenAiStream() {
        RequestRecord r =
                send(WireApi.OPENAI, Transcript.load("openai-stream-error.sse").timed(1, 1, 0, 0));
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.errorKind()).isEqualTo("stream_error");
        assertThat(r.errorDetail()).contains("server_error");
    }

    @Test
    void anAnthropicOverloadedEventAfterHttp200() {
        RequestRecord r = send(
                WireApi.ANTHROPIC, Transcript.load("anthropic-overloaded.sse").timed(3, 3, 0, 0));
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.errorKind()).isEqualTo("stream_error");
        assertThat(r.errorDetail()).contains("overloaded_error");
    }

    @Test
    void anOllamaErrorObjectAfterHttp200() {
        RequestRecord r =
                send(WireApi.OLLAMA, Transcript.load("ollama-error.ndjson").timed(0, 0, 0, 0));
        assertThat(r.errorKind()).isEqualTo("stream_error");
        assertThat(r.errorDetail()).contains("error was encountered");
    }

    @Test
    void aStreamClosedBeforeItsEndIsIncomplete() {
        Transcript t = Transcript.load("anthropic-messages.sse");
        RequestRecord r = send(WireApi.ANTHROPIC, ex -> {
            ex.head(200, "text/event-stream", Map.of());
            for (int i = 0; i < 5; i++) ex.frame(t.frames().get(i));
            ex.end();
        });
        assertThat(r.errorKind()).isEqualTo("incomplete");
    }

    @Test
    void aStreamWithoutGeneratedTextIsEmpty() {
        RequestRecord r = send(WireApi.OPENAI, ex -> {
            ex.head(200, "text/event-stream", Map.of());
            ex.frame(
                    "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":\"stop\"}]}\n\n");
            ex.frame("data: [DONE]\n\n");
            ex.end();
        });
        assertThat(r.errorKind()).isEqualTo("empty_response");
    }
}
