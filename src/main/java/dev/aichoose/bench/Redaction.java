package dev.aichoose.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes the API key out of anything a server sent before it reaches a record, a file or a line on
 * the terminal: as sent, as JSON writes it (a server echoing the request in a JSON error escapes
 * it, {@code /} too in some encoders) and percent-encoded; and not only the whole key: any
 * {@value #PART} characters of it in a row, so that a server echoing half a key, or a key cut by a
 * cap, leaves nothing of it. Redaction comes before any truncation, and a text cut short loses a
 * tail that could be the start of the key.
 */
final class Redaction {
    static final String MARK = "[redacted]";
    /** This many characters of the key in a row are redacted wherever they stand (the whole key when shorter). */
    static final int PART = 8;

    static final Redaction NONE = new Redaction(List.of());

    /** The key's forms, longest first, so that a longer form is replaced before a shorter one inside it. */
    private final List<String> forms;

    private Redaction(List<String> forms) {
        this.forms = forms;
    }

    static Redaction of(ApiKey key) {
        if (key == null) return NONE;
        String raw = key.reveal();
        String json = new String(JsonStringEncoder.getInstance().quoteAsString(raw));
        Set<String> forms = new LinkedHashSet<>();
        forms.add(raw);
        forms.add(json);
        forms.add(json.replace("/", "\\/"));
        forms.add(URLEncoder.encode(raw, StandardCharsets.UTF_8));
        return new Redaction(forms.stream()
                .filter(f -> !f.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList());
    }

    /** The most bytes a form of the key takes: how far past a cap to read so that an echo across it is whole. */
    int lookaheadBytes() {
        return forms.isEmpty() ? 0 : forms.getFirst().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Every run of {@value #PART} or more characters of the key, in any of its forms, replaced. */
    String apply(String text) {
        if (text == null || forms.isEmpty()) return text;
        int part = Math.min(PART, forms.getLast().length());
        StringBuilder out = null;
        int copied = 0;
        int at = 0;
        while (at + part <= text.length()) {
            int longest = longestPieceAt(text, at);
            if (longest == 0) {
                at++;
                continue;
            }
            if (out == null) out = new StringBuilder(text.length());
            out.append(text, copied, at).append(MARK);
            at += longest;
            copied = at;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * The length of the longest piece of any form of the key that the text holds from {@code at}, or 0
     * when that is shorter than {@value #PART} (than the form, for a short key). Linear in the text,
     * quadratic in the key: it runs on failures and server timings, not per chunk.
     */
    private int longestPieceAt(String text, int at) {
        int longest = 0;
        for (String form : forms) {
            int part = Math.min(PART, form.length());
            if (at + part > text.length()) continue;
            String start = text.substring(at, at + part);
            for (int from = form.indexOf(start); from >= 0; from = form.indexOf(start, from + 1)) {
                int length = part;
                while (from + length < form.length()
                        && at + length < text.length()
                        && form.charAt(from + length) == text.charAt(at + length)) length++;
                longest = Math.max(longest, length);
            }
        }
        return longest;
    }

    /**
     * A server's text for a record: redacted, then cut to {@code maxChars}. {@code cutShort} says the
     * text is the start of something longer (a body read up to a cap): its tail, which could be the
     * start of the key, is dropped.
     */
    String quote(String text, boolean cutShort, int maxChars) {
        if (text == null) return null;
        String out = apply(text);
        boolean cut = cutShort;
        if (cutShort) out = withoutKeyPrefixAtEnd(out);
        if (out.length() > maxChars) {
            int end = Character.isHighSurrogate(out.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
            out = withoutKeyPrefixAtEnd(out.substring(0, end));
            cut = true;
        }
        return cut ? out + "…" : out;
    }

    private String withoutKeyPrefixAtEnd(String text) {
        String out = text;
        for (String form : forms) {
            for (int k = Math.min(form.length() - 1, out.length()); k > 0; k--) {
                if (out.regionMatches(out.length() - k, form, 0, k)) {
                    out = out.substring(0, out.length() - k);
                    break;
                }
            }
        }
        return out;
    }
}
