package dev.aichoose.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bundled seed example, read from scenarios/ so the test checks the file users run. */
final class SeedScenario {
    static final String TEXT = read();

    private static String read() {
        try {
            return Files.readString(Path.of("scenarios/seed-example.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SeedScenario() {}
}
