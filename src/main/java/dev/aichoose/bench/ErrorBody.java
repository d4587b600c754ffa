package dev.aichoose.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of an answer that is not 2xx, kept to say what went wrong: read up to the error-body cap
 * and a key's length beyond it (so that an echoed key across the cap is whole when it is redacted),
 * then no further.
 */
final class ErrorBody implements ResponseReader.Sink {
    private final int keep;
    private final byte[] held;
    private int length;
    private boolean more;

    ErrorBody(Redaction redaction) {
        this.keep = RequestLimits.ERROR_BODY_BYTES + redaction.lookaheadBytes();
        this.held = new byte[keep];
    }

    @Override
    public boolean bytes(byte[] bytes, int offset, int count, long nanos) {
        int n = Math.min(count, keep - length);
        System.arraycopy(bytes, offset, held, length, n);
        length += n;
        if (n < count) more = true;
        return length < keep;
    }

    /** Fails the request as {@code kind} with the body's text, redacted and bounded by the trace. */
    void failInto(RequestTrace trace, String kind) {
        boolean cutShort = more || length == keep;
        String text = new String(Arrays.copyOf(held, length), StandardCharsets.UTF_8).strip();
        trace.failWithStartOf(kind, text, cutShort);
    }
}
