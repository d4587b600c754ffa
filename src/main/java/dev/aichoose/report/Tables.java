package dev.aichoose.report;

import dev.aichoose.report.ReportContent.Align;
import dev.aichoose.report.ReportContent.Column;
import dev.aichoose.report.ReportContent.Table;
import java.util.List;

/** A {@link Table} as GitHub Markdown or as aligned plain text for a terminal. */
final class Tables {
    private Tables() {}

    static String markdown(Table table) {
        StringBuilder b = new StringBuilder();
        b.append(mdRow(table.columns().stream().map(Column::title).toList()));
        b.append(mdRow(table.columns().stream().map(c -> c.align() == Align.RIGHT ? "---:" : ":---").toList()));
        for (List<String> r : table.rows()) b.append(mdRow(r.stream().map(MarkdownReport::escape).toList()));
        return b.toString();
    }

    private static String mdRow(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    static String text(Table table) {
        int n = table.columns().size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = table.columns().get(i).title().length();
            for (List<String> r : table.rows()) width[i] = Math.max(width[i], r.get(i).length());
        }
        StringBuilder b = new StringBuilder();
        textRow(b, table, table.columns().stream().map(Column::title).toList(), width);
        textRow(b, table, java.util.Arrays.stream(width).mapToObj("-"::repeat).toList(), width);
        for (List<String> r : table.rows()) textRow(b, table, r, width);
        return b.toString();
    }

    private static void textRow(StringBuilder b, Table table, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) line.append("  ");
            String pad = " ".repeat(width[i] - cells.get(i).length());
            line.append(table.columns().get(i).align() == Align.RIGHT ? pad + cells.get(i) : cells.get(i) + pad);
        }
        b.append(line.toString().stripTrailing()).append('\n');
    }
}
