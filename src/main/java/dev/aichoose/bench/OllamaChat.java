package dev.aichoose.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;

/** Ollama's native /api/chat: NDJSON, one object a line, counters and nanosecond timings on the last. */
record OllamaChat() implements WireFormat {
    /** Kept as the server sent them (ns), beside the client's own timings. */
    static final List<String> TIMING_FIELDS = List.of(
            "total_duration",
            "load_duration",
            "prompt_eval_count",
            "prompt_eval_duration",
            "eval_count",
            "eval_duration");

    @Override
    public Post request(URI endpoint, String model, Prompt prompt, ApiKey key) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt.text());
        body.put("stream", true);
        body.putObject("options").put("num_predict", prompt.outputTokens());
        Post request = WireFormat.post(endpoint, body).header("accept", "application/x-ndjson");
        if (key != null) request.header("authorization", "Bearer " + key.reveal());
        return request;
    }

    @Override
    public String sampleAnswer(int chunks) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < chunks; i++) {
            s.append("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\" word\"},\"done\":false}\n");
        }
        return s.append("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,")
                .append("\"prompt_eval_count\":9,\"eval_count\":")
                .append(chunks)
                .append(",\"eval_duration\":1}\n")
                .toString();
    }

    @Override
    public LineReader reader(RequestTrace trace, RequestLimits limits) {
        return new LineReader() {
            @Override
            public void line(byte[] bytes, int offset, int length, long nanos) {
                if (trace.failed() || trace.terminated() || blank(bytes, offset, length)) return;
                JsonNode object = WireFormat.parse(bytes, offset, length, trace);
                if (object == null) return;
                JsonNode error = object.get("error");
                if (error != null && !error.isNull()) {
                    trace.fail("stream_error", WireFormat.errorText(error));
                    return;
                }
                JsonNode message = object.get("message");
                trace.content(
                        nanos,
                        WireFormat.textLength(message, "content")
                                + WireFormat.textLength(message, "thinking")
                                + WireFormat.textLength(object, "response")
                                + WireFormat.textLength(object, "thinking"));
                if (object.path("done").asBoolean(false)) {
                    trace.finish(nanos);
                    trace.terminate();
                    for (String field : TIMING_FIELDS) {
                        JsonNode v = object.get(field);
                        if (v != null && v.isIntegralNumber() && v.canConvertToLong())
                            trace.serverTiming(field, v.longValue());
                    }
                    // counters are omitempty: a missing one is left to the estimate
                    trace.usage(
                            WireFormat.count(object, "prompt_eval_count", trace),
                            WireFormat.count(object, "eval_count", trace));
                }
            }

            @Override
            public void end(long nanos) {
                if (!trace.terminated()) trace.fail("incomplete", "stream ended before \"done\": true");
            }
        };
    }

    private static boolean blank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) if (bytes[i] != ' ' && bytes[i] != '\t') return false;
        return true;
    }
}
