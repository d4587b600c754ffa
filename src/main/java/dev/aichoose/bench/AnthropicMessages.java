package dev.aichoose.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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

    /**
     * Reads an event with Jackson's streaming parser, picking out only the fields the bench uses, as
     * {@link OpenAiChat} does: building a tree per event allocated about ten nodes and a map for every
     * chunk of every stream, and its larger path was still being compiled while the first requests
     * were timed (docs/bench.md, "Every wire format as accurate as OpenAI's").
     */
    private static void event(String name, byte[] data, int length, long nanos, RequestTrace trace) {
        if (trace.failed() || trace.terminated()) return;
        String type = name;
        int chars = 0;
        boolean stopReason = false;
        WireFormat.Count startInput = null;
        WireFormat.Count input = null;
        WireFormat.Count output = null;
        String error = null;
        try (JsonParser p = JSON.getFactory().createParser(data, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                trace.failQuoting("malformed", "not a JSON object: ", data, 0, length);
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> {
                        if (value == JsonToken.VALUE_STRING && name == null) type = p.getText();
                    }
                    case "message" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            JsonToken v = p.nextToken();
                            if (inner.equals("usage") && v == JsonToken.START_OBJECT) {
                                while (p.nextToken() == JsonToken.FIELD_NAME) {
                                    String count = p.currentName();
                                    JsonToken c = p.nextToken();
                                    if (count.equals("input_tokens")) startInput = WireFormat.Count.read(p, c);
                                    else p.skipChildren();
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    case "delta" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            JsonToken v = p.nextToken();
                            if (v == JsonToken.VALUE_STRING
                                    && (inner.equals("text")
                                            || inner.equals("thinking")
                                            || inner.equals("partial_json"))) {
                                chars += p.getTextLength();
                            } else if (inner.equals("stop_reason")) {
                                stopReason = v != JsonToken.VALUE_NULL;
                                p.skipChildren();
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    case "usage" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String count = p.currentName();
                            JsonToken c = p.nextToken();
                            if (count.equals("input_tokens")) input = WireFormat.Count.read(p, c);
                            else if (count.equals("output_tokens")) output = WireFormat.Count.read(p, c);
                            else p.skipChildren();
                        }
                    }
                    case "error" -> {
                        error = value == JsonToken.VALUE_NULL ? "" : WireFormat.errorText(p.readValueAsTree());
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            if (!WireFormat.tooLarge(e, trace)) trace.failQuoting("malformed", "not JSON: ", data, 0, length);
            return;
        }
        switch (type == null ? "" : type) {
            case "message_start" -> trace.usage(WireFormat.Count.of(startInput, "input_tokens", trace), null);
            case "content_block_delta" -> trace.content(nanos, chars);
            case "message_delta" -> {
                if (input != null || output != null) {
                    trace.usage(
                            WireFormat.Count.of(input, "input_tokens", trace),
                            WireFormat.Count.of(output, "output_tokens", trace));
                }
                if (stopReason) trace.finish(nanos);
            }
            case "message_stop" -> trace.terminate();
            case "error" -> trace.fail("stream_error", error == null ? "" : error);
            default -> {} // ping, content_block_start/stop and event types added later carry no measure
        }
    }
}
