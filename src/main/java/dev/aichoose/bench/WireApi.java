package dev.aichoose.bench;

import java.util.Optional;

/** The three streaming wire formats the harness speaks. */
public enum WireApi {
    OPENAI("OPENAI_API_KEY", "/v1/chat/completions"),
    OLLAMA(null, "/api/chat"),
    ANTHROPIC("ANTHROPIC_API_KEY", "/v1/messages");

    private final String defaultKeyEnv;
    private final String defaultPath;

    WireApi(String defaultKeyEnv, String defaultPath) {
        this.defaultKeyEnv = defaultKeyEnv;
        this.defaultPath = defaultPath;
    }

    /** The environment variable a key is read from when the user names none; Ollama needs no key. */
    public Optional<String> defaultKeyEnv() {
        return Optional.ofNullable(defaultKeyEnv);
    }

    public String defaultPath() {
        return defaultPath;
    }

    /** The name used in the bench JSON ({@code openai | ollama | anthropic}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<WireApi> ofWireName(String name) {
        for (WireApi api : values()) if (api.wireName().equals(name)) return Optional.of(api);
        return Optional.empty();
    }
}
