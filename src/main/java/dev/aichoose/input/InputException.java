package dev.aichoose.input;

import java.util.List;

/** An input file (scenario, catalog, bench result) is invalid; carries every problem found. */
public final class InputException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public InputException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "invalid input" : diagnostics.getFirst().toString());
        if (diagnostics.isEmpty()) throw new IllegalArgumentException("at least one diagnostic");
        this.diagnostics = List.copyOf(diagnostics);
    }

    public InputException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
