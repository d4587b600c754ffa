package dev.aichoose.diff;

/** A figure before and after; null on a side where it does not exist. */
public record Change(Double before, Double after) {

    /** after − before, or null when either side is missing. */
    public Double usd() {
        return before == null || after == null ? null : after - before;
    }

    /** The change as a percentage of before; null when there is no non-zero base. */
    public Double pct() {
        if (before == null || after == null || before == 0) return null;
        return (after - before) / Math.abs(before) * 100;
    }
}
