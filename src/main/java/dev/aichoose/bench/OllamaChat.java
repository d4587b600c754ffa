package dev.aichoose.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
                object(bytes, offset, length, nanos, trace);
            }

            @Override
            public void end(long nanos) {
                if (!trace.terminated()) trace.fail("incomplete", "stream ended before \"done\": true");
            }
        };
    }

    /**
     * Reads one object with Jackson's streaming parser, as {@link OpenAiChat} reads a chunk: the tree
     * it replaced allocated a node per field of every line of every stream (docs/bench.md, "Every
     * wire format as accurate as OpenAI's").
     */
    private static void object(byte[] bytes, int offset, int length, long nanos, RequestTrace trace) {
        int chars = 0;
        boolean done = false;
        String error = null;
        WireFormat.Count prompt = null;
        WireFormat.Count eval = null;
        java.util.Map<String, Long> timings = new java.util.HashMap<>(8);
        try (JsonParser p = JSON.getFactory().createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                trace.failQuoting("malformed", "not a JSON object: ", bytes, offset, length);
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "error" -> {
                        if (value != JsonToken.VALUE_NULL) error = WireFormat.errorText(p.readValueAsTree());
                    }
                    case "message" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            JsonToken v = p.nextToken();
                            if (v == JsonToken.VALUE_STRING && (inner.equals("content") || inner.equals("thinking")))
                                chars += p.getTextLength();
                            else p.skipChildren();
                        }
                    }
                    case "response", "thinking" -> {
                        if (value == JsonToken.VALUE_STRING) chars += p.getTextLength();
                        else p.skipChildren();
                    }
                    case "done" ->
                        done = switch (value) {
                            case VALUE_TRUE -> true;
                            case VALUE_STRING -> "true".equals(p.getText().trim());
                            case VALUE_NUMBER_INT -> p.getLongValue() != 0;
                            default -> {
                                p.skipChildren();
                                yield false;
                            }
                        };
                    case "prompt_eval_count" -> {
                        timing(p, value, field, timings);
                        prompt = WireFormat.Count.read(p, value);
                    }
                    case "eval_count" -> {
                        timing(p, value, field, timings);
                        eval = WireFormat.Count.read(p, value);
                    }
                    default -> {
                        if (!timing(p, value, field, timings)) p.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            if (!WireFormat.tooLarge(e, trace)) trace.failQuoting("malformed", "not JSON: ", bytes, offset, length);
            return;
        }
        if (error != null) {
            trace.fail("stream_error", error);
            return;
        }
        trace.content(nanos, chars);
        if (done) {
            trace.finish(nanos);
            trace.terminate();
            // in the order the server reports them, as listed
            for (String field : TIMING_FIELDS) {
                Long v = timings.get(field);
                if (v != null) trace.serverTiming(field, v);
            }
            // counters are omitempty: a missing one is left to the estimate
            trace.usage(
                    WireFormat.Count.of(prompt, "prompt_eval_count", trace),
                    WireFormat.Count.of(eval, "eval_count", trace));
        }
    }

    /** Keeps one of {@link #TIMING_FIELDS} when it is a whole number within a long; false when it is not one. */
    private static boolean timing(JsonParser p, JsonToken value, String field, java.util.Map<String, Long> timings)
            throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT
                || !TIMING_FIELDS.contains(field)
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) return false;
        timings.put(field, p.getLongValue());
        return true;
    }

    private static boolean blank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) if (bytes[i] != ' ' && bytes[i] != '\t') return false;
        return true;
    }
}
