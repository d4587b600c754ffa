package dev.aichoose.rules;

/** A rule that cannot be read: bad syntax or an unknown metric. The message is one line. */
public final class RuleException extends IllegalArgumentException {
    public RuleException(String message) {
        super(message);
    }
}
