package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import java.io.IOException;
import java.io.OutputStream;

/** Formats an evaluation; computes nothing. One implementation per {@link ReportFormat}. */
public interface Renderer {
    void render(Evaluation evaluation, OutputStream out) throws IOException;
}
