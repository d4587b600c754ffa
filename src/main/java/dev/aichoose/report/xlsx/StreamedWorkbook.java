package dev.aichoose.report.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/** POI's streaming workbook, knowing its sheets' temporary files and deflating at the fastest level. */
final class StreamedWorkbook extends SXSSFWorkbook {
    /** Rows the streaming workbook keeps in memory per sheet; every sheet is written row after row. */
    static final int STREAMED_ROWS = 8;

    private final List<java.io.File> temporaries = new java.util.concurrent.CopyOnWriteArrayList<>();

    StreamedWorkbook() {
        super(null, STREAMED_ROWS, false, false);
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new SheetDataWriter() {
            @Override
            public java.io.File createTempFile() throws IOException {
                java.io.File file = super.createTempFile();
                temporaries.add(file);
                return file;
            }
        };
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        return zip;
    }

    /** Removes the sheets' temporary files, and only them: POI's dispose() first writes out every row still held. */
    void deleteTemporaries() {
        for (java.io.File file : temporaries) {
            try {
                java.nio.file.Files.deleteIfExists(file.toPath());
            } catch (IOException e) {
                // on the way out: nothing more to do; the name (poi-sxssf-sheet*.xml) says what it is
            }
        }
    }
}
