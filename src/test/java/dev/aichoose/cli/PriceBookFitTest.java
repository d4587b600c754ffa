package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A price book that adds a measurement, end to end: the first run says it fits the serving model on it,
 * fits and keeps the fit, the second reads it back without a word, and both print the same estimate.
 */
class PriceBookFitTest {
    /** The cache's directory, as {@code AICHOOSE_CACHE_DIR} names it for users (the build sets it off). */
    private static final String CACHE_PROPERTY = "aichoose.cache.dir";

    @TempDir
    Path dir;

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void theSecondRunReadsTheFitTheFirstKeptAndPrintsTheSameEstimate() throws IOException {
        Path book = Files.createDirectories(dir.resolve("book"));
        Files.writeString(book.resolve("throughput-measurements.yaml"), """
                measurements:
                  - id: our-l4-run
                    hardware: nvidia/l4
                    gpus: 1
                    model: qwen/qwen2.5-7b-instruct
                    quantization: bf16
                    engine: vllm
                    concurrency: 1
                    input_tokens: 40
                    output_tokens: 128
                    output_tokens_per_second: 17.5
                    publisher: our-team
                    as_of: 2026-11-01
                    source: "our own vLLM run on one L4"
                """);
        Path cache = dir.resolve("cache");
        String[] estimate = {
            "estimate",
            "--pricing",
            book.toString(),
            "--hardware",
            "nvidia/l4",
            "--model",
            "qwen/qwen2.5-7b-instruct",
            "-f",
            "json"
        };
        String before = System.getProperty(CACHE_PROPERTY);
        System.setProperty(CACHE_PROPERTY, cache.toString());
        try {
            CliRun first = CliRun.of(estimate);
            assertThat(first.exitCode()).as(first.err()).isZero();
            Path entry = single(cache);
            FileTime written = Files.getLastModifiedTime(entry);
            String kept = Files.readString(entry);

            CliRun second = CliRun.of(estimate);

            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).isEqualTo(first.out());
            // the fit is announced before it runs, naming where it is kept; the fit read back is not
            String announced = "aichoose: fitting the serving model on the ";
            assertThat(first.err())
                    .as("the first run says it fits, and where the fit is kept")
                    .contains(announced)
                    .contains("the fit is kept in " + cache.toAbsolutePath());
            assertThat(second.err()).doesNotContain(announced);
            assertThat(second.err())
                    .isEqualTo(first.err()
                            .lines()
                            .filter(l -> !l.startsWith(announced))
                            .map(l -> l + System.lineSeparator())
                            .collect(Collectors.joining()));
            assertThat(single(cache)).as("no second entry").isEqualTo(entry);
            assertThat(Files.getLastModifiedTime(entry))
                    .as("read, not written again")
                    .isEqualTo(written);
            assertThat(Files.readString(entry)).isEqualTo(kept);
            CliRun shippedOnly = CliRun.of(
                    "estimate", "--hardware", "nvidia/l4", "--model", "qwen/qwen2.5-7b-instruct", "-f", "json");
            assertThat(first.out())
                    .as("the estimate uses the fit with the book's run")
                    .isNotEqualTo(shippedOnly.out());
        } finally {
            if (before == null) System.clearProperty(CACHE_PROPERTY);
            else System.setProperty(CACHE_PROPERTY, before);
        }
    }

    private static Path single(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> all = files.toList();
            assertThat(all)
                    .singleElement()
                    .satisfies(f -> assertThat(f.getFileName().toString()).matches("calibration-[0-9a-f]{64}\\.json"));
            return all.getFirst();
        }
    }
}
