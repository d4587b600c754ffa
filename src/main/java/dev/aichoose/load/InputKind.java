package dev.aichoose.load;

import java.util.Locale;

/**
 * What an input file is, and the most it may hold. Every limit is checked on the file's size before a
 * byte is parsed, and again while reading (a file that grows, or one that does not know its size), so
 * reading any input stays within a stated time and memory: docs/reports.md, "Limits on input files",
 * lists them with their messages.
 */
public enum InputKind {
    /** A scenario (YAML): 10,000 options (ScenarioLoader's most) written one a line are about 1.3 MB. */
    SCENARIO("scenario", 4 << 20),
    /** One catalog file of a price book (YAML): about 50,000 imported models. */
    PRICE_BOOK("price book", 16 << 20),
    /** A bench result (JSON): thousands of runs. */
    BENCH_RESULT("bench result", 16 << 20),
    /** A public price list for {@code catalog import} (JSON): ten times LiteLLM's full file of 2026. */
    PRICE_LIST("price list", 16 << 20),
    /**
     * A provider's usage or cost export for {@code reconcile} (JSON pages or CSV): a year of daily
     * buckets for hundreds of models and projects, or a FOCUS bill of a few hundred thousand rows.
     */
    USAGE_EXPORT("usage export", 64 << 20),
    /**
     * An evaluation report that {@code diff} reads back (JSON), read as a stream that keeps only the
     * figures a diff compares: the largest report a scenario within its limits makes (1,000 options
     * over 600 months, or 10,000 over 60) is under 300 MB.
     */
    EVALUATION_REPORT("evaluation report", 512 << 20);

    private final String noun;
    private final long maxBytes;

    InputKind(String noun, long maxBytes) {
        this.noun = noun;
        this.maxBytes = maxBytes;
    }

    /** What the file is, in a message: "scenario", "price book". */
    public String noun() {
        return noun;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** A size in the units the limits are stated in: {@code 16 MiB}, {@code 1.5 MiB}, {@code 812 bytes}. */
    public static String size(long bytes) {
        if (bytes < 1 << 10) return bytes + " bytes";
        if (bytes < 1 << 20)
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0).replace(".0 ", " ");
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024)).replace(".0 ", " ");
    }
}
