package dev.aichoose.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;

/**
 * One finished request, as appended to the {@code .requests.jsonl} file the moment it ends.
 * Latencies are client-side milliseconds; {@code server_timings} keeps what the server reported
 * in its own units (Ollama: nanoseconds; llama.cpp: milliseconds). Assembled by name with
 * {@link RequestRecordBuilder}; a component not set is absent (null) in the file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RecordBuilder
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
        Double connectMs,
        // with --respect-retry-after: the 429 answers waited out before this attempt, and the wait
        Integer retries,
        Double retryWaitS,
        // when its run started (epoch milliseconds, the sending process's clock) and when, after
        // that start, the request ended: what 'bench merge' needs to find a run's duration
        Double runStartedAtMs,
        Double endedMs,
        // open-loop accounting, on the run clock (ms after its start): when the request was meant to
        // be sent, when it was (connection ready), how late it began against its intended time, and
        // TTFT and E2E counted from the intended time (free of coordinated omission)
        Double intendedMs,
        Double sentMs,
        Double dispatchDelayMs,
        Double ttftFromIntendedMs,
        Double e2eFromIntendedMs,
        // with --repeat N: which of the N runs of its load level it belongs to (1 to N)
        Integer repeat)
        implements RequestRecordBuilder.With {

    /** This record, saying that {@code retries} 429 answers were waited out for {@code waitS} seconds before it. */
    RequestRecord afterRetries(int retries, double waitS) {
        return with().retries(retries).retryWaitS(waitS).build();
    }

    /** This record, placed on its run's clock: the run's start (epoch ms) and the request's end after it (ms). */
    RequestRecord onRunClock(double runStartedAtMs, double endedMs) {
        return with().runStartedAtMs(runStartedAtMs).endedMs(endedMs).build();
    }

    /** The repeat this record belongs to: 1 when the bench ran each level once. */
    int repeatOrFirst() {
        return repeat == null ? 1 : repeat;
    }

    public RequestRecord {
        itlMs = itlMs == null ? List.of() : List.copyOf(itlMs);
        serverTimings = serverTimings == null || serverTimings.isEmpty() ? null : Map.copyOf(serverTimings);
    }
}
