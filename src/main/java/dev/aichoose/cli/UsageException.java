package dev.aichoose.cli;

/** A flag value that parsed but makes no sense (exit 2). */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    /** An output path that cannot be written is a bad flag value, not a bug. */
    static UsageException cannotWrite(java.nio.file.Path target, java.io.IOException e) {
        String why = switch (e) {
            case java.nio.file.NoSuchFileException n -> "no such directory: " + n.getFile();
            case java.nio.file.AccessDeniedException a -> "permission denied: " + a.getFile();
            case java.nio.file.FileSystemException f ->
                f.getReason() != null ? f.getReason() + ": " + f.getFile() : String.valueOf(f.getFile());
            default -> e.getMessage();
        };
        return new UsageException("cannot write " + target + " (" + why + ")");
    }
}
