package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The evaluation report formats. Each renderer is built only when its format is asked for, so
 * heavy libraries (spreadsheets, tables) load only when needed: the suppliers are lambdas rather
 * than constructor references because a lambda's body, and the class it names, is linked only when
 * it first runs.
 */
public enum ReportFormat implements OutputFormat<Evaluation> {
    TABLE(List.of("txt"), () -> new TableReport()),
    JSON(List.of("json"), () -> new JsonReport()),
    MD(List.of("md", "markdown"), () -> new MarkdownReport()),
    HTML(List.of("html", "htm"), () -> new HtmlReport()),
    /** On stdout (or one named file) the options summary; into a directory, the summary, the monthly cash flows and the cost of each class on each API. */
    CSV(List.of("csv"), () -> new CsvReport.Options()) {
        @Override
        public List<OutputFile<Evaluation>> files(String stem) {
            return List.of(
                    new OutputFile<>(stem + "-options.csv", new CsvReport.Options()),
                    new OutputFile<>(stem + "-monthly.csv", new CsvReport.Monthly()),
                    new OutputFile<>(stem + "-classes.csv", new CsvReport.Classes()));
        }
    },
    /** A binary workbook: written to a file only, never to a terminal. */
    XLSX(List.of("xlsx"), () -> new XlsxReport()) {
        @Override
        public boolean binary() {
            return true;
        }
    };

    @SuppressWarnings("ImmutableEnumChecker") // built with List.of, which is unmodifiable
    private final List<String> extensions;

    @SuppressWarnings("ImmutableEnumChecker") // each constant's supplier is a stateless constructor reference
    private final Supplier<Renderer<Evaluation>> renderer;

    ReportFormat(List<String> extensions, Supplier<Renderer<Evaluation>> renderer) {
        this.extensions = extensions;
        this.renderer = renderer;
    }

    @Override
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public Renderer<Evaluation> renderer() {
        return renderer.get();
    }

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
