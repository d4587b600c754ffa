package dev.aichoose.report;

import java.io.IOException;
import java.nio.file.Path;

/** The one place a report becomes bytes: text as UTF-8, every file written atomically ({@link AtomicFile}). */
public final class ReportFiles {
    private ReportFiles() {}

    /** Writes one rendered value to {@code target}, all at once or not at all. */
    public static <T> void write(Path target, Renderer<T> renderer, T value) throws IOException {
        AtomicFile.write(target, out -> {
            switch (renderer) {
                case Renderer.Text<T> text -> text.renderUtf8(value, out);
                case Renderer.Binary<T> binary -> binary.render(value, out);
            }
        });
    }

    /** {@code scenarios/seed-example.yaml} → {@code seed-example}. */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
