package dev.aichoose.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one streamed response has shown so far, stamped with {@link System#nanoTime()} at the
 * moment its bytes were read (before any JSON parsing), so parsing cost never inflates TTFT or ITL.
 * Confined to the thread that reads the response.
 */
final class RequestTrace {
    final long sentNanos;
    private long firstContentNanos = -1;
    private long lastEventNanos = -1;
    private long[] contentNanos = new long[64];
    private int contentChunks;
    private long contentChars;
    private Integer promptTokens;
    private Integer completionTokens;
    private boolean finished;
    private boolean terminated;
    private String errorKind;
    private String errorDetail;
    private final Map<String, Object> serverTimings = new LinkedHashMap<>();

    RequestTrace(long sentNanos) {
        this.sentNanos = sentNanos;
    }

    /** A chunk carrying generated text or reasoning: the only kind that starts TTFT or makes an ITL gap. */
    void content(long nanos, int chars) {
        if (chars <= 0) return;
        if (firstContentNanos < 0) firstContentNanos = nanos;
        if (contentChunks == contentNanos.length) contentNanos = Arrays.copyOf(contentNanos, contentChunks * 2);
        contentNanos[contentChunks++] = nanos;
        contentChars += chars;
        lastEventNanos = Math.max(lastEventNanos, nanos);
    }

    /** The server said the answer is complete (finish_reason, done, stop_reason): E2E ends here. */
    void finish(long nanos) {
        finished = true;
        lastEventNanos = Math.max(lastEventNanos, nanos);
    }

    /** The stream's terminator ([DONE], message_stop, the final NDJSON object). */
    void terminate() {
        terminated = true;
    }

    void usage(Integer prompt, Integer completion) {
        if (prompt != null) promptTokens = prompt;
        if (completion != null) completionTokens = completion;
    }

    void serverTiming(String name, Object value) {
        serverTimings.put(name, value);
    }

    void fail(String kind, String detail) {
        if (errorKind == null) {
            errorKind = kind;
            errorDetail = detail;
        }
    }

    boolean failed() {
        return errorKind != null;
    }

    String errorKind() {
        return errorKind;
    }

    String errorDetail() {
        return errorDetail;
    }

    boolean finished() {
        return finished;
    }

    boolean terminated() {
        return terminated;
    }

    long firstContentNanos() {
        return firstContentNanos;
    }

    long lastEventNanos() {
        return lastEventNanos;
    }

    int contentChunks() {
        return contentChunks;
    }

    long contentChars() {
        return contentChars;
    }

    long contentNanos(int i) {
        return contentNanos[i];
    }

    Integer promptTokens() {
        return promptTokens;
    }

    Integer completionTokens() {
        return completionTokens;
    }

    Map<String, Object> serverTimings() {
        return serverTimings;
    }
}
