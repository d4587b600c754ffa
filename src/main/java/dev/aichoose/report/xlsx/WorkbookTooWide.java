package dev.aichoose.report.xlsx;

/**
 * The evaluation needs more columns than a workbook's sheet has (16,384); raised before anything is
 * written. The report's entry turns it into the reports' own "does not fit" error.
 */
public final class WorkbookTooWide extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkbookTooWide(String message) {
        super(message);
    }
}
