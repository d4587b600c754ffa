package dev.aichoose.bench;

/** One user message to send, with the output length to ask for. */
public record Prompt(String text, int outputTokens) {
    public Prompt {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("empty prompt");
        if (outputTokens < 1) throw new IllegalArgumentException("output tokens must be at least 1");
    }
}
