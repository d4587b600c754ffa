package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each wire format replayed byte for byte with scripted timing (first content after 100 ms, then a
 * chunk every 20 ms): the client's TTFT, ITL, TPOT and E2E must match the script.
 */
class WireFormatTimingTest {
    /** Gaps between chunks: loopback scheduling on a busy 2-core machine; the script itself is exact. */
    static final double TOLERANCE_MS = 15;

    /**
     * Times from "request sent" also carry connecting and delivering the request (a few ms on a
     * loaded machine) but can never be early: a chunk cannot be seen before the server sends it.
     */
    static void assertSinceSent(Double measured, double scripted) {
        assertThat(measured).isNotNull().isBetween(scripted - 1, scripted + 30);
    }

    /** The first request in a JVM pays for class loading and JIT, which is not what these tests measure. */
    @BeforeAll
    static void warmUp() {
        for (int i = 0; i < 3; i++) {
            play(WireApi.OPENAI, Transcript.load("openai-vllm.sse"), 2, 11, null);
            play(WireApi.OLLAMA, Transcript.load("ollama-chat.ndjson"), 0, 7, null);
            play(WireApi.ANTHROPIC, Transcript.load("anthropic-messages.sse"), 3, 8, null);
        }
    }

    static RequestRecord play(WireApi api, Transcript transcript, int firstContent, int lastContent, ApiKey key) {
        try (ScriptedServer server = ScriptedServer.start(transcript.timed(firstContent, lastContent, 100, 20));
                EndpointClient client = client(server.uri(), api, key, Duration.ofSeconds(5))) {
            return client.send(new Prompt("Say something", 10), new EndpointClient.Tag(1, false, 1, null, 0));
        }
    }

    static EndpointClient client(URI base, WireApi api, ApiKey key, Duration timeout) {
        return new EndpointClient(WireFormat.resolve(base, api), "m", key, WireFormat.of(api, false, false), timeout);
    }

    @Test
    void openAiRoleOnlyChunkIsNotTheFirstTokenAndReasoningIs() {
        RequestRecord r = play(WireApi.OPENAI, Transcript.load("openai-vllm.sse"), 2, 11, null);
        assertThat(r.ok()).as(String.valueOf(r)).isTrue();
        assertSinceSent(r.ttftMs(), 100);
        assertSinceSent(r.e2eMs(), 280);
        assertThat(r.tpotMs()).isCloseTo(20, within(2.0));
        assertThat(r.itlMs()).hasSize(9).allSatisfy(gap -> assertThat(gap).isCloseTo(20, within(TOLERANCE_MS)));
        assertThat(r.chunks()).isEqualTo(10);
        assertThat(r.inputTokens()).isEqualTo(37);
        assertThat(r.outputTokens()).isEqualTo(10);
        assertThat(r.tokenCountsFrom()).isEqualTo("server");
    }

    @Test
    void openAiRequestAsksForUsageAndTheTokenCount() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Transcript.load("openai-vllm.sse").timed(2, 11, 0, 0));
                EndpointClient client = new EndpointClient(WireFormat.resolve(server.uri(), WireApi.OPENAI), "m",
                        new ApiKey("sk-test"), WireFormat.of(WireApi.OPENAI, true, false), Duration.ofSeconds(5))) {
            client.send(new Prompt("Hi", 123), new EndpointClient.Tag(1, false, 1, null, 0));
            ScriptedServer.Request request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.headers()).containsEntry("authorization", "Bearer sk-test");
            JsonNode body = new ObjectMapper().readTree(request.body());
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
            assertThat(body.path("max_tokens").asInt()).isEqualTo(123);
            assertThat(body.path("min_tokens").asInt()).isEqualTo(123);
            assertThat(body.path("ignore_eos").asBoolean()).isTrue();
        }
    }

    @Test
    void ollamaKeepsItsNanosecondTimingsBesideOurs() {
        RequestRecord r = play(WireApi.OLLAMA, Transcript.load("ollama-chat.ndjson"), 0, 7, null);
        assertThat(r.ok()).as(String.valueOf(r)).isTrue();
        assertSinceSent(r.ttftMs(), 100);
        assertSinceSent(r.e2eMs(), 240);
        assertThat(r.tpotMs()).isCloseTo(20, within(2.0));
        assertThat(r.itlMs()).hasSize(7);
        assertThat(r.outputTokens()).isEqualTo(8);
        assertThat(r.inputTokens()).isEqualTo(26);
        assertThat(r.serverTimings())
                .containsEntry("eval_count", 8L)
                .containsEntry("eval_duration", 4535599000L)
                .containsEntry("prompt_eval_count", 26L)
                .containsEntry("load_duration", 1334875L)
                .containsEntry("total_duration", 4883583458L);
    }

    @Test
    void ollamaAsksForTheOutputLengthWithNumPredict() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Transcript.load("ollama-chat.ndjson").timed(0, 7, 0, 0));
                EndpointClient client = client(server.uri(), WireApi.OLLAMA, null, Duration.ofSeconds(5))) {
            client.send(new Prompt("Hi", 77), new EndpointClient.Tag(1, false, 1, null, 0));
            ScriptedServer.Request request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/api/chat");
            assertThat(request.headers()).doesNotContainKey("authorization");
            assertThat(new ObjectMapper().readTree(request.body()).path("options").path("num_predict").asInt()).isEqualTo(77);
        }
    }

    @Test
    void anthropicCountsCumulativeUsageAndSkipsPings() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Transcript.load("anthropic-messages.sse").timed(3, 8, 100, 20));
                EndpointClient client = client(server.uri(), WireApi.ANTHROPIC, new ApiKey("sk-ant-test"), Duration.ofSeconds(5))) {
            RequestRecord r = client.send(new Prompt("Hi", 6), new EndpointClient.Tag(1, false, 1, null, 0));
            assertThat(r.ok()).as(String.valueOf(r)).isTrue();
            assertSinceSent(r.ttftMs(), 100);
            assertSinceSent(r.e2eMs(), 200);
            assertThat(r.tpotMs()).isCloseTo(20, within(2.0));
            assertThat(r.itlMs()).hasSize(5);
            assertThat(r.inputTokens()).isEqualTo(11);
            assertThat(r.outputTokens()).isEqualTo(6);
            ScriptedServer.Request request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1/messages");
            assertThat(request.headers()).containsEntry("x-api-key", "sk-ant-test").containsEntry("anthropic-version", "2023-06-01");
            assertThat(new ObjectMapper().readTree(request.body()).path("max_tokens").asInt()).isEqualTo(6);
        }
    }

    @Test
    void llamaCppTimingsStandInForAMissingUsageChunk() {
        RequestRecord r = play(WireApi.OPENAI, Transcript.load("openai-llamacpp.sse"), 0, 3, null);
        assertThat(r.ok()).as(String.valueOf(r)).isTrue();
        assertThat(r.outputTokens()).isEqualTo(4);
        assertThat(r.inputTokens()).isEqualTo(75);
        assertThat(r.tokenCountsFrom()).isEqualTo("server");
        assertThat(r.serverTimings()).containsKey("predicted_per_second");
    }

    @Test
    void withoutAnyUsageTheCountsAreEstimatedAndSaySo() {
        RequestRecord r = play(WireApi.OPENAI, Transcript.load("openai-no-usage.sse"), 1, 2, null);
        assertThat(r.ok()).as(String.valueOf(r)).isTrue();
        assertThat(r.tokenCountsFrom()).isEqualTo("estimate");
        assertThat(r.outputTokens()).isEqualTo(4); // 16 characters at 4 a token
    }
}
