package dev.aichoose.bench.perf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fast loopback server for bench/harness.sh and bench/accuracy.sh: answers every POST with a
 * streamed chat answer in the wire format its path names ({@code /v1/messages}: Anthropic,
 * {@code /api/chat}: Ollama NDJSON, anything else: OpenAI SSE), the first content chunk
 * {@code --first-ms} after the request arrived and one every {@code --every-ms} after that (0: as
 * fast as the socket takes them). With {@code --log FILE} it writes, per request, its own clock:
 * when the request was complete and when each content chunk started to leave, so that a client's
 * figures can be checked against what the server did. Bounded: loopback only, at most
 * {@code --max-connections}, exits after {@code --max-seconds}. Not used by the unit tests.
 *
 * <p>One NIO thread reads requests; one scheduler thread writes frames when due, parking to the
 * microsecond, because a selector timeout only has millisecond resolution.
 */
public final class LoadServer {
    /** One wire format: what goes out with the head, each content chunk, the last one, and the end. */
    @SuppressWarnings("ArrayRecordComponent") // bytes written as they are, never compared or hashed
    private record Format(byte[] headAndPreamble, String content, String lastContent, String endTemplate) {
        static Format of(String contentType, String preamble, String content, String lastContent, String endTemplate) {
            byte[] head = ("HTTP/1.1 200 OK\r\ncontent-type: " + contentType + "\r\ntransfer-encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            return new Format(
                    preamble.isEmpty() ? head : concat(head, frame(preamble)), content, lastContent, endTemplate);
        }

        /** The end of the answer; %1$d prompt tokens, %2$d generated tokens. */
        String end(int promptTokens, int chunks) {
            return String.format(java.util.Locale.ROOT, endTemplate, promptTokens, chunks);
        }
    }

