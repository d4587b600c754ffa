package dev.aichoose.input;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem in one file, so that a user sees them all at once. */
public final class Problems {
    private final String file;
    private final List<Diagnostic> found = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void at(Node node, String message) {
        found.add(new Diagnostic(file, node.line(), node.column(), message));
    }

    public void at(int line, int column, String message) {
        found.add(new Diagnostic(file, line, column, message));
    }

    public boolean any() {
        return !found.isEmpty();
    }

    public List<Diagnostic> all() {
        return List.copyOf(found);
    }

    /** Throws when anything was found; the caller's result is valid otherwise. */
    public void throwIfAny() {
        if (any()) throw new InputException(found);
    }
}
