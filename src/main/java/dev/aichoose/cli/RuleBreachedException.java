package dev.aichoose.cli;

/** A {@code --fail-if} rule was breached; the reports were written all the same (exit 5). */
public final class RuleBreachedException extends RuntimeException {
    public RuleBreachedException(String message) {
        super(message);
    }
}
