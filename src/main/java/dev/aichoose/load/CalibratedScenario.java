package dev.aichoose.load;

import dev.aichoose.input.Node;
import dev.aichoose.input.NodeParser;
import dev.aichoose.model.Calibration;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a calibration into the scenario's own text: each changed value replaced where it stands,
 * a field the file did not have added to its {@code workload:}, and each change preceded by a
 * comment with its evidence. Everything else (comments, layout, key order, the other sections) is
 * left as the user wrote it: the file is edited, not written out again from the model.
 */
public final class CalibratedScenario {
    private CalibratedScenario() {}

    /** One text edit: at {@code offset}, {@code length} characters replaced by {@code text}. */
    private record Edit(int offset, int length, String text) {}

    /**
     * The calibrated text. {@code header} is said in a comment at the top (after the file's leading
     * comments, so that an editor's schema line stays first).
     */
    public static String edit(String file, String text, Calibration calibration, String header) {
        Node root = NodeParser.parseYaml(file, new StringReader(text));
        if (!(root instanceof Node.Mapping top) || !top.entries().containsKey("workload")) {
            throw new IllegalArgumentException(file + " has no workload to calibrate");
        }
        Node.Entry workloadEntry = top.entries().get("workload");
        if (!(workloadEntry.value() instanceof Node.Mapping workload)) {
            throw new IllegalArgumentException(file + ": workload is not a mapping");
        }
        int[] lineStarts = lineStarts(text);
        boolean flow = text.charAt(offset(lineStarts, workload.line(), workload.column())) == '{';
        List<Edit> edits = new ArrayList<>();
        List<String> flowComments = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (Calibration.Change c : calibration.changes()) {
            String comment = "# calibrated: " + c.evidence() + " (was " + plain(c.from()) + ")";
            Node.Entry entry = workload.entries().get(c.field());
            if (entry != null && entry.value() instanceof Node.Scalar value) {
                int at = offset(lineStarts, value.line(), value.column());
                edits.add(new Edit(at, tokenLength(text, at), c.written()));
                if (flow) flowComments.add(comment);
                else edits.add(commentAbove(text, lineStarts, entry.line(), entry.column(), comment));
            } else if (flow) {
                added.add(c.field() + ": " + c.written());
                flowComments.add(comment.replace("# calibrated: ", "# calibrated (" + c.field() + "): "));
            } else {
                added.add(c.field() + ": " + c.written());
                flowComments.add(comment);
            }
        }
        if (!added.isEmpty()) {
            if (flow) {
                int brace = offset(lineStarts, workload.line(), workload.column());
                edits.add(new Edit(brace + 1, 0, String.join(", ", added) + ", "));
            } else {
                // new fields go first in the mapping, at its entries' indentation, each under its evidence
                Node.Entry first = workload.entries().values().iterator().next();
                String indent = " ".repeat(first.column() - 1);
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < added.size(); i++) {
                    lines.append(indent)
                            .append(flowComments.get(flowComments.size() - added.size() + i))
                            .append('\n');
                    lines.append(indent).append(added.get(i)).append('\n');
                }
                edits.add(new Edit(lineStarts[first.line() - 1], 0, lines.toString()));
                flowComments
                        .subList(flowComments.size() - added.size(), flowComments.size())
                        .clear();
            }
        }
        if (flow && !flowComments.isEmpty()) {
            String indent = " ".repeat(workloadEntry.column() - 1);
            StringBuilder lines = new StringBuilder();
            for (String comment : flowComments)
                lines.append(indent).append(comment).append('\n');
            edits.add(new Edit(lineStarts[workloadEntry.line() - 1], 0, lines.toString()));
        }
        edits.add(new Edit(
                afterLeadingComments(text),
                0,
                header.lines().map(l -> "# " + l + "\n").reduce("", String::concat)));
        StringBuilder out = new StringBuilder(text);
        edits.stream()
                .sorted(Comparator.comparingInt(Edit::offset).reversed())
                .forEach(e -> out.replace(e.offset(), e.offset() + e.length(), e.text()));
        return out.toString();
    }

    private static Edit commentAbove(String text, int[] lineStarts, int line, int column, String comment) {
        return new Edit(lineStarts[line - 1], 0, " ".repeat(column - 1) + comment + "\n");
    }

    /** A plain scalar's extent: up to a flow separator, a comment or the end of its line, trailing spaces left out. */
    private static int tokenLength(String text, int at) {
        int end = at;
        while (end < text.length() && ",}]#\n\r".indexOf(text.charAt(end)) < 0) end++;
        while (end > at && Character.isWhitespace(text.charAt(end - 1))) end--;
        return end - at;
    }

    private static int afterLeadingComments(String text) {
        int at = 0;
        while (at < text.length() && text.charAt(at) == '#') {
            int nl = text.indexOf('\n', at);
            if (nl < 0) return text.length();
            at = nl + 1;
        }
        return at;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int offset(int[] lineStarts, int line, int column) {
        return lineStarts[line - 1] + column - 1;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
