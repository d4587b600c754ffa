package dev.aichoose.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The scripted server of {@code bench --self-test}: a loopback HTTP/1.1 server on blocking sockets,
 * inside the process, that answers in any of the three wire formats (by path, as {@link WireApi}
 * names them) with the format's sample answer: the first content frame {@code firstMs} after the
 * request was read whole, then one every {@code everyMs}. It stamps, on its own clock, when each
 * request was read and when each content frame started to leave, so that a client's TTFT and ITL can
 * be set against what the server did. A clock that runs at another rate than the client's (a test's
 * skewed clock) both schedules and stamps the frames: its durations are then not the client's.
 */
final class SelfTestServer implements AutoCloseable {
    /** What the server did for one request: when it was read, and when each content frame started to leave (ns). */
    record Stamps(long received, long[] contentSent) {
        double ttftMs() {
            return (contentSent[0] - received) / 1e6;
        }

        double gapMs(int i) {
            return (contentSent[i + 1] - contentSent[i]) / 1e6;
        }
    }

    private final ServerSocket server;
    private final LongSupplier clock;
    private final long firstMs;
    private final long everyMs;
    private final int chunks;
    private final Map<String, Stamps> stamps = new ConcurrentHashMap<>();
    private final List<Socket> open = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.CountDownLatch accepting = new java.util.concurrent.CountDownLatch(1);

    SelfTestServer(LongSupplier clock, long firstMs, long everyMs, int chunks) throws IOException {
        this.clock = clock;
        this.firstMs = firstMs;
        this.everyMs = everyMs;
        this.chunks = chunks;
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        this.writer = Thread.ofPlatform().daemon().name("self-test-write").start(this::writeDue);
        Thread.ofPlatform().daemon().name("self-test-accept").start(this::accept);
        try {
            accepting.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The stamps of the request sent with this {@code x-request-id}; null when it never arrived whole. */
    Stamps stamps(String requestId) {
        return stamps.get(requestId);
    }

    /**
     * Reads each request on the accepting thread, as {@code ScriptedServer} does: a thread started for
     * the connection would read it only when scheduled, shifting the whole script by the server's delay.
     */
    private void accept() {
        accepting.countDown();
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(2_000);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                Map<String, String> headers = new ConcurrentHashMap<>();
                String path = readRequest(in, headers);
                long received = clock.getAsLong();
                if (path == null) {
                    socket.close();
                    continue;
                }
                open.add(socket);
                arrived.add(new Answer(socket, path, headers.getOrDefault("x-request-id", ""), received));
                java.util.concurrent.locks.LockSupport.unpark(writer);
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
    }

    /** One answer being sent: its frames, which are content, and when each is due on the server's clock. */
    private final class Answer {
        final Socket socket;
        final OutputStream out;
        final String id;
        final long received;
        final List<String> frames;
        final int first;
        final long[] sent = new long[chunks];
        int next;

        Answer(Socket socket, String path, String id, long received) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.id = id;
            this.received = received;
            WireApi api = path.startsWith(WireApi.ANTHROPIC.defaultPath())
                    ? WireApi.ANTHROPIC
                    : path.startsWith(WireApi.OLLAMA.defaultPath()) ? WireApi.OLLAMA : WireApi.OPENAI;
            this.frames = frames(api);
            this.first = firstContent(api);
            out.write(("HTTP/1.1 200 OK\r\ncontent-type: "
                            + (api == WireApi.OLLAMA ? "application/x-ndjson" : "text/event-stream")
                            + "\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** When the next frame is due: content frames on the script, the others at once. */
        long due() {
            int content = next - first;
            return content >= 0 && content < chunks
                    ? received + TimeUnit.MILLISECONDS.toNanos(firstMs + content * everyMs)
                    : Long.MIN_VALUE;
        }

        /** Writes the next frame; true when the answer is over. */
        boolean writeNext() throws IOException {
            int content = next - first;
            if (content >= 0 && content < chunks) sent[content] = clock.getAsLong();
            write(out, frames.get(next++));
            if (next < frames.size()) return false;
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            stamps.put(id, new Stamps(received, sent));
            return true;
        }
    }

    /**
     * One thread writes every answer's frames when they fall due, as {@code LoadServer} does: a
     * thread per answer, a hundred of them waking together, cost the 2-core machine more than the
     * harness under test.
     */
    private void writeDue() {
        java.util.PriorityQueue<Answer> waiting =
                new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(Answer::due));
        while (!server.isClosed()) {
            Answer a;
            while ((a = arrived.poll()) != null) waiting.add(a);
            Answer head = waiting.peek();
            long wait = head == null ? 1_000_000 : head.due() == Long.MIN_VALUE ? 0 : head.due() - clock.getAsLong();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, Math.min(wait, 1_000_000));
                continue;
            }
            waiting.poll();
            try {
                if (head.writeNext()) closeQuietly(head.socket);
                else waiting.add(head);
            } catch (IOException e) {
                closeQuietly(head.socket);
            }
        }
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Answer> arrived =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile Thread writer;

    /** The format's sample answer cut into the frames a server flushes one at a time. */
    private List<String> frames(WireApi api) {
        String answer = WireFormat.of(api, false, false).sampleAnswer(chunks);
        String separator = api == WireApi.OLLAMA ? "\n" : "\n\n";
        List<String> frames = new ArrayList<>();
        int start = 0;
        int at;
        while ((at = answer.indexOf(separator, start)) >= 0) {
            frames.add(answer.substring(start, at + separator.length()));
            start = at + separator.length();
        }
        return frames;
    }

    /** Where the first content frame sits in the format's sample answer. */
    private static int firstContent(WireApi api) {
        return switch (api) {
            case OPENAI, ANTHROPIC -> 1;
            case OLLAMA -> 0;
        };
    }

    /** One write per frame, as a server flushing an event does. */
    private static void write(OutputStream out, String frame) throws IOException {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        byte[] size = (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = java.util.Arrays.copyOf(size, size.length + bytes.length + 2);
        System.arraycopy(bytes, 0, chunk, size.length, bytes.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        out.write(chunk);
        out.flush();
    }

    private static String readRequest(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > RequestLimits.HEAD_BYTES) return null;
        }
        if (matched < 4) return null;
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", -1);
        String[] start = lines[0].split(" ", -1);
        if (start.length < 2) return null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0)
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        in.readNBytes(length);
        return start[1];
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (open) {
            for (Socket s : List.copyOf(open)) closeQuietly(s);
        }
    }
}
