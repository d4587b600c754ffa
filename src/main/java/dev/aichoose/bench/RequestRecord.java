package dev.aichoose.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One finished request, as appended to the {@code .requests.jsonl} file the moment it ends.
 * Latencies are client-side milliseconds; {@code server_timings} keeps what the server reported
 * in its own units (Ollama: nanoseconds; llama.cpp: milliseconds).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestRecord(
        int run,
        boolean warmup,
        Integer concurrency,
        Double requestRate,
        int index,
        String startedAt,
        boolean ok,
        String errorKind,
        String errorDetail,
        Integer httpStatus,
        Double retryAfterS,
        Double ttftMs,
        Double tpotMs,
        Double e2eMs,
        List<Double> itlMs,
        int chunks,
        Integer inputTokens,
        Integer outputTokens,
        String tokenCountsFrom,
        Map<String, Object> serverTimings,
        // added after the first release (the file format is additive): the x-request-id sent, and
        // whether the request opened its connection and how long that took (TCP, and TLS)
        String requestId,
        Boolean newConnection,
        Double connectMs) {

    public RequestRecord {
        itlMs = itlMs == null ? List.of() : List.copyOf(itlMs);
        serverTimings = serverTimings == null || serverTimings.isEmpty() ? null : Map.copyOf(serverTimings);
    }
}
