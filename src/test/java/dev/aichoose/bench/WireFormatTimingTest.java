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
     * How late a client saw each content frame, against when the server started to send it (same
     * JVM, same clock): TTFT plus the gaps so far, less the frame's send stamp. A frame cannot be
     * seen before it was sent, so no lag is below zero (half a millisecond for the clocks' reads);
     * a TTFT or a gap that followed the wrong frame is 20 ms or more out.
     */
    static double[] lags(RequestRecord r, ScriptedServer.Exchange exchange, int firstContent) {
        double[] lags = new double[r.itlMs().size() + 1];
        double seen = r.ttftMs();
        for (int i = 0; i < lags.length; i++) {
            if (i > 0) seen += r.itlMs().get(i - 1);
            lags[i] = seen - exchange.frameSentMsAfterRequest(firstContent + i);
        }
        return lags;
    }

    static double quantile(double[] values, double p) {
        return new org.apache.commons.math3.stat.descriptive.rank.Percentile()
                .withEstimationType(RunSummary.ESTIMATION)
                .evaluate(values, p);
    }

    /**
     * Our request, and the same script read by {@link NaiveClient} (a platform thread on a blocking
     * socket, a stamp per read, no parsing): how late the naive client sees frames is what the
     * machine adds at that moment, and the yardstick our lag is held to, instead of a constant
     * that a busy machine overruns.
     */
    @SuppressWarnings("ArrayRecordComponent") // read by index, never compared or hashed
    record Played(RequestRecord record, ScriptedServer.Exchange exchange, double[] naiveLags) {
        /** Milliseconds after the request arrived at which frame {@code i} left the server. */
        double sentAt(int frame) {
            return exchange.frameSentMsAfterRequest(frame);
        }

        /** The median frame may be no later than twice the naive client's 90th percentile frame, plus 2 ms. */
        double bound() {
            return 2 * quantile(naiveLags, 90) + 2;
        }

        /** How far our median frame lag is over the bound (negative: within it). */
        double excess(int firstContent) {
            if (!record.ok() || record.ttftMs() == null) return Double.POSITIVE_INFINITY;
            return quantile(lags(record, exchange, firstContent), 50) - bound();
        }

        void assertTimes(int firstContent, int lastContent, int endFrame) {
            RequestRecord r = record;
            assertThat(r.ok()).as(String.valueOf(r)).isTrue();
            assertThat(r.itlMs()).hasSize(lastContent - firstContent);
            double[] lags = lags(r, exchange, firstContent);
            String seen =
                    "our lags " + java.util.Arrays.toString(lags) + ", naive " + java.util.Arrays.toString(naiveLags);
            assertThat(java.util.Arrays.stream(lags).min().orElseThrow())
                    .as(seen)
                    .isGreaterThanOrEqualTo(-0.5);
            double bound = bound();
            assertThat(quantile(lags, 50)).as(seen).isLessThanOrEqualTo(bound);
            double endLag = r.e2eMs() - sentAt(endFrame);
            assertThat(endLag)
                    .as(seen)
                    .isBetween(-0.5, java.util.Arrays.stream(lags).max().orElseThrow() + bound);
            // TPOT from the client's own TTFT and E2E: the formula, exactly
            assertThat(r.tpotMs()).isCloseTo((r.e2eMs() - r.ttftMs()) / (r.outputTokens() - 1), within(1e-9));
        }
    }

    /**
     * A pause of the machine (another process, a collection in this JVM) during one request makes
     * that request late whichever client sent it; so the pair is played up to three times and the
     * attempt where ours came closest is kept. A skew of our own is in every attempt and still fails.
     */
    static final int ATTEMPTS = 3;

    static Played playTimed(WireApi api, String transcript, int firstContent, int lastContent, ApiKey key) {
        Played best = null;
        for (int i = 0; i < ATTEMPTS && (best == null || best.excess(firstContent) > 0); i++) {
            Played played = playOnce(api, transcript, firstContent, lastContent, key);
            if (best == null || played.excess(firstContent) < best.excess(firstContent)) best = played;
        }
        return best;
    }

    static Played playOnce(WireApi api, String transcript, int firstContent, int lastContent, ApiKey key) {
        Transcript t = Transcript.load(transcript);
        RequestRecord ours;
        ScriptedServer.Exchange exchange;
        try (ScriptedServer server = ScriptedServer.start(t.timed(firstContent, lastContent, 100, 20));
                EndpointClient client = client(server.uri(), api, key, Duration.ofSeconds(5))) {
            ours = client.send(
                    new Prompt("Say something", 10),
                    EndpointClientTagBuilder.builder()
                            .run(1)
                            .concurrency(1)
                            .index(0)
                            .build());
            exchange = server.exchanges().getFirst();
        }
        try (ScriptedServer server = ScriptedServer.start(t.timed(firstContent, lastContent, 100, 20))) {
            RequestRecord naive = NaiveClient.send(
                    server.uri(),
                    api.defaultPath(),
                    "Say something",
                    0,
                    NaiveClient.frameEnds(t),
                    firstContent,
                    lastContent);
            return new Played(ours, exchange, lags(naive, server.exchanges().getFirst(), firstContent));
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
            return client.send(
                    new Prompt("Say something", 10),
                    EndpointClientTagBuilder.builder()
                            .run(1)
                            .concurrency(1)
                            .index(0)
                            .build());
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
        try (ScriptedServer server =
                        ScriptedServer.start(Transcript.load("openai-vllm.sse").timed(2, 11, 0, 0));
                EndpointClient client = new EndpointClient(
                        WireFormat.resolve(server.uri(), WireApi.OPENAI),
                        "m",
                        new ApiKey("sk-test"),
                        WireFormat.of(WireApi.OPENAI, true, false),
                        Duration.ofSeconds(5))) {
            client.send(
                    new Prompt("Hi", 123),
                    EndpointClientTagBuilder.builder()
                            .run(1)
                            .concurrency(1)
                            .index(0)
                            .build());
            ScriptedServer.Request request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.headers()).containsEntry("authorization", "Bearer sk-test");
            JsonNode body = new ObjectMapper().readTree(request.body());
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("stream_options").path("include_usage").asBoolean())
                    .isTrue();
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
        try (ScriptedServer server = ScriptedServer.start(
                        Transcript.load("ollama-chat.ndjson").timed(0, 7, 0, 0));
                EndpointClient client = client(server.uri(), WireApi.OLLAMA, null, Duration.ofSeconds(5))) {
            client.send(
                    new Prompt("Hi", 77),
                    EndpointClientTagBuilder.builder()
                            .run(1)
                            .concurrency(1)
                            .index(0)
                            .build());
            ScriptedServer.Request request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/api/chat");
            assertThat(request.headers()).doesNotContainKey("authorization");
            assertThat(new ObjectMapper()
                            .readTree(request.body())
                            .path("options")
                            .path("num_predict")
                            .asInt())
                    .isEqualTo(77);
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
        try (ScriptedServer server = ScriptedServer.start(
                        Transcript.load("anthropic-messages.sse").timed(3, 8, 0, 0));
                EndpointClient client =
                        client(server.uri(), WireApi.ANTHROPIC, new ApiKey("sk-ant-test"), Duration.ofSeconds(5))) {
            client.send(
                    new Prompt("Hi", 6),
                    EndpointClientTagBuilder.builder()
                            .run(1)
                            .concurrency(1)
                            .index(0)
                            .build());
            ScriptedServer.Request request = server.requests().getFirst();
            assertThat(request.path()).isEqualTo("/v1/messages");
            assertThat(request.headers())
                    .containsEntry("x-api-key", "sk-ant-test")
                    .containsEntry("anthropic-version", "2023-06-01");
            assertThat(new ObjectMapper()
                            .readTree(request.body())
                            .path("max_tokens")
                            .asInt())
                    .isEqualTo(6);
        }
    }

    @Test
    void theScriptIsFollowedClosely() {
        // the harness itself: the server is never early (late, on a busy machine, it may be), and
        // the client's TPOT is the server's spacing of the same frames, within the naive yardstick
        Played played = playTimed(WireApi.OPENAI, "openai-vllm.sse", 2, 11, null);
        for (int f = 2; f <= 11; f++) assertThat(played.sentAt(f)).isGreaterThanOrEqualTo(100 + 20 * (f - 2) - 1.0);
        double serverTpot = (played.sentAt(11) - played.sentAt(2)) / 9;
        assertThat(played.record().tpotMs()).isCloseTo(serverTpot, within(2 * quantile(played.naiveLags(), 90) + 2));
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
