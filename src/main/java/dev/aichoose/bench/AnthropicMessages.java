package dev.aichoose.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/** Anthropic Messages with named SSE events; usage in message_delta is cumulative. */
record AnthropicMessages() implements WireFormat {
    static final String VERSION = "2023-06-01";

    @Override
    public Post request(URI endpoint, String model, Prompt prompt, ApiKey key) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", prompt.outputTokens());
        body.putArray("messages").addObject().put("role", "user").put("content", prompt.text());
        body.put("stream", true);
        Post request = WireFormat.post(endpoint, body)
                .header("accept", "text/event-stream")
                .header("anthropic-version", VERSION);
        if (key != null) request.header("x-api-key", key.reveal());
        return request;
    }

    @Override
    public String sampleAnswer(int chunks) {
        StringBuilder s = new StringBuilder(
                        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":")
                .append("{\"input_tokens\":9,\"output_tokens\":1}}}\n\n");
        for (int i = 0; i < chunks; i++) {
            s.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,")
                    .append("\"delta\":{\"type\":\"text_delta\",\"text\":\" word\"}}\n\n");
        }
        return s.append(
                        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},")
                .append("\"usage\":{\"output_tokens\":")
                .append(chunks)
                .append("}}\n\n")
                .append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
                .toString();
    }

    @Override
    public LineReader reader(RequestTrace trace, RequestLimits limits) {
        return new ServerSentEvents(
                        trace,
                        limits.eventBytes(),
                        (name, data, length, nanos) -> event(name, data, length, nanos, trace))
                .reader(() -> {
                    if (!trace.terminated() && !trace.failed())
                        trace.fail("incomplete", "stream ended before message_stop");
                });
    }

    private static void event(String name, byte[] data, int length, long nanos, RequestTrace trace) {
        if (trace.failed() || trace.terminated()) return;
        JsonNode event = WireFormat.parse(data, 0, length, trace);
        if (event == null) return;
        String type = name != null ? name : event.path("type").asText("");
        switch (type) {
            case "message_start" -> {
                JsonNode usage = event.path("message").path("usage");
                trace.usage(WireFormat.count(usage, "input_tokens", trace), null);
            }
            case "content_block_delta" -> {
                JsonNode delta = event.get("delta");
                trace.content(
                        nanos,
                        WireFormat.textLength(delta, "text")
                                + WireFormat.textLength(delta, "thinking")
                                + WireFormat.textLength(delta, "partial_json"));
            }
            case "message_delta" -> {
                JsonNode usage = event.get("usage");
                if (usage != null && usage.isObject()) {
                    trace.usage(
                            WireFormat.count(usage, "input_tokens", trace),
                            WireFormat.count(usage, "output_tokens", trace));
                }
                if (!event.path("delta").path("stop_reason").isMissingNode()
                        && !event.path("delta").path("stop_reason").isNull()) trace.finish(nanos);
            }
            case "message_stop" -> trace.terminate();
            case "error" -> trace.fail("stream_error", WireFormat.errorText(event.get("error")));
            default -> {} // ping, content_block_start/stop and event types added later carry no measure
        }
    }
}
