package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import dev.aichoose.report.ReportContent.Span;
import dev.aichoose.report.ReportContent.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** GitHub-flavoured Markdown, sized for a CI job summary or a pull-request comment. */
final class MarkdownReport implements Renderer {
    @Override
    public void render(Evaluation evaluation, OutputStream stream) throws IOException {
        ReportContent c = ReportContent.of(evaluation);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        out.print("## " + escape(c.title()) + "\n\n");
        out.print(c.headline().stream().map(MarkdownReport::span).collect(Collectors.joining()) + "\n\n");
        if (!c.summary().isBlank()) out.print("> " + escape(c.summary()) + "\n\n");
        section(out, "Options", c.options());
        if (!c.breakeven().rows().isEmpty()) section(out, "Breakeven and crossover", c.breakeven());
        section(out, "The five questions", c.questions());
        list(out, "Constraints", c.constraints());
        SimulationSection.markdown(out, evaluation);
        list(out, "Warnings", c.warnings().stream().map(w -> "⚠️ " + w).toList());
        section(out, "Catalog entries used", c.catalog());
        out.flush();
    }

    private static String span(Span s) {
        return s.strong() ? "**" + escape(s.text()) + "**" : escape(s.text());
    }

    private static void section(PrintWriter out, String heading, Table table) {
        out.print("### " + heading + "\n\n" + Tables.markdown(table) + "\n");
    }

    private static void list(PrintWriter out, String heading, List<String> items) {
        if (items.isEmpty()) return;
        out.print("### " + heading + "\n\n");
        for (String item : items) out.print("- " + escape(item) + "\n");
        out.print("\n");
    }

    /** Text from scenarios and catalogs may hold characters that Markdown would take as markup. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
                .replace("<", "&lt;").replace("\r", "").replace("\n", " ");
    }
}
