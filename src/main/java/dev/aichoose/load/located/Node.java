package dev.aichoose.load.located;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML or JSON value that remembers where it stood in its file, so that every problem can be located. */
public sealed interface Node {
    int line();

    int column();

    /** A short name for the node's type, for "expected a number, got a list" messages. */
    String describe();

    record Mapping(int line, int column, Map<String, Entry> entries) implements Node {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A key and its value; the key's own position is where "unknown key" points. */
    record Entry(String key, int line, int column, Node value) {}

    record Sequence(int line, int column, List<Node> items) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar; {@code kind} tells how the parser typed it, {@code text} is what was written. */
    record Scalar(int line, int column, ScalarKind kind, String text) implements Node {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing (null)";
                case BOOLEAN -> "a boolean (" + text + ")";
                case INTEGER, DECIMAL -> "a number (" + Excerpt.of(text) + ")";
                case STRING -> "text ('" + Excerpt.of(text) + "')";
            };
        }
    }

    enum ScalarKind {
        NULL,
        BOOLEAN,
        INTEGER,
        DECIMAL,
        STRING
    }
}
