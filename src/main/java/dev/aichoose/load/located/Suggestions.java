package dev.aichoose.load.located;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean" hints from edit distance. */
public final class Suggestions {
    private Suggestions() {}

    /** Names longer than this get no hint: no name is, and the distance costs their length times each name's. */
    static final int LONGEST = 100;

    /** {@code " (did you mean 'x'?)"}, or empty when nothing is close enough. */
    public static String hint(String given, Collection<String> known) {
        if (given.length() > LONGEST) return "";
        String g = given.toLowerCase(Locale.ROOT);
        return known.stream()
                .min(Comparator.comparingInt((String k) -> distance(g, k.toLowerCase(Locale.ROOT))))
                .filter(best -> distance(g, best.toLowerCase(Locale.ROOT)) <= Math.max(2, best.length() / 3)
                        || (best.contains(g) && g.length() >= 3))
                .map(best -> " (did you mean '" + best + "'?)")
                .orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
