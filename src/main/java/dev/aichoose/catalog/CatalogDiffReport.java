package dev.aichoose.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aichoose.load.Sanity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** {@code catalog diff} output: a table for people, Markdown for a pull request, JSON for machines. */
public enum CatalogDiffReport {
    TABLE,
    MD,
    JSON;

    public static final String SCHEMA = "aichoose.catalog-diff/v1";

    public void render(String before, String after, List<CatalogDiff.Change> changes, Writer out) throws IOException {
        switch (this) {
            case TABLE -> table(before, after, changes, out);
            case MD -> markdown(before, after, changes, out);
            case JSON -> json(before, after, changes, out);
        }
        out.flush();
    }

    private static void table(String before, String after, List<CatalogDiff.Change> changes, Writer out)
            throws IOException {
        out.write("Price changes from " + before + " to " + after + ": " + counts(changes) + "\n");
        if (changes.isEmpty()) return;
        int idWidth = Math.max(
                2, changes.stream().mapToInt(c -> c.id().length()).max().orElse(2));
        int fieldWidth = Math.max(
                5, changes.stream().mapToInt(c -> c.field().length()).max().orElse(5));
        String row = "%-8s %-5s %-" + idWidth + "s %-" + fieldWidth + "s %12s %12s %8s%n";
        out.write(String.format(Locale.ROOT, row, "change", "kind", "id", "price", "before", "after", "%"));
        for (CatalogDiff.Change c : changes) {
            out.write(String.format(
                    Locale.ROOT,
                    row,
                    c.movement().id(),
                    c.kind(),
                    c.id(),
                    c.field(),
                    value(c.before()),
                    value(c.after()),
                    share(c.changeShare())));
        }
    }

    private static void markdown(String before, String after, List<CatalogDiff.Change> changes, Writer out)
            throws IOException {
        out.write("### Price changes\n\n`" + before + "` → `" + after + "`: " + counts(changes) + "\n");
        if (changes.isEmpty()) return;
        out.write("\n| Change | Kind | Id | Price | Before | After | Change % |\n");
        out.write("|---|---|---|---|---:|---:|---:|\n");
        for (CatalogDiff.Change c : changes) {
            String arrow = switch (c.movement()) {
                case ROSE -> "▲ rose";
                case FELL -> "▼ fell";
                case APPEARED -> "＋ appeared";
                case WENT -> "－ went";
            };
            out.write("| " + arrow + " | " + c.kind() + " | `" + c.id() + "` | " + c.field() + " | " + value(c.before())
                    + " | " + value(c.after()) + " | " + share(c.changeShare()) + " |\n");
        }
    }

    private static void json(String before, String after, List<CatalogDiff.Change> changes, Writer out)
            throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("before", before);
            g.writeStringField("after", after);
            g.writeObjectFieldStart("counts");
            for (CatalogDiff.Movement m : CatalogDiff.Movement.values()) {
                g.writeNumberField(
                        m.id(), changes.stream().filter(c -> c.movement() == m).count());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("changes");
            for (CatalogDiff.Change c : changes) {
                g.writeStartObject();
                g.writeStringField("movement", c.movement().id());
                g.writeStringField("kind", c.kind());
                g.writeStringField("id", c.id());
                g.writeStringField("price", c.field());
                number(g, "before", c.before());
                number(g, "after", c.after());
                number(g, "change_share", c.changeShare() == null ? null : Math.round(c.changeShare() * 1e6) / 1e6);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write("\n");
    }

    private static void number(JsonGenerator g, String key, Double v) throws IOException {
        if (v == null) g.writeNullField(key);
        else g.writeNumberField(key, new java.math.BigDecimal(Sanity.show(v)));
    }

    private static String counts(List<CatalogDiff.Change> changes) {
        StringBuilder b = new StringBuilder();
        for (CatalogDiff.Movement m : CatalogDiff.Movement.values()) {
            if (!b.isEmpty()) b.append(", ");
            b.append(changes.stream().filter(c -> c.movement() == m).count())
                    .append(' ')
                    .append(m.id());
        }
        return b.toString();
    }

    private static String value(Double v) {
        return v == null ? "-" : Sanity.show(v);
    }

    private static String share(Double s) {
        return s == null ? "" : String.format(Locale.ROOT, "%+.1f%%", s * 100);
    }
}