    private static final String OPENAI_CONTENT =
            chunk("{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"model\":\"load\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok\"},\"finish_reason\":null}]}");
    private static final Format OPENAI = Format.of(
            "text/event-stream",
            chunk(
                    "{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"model\":\"load\","
                            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"),
            OPENAI_CONTENT,
            OPENAI_CONTENT.replace("\"finish_reason\":null", "\"finish_reason\":\"length\""),
            chunk("{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"model\":\"load\",\"choices\":[],"
                            + "\"usage\":{\"prompt_tokens\":%1$d,\"completion_tokens\":%2$d,\"total_tokens\":0}}")
                    + "data: [DONE]\n\n");
    private static final String ANTHROPIC_CONTENT =
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                    + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" tok\"}}\n\n";
    private static final Format ANTHROPIC = Format.of(
            "text/event-stream",
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"x\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"content\":[],\"model\":\"load\",\"usage\":{\"input_tokens\":0,\"output_tokens\":1}}}\n\n"
                    + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            ANTHROPIC_CONTENT,
            ANTHROPIC_CONTENT,
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                    + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},"
                    + "\"usage\":{\"input_tokens\":%1$d,\"output_tokens\":%2$d}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    private static final String OLLAMA_CONTENT =
            "{\"model\":\"load\",\"message\":{\"role\":\"assistant\",\"content\":\" tok\"},\"done\":false}\n";
    private static final Format OLLAMA = Format.of(
            "application/x-ndjson",
            "",
            OLLAMA_CONTENT,
            OLLAMA_CONTENT,
            "{\"model\":\"load\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                    + "\"done_reason\":\"length\",\"prompt_eval_count\":%1$d,\"eval_count\":%2$d}\n");

    private static final long EARLY_NANOS = 100_000;

    private final int chunks;
    private final long firstNanos;
    private final long everyNanos;
    private final int maxConnections;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger streaming = new AtomicInteger();
    private final AtomicInteger maxStreaming = new AtomicInteger();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final long[] latenessHistogramMicros = new long[100_001];
    private final ConcurrentLinkedQueue<Stream> started = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Stream> finished = new ConcurrentLinkedQueue<>();
    private Path log;
    private volatile Thread scheduler;

    /** One response in progress on a connection. */
    private final class Stream {
        final SocketChannel channel;
        final long startNanos;
        final int promptTokens;
        final Format format;
        final String requestId;
        /** When each content chunk started to leave (System.nanoTime), kept for --log. */
        final long[] contentSent;

        int next = -1; // -1: headers and preamble; chunks: the end
        long due;
        long frameDue;
        ByteBuffer pending;

        Stream(
                SocketChannel channel,
                long startNanos,
                int promptTokens,
                Format format,
                String requestId,
                boolean logged) {
            this.channel = channel;
            this.startNanos = startNanos;
            this.promptTokens = promptTokens;
            this.format = format;
            this.requestId = requestId;
            this.contentSent = logged ? new long[chunks] : null;
            this.due = startNanos;
            this.frameDue = startNanos;
        }
    }

    LoadServer(int chunks, long firstMs, long everyMs, int maxConnections) {
        this.chunks = chunks;
        this.firstNanos = firstMs * 1_000_000;
        this.everyNanos = everyMs * 1_000_000;
        this.maxConnections = maxConnections;
    }

    public static void main(String[] args) throws Exception {
        int chunks = 50;
        long first = 200;
        long every = 20;
        int maxConnections = 12_000;
        long maxSeconds = 300;
        Path portFile = null;
        Path log = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--chunks" -> chunks = Integer.parseInt(args[i + 1]);
                case "--first-ms" -> first = Long.parseLong(args[i + 1]);
                case "--every-ms" -> every = Long.parseLong(args[i + 1]);
                case "--max-connections" -> maxConnections = Integer.parseInt(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
                case "--port-file" -> portFile = Path.of(args[i + 1]);
                case "--log" -> log = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        LoadServer server = new LoadServer(chunks, first, every, maxConnections);
        server.log = log;
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16_384);
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        Runtime.getRuntime().addShutdownHook(new Thread(server::report));
        server.scheduler = Thread.ofPlatform().name("schedule").start(() -> server.schedule(deadline));
        if (portFile != null) Files.writeString(portFile, Integer.toString(port));
        System.out.println("load server on 127.0.0.1:" + port);
        server.serve(listener, deadline);
        System.exit(0);
    }

    private void report() {
        if (log != null) writeLog();
        long total = 0;
        long sum = 0;
        for (int i = 0; i < latenessHistogramMicros.length; i++) {
            total += latenessHistogramMicros[i];
            sum += latenessHistogramMicros[i] * i;
        }
        long seen = 0;
        int p50 = 0;
        int p99 = 0;
        for (int i = 0; i < latenessHistogramMicros.length; i++) {
            seen += latenessHistogramMicros[i];
            if (p50 == 0 && seen * 2 >= total) p50 = i;
            if (seen * 100 >= total * 99) {
                p99 = i;
                break;
            }
        }
        System.out.printf(
                "load server: responses=%d frames=%d max_concurrent_streams=%d max_connections=%d "
                        + "send_lateness_us mean=%.0f p50=%d p99=%d%n",
                responses.get(),
                framesSent.get(),
                maxStreaming.get(),
                connections.get(),
                total == 0 ? 0.0 : (double) sum / total,
                p50,
                p99);
    }

    /** One JSON line per finished request: its id, and its chunks' send times in ms after the request was complete. */
    private void writeLog() {
        StringBuilder out = new StringBuilder();
        for (Stream s : finished) {
            out.append("{\"request_id\":\"").append(s.requestId).append("\",\"sent_ms\":[");
            for (int i = 0; i < s.contentSent.length; i++) {
                if (i > 0) out.append(',');
                out.append(String.format(java.util.Locale.ROOT, "%.4f", (s.contentSent[i] - s.startNanos) / 1e6));
            }
            out.append("]}\n");
        }
        try {
            Files.writeString(log, out);
        } catch (IOException e) {
            System.err.println("load server: cannot write " + log + ": " + e.getMessage());
        }
    }

    private void serve(ServerSocketChannel listener, long deadline) throws IOException {
        Selector selector = Selector.open();
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        while (System.nanoTime() < deadline) {
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                if (!key.isValid()) continue;
                if (key.isAcceptable()) {
                    SocketChannel c;
                    while ((c = listener.accept()) != null) {
                        if (connections.incrementAndGet() > maxConnections) {
                            connections.decrementAndGet();
                            c.close();
                            continue;
                        }
                        c.configureBlocking(false);
                        c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                        c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(16 * 1024));
                    }
                } else if (key.isReadable()) {
                    read(key);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /** Collects a request; at its end (headers plus content-length bytes) starts the stream. */
    private void read(SelectionKey key) throws IOException {
        SocketChannel c = (SocketChannel) key.channel();
        ByteBuffer in = (ByteBuffer) key.attachment();
        int n;
        try {
            n = c.read(in);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            key.cancel();
            c.close();
            connections.decrementAndGet();
            return;
        }
        String text = new String(in.array(), in.arrayOffset(), in.position(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return;
        int length = 0;
        String requestId = "";
        String[] lines = text.substring(0, end).split("\r\n", -1);
        for (String line : lines) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15))
                length = Integer.parseInt(line.substring(15).trim());
            if (line.regionMatches(true, 0, "x-request-id:", 0, 13))
                requestId = line.substring(13).trim();
        }
        Format format =
                lines[0].contains(" /v1/messages") ? ANTHROPIC : lines[0].contains(" /api/chat") ? OLLAMA : OPENAI;
        long received = System.nanoTime();
        if (in.position() < end + 4 + length) {
            if (!in.hasRemaining())
                key.attach(ByteBuffer.allocate(in.capacity() * 2).put(in.flip()));
            return;
        }
        in.clear();
        started.add(new Stream(c, received, Math.max(1, length / 5), format, requestId, log != null));
        LockSupport.unpark(scheduler);
    }

    private void schedule(long deadline) {
        PriorityQueue<Stream> queue = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
        while (System.nanoTime() < deadline) {
            Stream s;
            while ((s = started.poll()) != null) {
                queue.add(s);
                int now = streaming.incrementAndGet();
                maxStreaming.accumulateAndGet(now, Math::max);
            }
            Stream head = queue.peek();
            long now = System.nanoTime();
            if (head == null) {
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            // a park costs a wake-up plus the kernel's timer slack (~50 us): frames due within 100 us
            // go now, so that 50,000 frames a second do not need 50,000 wake-ups
            if (head.due > now + EARLY_NANOS) {
                LockSupport.parkNanos(head.due - now - EARLY_NANOS);
                continue;
            }
            queue.poll();
            if (advance(head, now)) queue.add(head);
        }
    }

    /** The common case, encoded once per format: one content chunk in its HTTP chunk framing. */
    private static final java.util.Map<Format, byte[]> CONTENT_FRAME = java.util.Map.of(
            OPENAI, frame(OPENAI.content()), ANTHROPIC, frame(ANTHROPIC.content()), OLLAMA, frame(OLLAMA.content()));

    /** Writes what is due; returns whether the stream has more to send. */
    private boolean advance(Stream s, long now) {
        try {
            if (s.pending == null || !s.pending.hasRemaining()) {
                if (s.next == -1) {
                    s.pending = ByteBuffer.wrap(s.format.headAndPreamble());
                    s.next = 0;
                    s.frameDue = s.startNanos + firstNanos;
                } else {
                    StringBuilder frames = new StringBuilder(256);
                    int count = 0;
                    // with every-ms 0 the whole answer is due at once: send it in as few writes as the socket takes
                    do {
                        record(now - s.frameDue);
                        if (s.contentSent != null) s.contentSent[s.next] = now;
                        boolean last = s.next == chunks - 1;
                        frames.append(last ? s.format.lastContent() : s.format.content());
                        count++;
                        s.next++;
                        s.frameDue = s.startNanos + firstNanos + s.next * everyNanos;
                        framesSent.incrementAndGet();
                    } while (s.next < chunks && s.frameDue <= now + EARLY_NANOS && frames.length() < 60_000);
                    boolean end = s.next == chunks;
                    if (end) frames.append(s.format.end(s.promptTokens, chunks));
                    s.pending = count == 1 && !end
                            ? ByteBuffer.wrap(CONTENT_FRAME.get(s.format))
                            : ByteBuffer.wrap(concat(
                                    frame(frames.toString()),
                                    end ? "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[0]));
                }
            }
            s.channel.write(s.pending);
            if (s.pending.hasRemaining()) {
                s.due = now + 200_000; // socket full: try again shortly
                return true;
            }
            s.due = s.frameDue;
            if (s.next == chunks) {
                streaming.decrementAndGet();
                responses.incrementAndGet();
                if (s.contentSent != null) finished.add(s);
                return false;
            }
            return true;
        } catch (IOException e) {
            streaming.decrementAndGet();
            return false;
        }
    }

    /** Text in HTTP/1.1 chunked framing. */
    private static byte[] frame(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return concat(
                (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                body,
                "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) length += p.length;
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static String chunk(String json) {
        return "data: " + json + "\n\n";
    }

    private void record(long latenessNanos) {
        int micros = (int) Math.min(latenessHistogramMicros.length - 1, Math.max(0, latenessNanos / 1000));
        latenessHistogramMicros[micros]++;
    }
}
