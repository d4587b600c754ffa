package dev.aichoose.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection on a blocking socket, read by the virtual thread of the request that
 * holds it. Every read is stamped with {@link System#nanoTime()} the moment the kernel hands the
 * bytes over: there is no selector thread between the socket and the stamp.
 */
final class Connection implements Closeable {
    /** As java.net.http's default (jdk.httpclient.bufsize): a read takes up to about 80 SSE chunks. */
    private static final int BUFFER = 16 * 1024;

    private static final int MAX_HEAD = RequestLimits.HEAD_BYTES;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** How long opening it took (TCP, and TLS for https), in nanoseconds. */
    final long openNanos;

    byte[] buffer = new byte[BUFFER];
    /** Unread bytes are {@code buffer[start, end)}. */
    int start;

    int end;
    /** When the bytes of the last read arrived. */
    long readNanos;

    private Connection(Socket socket, long openNanos) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.openNanos = openNanos;
    }

    static boolean isTls(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * Opens a connection; {@code opening} receives the socket before it connects, so that a stop
     * can close it while the connect is still waiting.
     */
    static Connection open(URI uri, int timeoutMs, java.util.function.Consumer<Socket> opening) throws IOException {
        boolean tls = isTls(uri);
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        long begin = System.nanoTime();
        Socket socket = new Socket();
        opening.accept(socket);
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            if (tls) {
                SSLSocket secure = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, uri.getHost(), port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
                secure.setSSLParameters(parameters);
                opening.accept(secure);
                secure.startHandshake();
                socket = secure;
            }
            return new Connection(socket, System.nanoTime() - begin);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A request's head and body as one array, so that it leaves in one write (as few segments as the kernel allows). */
    static byte[] join(byte[] head, byte[] body) {
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    void write(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    /** Waits at most {@code timeoutMs} for more bytes; false at the end of the stream. */
    boolean fill(int timeoutMs) throws IOException {
        if (start == end) {
            start = 0;
            end = 0;
        } else if (end == buffer.length) {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            } else if (buffer.length < MAX_HEAD) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            } else {
                throw new ResponseReader.TooLarge("response headers longer than " + RequestLimits.describe(MAX_HEAD));
            }
        }
        socket.setSoTimeout(Math.max(1, timeoutMs));
        int n = in.read(buffer, end, buffer.length - end);
        readNanos = System.nanoTime();
        if (n < 0) return false;
        end += n;
        return true;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
