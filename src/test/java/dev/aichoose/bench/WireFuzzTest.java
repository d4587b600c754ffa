package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aichoose.schema.BenchFilesReadBack;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded property test of the whole client over a real loopback socket: each response is drawn
 * from a seed (a status line, good or not, 1xx heads, headers with lengths that lie, chunked
 * framing with bad sizes, extensions and trailers, a body from {@link HostileBytes}, an end by
 * close, reset or silence). Every request ends as a record, ok or failed with a documented kind,
 * that matches the request schema and holds no part of the key. A fixed budget: about a hundred
 * requests a format, a few seconds in all.
 */
class WireFuzzTest {
    static final String KEY = "sk-wire/0123456789abcdefABCDEF0123456789";
    static final int CASES = 100;
    static final RequestLimits LIMITS = new RequestLimits(Duration.ofSeconds(3), 256 << 10, 8 << 10, 8 << 10);

    @ParameterizedTest
    @EnumSource(WireApi.class)
    void everyResponseEndsAsARecordOfADocumentedKind(WireApi api) {
        AtomicInteger served = new AtomicInteger();
        long base = 1_000L * api.ordinal();
        try (ScriptedServer server =
                        ScriptedServer.start(ex -> ex.raw(response(api, base + served.getAndIncrement())));
                EndpointClient client = new EndpointClient(
                        WireFormat.resolve(server.uri(), api),
                        "m",
                        new ApiKey(KEY),
                        WireFormat.of(api, false, false),
                        Duration.ofMillis(300),
                        LIMITS)) {
            int ok = 0;
            for (int i = 0; i < CASES; i++) {
                RequestRecord r;
                try {
                    r = client.send(
                            new Prompt("Hi", 10),
                            EndpointClientTagBuilder.builder()
                                    .run(1)
                                    .concurrency(1)
                                    .index(i)
                                    .build());
                } catch (RuntimeException e) {
                    fail("response " + (base + i) + " (" + api + "): " + e, e);
                    return;
                }
                assertThat(r).as("response %d", base + i).isNotNull();
                if (r.ok()) ok++;
                String json = HostileServerTest.json(r.onRunClock(1.8e12, 10));
                BenchFilesReadBack.assertValidRecord(json);
                // in the record's own strings: the JSON escapes a newline after 7 characters of the key into an 8th
                HostileServerTest.assertNoPartOf(KEY, r.errorDetail());
                if (r.serverTimings() != null)
                    r.serverTimings().keySet().forEach(name -> HostileServerTest.assertNoPartOf(KEY, name));
            }
            assertThat(ok).as("answers among %d", CASES).isBetween(1, CASES - 1);
        }
    }

    /** The response for one seed, head and body, as bytes on the wire. */
    static byte[] response(WireApi api, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        HostileBytes bytes = new HostileBytes(seed, KEY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean clean = random.nextInt(4) == 0;
        byte[] body = clean
                ? WireFormat.of(api, false, false).sampleAnswer(5).getBytes(StandardCharsets.UTF_8)
                : bytes.body(32 * 1024, 8 << 10);
        if (!clean && random.nextInt(8) == 0) write(out, "HTTP/1.1 100 Continue\r\n\r\n");
        write(
                out,
                switch (clean ? 0 : random.nextInt(8)) {
                    case 1 -> "HTTP/1.1 429 Too Many\r\nretry-after: " + retryAfter(random) + "\r\n";
                    case 2 -> "HTTP/1.1 2OO OK " + KEY + "\r\n";
                    case 3 -> "HTTP/2 200\r\n";
                    case 4 -> "HTTP/1.1 503 " + "x".repeat(random.nextInt(100)) + "\r\n";
                    case 5 -> "HTTP/1.0 200 OK\r\n";
                    default -> "HTTP/1.1 200 OK\r\n";
                });
        write(out, "content-type: text/event-stream\r\nx-echo: " + KEY + "\r\n");
        int framing = clean ? 0 : random.nextInt(4);
        switch (framing) {
            case 0 -> write(out, "connection: close\r\n\r\n");
            case 1 -> write(out, "content-length: " + contentLength(random, body.length) + "\r\n\r\n");
            default -> write(out, "transfer-encoding: chunked\r\n\r\n");
        }
        if (framing >= 2) {
            int at = 0;
            while (at < body.length) {
                int n = Math.min(body.length - at, 1 + random.nextInt(4096));
                String size = switch (random.nextInt(20)) {
                    case 0 -> "zz";
                    case 1 -> Integer.toHexString(n) + ";ext=" + "e".repeat(random.nextInt(50));
                    case 2 -> Integer.toHexString(n + random.nextInt(100));
                    default -> Integer.toHexString(n);
                };
                write(out, size + "\r\n");
                out.write(body, at, n);
                write(out, "\r\n");
                at += n;
            }
            if (random.nextInt(4) > 0) write(out, "0\r\n" + (random.nextBoolean() ? "trailer: t\r\n" : "") + "\r\n");
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    static String retryAfter(SplittableRandom random) {
        String[] values = {"Infinity", "-5", "NaN", "1.5", "120", "Wed, 21 Oct 2015 07:28:00 GMT", "9".repeat(40), ""};
        return values[random.nextInt(values.length)];
    }

    static String contentLength(SplittableRandom random, int actual) {
        return switch (random.nextInt(5)) {
            case 0 -> Integer.toString(actual + 1 + random.nextInt(1000));
            case 1 -> Integer.toString(Math.max(0, actual - random.nextInt(1000)));
            case 2 -> "-1";
            case 3 -> "99999999999999999999";
            default -> Integer.toString(actual);
        };
    }

    static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
