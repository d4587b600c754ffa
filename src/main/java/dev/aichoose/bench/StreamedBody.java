package dev.aichoose.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body as the HTTP client delivers it, cutting it into lines and stamping each
 * delivery with {@link System#nanoTime()} before any parsing. Reading here, on the client's own
 * delivery thread, rather than through a blocking InputStream saves a thread hand-off per chunk,
 * which at tens of thousands of chunks a second was most of the harness's cost. The request's
 * virtual thread waits once, for the whole body.
 *
 * <p>An error response ({@code lines == null}) is kept as text, up to {@value #MAX_ERROR_BODY} bytes.
 */
final class StreamedBody implements HttpResponse.BodySubscriber<Void>, Closeable {
    static final int MAX_ERROR_BODY = 4096;

    private final WireFormat.LineReader lines;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile long lastReadNanos = System.nanoTime();
    private byte[] carry = new byte[1024];
    private int carried;
    private byte[] scratch = new byte[0];

    StreamedBody(WireFormat.LineReader lines) {
        this.lines = lines;
    }

    long lastReadNanos() {
        return lastReadNanos;
    }

    /** For an error response: the body text read so far (complete once the response is). */
    String errorText() {
        return new String(carry, 0, carried, StandardCharsets.UTF_8).strip();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long now = System.nanoTime();
        lastReadNanos = now;
        if (done.isDone()) return;
        for (ByteBuffer b : buffers) {
            if (lines == null) {
                keepError(b);
                continue;
            }
            int length = b.remaining();
            byte[] bytes;
            int offset;
            if (b.hasArray()) {
                bytes = b.array();
                offset = b.arrayOffset() + b.position();
            } else {
                if (scratch.length < length) scratch = new byte[Math.max(length, 16 * 1024)];
                b.get(b.position(), scratch, 0, length);
                bytes = scratch;
                offset = 0;
            }
            feed(bytes, offset, length, now);
        }
        if (lines == null && carried >= MAX_ERROR_BODY) {
            subscription.cancel();
            done.complete(null);
        }
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

    private void keepError(ByteBuffer b) {
        int n = Math.min(b.remaining(), MAX_ERROR_BODY - carried);
        if (n <= 0) return;
        byte[] part = new byte[n];
        b.get(b.position(), part, 0, n);
        append(part, 0, n);
    }

    private void append(byte[] from, int offset, int length) {
        if (carry.length < carried + length) carry = Arrays.copyOf(carry, Math.max(2 * carry.length, carried + length));
        System.arraycopy(from, offset, carry, carried, length);
        carried += length;
    }

    private static int withoutCr(byte[] bytes, int offset, int length) {
        return length > 0 && bytes[offset + length - 1] == '\r' ? length - 1 : length;
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        if (done.isDone()) return;
        if (lines != null) {
            long now = System.nanoTime();
            if (carried > 0) lines.line(carry, 0, withoutCr(carry, 0, carried), now);
            carried = 0;
            lines.end(now);
        }
        done.complete(null);
    }

    @Override
    public CompletionStage<Void> getBody() {
        return done;
    }

    /** Stops reading (a stall or a stop); the waiting request sees an IOException. */
    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
        done.completeExceptionally(new IOException("closed by the bench"));
    }
}
