package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes reports to files, each atomically ({@link AtomicFile}): one named file, or several into a directory. */
public final class ReportFiles {
    private ReportFiles() {}

    /** One format to one file. CSV written this way holds the options summary, as on standard output. */
    public static void write(Path target, ReportFormat format, Evaluation evaluation) throws IOException {
        Renderer renderer = format.renderer();
        AtomicFile.write(target, out -> renderer.render(evaluation, out));
    }

    /**
     * Every format into {@code dir}, named after the scenario file ({@code <stem>.<ext>}; CSV as
     * {@code <stem>-options.csv} and {@code <stem>-monthly.csv}). Returns the files written.
     */
    public static List<Path> writeAll(Path dir, String stem, List<ReportFormat> formats, Evaluation evaluation)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : formats) {
            for (ReportFormat.ReportFile file : format.files(stem)) {
                Path target = dir.resolve(file.name());
                Renderer renderer = file.renderer().get();
                AtomicFile.write(target, out -> renderer.render(evaluation, out));
                written.add(target);
            }
        }
        return List.copyOf(written);
    }

    /** {@code scenarios/seed-example.yaml} → {@code seed-example}. */
    public static String stem(Path scenarioFile) {
        String name = scenarioFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
