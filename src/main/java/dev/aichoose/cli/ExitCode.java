package dev.aichoose.cli;

import java.util.Arrays;

/** The documented exit codes; {@code --help} lists them from here. */
public enum ExitCode {
    OK(0, "success"),
    INTERNAL_ERROR(1, "internal error (a bug; --verbose shows the stack trace)"),
    USAGE(2, "usage error (no command, unknown flag, bad flag value)"),
    INVALID_INPUT(3, "invalid input file (scenario, catalog, bench result or usage export)"),
    ENDPOINT_FAILURE(4, "endpoint failure (the benchmark could not run)"),
    RULE_BREACHED(5, "a --fail-if rule was breached (reports still written)"),
    OUTPUT_FAILURE(6, "could not write output: disk full, read-only or permission"),

    SELF_TEST_FAILED(7, "bench --self-test failed: the timing error here is above its bound");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The lines of the exit-code list in {@code --help}. */
    static String[] helpLines() {
        return Arrays.stream(values())
                .map(c -> "  " + c.code + "  " + c.meaning)
                .toArray(String[]::new);
    }
}
