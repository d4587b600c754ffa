package dev.aichoose.input;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** "Did you mean" hints from edit distance. */
public final class Suggestions {
    private Suggestions() {}

    /** Names longer than this get no hint: no name is, and the distance costs their length times each name's. */
    static final int LONGEST = 100;

    /** The most ids one hint lists. */
    static final int MOST = 5;

    /**
     * {@code " (did you mean 'x'?)"}, or empty when nothing is close enough. What was typed may be the start
     * of several ids ({@code nvidia/h100}: the SXM, PCIe and NVL cards): then the hint lists them, up to
     * {@value #MOST}, the shortest first, {@code " (did you mean 'a', 'b' or 'c'?)"}. A name typed without
     * its owner ({@code h100}, {@code llama-3.1-8b}) is held against the ids' names after their owner's
     * slash, so {@code h100} finds the H100 cards rather than the id spelled nearest.
     */
    public static String hint(String given, Collection<String> known) {
        if (given.length() > LONGEST) return "";
        String g = given.toLowerCase(Locale.ROOT);
        boolean owned = g.contains("/");
        Function<String, String> name = k -> owned ? lower(k) : withoutOwner(lower(k));
        // the name that shares the longest start with what was typed, then the nearest by spelling: an id is
        // typed from its start, so 'nvidia/h100' means an H100 ('nvidia/h100-sxm'), not the nearer 'nvidia/b200'
        List<String> near = known.stream()
                .filter(k -> close(g, name.apply(k)))
                .sorted(Comparator.comparingInt((String k) -> -commonPrefix(g, name.apply(k)))
                        .thenComparingInt(k -> distance(g, name.apply(k)))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        if (near.isEmpty()) return "";
        // a typo gets its nearest spelling; an id left unfinished gets every id it starts
        List<String> continuing = near.stream()
                .filter(k -> name.apply(k).startsWith(g))
                .limit(MOST)
                .toList();
        List<String> shown = continuing.size() > 1 ? continuing : List.of(near.getFirst());
        List<String> quoted = shown.stream().map(k -> "'" + k + "'").toList();
        String listed = quoted.size() == 1
                ? quoted.getFirst()
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.getLast();
        return " (did you mean " + listed + "?)";
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** An id's name after its owner's slash ({@code h100-sxm} of {@code nvidia/h100-sxm}). */
    private static String withoutOwner(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** Near enough by spelling, or a name that holds what was typed. */
    private static boolean close(String given, String name) {
        return distance(given, name) <= Math.max(2, name.length() / 3) || (name.contains(given) && given.length() >= 3);
    }

    static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i;
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
