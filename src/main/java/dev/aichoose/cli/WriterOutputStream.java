package dev.aichoose.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Lets a renderer that writes bytes print through the command's writer, so tests capture it.
 * Text formats only; bytes are decoded as UTF-8 on flush.
 */
final class WriterOutputStream extends ByteArrayOutputStream {
    private final PrintWriter out;

    WriterOutputStream(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void flush() {
        out.print(toString(StandardCharsets.UTF_8));
        out.flush();
        reset();
    }

    @Override
    public void close() {
        flush();
    }
}
