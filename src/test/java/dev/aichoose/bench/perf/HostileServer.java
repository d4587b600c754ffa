package dev.aichoose.bench.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * A loopback server that answers every request the way a hostile or broken one would, for
 * bench/hostile.sh: it measures what {@code aichoose bench} does (time, memory, exit code, files,
 * secrets) against each mode. One mode per process; every answer is the same. Bounded: loopback
 * only, exits after {@code --max-seconds}. Not used by the unit tests (they script the same modes
 * in-process with {@code ScriptedServer}).
 *
 * <p>Modes: {@code endless-stream} (valid OpenAI content chunks, as fast as the socket takes them,
 * never ending), {@code endless-line} (a 200 body with no newline, ever), {@code sse-no-blank}
 * ({@code data:} lines with no blank line between them), {@code ollama-endless-line} (one NDJSON
 * object that never closes), {@code huge-headers} (a header line that never ends),
 * {@code drip} (one byte of a valid stream every {@code --drip-ms}, under the silence timeout),
 * {@code retry-after:VALUE} (429 with that Retry-After), {@code retry-after-date} (429 with an
 * HTTP-date 2 s ahead), {@code echo-key} (the key echoed in an error body, as a llama.cpp timings
 * field name, and straddling the error-body cap), {@code reset} (a few chunks, then a TCP reset).
 */
public final class HostileServer {
    private static final byte[] CONTENT = chunkLine(
            "{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok\"},"
                    + "\"finish_reason\":null}]}");

    private final String mode;
    private final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    private final int dripMs;

    private HostileServer(String mode, int dripMs) {
        this.mode = mode;
        this.dripMs = dripMs;
    }

    public static void main(String[] args) throws Exception {
        String mode = "endless-stream";
        Path portFile = null;
        int maxSeconds = 600;
        int dripMs = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--port-file" -> portFile = Path.of(args[++i]);
                case "--max-seconds" -> maxSeconds = Integer.parseInt(args[++i]);
                case "--drip-ms" -> dripMs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        HostileServer server = new HostileServer(mode, dripMs);
        long lifetimeMs = maxSeconds * 1000L;
        try (ServerSocket socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(lifetimeMs);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
                System.exit(0);
            });
            if (portFile != null) Files.writeString(portFile, Integer.toString(socket.getLocalPort()));
            System.out.println("hostile server, mode " + mode + ", port " + socket.getLocalPort());
            while (true) {
                Socket s = socket.accept();
                Thread.ofPlatform().daemon().start(() -> server.serve(s));
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            String head = readHead(socket.getInputStream());
            if (head == null) return;
            String key = header(head, "authorization").replaceFirst("^Bearer ", "");
            if (key.isEmpty()) key = header(head, "x-api-key");
            OutputStream out = socket.getOutputStream();
            switch (mode.startsWith("retry-after:") ? "retry-after" : mode) {
                case "endless-stream" -> {
                    out.write(head200("text/event-stream"));
                    byte[] block = repeat(CONTENT, 64 * 1024 / CONTENT.length);
                    while (true) out.write(block);
                }
                case "endless-line" -> {
                    out.write(head200("text/event-stream"));
                    out.write("data: {\"choices\":[{\"delta\":{\"content\":\"".getBytes(StandardCharsets.US_ASCII));
                    endless(out, (byte) 'a');
                }
                case "sse-no-blank" -> {
                    out.write(head200("text/event-stream"));
                    byte[] line = "data: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
                            .getBytes(StandardCharsets.US_ASCII);
                    byte[] block = repeat(line, 64 * 1024 / line.length);
                    while (true) out.write(block);
                }
                case "ollama-endless-line" -> {
                    out.write(head200("application/x-ndjson"));
                    out.write("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\""
                            .getBytes(StandardCharsets.US_ASCII));
                    endless(out, (byte) 'a');
                }
                case "huge-headers" -> {
                    out.write("HTTP/1.1 200 OK\r\nx-filler: ".getBytes(StandardCharsets.US_ASCII));
                    endless(out, (byte) 'h');
                }
                case "drip" -> {
                    out.write(head200("text/event-stream"));
                    out.flush();
                    while (true) {
                        for (byte b : CONTENT) {
                            out.write(b);
                            out.flush();
                            Thread.sleep(dripMs);
                        }
                    }
                }
                case "retry-after" -> json(out, 429, "retry-after: " + mode.substring("retry-after:".length()), "{}");
                case "retry-after-date" ->
                    json(
                            out,
                            429,
                            "retry-after: "
                                    + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)),
                            "{}");
                case "echo-key" -> {
                    if (served.incrementAndGet() % 2 == 1) {
                        // a 200 stream whose llama.cpp timings name the key
                        out.write(head200("text/event-stream"));
                        out.write(CONTENT);
                        out.write(chunkLine("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                                + "\"timings\":{\"" + key + "\":1,\"prompt_n\":3,\"predicted_n\":1}}"));
                        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        // an error body with the key straddling the 4,096-byte cap, and once in full
                        String start = "{\"error\":{\"message\":\"bad key " + key + " ";
                        String pad = "x".repeat(Math.max(0, 4096 - key.length() / 2 - start.length()));
                        json(out, 401, null, start + pad + key + "\"}}");
                    }
                }
                case "reset" -> {
                    out.write(head200("text/event-stream"));
                    for (int i = 0; i < 5; i++) out.write(CONTENT);
                    out.flush();
                    Thread.sleep(100);
                    socket.setSoLinger(true, 0);
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            out.flush();
        } catch (IOException | InterruptedException ignored) {
            // the client went away: that is what it should do
        }
    }

    /** The request's head and body, read only as far as the body's length says. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) break;
        }
        if (b < 0) return null;
        String length = header(head.toString(), "content-length");
        byte[] body = in.readNBytes(length.isEmpty() ? 0 : Integer.parseInt(length));
        return head + new String(body, StandardCharsets.UTF_8);
    }

    private static String header(String head, String name) {
        for (String line : head.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name))
                return line.substring(colon + 1).trim();
        }
        return "";
    }

    private static byte[] head200(String contentType) {
        // read to the close: no framing limits what follows
        return ("HTTP/1.1 200 OK\r\ncontent-type: " + contentType + "\r\nconnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void json(OutputStream out, int status, String extraHeader, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\ncontent-type: application/json\r\n"
                        + (extraHeader == null ? "" : extraHeader + "\r\n") + "content-length: " + bytes.length
                        + "\r\nconnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
    }

    private static void endless(OutputStream out, byte b) throws IOException {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, b);
        while (true) out.write(block);
    }

    private static byte[] chunkLine(String json) {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] all = new byte[unit.length * times];
        for (int i = 0; i < times; i++) System.arraycopy(unit, 0, all, i * unit.length, unit.length);
        return all;
    }
}
