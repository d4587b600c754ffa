package dev.aichoose.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * Formats one value (an evaluation, a diff); computes nothing. A renderer is text, written to a
 * {@link Writer} (standard output or a UTF-8 file), or binary, written to a file only.
 */
public sealed interface Renderer<T> {

    @FunctionalInterface
    non-sealed interface Text<T> extends Renderer<T> {
        void render(T value, Writer out) throws IOException;
    }

    @FunctionalInterface
    non-sealed interface Binary<T> extends Renderer<T> {
        void render(T value, OutputStream out) throws IOException;
    }
}
