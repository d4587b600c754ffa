package dev.aichoose.bench;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Sends one prompt and waits on the calling (virtual) thread while the HTTP client's thread reads
 * the streamed answer, turning every outcome, faults included, into a {@link RequestRecord}. A
 * fault is data, never an exception.
 */
final class EndpointClient implements AutoCloseable {
    /** Where a record belongs: which run, and whether it is a warm-up that the summary leaves out. */
    record Tag(int run, boolean warmup, Integer concurrency, Double requestRate, int index) {}

    private final URI endpoint;
    private final String model;
    private final ApiKey key;
    private final WireFormat format;
    private final Duration timeout;
    private final HttpClient http;
    private final StallWatchdog watchdog;
    private final java.util.Set<CompletableFuture<?>> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    EndpointClient(URI endpoint, String model, ApiKey key, WireFormat format, Duration timeout) {
        this.endpoint = endpoint;
        this.model = model;
        this.key = key;
        this.format = format;
        this.timeout = timeout;
        // HTTP/1.1: no h2c upgrade dance, one connection per concurrent stream; redirects never
        // followed, so a key cannot be carried to another host. The client's own tasks run on
        // its selector thread (a direct executor): nothing in them blocks (StreamedBody only
        // parses), and a thread hand-off per chunk cost more than the parsing: at 1,000 streams
        // on a busy 2-core machine the median TTFT error fell from about 400 to 150 ms against
        // the pooled default, and a virtual thread per hand-off was slower still. The requests
        // themselves run on virtual threads (BenchRunner).
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Runnable::run)
                .build();
        this.watchdog = new StallWatchdog(timeout);
    }

    URI endpoint() {
        return endpoint;
    }

    /** Returns null when the request was cancelled by a stop (Ctrl-C): it never finished, so it is not data. */
    RequestRecord send(Prompt prompt, Tag tag) {
        HttpRequest request = format.request(endpoint, model, prompt, key).timeout(timeout).build();
        String startedAt = Instant.now().toString();
        long sent = System.nanoTime();
        RequestTrace trace = new RequestTrace(sent);
        Integer status = null;
        Double retryAfter = null;
        StallWatchdog.Watch[] watch = new StallWatchdog.Watch[1];
        StreamedBody[] body = new StreamedBody[1];
        CompletableFuture<HttpResponse<Void>> exchange = null;
        try {
            if (stopped) return null;
            exchange = http.sendAsync(request, info -> {
                // anything but 2xx is an error answer, redirects included: they are never followed
                body[0] = new StreamedBody(info.statusCode() / 100 != 2 ? null : format.reader(trace));
                watch[0] = watchdog.watch(body[0]);
                return body[0];
            });
            inFlight.add(exchange);
            if (stopped) exchange.cancel(true);
            HttpResponse<Void> response = exchange.get();
            status = response.statusCode();
            if (status / 100 != 2) {
                retryAfter = retryAfterSeconds(response);
                trace.fail("http_" + status, body[0].errorText());
            }
        } catch (InterruptedException e) {
            // only a stop interrupts a request; what it cut short is not data
            Thread.currentThread().interrupt();
            cancel(watch[0]);
            return null;
        } catch (java.util.concurrent.CancellationException e) {
            cancel(watch[0]);
            return null;
        } catch (ExecutionException e) {
            classify(trace, watch[0], e.getCause());
        } finally {
            if (exchange != null) inFlight.remove(exchange);
            if (watch[0] != null) watchdog.release(watch[0]);
        }
        if (stopped || (watch[0] != null && watch[0].cancelled)) return null;
        if (!trace.failed() && trace.contentChunks() == 0) trace.fail("empty_response", "no generated text in the stream");
        return record(tag, startedAt, status, retryAfter, trace, prompt);
    }

    private static void cancel(StallWatchdog.Watch watch) {
        if (watch != null) {
            watch.cancelled = true;
            watch.close();
        }
    }

    /** Retry-After in seconds or as an HTTP date, or the retry-after-ms some servers send. */
    static Double retryAfterSeconds(HttpResponse<?> response) {
        var ms = response.headers().firstValue("retry-after-ms");
        try {
            if (ms.isPresent()) return Double.parseDouble(ms.get().trim()) / 1000.0;
        } catch (NumberFormatException ignored) {
            // fall through to retry-after
        }
        var value = response.headers().firstValue("retry-after");
        if (value.isEmpty()) return null;
        try {
            return Double.parseDouble(value.get().trim());
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(Instant.now(), at.toInstant()).toMillis() / 1000.0);
            } catch (java.time.format.DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static void classify(RequestTrace trace, StallWatchdog.Watch watch, Throwable e) {
        if (watch != null && watch.stalled) {
            trace.fail("stall", "no bytes for longer than the timeout");
        } else if (watch != null && watch.cancelled) {
            trace.fail("cancelled", "stopped");
        } else if (causedBy(e, HttpTimeoutException.class)) {
            trace.fail("timeout", "no response within the timeout");
        } else if (causedBy(e, ConnectException.class)) {
            trace.fail("connection_refused", e.getMessage() == null ? "connection refused" : e.getMessage());
        } else {
            trace.fail("connection_reset", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    private RequestRecord record(Tag tag, String startedAt, Integer status, Double retryAfter, RequestTrace t, Prompt prompt) {
        boolean ok = !t.failed();
        Double ttft = t.firstContentNanos() < 0 ? null : millis(t.firstContentNanos() - t.sentNanos);
        Double e2e = ok ? millis(t.lastEventNanos() - t.sentNanos) : null;
        List<Double> itl = new ArrayList<>(Math.max(0, t.contentChunks() - 1));
        for (int i = 1; i < t.contentChunks(); i++) itl.add(millis(t.contentNanos(i) - t.contentNanos(i - 1)));
        boolean fromServer = t.completionTokens() != null;
        Integer output = fromServer ? t.completionTokens() : (int) Math.ceil(t.contentChars() / 4.0);
        Integer input = t.promptTokens() != null ? t.promptTokens() : (int) Math.ceil(prompt.text().length() / 4.0);
        Double tpot = ok && ttft != null && output > 1 ? (e2e - ttft) / (output - 1) : null;
        return new RequestRecord(tag.run(), tag.warmup(), tag.concurrency(), tag.requestRate(), tag.index(), startedAt,
                ok, t.errorKind(), redact(t.errorDetail()), status, retryAfter,
                ok ? ttft : null, tpot, e2e, ok ? itl : List.of(), t.contentChunks(),
                input, output, fromServer ? "server" : "estimate", t.serverTimings());
    }

    /** Servers sometimes echo what they were sent; the key must not reach a record that way. */
    private String redact(String detail) {
        if (detail == null || key == null) return detail;
        return detail.replace(key.reveal(), "[redacted]");
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** A stop: requests waiting for headers are cancelled, streams closed, and later sends refused. */
    void cancelAll() {
        stopped = true;
        for (CompletableFuture<?> f : inFlight) f.cancel(true);
        watchdog.cancelAll();
    }

    @Override
    public void close() {
        watchdog.close();
        http.shutdownNow();
    }
}
