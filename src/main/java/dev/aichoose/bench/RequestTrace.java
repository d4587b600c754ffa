package dev.aichoose.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one streamed response has shown so far, stamped with {@link System#nanoTime()} at the
 * moment its bytes were read (before any JSON parsing), so parsing cost never inflates TTFT or ITL.
 * Confined to the thread that reads the response.
 *
 * <p>Whatever the server says that reaches the record (error text, a quoted line, the names of its
 * timings) passes {@link Redaction} here, before it is cut to length, and is bounded: a record
 * holds at most {@value #DETAIL_CHARS} characters of error text and {@value #SERVER_TIMINGS}
 * server timings.
 */
final class RequestTrace {
    /** The most characters of an error's text kept in a record. */
    static final int DETAIL_CHARS = RequestLimits.ERROR_BODY_BYTES;
    /** A line that is not what the format promises is quoted up to this many characters. */
    static final int QUOTE_CHARS = 200;
    /** The most server timings kept, and the longest name: llama.cpp sends about ten, Ollama six. */
    static final int SERVER_TIMINGS = 32;

    static final int TIMING_NAME_CHARS = 64;
    /** A token count above this is not one (the longest context windows are about ten million). */
    static final int MAX_TOKENS = 100_000_000;

    final long sentNanos;
    private final Redaction redaction;
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
        this(sentNanos, Redaction.NONE);
    }

    RequestTrace(long sentNanos, Redaction redaction) {
        this.sentNanos = sentNanos;
        this.redaction = redaction;
    }

    Redaction redaction() {
        return redaction;
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

    /** Token counts as the server reported them; one that cannot be a count fails the request as malformed. */
    void usage(Integer prompt, Integer completion) {
        if (!isCount(prompt) || !isCount(completion)) {
            fail("malformed", "a token count out of range (" + prompt + ", " + completion + ")");
            return;
        }
        if (prompt != null) promptTokens = prompt;
        if (completion != null) completionTokens = completion;
    }

    private static boolean isCount(Integer n) {
        return n == null || (n >= 0 && n <= MAX_TOKENS);
    }

    /**
     * A figure the server reports about itself, kept as sent when it is a finite number with a
     * short name; the name passes redaction (a server may name a field after what it was sent).
     */
    void serverTiming(String name, Number value) {
        if (serverTimings.size() >= SERVER_TIMINGS || name.length() > TIMING_NAME_CHARS) return;
        if ((value instanceof Double || value instanceof Float) && !Double.isFinite(value.doubleValue())) return;
        if (value instanceof java.math.BigDecimal d && !Double.isFinite(d.doubleValue())) return;
        String kept = redaction.apply(name);
        if (!kept.isEmpty() && kept.length() <= TIMING_NAME_CHARS) serverTimings.put(kept, value);
    }

    /** The request failed; {@code detail} (the server's words, often) is redacted, then bounded. */
    void fail(String kind, String detail) {
        if (errorKind == null) {
            errorKind = kind;
            errorDetail = redaction.quote(detail, false, DETAIL_CHARS);
        }
    }

    /**
     * Fails with a server's text that was read only up to a cap ({@code cutShort}): redacted, its
     * tail dropped where it could be the start of the key, bounded.
     */
    void failWithStartOf(String kind, String text, boolean cutShort) {
        if (errorKind == null) {
            errorKind = kind;
            errorDetail = redaction.quote(text, cutShort, DETAIL_CHARS);
        }
    }

    /** Fails quoting the start of a line the server sent, after {@code what}: "not JSON: {...". */
    void failQuoting(String kind, String what, byte[] data, int offset, int length) {
        if (errorKind != null) return;
        // read past the quote by a key's length, so that a key across the cut is whole when redacted
        int take = Math.min(length, QUOTE_CHARS + redaction.lookaheadBytes());
        String start = new String(data, offset, take, StandardCharsets.UTF_8);
        errorKind = kind;
        errorDetail = what + redaction.quote(start, take < length, QUOTE_CHARS);
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
