package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example scenario, evaluated through the real CLI, against its golden table and JSON report.
 * Run with {@code -Dgolden.update=true} to rewrite the golden files after a deliberate change.
 */
class GoldenReportTest {
    static final Path SCENARIOS = Path.of("scenarios");
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final String AS_OF = "2026-11-24";
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static List<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void tableMatchesGolden(String name) throws IOException {
        check(name, "table", "txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void jsonMatchesGolden(String name) throws IOException {
        check(name, "json", "json");
    }

    private static void check(String name, String format, String extension) throws IOException {
        CliRun run = CliRun.of("evaluate", "scenarios/" + name + ".yaml", "--format", format, "--as-of", AS_OF);
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path golden = GOLDEN.resolve(format).resolve(name + "." + extension);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, run.out(), StandardCharsets.UTF_8);
        }
        assertThat(golden)
                .as("golden file for " + name + " (run with -Dgolden.update=true to create it)")
                .exists();
        assertThat(run.out()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        if (format.equals("table")) {
            assertThat(run.out().lines())
                    .as("fits a terminal of 100 columns")
                    .allSatisfy(line ->
                            assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(100));
        }
    }

    /** A golden file without its scenario is a test that no longer runs: fail rather than keep it silently. */
    @Test
    void everyGoldenFileHasAScenario() throws IOException {
        Set<String> names = Set.copyOf(scenarios());
        for (String format : List.of("table", "json")) {
            try (Stream<Path> files = Files.list(GOLDEN.resolve(format))) {
                Set<String> orphans = files.map(p -> p.getFileName().toString().replaceFirst("\\.[^.]+$", ""))
                        .filter(n -> !names.contains(n))
                        .collect(Collectors.toSet());
                assertThat(orphans)
                        .as("golden " + format + " files without a scenario")
                        .isEmpty();
            }
        }
    }
}
