package dev.aichoose.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP/1.1 server on raw sockets whose every answer is scripted by the test: status,
 * frames at set times, resets, silence. Raw sockets because resets and half-written chunks are
 * what the client must survive.
 */
public final class ScriptedServer implements AutoCloseable {
    /** What the server received: the test checks headers and body (keys, max_tokens …). */
    public record Request(String method, String path, Map<String, String> headers, String body) {}

    /** Writes one response; {@link Exchange} offers the primitives. */
    public interface Script {
        void respond(Exchange exchange) throws IOException, InterruptedException;
    }

    public static final class Exchange {
        public final Request request;
        final long receivedNanos;
        private final Socket socket;
        private final OutputStream out;
        private boolean chunked;
        private final List<Long> frameNanos = new CopyOnWriteArrayList<>();

        Exchange(Request request, long receivedNanos, Socket socket) throws IOException {
            this.request = request;
            this.receivedNanos = receivedNanos;
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        /** Status line and headers; the body that follows is chunked, as streaming servers send it. */
        public void head(int status, String contentType, Map<String, String> headers) throws IOException {
            StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
            h.append("content-type: ").append(contentType).append("\r\n");
            headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
            h.append("transfer-encoding: chunked\r\nconnection: close\r\n\r\n");
            out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            chunked = true;
        }

        public void frame(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) return;
            // one write per frame, as a server flushing an event does: three would be three TCP
            // segments (no Nagle here) and three wake-ups of the client for one frame
            byte[] size = (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = java.util.Arrays.copyOf(size, size.length + bytes.length + 2);
            System.arraycopy(bytes, 0, chunk, size.length, bytes.length);
            chunk[chunk.length - 2] = '\r';
            chunk[chunk.length - 1] = '\n';
            // stamped before the write: a client cannot see a frame before this moment
            frameNanos.add(System.nanoTime());
            out.write(chunk);
            out.flush();
        }

        /** When a frame (0-based, as sent) started to leave: on a busy machine later than the script said. */
        public double frameSentMsAfterRequest(int frame) {
            return (frameNanos.get(frame) - receivedNanos) / 1e6;
        }

        /** Sends a frame once {@code ms} have passed since the request arrived. */
        void frameAt(long ms, String text) throws IOException, InterruptedException {
            sleepUntil(ms);
            frame(text);
        }

        void sleepUntil(long ms) throws InterruptedException {
            long wait = receivedNanos + TimeUnit.MILLISECONDS.toNanos(ms) - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
        }

        public void end() throws IOException {
            if (chunked) out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Bytes as they are, no framing: a broken or hostile server's own. */
        public void raw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** A reset: SO_LINGER 0 makes close send RST instead of FIN. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        public void json(int status, Map<String, String> headers, String body) throws IOException {
            head(status, "application/json", headers);
            frame(body);
            end();
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private ScriptedServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(this::accept);
        // a first client must not wait for the acceptor thread to be scheduled at all: that wait
        // would delay its request's stamp, and the whole script with it
        try {
            accepting.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final java.util.concurrent.CountDownLatch accepting = new java.util.concurrent.CountDownLatch(1);

    public static ScriptedServer start(Script script) {
        try {
            return new ScriptedServer(script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public List<Request> requests() {
        return requests;
    }

    List<Exchange> exchanges() {
        return exchanges;
    }

    /**
     * The acceptor reads each request itself before handing the connection to a thread of its own:
     * a client writes its request as soon as it has connected, and a thread started for the
     * connection would read (and stamp) it only once the scheduler ran it, on a busy machine
     * milliseconds later, shifting the whole script by a delay that is the server's, not the client's.
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
            open.add(socket);
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(2_000); // a client that connects and says nothing must not hold up the others
                Request request = read(new java.io.BufferedInputStream(socket.getInputStream()));
                long received = System.nanoTime();
                socket.setSoTimeout(0);
                if (request == null) {
                    closeQuietly(socket);
                    continue;
                }
                requests.add(request);
                Exchange exchange = new Exchange(request, received, socket);
                exchanges.add(exchange);
                // platform threads: the server must not queue for the carrier threads of the
                // client's virtual threads, or its own scheduling shows up as client error
                Thread.ofPlatform().daemon().start(() -> serve(socket, exchange));
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void serve(Socket socket, Exchange exchange) {
        try (socket) {
            script.respond(exchange);
        } catch (IOException | InterruptedException ignored) {
            // the client went away or the test ended
        } finally {
            open.remove(socket);
        }
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        if (matched < 4) return null;
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", -1);
        String[] start = lines[0].split(" ", -1);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0)
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Request(start[0], start[1], headers, body);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
