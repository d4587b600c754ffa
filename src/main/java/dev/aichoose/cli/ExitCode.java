package dev.aichoose.cli;

/** The documented exit codes (DESIGN.md, "Contracts"). */
public enum ExitCode {
    OK(0),
    INTERNAL_ERROR(1),
    USAGE(2),
    INVALID_INPUT(3),
    ENDPOINT_FAILURE(4),
    RULE_BREACHED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
