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
    /**
     * The client's view may trail the server's by connecting, delivering the request and reading
     * (a few ms; more on a loaded 2-core machine), but can never lead it: a chunk cannot be seen
     * before it was sent. Figures are checked against when the server really sent each frame
     * (same JVM, same clock), so a server that overslept on a busy machine does not fail the test.
     */
    static final double LAG_MS = 30;

    record Played(RequestRecord record, ScriptedServer.Exchange exchange) {
        /** Milliseconds after the request arrived at which frame {@code i} left the server. */
        double sentAt(int frame) {
            return exchange.frameSentMsAfterRequest(frame);
        }

        void assertTimes(int firstContent, int lastContent, int endFrame) {
            RequestRecord r = record;
            assertThat(r.ok()).as(String.valueOf(r)).isTrue();
            assertThat(r.ttftMs()).isBetween(sentAt(firstContent) - 0.5, sentAt(firstContent) + LAG_MS);
            assertThat(r.e2eMs()).isBetween(sentAt(endFrame) - 0.5, sentAt(endFrame) + LAG_MS);
            assertThat(r.itlMs()).hasSize(lastContent - firstContent);
            for (int i = 0; i < r.itlMs().size(); i++) {
                double sentGap = sentAt(firstContent + i + 1) - sentAt(firstContent + i);
                assertThat(r.itlMs().get(i)).as("gap %d", i).isCloseTo(sentGap, within(LAG_MS / 2));
            }
            // TPOT from the client's own TTFT and E2E: the formula, exactly
            assertThat(r.tpotMs()).isCloseTo((r.e2eMs() - r.ttftMs()) / (r.outputTokens() - 1), within(1e-9));
        }
    }

    static Played playTimed(WireApi api, String transcript, int firstContent, int lastContent, ApiKey key) {
        try (ScriptedServer server = ScriptedServer.start(Transcript.load(transcript).timed(firstContent, lastContent, 100, 20));
                EndpointClient client = client(server.uri(), api, key, Duration.ofSeconds(5))) {
            RequestRecord r = client.send(new Prompt("Say something", 10), new EndpointClient.Tag(1, false, 1, null, 0));
            return new Played(r, server.exchanges().getFirst());
        }
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
        Played played = playTimed(WireApi.OPENAI, "openai-vllm.sse", 2, 11, null);
        // frame 0 (role only) left at once, frame 2 (reasoning) about 100 ms later: TTFT follows frame 2
        played.assertTimes(2, 11, 11);
        // the script holds frame 2 until 100 ms after the request; frame 0 may itself leave late on a busy machine
        assertThat(played.sentAt(2)).isGreaterThanOrEqualTo(99.9);
        RequestRecord r = played.record();
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
        Played played = playTimed(WireApi.OLLAMA, "ollama-chat.ndjson", 0, 7, null);
        played.assertTimes(0, 7, 8);
        RequestRecord r = played.record();
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
        Played played = playTimed(WireApi.ANTHROPIC, "anthropic-messages.sse", 3, 8, new ApiKey("sk-ant-test"));
        played.assertTimes(3, 8, 10);
        RequestRecord r = played.record();
        assertThat(r.inputTokens()).isEqualTo(11);
        assertThat(r.outputTokens()).isEqualTo(6);
    }

    @Test
    void anthropicRequestCarriesTheKeyVersionAndMaxTokens() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(Transcript.load("anthropic-messages.sse").timed(3, 8, 0, 0));
                EndpointClient client = client(server.uri(), WireApi.ANTHROPIC, new ApiKey("sk-ant-test"), Duration.ofSeconds(5))) {
            client.send(new Prompt("Hi", 6), new EndpointClient.Tag(1, false, 1, null, 0));
            ScriptedServer.Request request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1/messages");
            assertThat(request.headers()).containsEntry("x-api-key", "sk-ant-test").containsEntry("anthropic-version", "2023-06-01");
            assertThat(new ObjectMapper().readTree(request.body()).path("max_tokens").asInt()).isEqualTo(6);
        }
    }

    @Test
    void theScriptIsFollowedClosely() {
        // a sanity check of the harness itself on an idle machine would be 100 and 20 ms; allow for load
        Played played = playTimed(WireApi.OPENAI, "openai-vllm.sse", 2, 11, null);
        assertThat(played.sentAt(2)).isBetween(99.0, 100.0 + LAG_MS * 3);
        assertThat(played.record().tpotMs()).isBetween(19.0, 20.0 + LAG_MS);
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

    @Test
    void anEventSplitAcrossReadsIsReassembled() {
        Transcript t = Transcript.load("openai-vllm.sse");
        RequestRecord r = EndpointFaultTest.send(WireApi.OPENAI, ex -> {
            ex.head(200, "text/event-stream", java.util.Map.of());
            for (String frame : t.frames()) {
                int half = frame.length() / 2;
                ex.frame(frame.substring(0, half));
                Thread.sleep(2);
                ex.frame(frame.substring(half));
            }
            ex.end();
        });
        assertThat(r.ok()).as(String.valueOf(r)).isTrue();
        assertThat(r.chunks()).isEqualTo(10);
        assertThat(r.outputTokens()).isEqualTo(10);
    }
}
