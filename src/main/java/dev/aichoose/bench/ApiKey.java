package dev.aichoose.bench;

/**
 * A secret read from the environment. It has no accessor that a serialiser or a log line could
 * pick up by accident: only the wire clients read it, through {@link #reveal()}.
 */
public final class ApiKey {
    private final String value;

    public ApiKey(String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("empty API key");
        this.value = value;
    }

    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
