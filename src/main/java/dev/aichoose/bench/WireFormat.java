package dev.aichoose.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One streaming chat wire format: how to ask for a streamed answer, and how to read it line by line.
 * The request executor knows nothing of any format beyond this interface.
 */
sealed interface WireFormat permits OpenAiChat, OllamaChat, AnthropicMessages {
    /** The most tokens of one line a reader takes: a chunk has a few dozen. */
    int MAX_JSON_TOKENS = 100_000;
    /** The deepest nesting of one line a reader takes: a chunk has three or four levels. */
    int MAX_JSON_DEPTH = 64;

    /**
     * Reads what servers send within bounds of its own, so that a line within the line cap cannot
     * become a tree many times its size.
     */
    ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxTokenCount(MAX_JSON_TOKENS)
                    .maxNestingDepth(MAX_JSON_DEPTH)
                    .build())
            .build());

    /** A line that breaks the JSON reader's bounds: a failure of kind {@code too_large}, not a malformed line. */
    static boolean tooLarge(java.io.IOException e, RequestTrace trace) {
        if (!(e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException)) return false;
        trace.fail(
                "too_large",
                "a JSON line of more than " + MAX_JSON_TOKENS + " tokens or " + MAX_JSON_DEPTH + " levels of nesting");
        return true;
    }

    /** The request for one prompt; the client adds only the host, length and request id. */
    Post request(URI endpoint, String model, Prompt prompt, ApiKey key);

    /** A JSON POST: where to, its headers (names as the format writes them) and its body. */
    final class Post {
        final URI uri;
        final Map<String, String> headers = new LinkedHashMap<>();
        final byte[] body;

        Post(URI uri, byte[] body) {
            this.uri = uri;
            this.body = body;
        }

        Post header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** The request line and headers of HTTP/1.1, ready to write in front of the body. */
        byte[] head(String requestId) {
            String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) target += "?" + uri.getRawQuery();
            int port = uri.getPort();
            boolean defaultPort = port < 0 || port == (Connection.isTls(uri) ? 443 : 80);
            StringBuilder h = new StringBuilder(256)
                    .append("POST ")
                    .append(target)
                    .append(" HTTP/1.1\r\n")
                    .append("host: ")
                    .append(uri.getHost())
                    .append(defaultPort ? "" : ":" + port)
                    .append("\r\n")
                    .append("user-agent: aichoose-bench\r\n");
            headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
            if (requestId != null) h.append("x-request-id: ").append(requestId).append("\r\n");
            h.append("content-length: ").append(body.length).append("\r\n\r\n");
            return h.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A made-up answer of {@code chunks} content chunks in this format, for warming the JIT on the
     * reading path before the first measured request (see {@link BenchRunner}).
     */
    String sampleAnswer(int chunks);

    /** A fresh reader for one response, feeding what it sees into the trace, within the limits' event cap. */
    LineReader reader(RequestTrace trace, RequestLimits limits);

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

    static Post post(URI endpoint, ObjectNode body) {
        try {
            return new Post(endpoint, JSON.writeValueAsBytes(body)).header("content-type", "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON record as sent by the server, or null (and a malformed failure on the trace). */
    static JsonNode parse(byte[] data, int offset, int length, RequestTrace trace) {
        try {
            JsonNode node = JSON.readTree(data, offset, length);
            if (node == null || !node.isObject()) {
                trace.failQuoting("malformed", "not a JSON object: ", data, offset, length);
                return null;
            }
            return node;
        } catch (java.io.IOException e) {
            if (!tooLarge(e, trace)) trace.failQuoting("malformed", "not JSON: ", data, offset, length);
            return null;
        }
    }

    /**
     * A token count the server reported, or null when it reported none; a number that is not a
     * whole count within an int fails the request as malformed (and gives null).
     */
    static Integer count(JsonNode node, String field, RequestTrace trace) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isNumber()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            trace.fail("malformed", field + ": " + v.asText() + " is not a token count");
            return null;
        }
        return v.intValue();
    }

    /**
     * A token count as a streaming parser met it: a whole number within an int, or one that cannot
     * be a count ({@code bad}: its text), kept until the reader knows the event needs it.
     */
    record Count(Integer value, String bad) {
        /** The count at the parser's current value, or null when the value is not a number at all. */
        static Count read(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonToken value)
                throws java.io.IOException {
            if (value == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.INT)
                return new Count(p.getIntValue(), null);
            if (value != null && value.isNumeric()) return new Count(null, p.getText());
            p.skipChildren();
            return null;
        }

        /** The count, or null: absent, or not a count (the request then fails as malformed, as {@link #count} does). */
        static Integer of(Count c, String field, RequestTrace trace) {
            if (c == null) return null;
            if (c.bad != null) {
                trace.fail("malformed", field + ": " + c.bad + " is not a token count");
                return null;
            }
            return c.value;
        }
    }

    static int textLength(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.textValue().length() : 0;
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
