package dev.aichoose.bench;

import java.util.Arrays;

/**
 * Cuts a streamed response body into lines for the wire format's reader, each line carrying the
 * time of the socket read that brought its last byte, taken before any parsing. A line that ends
 * inside one read is handed over where it lies; only a line split across reads is copied, into a
 * buffer that never grows past the line cap: a longer line fails the request ({@code too_large})
 * and reading stops, as it does once the reader has failed the request for any other reason.
 */
final class BodyLines implements ResponseReader.Sink {
    private final WireFormat.LineReader lines;
    private final RequestTrace trace;
    private final int maxLineBytes;
    private byte[] carry = new byte[1024];
    private int carried;

    BodyLines(WireFormat.LineReader lines, RequestTrace trace, int maxLineBytes) {
        this.lines = lines;
        this.trace = trace;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public boolean bytes(byte[] bytes, int offset, int length, long nanos) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] != '\n') continue;
            if (carried > 0) {
                if (!append(bytes, start, i - start)) return false;
                lines.line(carry, 0, withoutCr(carry, 0, carried), nanos);
                carried = 0;
            } else {
                if (i - start > maxLineBytes) return tooLong();
                lines.line(bytes, start, withoutCr(bytes, start, i - start), nanos);
            }
            // the reader has seen enough: a failed request is not read further
            if (trace.failed()) return false;
            start = i + 1;
        }
        return start >= end || append(bytes, start, end - start);
    }

    private boolean append(byte[] from, int offset, int length) {
        if (length > maxLineBytes - carried) return tooLong();
        if (carry.length < carried + length)
            carry = Arrays.copyOf(carry, (int) Math.min(maxLineBytes, Math.max(2L * carry.length, carried + length)));
        System.arraycopy(from, offset, carry, carried, length);
        carried += length;
        return true;
    }

    private boolean tooLong() {
        trace.fail("too_large", "a line longer than " + RequestLimits.describe(maxLineBytes));
        carried = 0;
        return false;
    }

    private static int withoutCr(byte[] bytes, int offset, int length) {
        return length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
    }

    /** The body ended where its framing said: a last line without a newline still counts. */
    void end(long nanos) {
        if (carried > 0 && !trace.failed()) lines.line(carry, 0, withoutCr(carry, 0, carried), nanos);
        carried = 0;
        lines.end(nanos);
    }

    /** The bytes this holds now, for the tests that check it never exceeds the cap. */
    int heldBytes() {
        return carry.length;
    }
}
