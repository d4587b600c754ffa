package dev.aichoose.bench;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
    @RecordBuilder
    record Tag(int run, boolean warmup, Integer concurrency, Double requestRate, int index, Integer repeat) {}

    /**
     * When a request was meant to leave ({@link System#nanoTime()}), and when its run started: the
     * record then says how late it began and what its latencies were counted from that intended time.
     */
    record Schedule(long runStartNanos, long intendedNanos) {}

    private final URI endpoint;
    private final String model;
    private final ApiKey key;
    private final Redaction redaction;
    private final WireFormat format;
    private final long timeoutNanos;
    private final int timeoutMs;
    private final RequestLimits limits;
    /** Sent as x-request-id, as vLLM's bench does, so a server's log can be matched to the records. */
    private final String idPrefix =
            "aichoose-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
    /** Kept-alive connections, the most recently used first. */
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    /**
     * Ends a request at its deadline by closing its connection, whatever it is blocked in (connect,
     * a write the server never reads, a read): one timer per request, none per chunk.
     */
    private final ScheduledThreadPoolExecutor alarms;

    private volatile boolean stopped;

    EndpointClient(URI endpoint, String model, ApiKey key, WireFormat format, Duration timeout) {
        this(endpoint, model, key, format, timeout, RequestLimits.DEFAULT);
    }

    EndpointClient(URI endpoint, String model, ApiKey key, WireFormat format, Duration timeout, RequestLimits limits) {
        this.endpoint = endpoint;
        this.model = model;
        this.key = key;
        this.redaction = Redaction.of(key);
        this.format = format;
        this.timeoutNanos = timeout.toNanos();
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.limits = limits;
        this.alarms = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("bench-deadline").daemon().factory());
        alarms.setRemoveOnCancelPolicy(true);
    }

    URI endpoint() {
        return endpoint;
    }

    private enum Phase {
        CONNECT,
        HEAD,
        BODY
    }

    /** Why a request's connection was closed under it. */
    private enum Cut {
        /** its --deadline passed: a failed request of kind {@code deadline} */
        DEADLINE,
        /** its run stopped waiting for it (the grace after --duration): abandoned, not counted */
        RUN_ENDED,
        /** Ctrl-C or SIGTERM: abandoned, not counted */
        STOPPED
    }

    /** One request's sockets, closed together when it is cut short. */
    private static final class InFlight {
        private final List<Closeable> resources = new CopyOnWriteArrayList<>();
        private volatile Cut cut;

        void track(Closeable resource) {
            resources.add(resource);
            // a cut between the check and the add must still close it
            if (cut != null) closeQuietly(resource);
        }

        void cut(Cut why) {
            if (cut == null) cut = why;
            for (Closeable c : resources) closeQuietly(c);
        }
    }

    /** Returns null when the request was cut short by a stop (Ctrl-C): it never finished, so it is not data. */
    RequestRecord send(Prompt prompt, Tag tag) {
        return send(prompt, tag, Long.MAX_VALUE);
    }

    /**
     * Sends one request and reads its answer. {@code runEndsNanos} ({@link System#nanoTime()}) is
     * when its run stops waiting for it: a request still running then is abandoned and gives null,
     * as one cut by a stop does; one that reaches its own deadline first is a {@code deadline} failure.
     */
    RequestRecord send(Prompt prompt, Tag tag, long runEndsNanos) {
        return send(prompt, tag, runEndsNanos, null);
    }

    /** As {@link #send(Prompt, Tag, long)}, its record placed against the {@code schedule} when there is one. */
    RequestRecord send(Prompt prompt, Tag tag, long runEndsNanos, Schedule schedule) {
        if (stopped) return null;
        WireFormat.Post post = format.request(endpoint, model, prompt, key);
        String requestId = idPrefix + tag.run() + "-" + (tag.warmup() ? "w" : "") + tag.index();
        // joined before the stamp: what follows `sent` is the write itself
        byte[] request = Connection.join(post.head(requestId), post.body);
        String startedAt = Instant.now().toString();
        InFlight mine = new InFlight();
        long begin = System.nanoTime();
        long deadlineAt = begin + Math.min(limits.deadline().toNanos(), Long.MAX_VALUE / 4);
        // Long.MAX_VALUE: the run waits for it (compared as is, since nanoTime may be negative)
        boolean runEndsFirst = runEndsNanos != Long.MAX_VALUE && runEndsNanos - deadlineAt < 0;
        inFlight.add(mine);
        if (stopped) mine.cut(Cut.STOPPED);
        ScheduledFuture<?> alarm = alarms.schedule(
                () -> mine.cut(runEndsFirst ? Cut.RUN_ENDED : Cut.DEADLINE),
                Math.max(0, (runEndsFirst ? runEndsNanos : deadlineAt) - begin),
                TimeUnit.NANOSECONDS);
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
                    c = Connection.open(endpoint, timeoutMs, mine::track);
                }
                mine.track(c);
                if (stopped || mine.cut != null) throw new java.net.SocketException("cut short");
                phase = Phase.HEAD;
                trace = new RequestTrace(System.nanoTime(), redaction);
                try {
                    c.write(request);
                    response = ResponseReader.head(c, trace.sentNanos + timeoutNanos)
                            .orElse(null);
                } catch (IOException e) {
                    // a kept-alive connection the server has since closed: once more on a new one
                    if (opened || stopped || mine.cut != null || e instanceof SocketTimeoutException) throw e;
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
            ErrorBody error = ok ? null : new ErrorBody(redaction);
            BodyLines lines = ok ? new BodyLines(format.reader(trace, limits), trace, limits.lineBytes()) : null;
            boolean whole = ResponseReader.body(c, response, ok ? lines : error, timeoutMs, limits.responseBytes());
            if (whole && lines != null) lines.end(c.readNanos);
            reusable = whole && response.keepAlive();
            if (error != null) {
                retryAfter = RetryAfter.seconds(response::header, Instant.now());
                error.failInto(trace, "http_" + status);
            }
        } catch (IOException e) {
            Cut why = mine.cut;
            if (stopped || why == Cut.STOPPED) return null;
            if (why == Cut.RUN_ENDED) return null;
            if (trace == null) trace = new RequestTrace(System.nanoTime(), redaction);
            if (why == Cut.DEADLINE) {
                trace.fail(
                        "deadline",
                        "not over within the --deadline of " + limits.deadline().toMillis() / 1000.0 + " s");
            } else {
                classify(trace, phase, e);
            }
        } finally {
            alarm.cancel(false);
            inFlight.remove(mine);
            if (c != null) {
                // a connection its alarm closed, even just after the end, is not reused
                if (reusable && !stopped && mine.cut == null) idle.addFirst(c);
                else c.close();
            }
        }
        if (stopped) return null;
        if (!trace.failed() && trace.contentChunks() == 0)
            trace.fail("empty_response", "no generated text in the stream");
        Double connectMs = opened && c != null && phase != Phase.CONNECT ? millis(c.openNanos) : null;
        return record(tag, requestId, startedAt, status, retryAfter, trace, prompt, opened, connectMs, schedule, begin);
    }

    private static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void classify(RequestTrace trace, Phase phase, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ResponseReader.TooLarge) {
            trace.fail("too_large", message);
        } else if (e instanceof SocketTimeoutException) {
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
            Double connectMs,
            Schedule schedule,
            long beginNanos) {
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
        return RequestRecordBuilder.builder()
                .run(tag.run())
                .warmup(tag.warmup())
                .concurrency(tag.concurrency())
                .requestRate(tag.requestRate())
                .index(tag.index())
                .startedAt(startedAt)
                .ok(ok)
                .errorKind(t.errorKind())
                .errorDetail(t.errorDetail())
                .httpStatus(status)
                .retryAfterS(retryAfter)
                .ttftMs(ok ? ttft : null)
                .tpotMs(tpot)
                .e2eMs(e2e)
                .itlMs(ok ? itl : List.of())
                .chunks(t.contentChunks())
                .inputTokens(input)
                .outputTokens(output)
                .tokenCountsFrom(fromServer ? "server" : "estimate")
                .serverTimings(t.serverTimings())
                .requestId(requestId)
                .newConnection(opened)
                .connectMs(connectMs)
                .intendedMs(schedule == null ? null : millis(schedule.intendedNanos() - schedule.runStartNanos()))
                .sentMs(schedule == null ? null : millis(t.sentNanos - schedule.runStartNanos()))
                .dispatchDelayMs(schedule == null ? null : millis(Math.max(0, beginNanos - schedule.intendedNanos())))
                .ttftFromIntendedMs(
                        schedule == null || !ok || ttft == null
                                ? null
                                : millis(Math.max(0, t.firstContentNanos() - schedule.intendedNanos())))
                .e2eFromIntendedMs(
                        schedule == null || !ok
                                ? null
                                : millis(Math.max(0, t.lastEventNanos() - schedule.intendedNanos())))
                .repeat(tag.repeat())
                .build();
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** A stop: connections opening, waiting or streaming are closed, and later sends refused. */
    void cancelAll() {
        stopped = true;
        for (InFlight request : inFlight) request.cut(Cut.STOPPED);
        closeIdle();
    }

    private void closeIdle() {
        Connection c;
        while ((c = idle.pollFirst()) != null) c.close();
    }

    @Override
    public void close() {
        closeIdle();
        alarms.shutdownNow();
    }
}
