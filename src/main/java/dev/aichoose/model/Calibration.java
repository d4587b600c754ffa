package dev.aichoose.model;

import java.util.List;

/**
 * A scenario's workload fitted to what was billed: each field changed, from what to what, and the
 * evidence for it, which the calibrated file carries as a comment. {@code notes} say what was not
 * fitted and why.
 */
public record Calibration(List<Change> changes, List<String> notes) {
    public Calibration {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    /** A field of {@code workload:} ({@code queries_per_month}, …) and its new value, as it is to be written. */
    public record Change(String field, double from, double to, String written, String evidence) {}
}
