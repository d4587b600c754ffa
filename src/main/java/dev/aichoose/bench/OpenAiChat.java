package dev.aichoose.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;

/** OpenAI Chat Completions with SSE, as spoken by OpenAI, vLLM, llama.cpp, SGLang, Ollama /v1. */
record OpenAiChat(boolean ignoreEos, boolean maxCompletionTokens) implements WireFormat {

    @Override
    public HttpRequest.Builder request(URI endpoint, String model, Prompt prompt, ApiKey key) {
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
        HttpRequest.Builder request = WireFormat.post(endpoint, body).header("accept", "text/event-stream");
        if (key != null) request.header("authorization", "Bearer " + key.reveal());
        return request;
    }

    @Override
    public LineReader reader(RequestTrace trace) {
        ServerSentEvents events = new ServerSentEvents((name, data, nanos) -> event(data, nanos, trace));
        return new LineReader() {
            @Override
            public void line(String line, long nanos) {
                events.line(line, nanos);
            }

            @Override
            public void end(long nanos) {
                events.end(nanos);
                // some servers close after the finish chunk without [DONE]; that answer is whole
                if (!trace.terminated() && !trace.finished()) trace.fail("incomplete", "stream ended before [DONE]");
            }
        };
    }

    private static void event(String data, long nanos, RequestTrace trace) {
        if (trace.failed() || trace.terminated()) return;
        if (data.equals("[DONE]")) {
            trace.terminate();
            return;
        }
        JsonNode chunk = WireFormat.parse(data, trace);
        if (chunk == null) return;
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            trace.fail("stream_error", WireFormat.errorText(error));
            return;
        }
        if ("error".equals(chunk.path("object").asText())) {
            trace.fail("stream_error", chunk.path("message").asText(""));
            return;
        }
        JsonNode choices = chunk.get("choices");
        if (choices != null && choices.isArray()) {
            for (JsonNode choice : choices) {
                JsonNode delta = choice.get("delta");
                // reasoning is generated output too; vLLM and Ollama say "reasoning", llama.cpp and DeepSeek "reasoning_content"
                int chars = WireFormat.textLength(delta, "content")
                        + WireFormat.textLength(delta, "reasoning")
                        + WireFormat.textLength(delta, "reasoning_content");
                trace.content(nanos, chars);
                JsonNode finish = choice.get("finish_reason");
                if (finish != null && !finish.isNull()) trace.finish(nanos);
            }
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            trace.usage(WireFormat.intOrNull(usage, "prompt_tokens"), WireFormat.intOrNull(usage, "completion_tokens"));
        }
        JsonNode timings = chunk.get("timings");
        if (timings != null && timings.isObject()) {
            timings.properties().forEach(e -> trace.serverTiming(e.getKey(), e.getValue().numberValue()));
            // llama.cpp's own counters stand in when the usage chunk is missing
            if (trace.completionTokens() == null) {
                trace.usage(WireFormat.intOrNull(timings, "prompt_n"), WireFormat.intOrNull(timings, "predicted_n"));
            }
        }
    }
}
