package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One output path for every command that writes a report: -f, -o, the extension, a directory. */
class OutputOptionsTest {
    static final String SEED = "scenarios/seed-example.yaml";
    static final String AS_OF = "2026-11-24";

    @Test
    void theExtensionChoosesTheFormatWhenNoFormatIsGiven(@TempDir Path dir) throws IOException {
        Path xlsx = dir.resolve("guess.xlsx");
        CliRun run = CliRun.of("evaluate", SEED, "--as-of", AS_OF, "-o", xlsx.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] bytes = Files.readAllBytes(xlsx);
        assertThat(new String(bytes, 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("a zip: a workbook")
                .isEqualTo("PK");
        Path md = dir.resolve("r.markdown");
        assertThat(CliRun.of("evaluate", SEED, "--as-of", AS_OF, "-o", md.toString())
                        .exitCode())
                .isZero();
        assertThat(Files.readString(md)).startsWith("## aichoose: ");
        Path html = dir.resolve("R.HTML");
        assertThat(CliRun.of("evaluate", SEED, "--as-of", AS_OF, "-o", html.toString())
                        .exitCode())
                .isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void aFormatThatContradictsTheExtensionIsRefusedAndNothingIsWritten(@TempDir Path dir) {
        Path html = dir.resolve("x.html");
        CliRun run = CliRun.of("evaluate", SEED, "--as-of", AS_OF, "-f", "md", "-o", html.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("-f md does not match -o " + html + " (.html is html)");
        assertThat(run.err().lines().count()).isEqualTo(2);
        assertThat(html).doesNotExist();
        CliRun diff = CliRun.of(
                "diff",
                SEED,
                SEED,
                "--as-of",
                AS_OF,
                "-f",
                "json",
                "-o",
                dir.resolve("d.md").toString());
        assertThat(diff.exitCode()).isEqualTo(2);
        assertThat(diff.err()).contains("-f json does not match");
    }

    @Test
    void anExtensionThatNamesNoFormatNeedsOne(@TempDir Path dir) {
        CliRun run = CliRun.of(
                "evaluate",
                SEED,
                "--as-of",
                AS_OF,
                "-o",
                dir.resolve("report.out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot tell the format from the extension .out; add -f FORMAT");
        CliRun bare = CliRun.of(
                "evaluate",
                SEED,
                "--as-of",
                AS_OF,
                "-o",
                dir.resolve("reportsdir").toString());
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("a name without an extension").contains("end a directory's name with /");
        // with -f the user has said what to write: any name will do
        CliRun named = CliRun.of(
                "evaluate",
                SEED,
                "--as-of",
                AS_OF,
                "-f",
                "md",
                "-o",
                dir.resolve("REPORT").toString());
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(dir.resolve("REPORT")).isRegularFile();
    }

    @Test
    void aNewPathWithSeveralFormatsIsADirectory(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("reportsdir");
        CliRun run = CliRun.of("evaluate", SEED, "--as-of", AS_OF, "-f", "md,json,xlsx", "-o", reports.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("seed-example.md", "seed-example.json", "seed-example.xlsx");
        }
        Path file = dir.resolve("plain.txt");
        Files.writeString(file, "x");
        CliRun clash = CliRun.of("evaluate", SEED, "--as-of", AS_OF, "-f", "md,json", "-o", file.toString());
        assertThat(clash.exitCode()).isEqualTo(2);
        assertThat(clash.err()).contains("is a file, but md,json write several files");
    }

    @Test
    void diffWritesThroughTheSameOutputPath(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("d.json");
        CliRun run = CliRun.of("diff", SEED, SEED, "--as-of", AS_OF, "-o", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(json)).contains("\"schema\" : \"aichoose.diff/v1\"");
        assertThat(run.err()).contains("aichoose: wrote " + json);
    }

    @Test
    void severalScenariosGiveOneReportEach(@TempDir Path dir) throws IOException {
        String other = "scenarios/prototype-low-volume.yaml";
        CliRun table = CliRun.of("evaluate", SEED, other, "--as-of", AS_OF);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("aichoose: Startup assistant (seed example)")
                .contains("scenarios/prototype-low-volume.yaml ·");
        CliRun json = CliRun.of("evaluate", SEED, other, "--as-of", AS_OF, "-f", "json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).contains("2 inputs in json need a directory, one file each: add -o DIR");
        CliRun files = CliRun.of(
                "evaluate",
                SEED,
                other,
                "--as-of",
                AS_OF,
                "-f",
                "json",
                "-o",
                dir.resolve("out").toString());
        assertThat(files.exitCode()).as(files.err()).isZero();
        assertThat(dir.resolve("out/seed-example.json")).isRegularFile();
        assertThat(dir.resolve("out/prototype-low-volume.json")).isRegularFile();
        Path copy = dir.resolve("x/seed-example.yaml");
        Files.createDirectories(copy.getParent());
        Files.copy(Path.of(SEED), copy);
        CliRun same = CliRun.of(
                "evaluate",
                SEED,
                copy.toString(),
                "--as-of",
                AS_OF,
                "-o",
                dir.resolve("o").toString());
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("two scenarios are named seed-example");
    }

    @Test
    void everyBadScenarioAmongSeveralIsReportedBeforeAnythingIsWritten(@TempDir Path dir) {
        CliRun run = CliRun.of(
                "evaluate",
                "no/such.yaml",
                SEED,
                "other/missing.yaml",
                "-o",
                dir.resolve("o/").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo("no/such.yaml: no such scenario file" + System.lineSeparator()
                        + "other/missing.yaml: no such scenario file" + System.lineSeparator());
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void aBenchResultThatIsMissingOrNotABenchResultIsAnInvalidInput(@TempDir Path dir) throws IOException {
        CliRun missing =
                CliRun.of("evaluate", SEED, "--as-of", AS_OF, "--bench", "rtx-4090-box=" + dir.resolve("none.json"));
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(3);
        assertThat(missing.err()).contains("none.json").doesNotContain("Exception");
        Path report = dir.resolve("report.json");
        Files.writeString(
                report,
                CliRun.of("evaluate", SEED, "--as-of", AS_OF, "-f", "json").out());
        CliRun wrong = CliRun.of("evaluate", SEED, "--as-of", AS_OF, "--bench", "rtx-4090-box=" + report);
        assertThat(wrong.exitCode()).as(wrong.err()).isEqualTo(3);
        assertThat(wrong.err()).contains(report.toString()).doesNotContain("Exception");
    }
}
