package dev.aichoose.model;

/** How long a prompt-cache write keeps the prefix: Anthropic bills 5-minute and 1-hour writes apart. */
public enum CacheTtl {
    M5("5m"),
    H1("1h");

    private final String id;

    CacheTtl(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
