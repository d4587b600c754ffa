package dev.aichoose.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** OpenAI Chat Completions with SSE, as spoken by OpenAI, vLLM, llama.cpp, SGLang, Ollama /v1. */
record OpenAiChat(boolean ignoreEos, boolean maxCompletionTokens) implements WireFormat {

    @Override
    public Post request(URI endpoint, String model, Prompt prompt, ApiKey key) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt.text());
        body.put("stream", true);
        // without include_usage the token counts would have to be guessed
        body.putObject("stream_options").put("include_usage", true);
        body.put(maxCompletionTokens ? "max_completion_tokens" : "max_tokens", prompt.outputTokens());
        if (ignoreEos) {
            // vLLM and SGLang extras that make the server produce exactly the tokens asked for
            body.put("ignore_eos", true);
            body.put("min_tokens", prompt.outputTokens());
        }
        Post request = WireFormat.post(endpoint, body).header("accept", "text/event-stream");
        if (key != null) request.header("authorization", "Bearer " + key.reveal());
        return request;
    }

    @Override
    public String sampleAnswer(int chunks) {
        StringBuilder s = new StringBuilder(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n");
        for (int i = 0; i < chunks; i++) {
            s.append(
                            "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,")
                    .append("\"delta\":{\"content\":\" word\"},\"finish_reason\":")
                    .append(i == chunks - 1 ? "\"length\"" : "null")
                    .append("}]}\n\n");
        }
        return s.append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":")
                .append(chunks)
                .append("}}\n\ndata: [DONE]\n\n")
                .toString();
    }

    @Override
    public LineReader reader(RequestTrace trace, RequestLimits limits) {
        return new ServerSentEvents(
                        trace, limits.eventBytes(), (name, data, length, nanos) -> event(data, length, nanos, trace))
                .reader(() -> {
                    // some servers close after the finish chunk without [DONE]; that answer is whole
                    if (!trace.terminated() && !trace.finished())
                        trace.fail("incomplete", "stream ended before [DONE]");
                });
    }

    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads a chunk with Jackson's streaming parser, picking out only the fields the bench uses:
     * this runs for every chunk of every stream, where building a tree cost more than the I/O.
     */
    private static void event(byte[] data, int length, long nanos, RequestTrace trace) {
        if (trace.failed() || trace.terminated()) return;
        if (Arrays.equals(data, 0, length, DONE, 0, DONE.length)) {
            trace.terminate();
            return;
        }
        try (JsonParser p = JSON.getFactory().createParser(data, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                trace.failQuoting("malformed", "not a JSON object: ", data, 0, length);
                return;
            }
            boolean errorObject = false;
            String message = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "choices" -> {
                        if (value == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) choice(p, nanos, trace);
                        } else p.skipChildren();
                    }
                    case "usage" -> {
                        if (value == JsonToken.START_OBJECT) usage(p, trace);
                        else p.skipChildren();
                    }
                    case "timings" -> {
                        if (value == JsonToken.START_OBJECT) timings(p, trace);
                        else p.skipChildren();
                    }
                    case "error" -> {
                        if (value != JsonToken.VALUE_NULL) {
                            JsonNode error = p.readValueAsTree();
                            trace.fail("stream_error", WireFormat.errorText(error));
                            return;
                        }
                    }
                    // older vLLM: {"object": "error", "message": ...}
                    case "object" -> errorObject = value == JsonToken.VALUE_STRING && "error".equals(p.getText());
                    case "message" -> {
                        if (value == JsonToken.VALUE_STRING) message = p.getText();
                        else p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (errorObject) trace.fail("stream_error", message);
        } catch (IOException e) {
            if (!WireFormat.tooLarge(e, trace)) trace.failQuoting("malformed", "not JSON: ", data, 0, length);
        }
    }

    private static void choice(JsonParser p, long nanos, RequestTrace trace) throws IOException {
        int chars = 0;
        boolean finished = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("delta") && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    // reasoning is generated output too; vLLM and Ollama say "reasoning", llama.cpp and DeepSeek
                    // "reasoning_content"
                    if (v == JsonToken.VALUE_STRING
                            && (name.equals("content")
                                    || name.equals("reasoning")
                                    || name.equals("reasoning_content"))) {
                        chars += p.getTextLength();
                    } else {
                        p.skipChildren();
                    }
                }
            } else if (field.equals("finish_reason")) {
                finished = value != JsonToken.VALUE_NULL;
            } else {
                p.skipChildren();
            }
        }
        trace.content(nanos, chars);
        if (finished) trace.finish(nanos);
    }

    private static void usage(JsonParser p, RequestTrace trace) throws IOException {
        Integer prompt = null;
        Integer completion = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT && field.equals("prompt_tokens")) prompt = count(p, trace);
            else if (value == JsonToken.VALUE_NUMBER_INT && field.equals("completion_tokens"))
                completion = count(p, trace);
            else p.skipChildren();
        }
        trace.usage(prompt, completion);
    }

    /** A whole number that fits an int, or null with the request failed as malformed. */
    private static Integer count(JsonParser p, RequestTrace trace) throws IOException {
        if (p.getNumberType() == JsonParser.NumberType.INT) return p.getIntValue();
        trace.fail("malformed", p.currentName() + ": " + p.getText() + " is not a token count");
        return null;
    }

    /** llama.cpp's timings: kept as sent; its counters stand in when the usage chunk is missing. */
    private static void timings(JsonParser p, RequestTrace trace) throws IOException {
        Integer prompt = null;
        Integer predicted = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value.isNumeric()) {
                trace.serverTiming(field, p.getNumberValue());
                if (value == JsonToken.VALUE_NUMBER_INT && field.equals("prompt_n")) prompt = count(p, trace);
                if (value == JsonToken.VALUE_NUMBER_INT && field.equals("predicted_n")) predicted = count(p, trace);
            } else {
                p.skipChildren();
            }
        }
        if (trace.completionTokens() == null) trace.usage(prompt, predicted);
    }
}
