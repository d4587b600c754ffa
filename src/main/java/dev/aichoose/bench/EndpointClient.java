package dev.aichoose.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * Sends one prompt and reads the streamed answer on the calling (virtual) thread, over its own
 * HTTP/1.1 connection on a blocking socket, turning every outcome, faults included, into a
 * {@link RequestRecord}. A fault is data, never an exception.
 *
 * <p>Not java.net.http: there, every connection's bytes pass through one selector thread, which
 * also connects and writes for every other request, and the request cannot be stamped when its
 * bytes leave. Against a scripted loopback server that put +3.5 ms on the median TTFT at one
 * stream and +25 ms at 40 (TimingAccuracyTest), where a naive thread-per-request client adds about
 * 1 ms. Here {@code sent} is stamped when the connection is ready and the request is about to be
 * written, opening a connection is timed apart ({@code new_connection}, {@code connect_ms}), and
 * each read is stamped by the thread that made it.
 */
final class EndpointClient implements AutoCloseable {
    /** Where a record belongs: which run, and whether it is a warm-up that the summary leaves out. */
    record Tag(int run, boolean warmup, Integer concurrency, Double requestRate, int index) {}

    private final URI endpoint;
    private final String model;
    private final ApiKey key;
    private final WireFormat format;
    private final long timeoutNanos;
    private final int timeoutMs;
    /** Sent as x-request-id, as vLLM's bench does, so a server's log can be matched to the records. */
    private final String idPrefix =
            "aichoose-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
    /** Kept-alive connections, the most recently used first. */
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    private final Set<Closeable> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    EndpointClient(URI endpoint, String model, ApiKey key, WireFormat format, Duration timeout) {
        this.endpoint = endpoint;
        this.model = model;
        this.key = key;
        this.format = format;
        this.timeoutNanos = timeout.toNanos();
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    URI endpoint() {
        return endpoint;
    }

    private enum Phase {
        CONNECT,
        HEAD,
        BODY
    }

    /** Returns null when the request was cut short by a stop (Ctrl-C): it never finished, so it is not data. */
    RequestRecord send(Prompt prompt, Tag tag) {
        if (stopped) return null;
        WireFormat.Post post = format.request(endpoint, model, prompt, key);
        String requestId = idPrefix + tag.run() + "-" + (tag.warmup() ? "w" : "") + tag.index();
        // joined before the stamp: what follows `sent` is the write itself
        byte[] request = Connection.join(post.head(requestId), post.body);
        String startedAt = Instant.now().toString();
        List<Closeable> mine = new ArrayList<>(2);
        Connection c = null;
        boolean opened = false;
        boolean reusable = false;
        RequestTrace trace = null;
        Integer status = null;
        Double retryAfter = null;
        Phase phase = Phase.CONNECT;
        try {
            ResponseReader.Head response = null;
            while (response == null) {
                phase = Phase.CONNECT;
                c = idle.pollFirst();
                opened = c == null;
                if (opened) {
                    c = Connection.open(endpoint, timeoutMs, socket -> track(mine, socket));
                }
                track(mine, c);
                if (stopped) return null;
                phase = Phase.HEAD;
                trace = new RequestTrace(System.nanoTime());
                try {
                    c.write(request);
                    response = ResponseReader.head(c, trace.sentNanos + timeoutNanos)
                            .orElse(null);
                } catch (IOException e) {
                    // a kept-alive connection the server has since closed: once more on a new one
                    if (opened || stopped || e instanceof SocketTimeoutException) throw e;
                }
                if (response == null) {
                    if (opened) throw new java.io.EOFException("connection closed without a response");
                    c.close();
                }
            }
            phase = Phase.BODY;
            status = response.status();
            boolean ok = status / 100 == 2;
            // anything but 2xx is an error answer, redirects included: they are never followed
            BodyLines body = new BodyLines(ok ? format.reader(trace) : null);
            boolean whole = ResponseReader.body(c, response, body, timeoutMs);
            if (whole) body.end(c.readNanos);
            reusable = whole && response.keepAlive();
            if (!ok) {
                retryAfter = retryAfterSeconds(response::header);
                trace.fail("http_" + status, body.errorText());
            }
        } catch (IOException e) {
            if (stopped) return null;
            if (trace == null) trace = new RequestTrace(System.nanoTime());
            classify(trace, phase, e);
        } finally {
            inFlight.removeAll(mine);
            if (c != null) {
                if (reusable && !stopped) idle.addFirst(c);
                else c.close();
            }
        }
        if (stopped) return null;
        if (!trace.failed() && trace.contentChunks() == 0)
            trace.fail("empty_response", "no generated text in the stream");
        Double connectMs = opened && c != null && phase != Phase.CONNECT ? millis(c.openNanos) : null;
        return record(tag, requestId, startedAt, status, retryAfter, trace, prompt, opened, connectMs);
    }

    private void track(List<Closeable> mine, Closeable resource) {
        mine.add(resource);
        inFlight.add(resource);
        // a stop between the check and the add must still close it
        if (stopped) closeQuietly(resource);
    }

    private static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Retry-After in seconds or as an HTTP date, or the retry-after-ms some servers send. */
    static Double retryAfterSeconds(Function<String, Optional<String>> header) {
        var ms = header.apply("retry-after-ms");
        try {
            if (ms.isPresent()) return Double.parseDouble(ms.get().trim()) / 1000.0;
        } catch (NumberFormatException ignored) {
            // fall through to retry-after
        }
        var value = header.apply("retry-after");
        if (value.isEmpty()) return null;
        try {
            return Double.parseDouble(value.get().trim());
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(
                        0, Duration.between(Instant.now(), at.toInstant()).toMillis() / 1000.0);
            } catch (java.time.format.DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static void classify(RequestTrace trace, Phase phase, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SocketTimeoutException) {
            switch (phase) {
                case CONNECT -> trace.fail("timeout", "no connection within the timeout");
                case HEAD -> trace.fail("timeout", "no response within the timeout");
                case BODY -> trace.fail("stall", "no bytes for longer than the timeout");
            }
        } else if (phase == Phase.CONNECT && e instanceof ConnectException) {
            trace.fail("connection_refused", message);
        } else if (phase == Phase.CONNECT && e instanceof UnknownHostException) {
            trace.fail("connection_refused", "unknown host " + message);
        } else if (phase == Phase.CONNECT && e instanceof SSLException) {
            trace.fail("connection_refused", "TLS handshake failed: " + message);
        } else {
            trace.fail("connection_reset", message);
        }
    }

    private RequestRecord record(
            Tag tag,
            String requestId,
            String startedAt,
            Integer status,
            Double retryAfter,
            RequestTrace t,
            Prompt prompt,
            boolean opened,
            Double connectMs) {
        boolean ok = !t.failed();
        Double ttft = t.firstContentNanos() < 0 ? null : millis(t.firstContentNanos() - t.sentNanos);
        Double e2e = ok ? millis(t.lastEventNanos() - t.sentNanos) : null;
        List<Double> itl = new ArrayList<>(Math.max(0, t.contentChunks() - 1));
        for (int i = 1; i < t.contentChunks(); i++) itl.add(millis(t.contentNanos(i) - t.contentNanos(i - 1)));
        boolean fromServer = t.completionTokens() != null;
        Integer output = fromServer ? t.completionTokens() : (int) Math.ceil(t.contentChars() / 4.0);
        Integer input = t.promptTokens() != null
                ? t.promptTokens()
                : (int) Math.ceil(prompt.text().length() / 4.0);
        Double tpot = ok && ttft != null && output > 1 ? (e2e - ttft) / (output - 1) : null;
        return new RequestRecord(
                tag.run(),
                tag.warmup(),
                tag.concurrency(),
                tag.requestRate(),
                tag.index(),
                startedAt,
                ok,
                t.errorKind(),
                redact(t.errorDetail()),
                status,
                retryAfter,
                ok ? ttft : null,
                tpot,
                e2e,
                ok ? itl : List.of(),
                t.contentChunks(),
                input,
                output,
                fromServer ? "server" : "estimate",
                t.serverTimings(),
                requestId,
                opened,
                connectMs);
    }

    /** Servers sometimes echo what they were sent; the key must not reach a record that way. */
    private String redact(String detail) {
        if (detail == null || key == null) return detail;
        return detail.replace(key.reveal(), "[redacted]");
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** A stop: connections opening, waiting or streaming are closed, and later sends refused. */
    void cancelAll() {
        stopped = true;
        for (Closeable c : inFlight) closeQuietly(c);
        close();
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.pollFirst()) != null) c.close();
    }
}
