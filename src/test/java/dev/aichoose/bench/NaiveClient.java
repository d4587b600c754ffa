package dev.aichoose.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference a harness is held to: one platform thread per request on a blocking socket, a
 * stamp after every read, no parsing at all. It knows where each frame of the transcript ends on
 * the wire and notes when that many body bytes had arrived.
 */
final class NaiveClient {
    private NaiveClient() {}

    /** Where each frame ends in the chunked body, counting the chunk framing ScriptedServer writes. */
    static long[] frameEnds(Transcript t) {
        long[] ends = new long[t.frames().size()];
        long at = 0;
        for (int i = 0; i < ends.length; i++) {
            int length = t.frames().get(i).getBytes(StandardCharsets.UTF_8).length;
            at += Integer.toHexString(length).length() + 2 + length + 2;
            ends[i] = at;
        }
        return ends;
    }

    /** One request; the record carries only what the timing comparison reads. */
    static RequestRecord send(
            URI server, String path, String prompt, int index, long[] frameEnds, int first, int last) {
        String body =
                "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nhost: " + server.getHost() + ":" + server.getPort()
                + "\r\ncontent-type: application/json\r\ncontent-length: " + bytes.length + "\r\n\r\n";
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long sent = System.nanoTime();
            out.write((head + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            long[] seen = new long[frameEnds.length];
            byte[] buffer = new byte[64 * 1024];
            long bodyBytes = -1;
            int headMatched = 0;
            int frame = 0;
            int n;
            while (frame < frameEnds.length && (n = in.read(buffer)) > 0) {
                long now = System.nanoTime();
                int i = 0;
                while (bodyBytes < 0 && i < n) {
                    byte b = buffer[i++];
                    headMatched = b == (headMatched % 2 == 0 ? '\r' : '\n') ? headMatched + 1 : b == '\r' ? 1 : 0;
                    if (headMatched == 4) bodyBytes = 0;
                }
                if (bodyBytes >= 0) bodyBytes += n - i;
                while (frame < frameEnds.length && bodyBytes >= frameEnds[frame]) seen[frame++] = now;
            }
            List<Double> itl = new ArrayList<>();
            for (int f = first + 1; f <= last; f++) itl.add((seen[f] - seen[f - 1]) / 1e6);
            return RequestRecordBuilder.builder()
                    .run(1)
                    .warmup(false)
                    .concurrency(1)
                    .index(index)
                    .startedAt("")
                    .ok(true)
                    .httpStatus(200)
                    .ttftMs((seen[first] - sent) / 1e6)
                    .itlMs(itl)
                    .chunks(last - first + 1)
                    .tokenCountsFrom("estimate")
                    .newConnection(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
