package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aichoose.output.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @Test
    void aRendererThatFailsMidwayLeavesThePreviousReportIntact(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("seed.md");
        Files.writeString(report, "previous report\n");
        Renderer.Binary<dev.aichoose.model.Evaluation> failing = (evaluation, out) -> {
            out.write("half a rep".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        };
        assertThatThrownBy(() -> AtomicFile.write(report, out -> failing.render(Fixtures.seed(), out)))
                .hasMessage("disk full");
        assertThat(report).hasContent("previous report");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(report);
        }
    }

    @Test
    void replacesTheFileWhenComplete(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("sub/seed.md");
        AtomicFile.write(report, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        AtomicFile.write(report, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertThat(report).hasContent("two");
    }
}
