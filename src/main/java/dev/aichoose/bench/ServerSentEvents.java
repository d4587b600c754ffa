package dev.aichoose.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Frames a text/event-stream into events: {@code data:} with or without the space, multi-line
 * data joined, {@code :} comments (pings) skipped, an event dispatched at the blank line. Works
 * on bytes: decoding every line to a String was the harness's largest cost at high chunk rates.
 * An event's data never grows past the event cap: a server that sends {@code data:} lines without
 * the blank line that ends an event fails the request ({@code too_large}) instead.
 */
final class ServerSentEvents {
    /** Receives one whole event; {@code data[0, length)} is only valid during the call. */
    interface Listener {
        void event(String name, byte[] data, int length, long nanos);
    }

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

    private final Listener listener;
    private final RequestTrace trace;
    private final int maxEventBytes;
    private String name;
    private byte[] data = new byte[1024];
    private int dataLength = -1; // -1: no data line yet
    private long dataNanos;

    ServerSentEvents(RequestTrace trace, int maxEventBytes, Listener listener) {
        this.listener = listener;
        this.trace = trace;
        this.maxEventBytes = maxEventBytes;
    }

    /** The time of an event is when its first data line was read. */
    void line(byte[] b, int off, int len, long nanos) {
        if (len == 0) {
            dispatch();
            return;
        }
        if (b[off] == ':') return;
        int colon = -1;
        for (int i = off; i < off + len; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        int fieldEnd = colon < 0 ? off + len : colon;
        int valueStart = colon < 0 ? off + len : colon + 1;
        if (valueStart < off + len && b[valueStart] == ' ') valueStart++;
        int valueLength = off + len - valueStart;
        if (is(b, off, fieldEnd, DATA)) {
            if (dataLength < 0) {
                dataLength = 0;
                dataNanos = nanos;
            } else {
                append(NEWLINE, 0, 1);
            }
            append(b, valueStart, valueLength);
        } else if (is(b, off, fieldEnd, EVENT)) {
            name = new String(b, valueStart, valueLength, StandardCharsets.UTF_8);
        }
        // id, retry and unknown fields carry nothing the bench measures
    }

    /**
     * A body reader that splits lines into these events, then checks at the end how the stream ended.
     * A body may end without the final blank line; what was framed still counts.
     */
    WireFormat.LineReader reader(Runnable atEnd) {
        return new WireFormat.LineReader() {
            @Override
            public void line(byte[] bytes, int offset, int length, long nanos) {
                ServerSentEvents.this.line(bytes, offset, length, nanos);
            }

            @Override
            public void end(long nanos) {
                ServerSentEvents.this.end();
                atEnd.run();
            }
        };
    }

    void end() {
        dispatch();
    }

    private static final byte[] NEWLINE = {'\n'};

    private void append(byte[] b, int off, int len) {
        if (dataLength < 0) return; // the event was already too long
        if (len > maxEventBytes - dataLength) {
            trace.fail("too_large", "an SSE event longer than " + RequestLimits.describe(maxEventBytes));
            dataLength = -1;
            return;
        }
        if (data.length < dataLength + len)
            data = Arrays.copyOf(data, (int) Math.min(maxEventBytes, Math.max(2L * data.length, dataLength + len)));
        System.arraycopy(b, off, data, dataLength, len);
        dataLength += len;
    }

    /** The bytes this holds now, for the tests that check it never exceeds the cap. */
    int heldBytes() {
        return data.length;
    }

    private static boolean is(byte[] b, int from, int to, byte[] word) {
        return Arrays.equals(b, from, to, word, 0, word.length);
    }

    private void dispatch() {
        if (dataLength >= 0) listener.event(name, data, dataLength, dataNanos);
        name = null;
        dataLength = -1;
    }
}
