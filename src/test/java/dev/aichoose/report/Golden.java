package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected-output files under {@code src/test/resources/golden/<format>/}. Run with
 * {@code -Dgolden.update=true} (or GOLDEN_UPDATE=true) to rewrite them from the current output,
 * then review the diff before committing it.
 */
final class Golden {
    private Golden() {}

    static final Path ROOT = Path.of("src/test/resources/golden");

    static boolean updating() {
        return Boolean.getBoolean("golden.update") || "true".equalsIgnoreCase(System.getenv("GOLDEN_UPDATE"));
    }

    static void check(String format, String file, String actual) throws IOException {
        Path expected = ROOT.resolve(format).resolve(file);
        if (updating()) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expected)
                .as("golden file %s (create it with -Dgolden.update=true)", expected)
                .exists();
        assertThat(actual)
                .as("output against %s (-Dgolden.update=true rewrites it)", expected)
                .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
