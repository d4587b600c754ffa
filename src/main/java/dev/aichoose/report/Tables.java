package dev.aichoose.report;

import dev.aichoose.report.ReportContent.Align;
import dev.aichoose.report.ReportContent.Column;
import dev.aichoose.report.ReportContent.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link Table} as GitHub Markdown or as aligned plain text for a terminal. */
final class Tables {
    private Tables() {}

    /**
     * Above this many rows ids are not shortened and the table is printed whole: shortening compares every
     * id with every other at each width it tries (10,000 options: seconds), and a table that long is read
     * in a pager or a file, not fitted to a terminal.
     */
    static final int MAX_SHORTENED_ROWS = 500;

    /** Columns are two spaces apart, so that no two figures ever run together. */
    static final String GAP = "  ";

    static String markdown(Table table) {
        StringBuilder b = new StringBuilder();
        b.append(mdRow(table.columns().stream()
                .map(c -> MarkdownReport.escape(c.title()))
                .toList()));
        b.append(mdRow(table.columns().stream()
                .map(c -> c.align() == Align.RIGHT ? "---:" : ":---")
                .toList()));
        for (List<String> r : table.rows())
            b.append(mdRow(r.stream().map(MarkdownReport::escape).toList()));
        return b.toString();
    }

    private static String mdRow(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /** Aligned text, each column as wide as its widest cell, with no width limit. */
    static String text(Table table) {
        return text(table, Integer.MAX_VALUE, -1);
    }

    /**
     * Aligned text that fits {@code maxWidth} columns where it can: the ids in column {@code idColumn}
     * are shortened, each only as far as every id stays unique (middle ellipsis where the heads
     * collide); the figures are never cut. A table that still does not fit is printed whole.
     */
    static String text(Table table, int maxWidth, int idColumn) {
        List<List<String>> rows = table.rows();
        int[] width = widths(table.columns(), rows);
        int total = total(width);
        if (total > maxWidth && idColumn >= 0 && rows.size() <= MAX_SHORTENED_ROWS) {
            List<String> ids = rows.stream().map(r -> r.get(idColumn)).toList();
            int target = width[idColumn] - (total - maxWidth);
            int floor = Math.max(table.columns().get(idColumn).title().length(), 8);
            for (int w = Math.max(target, floor); w < width[idColumn]; w++) {
                Map<String, String> shortened = shorten(ids, w);
                if (shortened != null) {
                    rows = rows.stream()
                            .map(r -> {
                                List<String> copy = new ArrayList<>(r);
                                copy.set(idColumn, shortened.get(r.get(idColumn)));
                                return List.copyOf(copy);
                            })
                            .toList();
                    width[idColumn] = w;
                    break;
                }
            }
        }
        StringBuilder b = new StringBuilder();
        row(b, table.columns(), table.columns().stream().map(Column::title).toList(), width);
        row(
                b,
                table.columns(),
                java.util.Arrays.stream(width).mapToObj("-"::repeat).toList(),
                width);
        for (List<String> r : rows) row(b, table.columns(), r, width);
        return b.toString();
    }

    private static int[] widths(List<Column> columns, List<List<String>> rows) {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = length(columns.get(i).title());
            for (List<String> r : rows) width[i] = Math.max(width[i], length(r.get(i)));
        }
        return width;
    }

    private static int total(int[] width) {
        int t = GAP.length() * (width.length - 1);
        for (int w : width) t += w;
        return t;
    }

    /**
     * Each id at most {@code width} characters, all still distinct: a head and "…" where that is
     * unique, else head "…" tail. Null when no such shortening exists at this width.
     */
    static Map<String, String> shorten(List<String> ids, int width) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        List<String> distinct = ids.stream().distinct().toList();
        for (String id : distinct) {
            if (length(id) <= width) {
                out.put(id, id);
                used.add(id);
            }
        }
        for (String id : distinct) {
            if (out.containsKey(id)) continue;
            String pick = null;
            String head = id.substring(0, width - 1) + "…";
            if (distinct.stream().filter(o -> !o.equals(id)).noneMatch(o -> o.startsWith(id.substring(0, width - 1)))
                    && !used.contains(head)) {
                pick = head;
            }
            for (int tail = 1; pick == null && tail <= width - 3; tail++) {
                String candidate = id.substring(0, width - 1 - tail) + "…" + id.substring(id.length() - tail);
                String h = id.substring(0, width - 1 - tail);
                String t = id.substring(id.length() - tail);
                boolean unique = distinct.stream()
                        .filter(o -> !o.equals(id))
                        .noneMatch(o -> o.startsWith(h) && o.endsWith(t) && o.length() >= h.length() + t.length());
                if (unique && !used.contains(candidate)) pick = candidate;
            }
            if (pick == null) return null;
            out.put(id, pick);
            used.add(pick);
        }
        return out;
    }

    private static void row(StringBuilder b, List<Column> columns, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) line.append(GAP);
            String pad = " ".repeat(Math.max(0, width[i] - length(cells.get(i))));
            line.append(columns.get(i).align() == Align.RIGHT ? pad + cells.get(i) : cells.get(i) + pad);
        }
        b.append(line.toString().stripTrailing()).append('\n');
    }

    /** Width on a terminal, in code points (a "…" or "✗" is one column). */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
