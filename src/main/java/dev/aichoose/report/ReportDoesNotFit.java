package dev.aichoose.report;

/**
 * The evaluation is larger than the format can hold (a workbook's 16,384 columns): another format, or
 * fewer options, will do. Raised before anything is written; the command line makes it a usage error.
 */
public final class ReportDoesNotFit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportDoesNotFit(String message) {
        super(message);
    }
}
