package dev.aichoose.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Libraries (Jackson, Tablesaw) close what they write to; standard output must stay open for the caller. */
final class NonClosingOutputStream extends FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
