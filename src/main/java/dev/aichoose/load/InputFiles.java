package dev.aichoose.load;

import dev.aichoose.load.located.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one place an input file is opened. Only a regular file is read: a directory, FIFO, device or
 * socket is refused before it is opened (a FIFO would block, {@code /dev/zero} never ends), and so is
 * a file of the kernel's {@code /proc} or {@code /sys} (whose sizes say nothing, and which hold the
 * process's environment). A file larger than its kind's limit ({@link InputKind}) is refused before a
 * byte is parsed, and reading stops at the limit if the file grows. The text must be UTF-8; a byte
 * that is not is reported at its line and column.
 */
public final class InputFiles {
    private InputFiles() {}

    /** The file's text as a stream of characters, for a parser; problems surface as {@link InputException}. */
    public static Reader open(Path file, InputKind kind) {
        String name = file.toString();
        checkRegular(file, kind);
        try {
            return new Utf8(name, Files.newInputStream(file), kind);
        } catch (IOException e) {
            throw cannotRead(name, kind, e);
        }
    }

    /** The whole text of the file. */
    public static String read(Path file, InputKind kind) {
        try (Reader r = open(file, kind)) {
            return text(r);
        } catch (IOException e) {
            throw cannotRead(file.toString(), kind, e);
        }
    }

    /**
     * The text of a stream that is not a file (what {@code git show} prints), under the same limit
     * and decoding, {@code name} standing for it in messages.
     */
    public static String read(String name, InputStream in, InputKind kind) {
        try (Reader r = new Utf8(name, in, kind)) {
            return text(r);
        } catch (IOException e) {
            throw cannotRead(name, kind, e);
        }
    }

    private static String text(Reader r) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = r.read(buffer)) >= 0; ) b.append(buffer, 0, n);
        return b.toString();
    }

    /** Refuses what is not a regular file of a size within the limit, before it is opened. */
    static void checkRegular(Path file, InputKind kind) {
        String name = file.toString();
        BasicFileAttributes attributes;
        Path real;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw problem(name, "no such " + kind.noun() + " file");
        } catch (IOException e) {
            throw cannotRead(name, kind, e);
        }
        if (!attributes.isRegularFile()) {
            throw problem(
                    name,
                    (attributes.isDirectory() ? "a directory" : "not a regular file (a FIFO, device or socket)")
                            + ", not a " + kind.noun() + ": aichoose reads only regular files");
        }
        if (real.startsWith("/proc") || real.startsWith("/sys")) {
            throw problem(
                    name,
                    "a file of the kernel's /" + real.subpath(0, 1) + ", not a " + kind.noun()
                            + ": aichoose reads only regular files");
        }
        if (attributes.size() > kind.maxBytes()) throw tooLarge(name, kind, attributes.size());
    }

    private static InputException tooLarge(String name, InputKind kind, long bytes) {
        return problem(
                name,
                "the file is " + (bytes > kind.maxBytes() + 1 ? InputKind.size(bytes) : "larger than the limit")
                        + "; a " + kind.noun() + " may be at most " + InputKind.size(kind.maxBytes())
                        + " (docs/reports.md, \"Limits on input files\")");
    }

    private static InputException cannotRead(String name, InputKind kind, IOException e) {
        String why = e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                        ? f.getReason()
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return problem(name, "cannot read the " + kind.noun() + ": " + why);
    }

    private static InputException problem(String name, String message) {
        return new InputException(new Diagnostic(name, 0, 0, message));
    }

    /**
     * Strict UTF-8, counted against the limit as it is read, keeping the line and column it has
     * reached so that a byte that is not UTF-8 is reported where it stands. A byte order mark at the
     * start is dropped, as YAML and JSON parsers expect.
     */
    private static final class Utf8 extends Reader {
        private final String name;
        private final InputStream in;
        private final InputKind kind;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
        private long total;
        private boolean eof;
        private boolean flushed;
        private boolean started;
        private int line = 1;
        private int column = 1;

        Utf8(String name, InputStream in, InputKind kind) {
            this.name = name;
            this.in = in;
            this.kind = kind;
        }

        @Override
        public int read(char[] into, int off, int len) throws IOException {
            if (len == 0) return 0;
            CharBuffer out = CharBuffer.wrap(into, off, len);
            while (out.position() == off && !flushed) {
                CoderResult r = decoder.decode(bytes, out, eof);
                if (r.isError()) {
                    advance(into, off, out.position() - off);
                    throw notUtf8(bytes.get(bytes.position()) & 0xFF);
                }
                if (r.isOverflow()) break;
                if (eof) {
                    decoder.flush(out);
                    flushed = true;
                } else {
                    fill();
                }
            }
            int n = out.position() - off;
            if (n == 0) return -1;
            if (!started) {
                started = true;
                if (into[off] == '\uFEFF') {
                    System.arraycopy(into, off + 1, into, off, n - 1);
                    n--;
                    if (n == 0) return read(into, off, len);
                }
            }
            advance(into, off, n);
            return n;
        }

        private void fill() throws IOException {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
                total += n;
                if (total > kind.maxBytes()) {
                    bytes.flip();
                    throw tooLarge(name, kind, total);
                }
            }
            bytes.flip();
        }

        private void advance(char[] chars, int off, int n) {
            for (int i = off; i < off + n; i++) {
                char c = chars[i];
                if (c == '\n') {
                    line++;
                    column = 1;
                } else if (!Character.isLowSurrogate(c)) {
                    column++;
                }
            }
        }

        private InputException notUtf8(int b) {
            // 0xFF and 0xFE are never UTF-8; as the first byte they are UTF-16's byte order mark
            boolean utf16 = line == 1 && column == 1 && (b == 0xFF || b == 0xFE);
            return new InputException(new Diagnostic(
                    name,
                    line,
                    column,
                    utf16
                            ? "the file is UTF-16 (it starts with its byte order mark); save it as UTF-8"
                            : String.format(
                                    "the byte 0x%02X here is not UTF-8; save the file as UTF-8 (it may be Latin-1 or"
                                            + " another legacy encoding)",
                                    b)));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
