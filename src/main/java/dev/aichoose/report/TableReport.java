package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import java.io.OutputStream;

final class TableReport implements Renderer {
    @Override
    public void render(Evaluation evaluation, OutputStream out) {
        throw new UnsupportedOperationException("not built yet");
    }
}
