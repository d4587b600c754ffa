package dev.aichoose.bench;

import java.time.Duration;

/**
 * What one request may cost, whatever the server sends: a request that breaks a bound fails with a
 * kind of its own ({@code deadline}, {@code too_large}) and the run goes on. The readers never hold
 * more than these bounds: a line or an SSE event longer than its cap is not buffered further.
 *
 * @param deadline the whole request, from the moment it starts connecting to the end of its body
 *     ({@code --deadline}); {@code --timeout} bounds only silence, which a server dripping a byte
 *     at a time never breaks
 * @param responseBytes the bytes of one response body as they come off the wire, framing included
 *     ({@code --max-response})
 * @param lineBytes one line of a streamed body (an SSE field, an NDJSON object)
 * @param eventBytes one SSE event: its {@code data:} lines joined, up to the blank line that ends it
 */
public record RequestLimits(Duration deadline, long responseBytes, int lineBytes, int eventBytes) {
    /** Response heads (status line and headers) are refused beyond this many bytes. */
    static final int HEAD_BYTES = 64 * 1024;

    /** The body of an error answer is kept up to this many bytes, to say what went wrong. */
    static final int ERROR_BODY_BYTES = 4096;

    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);
    public static final long DEFAULT_RESPONSE_BYTES = 64L << 20;
    /** Above SGLang's 10 MB chunk limit, raised there for long answers (sgl-project/sglang PR #6737). */
    static final int DEFAULT_LINE_BYTES = 16 << 20;

    public static final RequestLimits DEFAULT =
            new RequestLimits(DEFAULT_DEADLINE, DEFAULT_RESPONSE_BYTES, DEFAULT_LINE_BYTES, DEFAULT_LINE_BYTES);

    public RequestLimits {
        if (deadline == null || deadline.isNegative() || deadline.isZero())
            throw new IllegalArgumentException("the deadline must be positive");
        if (responseBytes < 1 || lineBytes < 1 || eventBytes < 1)
            throw new IllegalArgumentException("size limits must be positive");
    }

    /** The defaults with another deadline and response cap (the command-line flags). */
    public static RequestLimits of(Duration deadline, long responseBytes) {
        return new RequestLimits(deadline, responseBytes, DEFAULT_LINE_BYTES, DEFAULT_LINE_BYTES);
    }

    /** A size as the docs and messages write it: 64 MiB, 16 MiB, 4 KiB, 100 bytes. */
    static String describe(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return (bytes >> 30) + " GiB";
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " bytes";
    }
}
