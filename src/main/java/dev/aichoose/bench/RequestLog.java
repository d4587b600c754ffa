package dev.aichoose.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The per-request JSONL file: each record is written and flushed the moment its request ends. */
final class RequestLog implements AutoCloseable {
    private final Writer out;
    private final ObjectWriter json =
            BenchResultFile.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    RequestLog(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSONL file beside a result: {@code x.json} → {@code x.requests.jsonl}. */
    static Path besides(Path result) {
        String name = result.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return result.resolveSibling(stem + ".requests.jsonl");
    }

    synchronized void append(RequestRecord record) {
        try {
            out.write(json.writeValueAsString(record));
            out.write('\n');
            // a crash or Ctrl-C must lose nothing that finished
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
