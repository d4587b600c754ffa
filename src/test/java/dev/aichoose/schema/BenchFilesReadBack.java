package dev.aichoose.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aichoose.bench.BenchMerge;
import dev.aichoose.bench.RequestRecord;
import dev.aichoose.load.BenchResultReader;
import dev.aichoose.model.BenchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a bench wrote, read back the way the tool reads it (bench results by {@code BenchResultReader},
 * request records by {@code bench merge}'s reader) and checked against the schemas in docs/schemas.
 */
public final class BenchFilesReadBack {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchFilesReadBack() {}

    /** Reads a bench result as evaluate and bench merge do, and validates it against bench.schema.json. */
    public static BenchResult result(Path file) {
        BenchResult result = BenchResultReader.read(file);
        try {
            assertThat(SchemaTest.schema("bench.schema.json").validate(JSON.readTree(file.toFile())))
                    .as(file.toString())
                    .isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** One request record, as the JSONL holds it, checked against bench-request.schema.json. */
    public static void assertValidRecord(String json) {
        try {
            assertThat(SchemaTest.schema("bench-request.schema.json").validate(JSON.readTree(json)))
                    .as(json)
                    .isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validates every line of a request-records file against bench-request.schema.json and reads it as
     * bench merge does; returns every record that merge would use (warm-up left out).
     */
    public static List<RequestRecord> records(Path file) {
        try {
            for (String line : Files.readAllLines(file)) assertValidRecord(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BenchMerge.read(file);
    }
}
