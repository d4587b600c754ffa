package dev.aichoose.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.aichoose.output.WriteFailure;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The per-request JSONL file: each record is written and flushed the moment its request ends, so
 * that a crash loses nothing that finished. A write that fails (a full disk) is kept, later records
 * are dropped, {@code onFailure} is told at once (the bench stops: what it measures can no longer
 * be kept) and {@link #close()} throws it.
 */
final class RequestLog implements AutoCloseable {
    private final Path file;
    private final Writer out;
    private final Runnable onFailure;
    private final ObjectWriter json =
            BenchResultFile.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    private IOException failure;

    RequestLog(Path file, Runnable onFailure) {
        this.file = file;
        this.onFailure = onFailure;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            out = Files.newBufferedWriter(
                    file,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw WriteFailure.of(file, e);
        }
    }

    /** The JSONL file beside a result: {@code x.json} → {@code x.requests.jsonl}. */
    static Path besides(Path result) {
        String name = result.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return result.resolveSibling(stem + ".requests.jsonl");
    }

    synchronized void append(RequestRecord record) {
        if (failure != null) return;
        try {
            out.write(json.writeValueAsString(record));
            out.write('\n');
            // a crash or Ctrl-C must lose nothing that finished
            out.flush();
        } catch (IOException e) {
            failure = e;
            onFailure.run();
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
        if (failure != null) throw WriteFailure.of(file, failure);
    }
}
