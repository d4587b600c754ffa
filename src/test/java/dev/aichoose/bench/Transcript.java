package dev.aichoose.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded response body from src/test/resources/bench, cut into the frames a server flushes
 * one at a time: SSE events end at a blank line, NDJSON objects at a newline. The frames joined
 * are the file, byte for byte.
 */
public record Transcript(String name, List<String> frames) {
    public static Transcript load(String name) {
        try (InputStream in = Transcript.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) throw new IllegalArgumentException("no transcript " + name);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String separator = name.endsWith(".ndjson") ? "\n" : "\n\n";
            List<String> frames = new ArrayList<>();
            int start = 0;
            int at;
            while ((at = text.indexOf(separator, start)) >= 0) {
                frames.add(text.substring(start, at + separator.length()));
                start = at + separator.length();
            }
            if (start < text.length()) frames.add(text.substring(start));
            return new Transcript(name, List.copyOf(frames));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String contentType() {
        return name.endsWith(".ndjson") ? "application/x-ndjson" : "text/event-stream";
    }

    /**
     * Plays the transcript: frames before {@code firstContent} at once, frame {@code firstContent}
     * at {@code firstMs}, each later content frame {@code everyMs} after the previous, and the
     * frames after {@code lastContent} straight after it.
     */
    public ScriptedServer.Script timed(int firstContent, int lastContent, long firstMs, long everyMs) {
        return ex -> {
            ex.head(200, contentType(), java.util.Map.of());
            for (int i = 0; i < frames.size(); i++) {
                if (i >= firstContent && i <= lastContent)
                    ex.frameAt(firstMs + (i - firstContent) * everyMs, frames.get(i));
                else ex.frame(frames.get(i));
            }
            ex.end();
        };
    }
}
