package dev.aichoose.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Formats one value (an evaluation, a diff); computes nothing. A renderer is text, written to a
 * {@link Writer} (standard output or a UTF-8 file), or binary, written to a file only.
 */
public sealed interface Renderer<T> {

    @FunctionalInterface
    non-sealed interface Text<T> extends Renderer<T> {
        void render(T value, Writer out) throws IOException;

        /** The same text as UTF-8 bytes, for a file; a renderer that writes bytes faster itself says so here. */
        default void renderUtf8(T value, OutputStream out) throws IOException {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            render(value, w);
            w.flush();
        }
    }

    @FunctionalInterface
    non-sealed interface Binary<T> extends Renderer<T> {
        void render(T value, OutputStream out) throws IOException;
    }
}
