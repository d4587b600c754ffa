package dev.aichoose.input;

/**
 * One problem in an input file, located by line and column (1-based; 0 when unknown).
 * Renders as {@code file:line:col: message}, the form every input error takes, or as
 * {@code file: message} when the problem is the file as a whole (missing, unreadable).
 */
public record Diagnostic(String file, int line, int column, String message) {

    public Diagnostic {
        if (file == null || file.isBlank()) throw new IllegalArgumentException("file is required");
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message is required");
        // one line, whatever a parser put in it
        message = message.replace("\t", "\\t").replaceAll("\\R+", " ").strip();
    }

    @Override
    public String toString() {
        return line == 0 ? file + ": " + message : file + ":" + line + ":" + column + ": " + message;
    }
}
