package dev.aichoose.load.usage;

import dev.aichoose.input.Problems;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A CSV export read with Tablesaw, every column as text (the readers check each value where it
 * stands), with the file line each row starts on. Tablesaw numbers rows, not lines, and a quoted
 * field may hold a line break, so one pass over the text (RFC 4180 quoting) finds where each record
 * starts and how many fields it has; a row with the wrong number is reported at its line here,
 * before Tablesaw, which would stop at the first.
 */
final class CsvTable {
    private final Problems problems;
    private final Table table;
    private final List<Integer> lines;
    private final Map<String, Integer> columns = new HashMap<>();

    private CsvTable(Problems problems, Table table, List<Integer> lines) {
        this.problems = problems;
        this.table = table;
        this.lines = lines;
        List<String> names = table == null ? List.of() : table.columnNames();
        for (int i = 0; i < names.size(); i++) columns.put(names.get(i), i);
    }

    /** The table, or null with the problems recorded when the text is not a well-formed CSV. */
    static CsvTable read(Problems problems, String text) {
        List<Record> records = records(text);
        if (records.isEmpty()) {
            problems.at(1, 1, "the file is empty");
            return null;
        }
        Record header = records.getFirst();
        List<String> names = header.names();
        for (int i = 0; i < names.size(); i++) {
            if (names.indexOf(names.get(i)) != i) {
                problems.at(header.line(), 1, "column '" + names.get(i) + "' appears twice in the header");
            }
        }
        List<Integer> lines = new ArrayList<>();
        for (Record r : records.subList(1, records.size())) {
            if (r.fields() != names.size()) {
                problems.at(r.line(), 1, "the row has " + r.fields() + " fields; the header has " + names.size());
            }
            lines.add(r.line());
        }
        if (problems.any()) return null;
        Table table = Table.read()
                .usingOptions(CsvReadOptions.builder(new StringReader(text))
                        .columnTypes(h -> ColumnType.STRING)
                        // every value as written: no comment lines, no "NA" read as missing
                        .commentPrefix((char) 0)
                        .missingValueIndicator("\u0000")
                        .build());
        if (table.rowCount() != lines.size()) {
            throw new IllegalStateException(
                    "Tablesaw read " + table.rowCount() + " rows where the text has " + lines.size());
        }
        return new CsvTable(problems, table, lines);
    }

    boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    List<String> columnNames() {
        return table.columnNames();
    }

    int rows() {
        return lines.size();
    }

    /** The file line row {@code i} starts on. */
    int line(int row) {
        return lines.get(row);
    }

    /** The value as written, stripped; empty for a missing column. */
    String get(int row, String column) {
        Integer c = columns.get(column);
        return c == null ? "" : table.stringColumn(c).get(row).strip();
    }

    /** The 1-based column of a field, for diagnostics. */
    int column(String name) {
        Integer c = columns.get(name);
        return c == null ? 1 : c + 1;
    }

    void problem(int row, String column, String message) {
        problems.at(line(row), column(column), column + ": " + message);
    }

    /** A number as the FOCUS Numeric Format writes it (E notation allowed); NaN with a problem otherwise. */
    double number(int row, String column) {
        String v = get(row, column);
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d) && !v.contains(",")) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(row, column, v.isEmpty() ? "a number is required" : "expected a number, got '" + v + "'");
        return Double.NaN;
    }

    /** A record of the text: the line it starts on, its field count, and (for the header) its fields. */
    private record Record(int line, int fields, List<String> names) {}

    /**
     * Records by RFC 4180: a quoted field may hold commas, doubled quotes and line breaks. Empty lines
     * are skipped, as Tablesaw skips them; a line of spaces is a record (of one field), so it is reported.
     */
    private static List<Record> records(String text) {
        List<Record> out = new ArrayList<>();
        int line = 1;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        while (i < text.length()) {
            int startLine = line;
            int fields = 1;
            boolean quoted = false;
            boolean any = false;
            StringBuilder field = new StringBuilder();
            List<String> names = out.isEmpty() ? new ArrayList<>() : null;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        if (c == '\n') line++;
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                    any = true;
                } else if (c == ',') {
                    fields++;
                    any = true;
                    if (names != null) names.add(field.toString().strip());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                    i++;
                    line++;
                    break;
                } else {
                    any = true;
                    field.append(c);
                }
            }
            if (names != null) names.add(field.toString().strip());
            if (any) out.add(new Record(startLine, fields, names == null ? List.of() : List.copyOf(names)));
        }
        return out;
    }
}
