package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each shipped scenario through the real {@code evaluate} command, as of a fixed date so that
 * catalog ages and stale-price warnings stay put: Markdown, HTML and both CSV files against their
 * golden files ({@code golden/<format>/<scenario-stem>...}), the CSV's three.
 */
class ScenarioGoldenTest {
    static final String AS_OF = "2026-11-24";

    static List<Path> scenarios() throws IOException {
        return Engine.scenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void reportsMatchGolden(Path scenario, @TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(
                "evaluate", scenario.toString(), "--as-of", AS_OF, "--format", "md,html,csv", "-o", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String stem = ReportFiles.stem(scenario);
        Golden.check("md", stem + ".md", read(dir.resolve(stem + ".md")));
        Golden.check("html", stem + ".html", read(dir.resolve(stem + ".html")));
        Golden.check("csv", stem + "-options.csv", read(dir.resolve(stem + "-options.csv")));
        Golden.check("csv", stem + "-monthly.csv", read(dir.resolve(stem + "-monthly.csv")));
        Golden.check("csv", stem + "-classes.csv", read(dir.resolve(stem + "-classes.csv")));
    }

    @Test
    void markdownOnStandardOutputIsTheSameReport() throws IOException {
        CliRun run = CliRun.of("evaluate", "scenarios/seed-example.yaml", "--as-of", AS_OF, "--format", "md");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(Golden.ROOT.resolve("md/seed-example.md")));
    }

    @Test
    void csvOnStandardOutputIsTheOptionsSummary() throws IOException {
        CliRun run = CliRun.of("evaluate", "scenarios/seed-example.yaml", "--as-of", AS_OF, "--format", "csv");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(Golden.ROOT.resolve("csv/seed-example-options.csv")));
    }

    @Test
    void everyScenarioGoldenFileHasAScenario() throws IOException {
        TreeSet<String> stems =
                new TreeSet<>(scenarios().stream().map(ReportFiles::stem).toList());
        for (String format : List.of("md", "html", "csv")) {
            try (Stream<Path> files = Files.list(Golden.ROOT.resolve(format))) {
                files.map(p -> p.getFileName().toString())
                        .filter(f -> !f.startsWith("fixture-"))
                        .forEach(f -> {
                            String stem = f.replaceFirst("(-options|-monthly|-classes)?\\.[a-z]+$", "");
                            assertThat(stems)
                                    .as("golden file %s/%s has no scenario", format, f)
                                    .contains(stem);
                        });
            }
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
