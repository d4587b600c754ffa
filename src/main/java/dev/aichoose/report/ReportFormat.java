package dev.aichoose.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The report formats. Each renderer is built only when its format is asked for, so heavy
 * libraries (spreadsheets, tables) load only when needed: the suppliers are lambdas rather than
 * constructor references because a lambda's body, and the class it names, is linked only when it
 * first runs.
 */
public enum ReportFormat {
    TABLE("txt", () -> new TableReport()),
    JSON("json", () -> new JsonReport()),
    MD("md", () -> new MarkdownReport()),
    HTML("html", () -> new HtmlReport()),
    /** On stdout the options summary; as files, the summary and the monthly cash flows. */
    CSV("csv", () -> new CsvReport.Options()) {
        @Override
        public List<ReportFile> files(String stem) {
            return List.of(
                    new ReportFile(stem + "-options.csv", () -> new CsvReport.Options()),
                    new ReportFile(stem + "-monthly.csv", () -> new CsvReport.Monthly()));
        }
    },
    /** A binary workbook: written to a file only, never to a terminal. */
    XLSX("xlsx", () -> new XlsxReport());

    private final String extension;
    private final Supplier<Renderer> renderer;

    ReportFormat(String extension, Supplier<Renderer> renderer) {
        this.extension = extension;
        this.renderer = renderer;
    }

    public String extension() {
        return extension;
    }

    /** The renderer for standard output (or a single named file). */
    public Renderer renderer() {
        return renderer.get();
    }

    /** Whether this format can go to standard output at all. */
    public boolean printable() {
        return this != XLSX;
    }

    /** The files this format writes into a directory, named after the scenario file's stem. */
    public List<ReportFile> files(String stem) {
        return List.of(new ReportFile(stem + "." + extension, renderer));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One file of a report: its name in the output directory and what renders it. */
    public record ReportFile(String name, Supplier<Renderer> renderer) {}
}
