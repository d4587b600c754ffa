package dev.aichoose.report;

/** Escaping for text placed in HTML and SVG. */
final class Html {
    private Html() {}

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A date (2026-07-24) or month (2026-07) standing alone in text, not inside a longer token. */
    private static final java.util.regex.Pattern DATE =
            java.util.regex.Pattern.compile("(?<![\\w-])\\d{4}-\\d{2}(?:-\\d{2})?(?![\\w-])");

    /**
     * {@link #escape} for text in a table cell or list item, each date kept on one line: a browser
     * may break a line at a hyphen, and 2026-07-/24 reads as nothing.
     */
    static String escapeKeepingDates(String s) {
        return DATE.matcher(escape(s)).replaceAll("<span class=\"date\">$0</span>");
    }
}
