package dev.aichoose.report;

import dev.aichoose.output.OutputFiles;
import dev.aichoose.output.WriteFailure;
import java.nio.file.Path;

/**
 * The one place a rendered value becomes a file: text as UTF-8, written as every output is
 * ({@link OutputFiles}: atomically, its directories made).
 */
public final class ReportFiles {
    private ReportFiles() {}

    /**
     * Writes one rendered value to {@code target}, all at once or not at all.
     *
     * @throws WriteFailure when it cannot be written, naming {@code target}
     */
    public static <T> void write(Path target, Renderer<T> renderer, T value) {
        OutputFiles.write(target, out -> {
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
