package dev.aichoose.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an HTTP/1.1 response from a {@link Connection}: the head, then the body, de-chunked or
 * counted by content-length or read to the close, and handed on with the time of the read that
 * brought each byte. Only what a streaming answer needs: no compression (none is asked for), no
 * redirects (never followed), no HTTP/2.
 */
final class ResponseReader {
    /** Receives body bytes; {@code bytes[offset, offset + length)} is only valid during the call. */
    interface Sink {
        /** Returns false to stop reading (an error body long enough to explain itself). */
        boolean bytes(byte[] bytes, int offset, int length, long nanos);
    }

    record Head(int status, boolean http11, Map<String, String> headers) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        boolean chunked() {
            return header("transfer-encoding")
                    .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                    .orElse(false);
        }

        long contentLength() {
            try {
                return header("content-length")
                        .map(v -> Long.parseLong(v.trim()))
                        .orElse(-1L);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** Whether the connection may carry another request once this body is read. */
        boolean keepAlive() {
            String connection = header("connection").orElse("").toLowerCase(Locale.ROOT);
            if (connection.contains("close")) return false;
            return (http11 || connection.contains("keep-alive")) && (chunked() || contentLength() >= 0);
        }
    }

    /** A response broke a size limit: a failed request of kind {@code too_large}, not a broken connection. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private ResponseReader() {}

    /**
     * Reads the head of the final response (1xx heads are skipped) by {@code deadlineNanos};
     * returns empty when the connection ended before sending a byte (a reused connection that the
     * server had closed).
     */
    static Optional<Head> head(Connection c, long deadlineNanos) throws IOException {
        while (true) {
            Optional<Head> head = oneHead(c, deadlineNanos);
            if (head.isEmpty() || head.get().status() / 100 != 1 || head.get().status() == 101) return head;
        }
    }

    private static Optional<Head> oneHead(Connection c, long deadlineNanos) throws IOException {
        boolean any = c.end > c.start;
        int scanned = c.start;
        while (true) {
            for (int i = Math.max(c.start + 3, scanned); i < c.end; i++) {
                byte[] b = c.buffer;
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                    Head head = parse(new String(b, c.start, i - 3 - c.start, StandardCharsets.ISO_8859_1));
                    c.start = i + 1;
                    return Optional.of(head);
                }
            }
            scanned = Math.max(c.start, c.end - 3);
            int offset = scanned - c.start;
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) throw new java.net.SocketTimeoutException("no response within the timeout");
            if (!c.fill((int) Math.min(Integer.MAX_VALUE, Math.max(1, left / 1_000_000)))) {
                if (!any) return Optional.empty();
                throw new EOFException("connection closed inside the response head");
            }
            scanned = c.start + offset;
            any = true;
        }
    }

    private static Head parse(String text) throws ProtocolException {
        String[] lines = text.stripTrailing().split("\r\n", -1);
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1."))
            throw new ProtocolException("not an HTTP/1.x response: " + lines[0]);
        if (!status[1].matches("[1-9][0-9][0-9]")) throw new ProtocolException("bad status line: " + lines[0]);
        int code = Integer.parseInt(status[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0)
                headers.putIfAbsent(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
        }
        return new Head(code, status[0].equals("HTTP/1.1"), headers);
    }

    private enum State {
        SIZE,
        EXTENSION,
        DATA,
        DATA_END,
        TRAILER_START,
        TRAILER,
        DONE
    }

    /**
     * Streams the body into the sink, each read allowed {@code stallMs} of silence. Returns true
     * when the body ended where its framing says (the connection may be reused), false when the
     * sink stopped early.
     *
     * @param maxBytes the most bytes of body, framing included, read before giving up: a server
     *     that streams forever, or pads its chunk framing forever, is cut off there
     * @throws java.net.SocketTimeoutException after {@code stallMs} without a byte
     * @throws EOFException when the connection closed before the body's end
     * @throws TooLarge past {@code maxBytes}
     */
    static boolean body(Connection c, Head head, Sink sink, int stallMs, long maxBytes) throws IOException {
        boolean chunked = head.chunked();
        long length = chunked ? 0 : head.contentLength();
        boolean toClose = !chunked && length < 0;
        State state = chunked ? State.SIZE : length == 0 ? State.DONE : State.DATA;
        long left = toClose ? Long.MAX_VALUE : length;
        long allowed = maxBytes;
        while (state != State.DONE) {
            if (c.start == c.end && !c.fill(stallMs)) {
                if (toClose) return true;
                throw new EOFException("connection closed before the response ended");
            }
            // counted per read, not per byte: the cap costs nothing on the path that is timed
            allowed -= c.end - c.start;
            if (allowed < 0)
                throw new TooLarge("a response longer than " + RequestLimits.describe(maxBytes) + " (--max-response)");
            long nanos = c.readNanos;
            byte[] b = c.buffer;
            int i = c.start;
            int end = c.end;
            while (i < end && state != State.DONE) {
                switch (state) {
                    case DATA -> {
                        int n = (int) Math.min(left, end - i);
                        boolean more = sink.bytes(b, i, n, nanos);
                        i += n;
                        if (!toClose) left -= n;
                        if (!more) {
                            c.start = i;
                            return false;
                        }
                        if (left == 0) state = chunked ? State.DATA_END : State.DONE;
                    }
                    case SIZE -> {
                        int digit = Character.digit(b[i], 16);
                        if (digit >= 0) {
                            if (left > (Long.MAX_VALUE >> 4)) throw new ProtocolException("chunk size too large");
                            left = left * 16 + digit;
                        } else if (b[i] == '\n') {
                            state = left == 0 ? State.TRAILER_START : State.DATA;
                        } else if (b[i] == ';' || b[i] == ' ' || b[i] == '\t') {
                            state = State.EXTENSION;
                        } else if (b[i] != '\r') {
                            throw new ProtocolException("bad chunk size");
                        }
                        i++;
                    }
                    case EXTENSION -> {
                        if (b[i++] == '\n') state = left == 0 ? State.TRAILER_START : State.DATA;
                    }
                    case DATA_END -> {
                        if (b[i++] == '\n') {
                            state = State.SIZE;
                            left = 0;
                        }
                    }
                    case TRAILER_START -> {
                        byte x = b[i++];
                        if (x == '\n') state = State.DONE;
                        else if (x != '\r') state = State.TRAILER;
                    }
                    case TRAILER -> {
                        if (b[i++] == '\n') state = State.TRAILER_START;
                    }
                    case DONE -> throw new IllegalStateException();
                }
            }
            c.start = i;
        }
        return true;
    }
}
