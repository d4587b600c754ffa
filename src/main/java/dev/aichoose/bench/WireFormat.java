package dev.aichoose.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * One streaming chat wire format: how to ask for a streamed answer, and how to read it line by line.
 * The request executor knows nothing of any format beyond this interface.
 */
sealed interface WireFormat permits OpenAiChat, OllamaChat, AnthropicMessages {
    ObjectMapper JSON = new ObjectMapper();

    /** The request for one prompt; the executor adds nothing but the timeout. */
    HttpRequest.Builder request(URI endpoint, String model, Prompt prompt, ApiKey key);

    /** A fresh reader for one response, feeding what it sees into the trace. */
    LineReader reader(RequestTrace trace);

    /**
     * Receives the response body one line at a time, without the line terminator;
     * {@code bytes[offset, offset + length)} is only valid during the call.
     */
    interface LineReader {
        void line(byte[] bytes, int offset, int length, long nanos);

        /** The body ended; the reader judges whether it ended where the format says it should. */
        void end(long nanos);
    }

    static WireFormat of(WireApi api, boolean ignoreEos, boolean maxCompletionTokens) {
        return switch (api) {
            case OPENAI -> new OpenAiChat(ignoreEos, maxCompletionTokens);
            case OLLAMA -> new OllamaChat();
            case ANTHROPIC -> new AnthropicMessages();
        };
    }

    /** The URL to post to: a bare host gets the format's usual path, a full path is used as given. */
    static URI resolve(URI endpoint, WireApi api) {
        String path = endpoint.getPath() == null ? "" : endpoint.getPath();
        String base = endpoint.toString().replaceAll("/+$", "");
        if (path.isEmpty() || path.equals("/")) return URI.create(base + api.defaultPath());
        if (path.replaceAll("/+$", "").equals("/v1") && api != WireApi.OLLAMA) {
            return URI.create(base + api.defaultPath().substring(3));
        }
        return endpoint;
    }

    static HttpRequest.Builder post(URI endpoint, ObjectNode body) {
        try {
            return HttpRequest.newBuilder(endpoint)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON record as sent by the server, or null (and a malformed failure on the trace). */
    static JsonNode parse(byte[] data, int offset, int length, RequestTrace trace) {
        try {
            JsonNode node = JSON.readTree(data, offset, length);
            if (node == null || !node.isObject()) {
                trace.fail("malformed", "not a JSON object: " + abbreviate(data, offset, length));
                return null;
            }
            return node;
        } catch (java.io.IOException e) {
            trace.fail("malformed", "not JSON: " + abbreviate(data, offset, length));
            return null;
        }
    }

    static Integer intOrNull(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.intValue() : null;
    }

    static int textLength(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.textValue().length() : 0;
    }

    static String abbreviate(byte[] data, int offset, int length) {
        String s = new String(data, offset, Math.min(length, 200), java.nio.charset.StandardCharsets.UTF_8);
        return length <= 200 ? s : s + "…";
    }

    /** The server's own words for an error object in any of the shapes seen in the wild. */
    static String errorText(JsonNode error) {
        if (error == null) return "";
        if (error.isTextual()) return error.textValue();
        String type = error.path("type").asText("");
        String message = error.path("message").asText("");
        return (type.isEmpty() ? "" : type + ": ") + message;
    }
}
