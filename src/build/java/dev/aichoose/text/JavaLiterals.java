package dev.aichoose.text;

/** Java source text for values, for the build steps that write Java code (catalogs, command model). */
public final class JavaLiterals {
    private JavaLiterals() {}

    /** A string literal; line breaks, quotes and backslashes escaped, anything past ASCII as \\uXXXX. */
    public static String quote(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\%03o", (int) c));
                    else if (c > 0x7e) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
