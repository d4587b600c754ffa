package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import dev.aichoose.report.ReportContent.Span;
import dev.aichoose.report.ReportContent.Table;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/** GitHub-flavoured Markdown, sized for a CI job summary or a pull-request comment. */
final class MarkdownReport implements Renderer.Text<Evaluation> {
    @Override
    public void render(Evaluation evaluation, Writer out) throws IOException {
        ReportContent c = ReportContent.of(evaluation);
        out.write("## " + escape(c.title()) + "\n\n");
        out.write(c.headline().stream().map(MarkdownReport::span).collect(Collectors.joining()) + "\n\n");
        if (!c.summary().isBlank()) out.write("> " + escape(c.summary()) + "\n\n");
        section(out, "Options", c.options(), c.optionNotes());
        if (!c.pairs().rows().isEmpty()) section(out, "Breakeven and crossover", c.pairs(), c.pairNotes());
        if (!c.classes().rows().isEmpty()) section(out, "Classes", c.classes(), c.classNotes());
        section(out, "The five questions", c.questions(), List.of());
        list(out, "Constraints", c.constraints());
        list(
                out,
                "Infeasible options",
                c.infeasible().stream().map(w -> "✗ " + w).toList());
        if (!c.capacity().isEmpty()) {
            out.write("### Capacity\n\n" + escape(ReportContent.CAPACITY) + "\n\n");
            for (String item : c.capacity()) out.write("- " + escape(item) + "\n");
            out.write("\n");
        }
        SimulationSection.markdown(out, evaluation);
        list(out, "Warnings", c.warnings().stream().map(w -> "⚠️ " + w).toList());
        section(out, "Catalog entries used", c.catalog(), List.of());
        out.flush();
    }

    private static String span(Span s) {
        return s.strong() ? "**" + escape(s.text()) + "**" : escape(s.text());
    }

    private static void section(Writer out, String heading, Table table, List<String> notes) throws IOException {
        out.write("### " + heading + "\n\n" + Tables.markdown(table) + "\n");
        for (String n : notes) out.write("<sub>" + escape(n) + "</sub><br>\n");
        if (!notes.isEmpty()) out.write("\n");
    }

    private static void list(Writer out, String heading, List<String> items) throws IOException {
        if (items.isEmpty()) return;
        out.write("### " + heading + "\n\n");
        for (String item : items) out.write("- " + escape(item) + "\n");
        out.write("\n");
    }

    /** Text from scenarios and catalogs may hold characters that Markdown would take as markup. */
    static String escape(String s) {
        return s.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("*", "\\*")
                .replace("_", "\\_")
                .replace("<", "&lt;")
                .replace("\r", "")
                .replace("\n", " ");
    }
}
