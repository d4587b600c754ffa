package dev.aichoose.report;

import java.util.List;

/**
 * A format a command can write: its id for {@code -f}, the file extensions that select it from
 * {@code -o}, and the files it writes (one, or several into a directory).
 */
public interface OutputFormat<T> {
    String id();

    /** The extensions ({@code md}, {@code html}, ...) that select this format; the first is what it writes. */
    List<String> extensions();

    /** A binary format is written to files only, never to standard output. */
    default boolean binary() {
        return false;
    }

    /** The renderer for standard output or a single named file. */
    Renderer<T> renderer();

    /** The files this format writes into a directory, named after {@code stem}. */
    default List<OutputFile<T>> files(String stem) {
        return List.of(new OutputFile<>(stem + "." + extensions().getFirst(), renderer()));
    }

    /** One file of a report: its name in the output directory and what renders it. */
    record OutputFile<T>(String name, Renderer<T> renderer) {}
}
