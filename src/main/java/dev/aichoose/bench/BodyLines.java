package dev.aichoose.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a streamed response body into lines for the wire format's reader, each line carrying the
 * time of the socket read that brought its last byte, taken before any parsing. An error response
 * ({@code lines == null}) is kept as text instead, up to {@value #MAX_ERROR_BODY} bytes.
 */
final class BodyLines implements ResponseReader.Sink {
    static final int MAX_ERROR_BODY = 4096;

    private final WireFormat.LineReader lines;
    private byte[] carry = new byte[1024];
    private int carried;

    BodyLines(WireFormat.LineReader lines) {
        this.lines = lines;
    }

    /** For an error response: the body text read so far. */
    String errorText() {
        return new String(carry, 0, carried, StandardCharsets.UTF_8).strip();
    }

    @Override
    public boolean bytes(byte[] bytes, int offset, int length, long nanos) {
        if (lines == null) {
            int n = Math.min(length, MAX_ERROR_BODY - carried);
            append(bytes, offset, n);
            return carried < MAX_ERROR_BODY;
        }
        feed(bytes, offset, length, nanos);
        return true;
    }

    private void feed(byte[] bytes, int offset, int length, long now) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] != '\n') continue;
            if (carried > 0) {
                append(bytes, start, i - start);
                lines.line(carry, 0, withoutCr(carry, 0, carried), now);
                carried = 0;
            } else {
                lines.line(bytes, start, withoutCr(bytes, start, i - start), now);
            }
            start = i + 1;
        }
        if (start < end) append(bytes, start, end - start);
    }

    private void append(byte[] from, int offset, int length) {
        if (carry.length < carried + length) carry = Arrays.copyOf(carry, Math.max(2 * carry.length, carried + length));
        System.arraycopy(from, offset, carry, carried, length);
        carried += length;
    }

    private static int withoutCr(byte[] bytes, int offset, int length) {
        return length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
    }

    /** The body ended where its framing said: a last line without a newline still counts. */
    void end(long nanos) {
        if (lines == null) return;
        if (carried > 0) lines.line(carry, 0, withoutCr(carry, 0, carried), nanos);
        carried = 0;
        lines.end(nanos);
    }
}
