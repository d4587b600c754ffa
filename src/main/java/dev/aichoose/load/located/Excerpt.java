package dev.aichoose.load.located;

/**
 * A value from an input file as a message may quote it. Any file can be named where an input is
 * expected (a {@code bench:} path that points at a file of credentials), and messages end up in CI
 * logs, so a long value is never quoted whole: past {@value #WHOLE_UP_TO} characters only its first
 * {@value #SHOWN} are, then "…". API keys and tokens are longer than that (OpenAI's 51 characters and
 * up, Anthropic's over 100, GitHub's and Hugging Face's near 40); a field name or a typo in a value
 * is not.
 */
public final class Excerpt {
    private Excerpt() {}

    /** Values up to this many characters are quoted whole. */
    public static final int WHOLE_UP_TO = 32;

    /** How many characters of a longer value are quoted. */
    public static final int SHOWN = 12;

    public static String of(String value) {
        if (value.codePointCount(0, value.length()) <= WHOLE_UP_TO) return value;
        return value.substring(0, value.offsetByCodePoints(0, SHOWN)) + "…";
    }
}
