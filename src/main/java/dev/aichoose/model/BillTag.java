package dev.aichoose.model;

/**
 * A tag on a bill's line, {@code key=value}: an option that names one ({@code reconcile: {tag:
 * "team=support"}}) receives the lines of a provider's export that carry it (a FOCUS row's
 * {@code Tags}, an OpenAI {@code project_id}, an Anthropic {@code workspace_id}).
 */
public record BillTag(String key, String value) {
    public BillTag {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("a bill tag needs a key");
        if (value == null) throw new IllegalArgumentException("a bill tag needs a value");
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
