package dev.aichoose.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aichoose.model.BenchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes bench JSON v1 (read back by {@code load.BenchResultReader}) and names the JSONL beside it. */
public final class BenchResultFile {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private BenchResultFile() {}

    /** Where the per-request JSONL goes beside a result file: {@code x.json} → {@code x.requests.jsonl}. */
    public static Path requestLogBeside(Path result) {
        return RequestLog.besides(result);
    }

    public static void write(Path file, BenchResult result) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            // written beside and moved, so a reader never sees half a file
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, MAPPER.writeValueAsString(result) + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
