package dev.aichoose.report;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The report formats. Each renderer is built only when its format is asked for, so heavy
 * libraries (spreadsheets, tables) load only when needed.
 */
public enum ReportFormat {
    TABLE("txt", TableReport::new),
    JSON("json", JsonReport::new);

    private final String extension;
    private final Supplier<Renderer> renderer;

    ReportFormat(String extension, Supplier<Renderer> renderer) {
        this.extension = extension;
        this.renderer = renderer;
    }

    public String extension() {
        return extension;
    }

    public Renderer renderer() {
        return renderer.get();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
