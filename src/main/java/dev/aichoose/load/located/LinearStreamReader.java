package dev.aichoose.load.located;

import java.io.IOException;
import java.io.Reader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's character reader, in time linear in its input. SnakeYAML's own {@link StreamReader}
 * copies everything it holds ahead of the current position into a new array on every read of 1,023
 * characters, and its scanner looks as far ahead as one comment, key or scalar runs before it moves:
 * one 8 MB comment cost 8,000 copies of up to 32 MB each (20 s, 1 GB). Here the characters ahead sit
 * in one buffer that is compacted or doubled only when full, so each character is copied a bounded
 * number of times. The behaviour the scanner sees is the same: positions, line breaks ({@code \r\n}
 * is one), the byte order mark and the printable-character check.
 *
 * <p>Marks carry no copy of the text: a syntax error is reported by its line and column, and never
 * quotes the input around it (an input can hold a secret).
 */
final class LinearStreamReader extends StreamReader {
    private static final int[] NO_TEXT = new int[0];
    private static final int READ_CHARS = 8192;

    private final String name;
    private final Reader in;
    private final char[] chunk = new char[READ_CHARS + 1];
    /** Code points from {@code pointer} to {@code end} are read but not yet passed. */
    private int[] window = new int[READ_CHARS];

    private int pointer;
    private int end;
    private boolean eof;
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    LinearStreamReader(String name, Reader in) {
        super(Reader.nullReader());
        this.name = name;
        this.in = in;
    }

    @Override
    public Mark getMark() {
        return new Mark(name, index, line, column, NO_TEXT, 0);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && ensure(0); i++) {
            int c = window[pointer++];
            index++;
            documentIndex++;
            if (Constant.LINEBR.has(c) || (c == '\r' && ensure(0) && window[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return ensure(0) ? window[pointer] : '\0';
    }

    @Override
    public int peek(int ahead) {
        return ensure(ahead) ? window[pointer + ahead] : '\0';
    }

    @Override
    public String prefix(int length) {
        if (length == 0) return "";
        ensure(length);
        return new String(window, pointer, Math.min(length, end - pointer));
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        // as SnakeYAML's: the scanner only asks for a prefix without line breaks
        pointer += length;
        index += length;
        documentIndex += length;
        column += length;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }

    /** Whether the code point {@code ahead} places past the current one is there, reading until it is. */
    private boolean ensure(int ahead) {
        while (!eof && pointer + ahead >= end) read();
        return pointer + ahead < end;
    }

    private void read() {
        if (window.length - end < READ_CHARS) {
            int live = end - pointer;
            // compact when half the buffer is already passed, else double it: each code point moves
            // a bounded number of times on average, however far the scanner looks ahead
            int[] target = live + READ_CHARS <= window.length / 2 ? window : new int[2 * window.length + READ_CHARS];
            System.arraycopy(window, pointer, target, 0, live);
            window = target;
            end = live;
            pointer = 0;
        }
        int n;
        try {
            n = in.read(chunk, 0, READ_CHARS);
            if (n > 0 && Character.isHighSurrogate(chunk[n - 1])) {
                int low = in.read(chunk, n, 1);
                if (low > 0) n++;
            }
        } catch (IOException e) {
            throw new YAMLException(e);
        }
        if (n <= 0) {
            eof = true;
            return;
        }
        for (int i = 0; i < n; ) {
            int c = Character.codePointAt(chunk, i, n);
            if (!StreamReader.isPrintable(c)) throw unprintable(c);
            window[end++] = c;
            i += Character.charCount(c);
        }
    }

    /** The character just read cannot stand in YAML: reported at its own line and column. */
    private Unprintable unprintable(int c) {
        int l = line;
        int col = column;
        for (int i = pointer; i < end; i++) {
            int p = window[i];
            if (Constant.LINEBR.has(p) || (p == '\r' && (i + 1 >= end || window[i + 1] != '\n'))) {
                l++;
                col = 0;
            } else if (p != 0xFEFF) {
                col++;
            }
        }
        return new Unprintable(new Mark(name, index + end - pointer, l, col, NO_TEXT, 0), c);
    }

    /** A control or other non-printable character, which YAML does not allow anywhere in a file. */
    static final class Unprintable extends MarkedYAMLException {
        private static final long serialVersionUID = 1L;

        Unprintable(Mark at, int c) {
            super(
                    null,
                    null,
                    String.format(
                            "the character U+%04X (%s) is not allowed in YAML",
                            c, Character.getName(c) == null ? "unassigned" : Character.getName(c)),
                    at);
        }
    }
}
