package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.testing.Fixtures;
import dev.aichoose.testing.RandomScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random valid scenarios through the real CLI, in every format and with {@code --fail-if}: a valid
 * scenario never ends in an internal error (exit 1), with or without a feasible option.
 */
class EveryFormatPropertyTest {
    private static final int SCENARIOS = 16;
    private static final String[] FORMATS = {"table", "json", "md", "html", "csv", "xlsx"};

    @TempDir
    Path dir;

    @Test
    void noValidScenarioEndsInAnInternalErrorInAnyFormat() throws IOException {
        RandomScenarios random = new RandomScenarios(23, Fixtures.catalog());
        int noneFeasible = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            String yaml = random.next();
            Path file = dir.resolve("s" + i + ".yaml");
            Files.writeString(file, yaml);
            CliRun table = CliRun.of("evaluate", file.toString(), "--as-of", "2026-11-24");
            assertThat(table.exitCode())
                    .as("table on stdout: %s%n%s", table.err(), yaml)
                    .isZero();
            boolean none = table.out().contains(": no feasible option");
            if (none) noneFeasible++;
            // every format into a directory in one run, with a rule over the recommended option
            Path out = dir.resolve("out" + i + "/");
            CliRun all = CliRun.of(
                    "evaluate",
                    file.toString(),
                    "--as-of",
                    "2026-11-24",
                    "--format",
                    String.join(",", FORMATS),
                    "-o",
                    out + "/",
                    "--fail-if",
                    "tco_usd > 1_000_000_000_000_000_000");
            assertThat(all.exitCode())
                    .as("every format with --fail-if: %s%n%s", all.err(), yaml)
                    .isEqualTo(none ? 5 : 0);
            if (none) assertThat(all.err()).contains("cannot be checked: no option is feasible");
            String json = Files.readString(out.resolve("s" + i + ".json"));
            assertThat(json).contains(none ? "\"option\" : null" : "\"cheapest_option\"");
            try (var files = Files.list(out)) {
                // csv writes three files: options, monthly and classes
                assertThat(files.count()).as("report files").isEqualTo(FORMATS.length + 2);
            }
        }
        assertThat(noneFeasible).as("scenarios with no feasible option").isPositive();
    }
}
