package dev.aichoose.load;

/**
 * One problem in an input file, located by line and column (1-based; 0 when unknown).
 * Renders as {@code file:line:col: message}, the form every input error takes.
 */
public record Diagnostic(String file, int line, int column, String message) {

    public Diagnostic {
        if (file == null || file.isBlank()) throw new IllegalArgumentException("file is required");
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message is required");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
