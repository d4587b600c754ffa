package dev.aichoose.rules;

/**
 * One value a rule is tested against, and where it comes from for the breach message
 * ("rtx-4090-box, month 7"). A metric may have several, such as one per month.
 */
public record Measure(double value, String where, Unit unit) {
    public enum Unit {
        USD,
        USD_PER_QUERY,
        PERCENT,
        COUNT,
        /** A probability or share of simulation draws, 0 to 1. */
        SHARE
    }
}
