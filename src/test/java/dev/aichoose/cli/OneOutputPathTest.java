package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.aichoose.bench.ScriptedServer;
import dev.aichoose.bench.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command's result takes one path (docs/reports.md, "Where the output goes"): standard output, or
 * {@code -o FILE} written atomically with its directories made; an unwritable place is exit 6 with one
 * line naming it, before any work; a directory where one file is written is a usage error (exit 2), and
 * the report commands write into it. Each case runs every command, in-process.
 */
class OneOutputPathTest {
    private static final String SEED = "scenarios/seed-example.yaml";
    private static final String AS_OF = "2026-11-24";
    private static final Path TREND = Path.of("src/test/resources/catalog/skypilot/trend");

    /** A bench's records, for bench merge: written once by a real bench run. */
    @TempDir
    static Path shared;

    private static Path records;

    @TempDir
    Path dir;

    /**
     * One command: its arguments without {@code -o}, the extension of the file it writes, whether it
     * prints its result on standard output when there is no {@code -o}, and whether {@code -o DIR} writes
     * into the directory (the report commands) rather than being refused.
     */
    record Command(
            String name, List<String> args, String extension, boolean printsWithoutOutput, boolean intoDirectory) {
        CliRun run(List<String> output) {
            List<String> all = new ArrayList<>(args);
            all.addAll(output);
            if (!name.startsWith("bench") || name.equals("bench merge")) return CliRun.of(all.toArray(String[]::new));
            try (ScriptedServer server =
                    ScriptedServer.start(Transcript.load("openai-vllm.sse").timed(2, 11, 0, 0))) {
                all.addAll(List.of("--endpoint", server.uri().toString()));
                return CliRun.of(all.toArray(String[]::new));
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void benchRecords() {
        Path result = shared.resolve("one.json");
        CliRun run = new Command("bench", bench(), "json", true, false).run(List.of("-o", result.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        records = shared.resolve("one.requests.jsonl");
    }

    private static List<String> bench() {
        return List.of(
                "bench",
                "--api",
                "openai",
                "--model",
                "m",
                "--requests",
                "3",
                "--warmup",
                "0",
                "--input-tokens",
                "20",
                "--output-tokens",
                "5");
    }

    static Stream<Command> commands() {
        return Stream.of(
                new Command("evaluate", List.of("evaluate", SEED, "-f", "json", "--as-of", AS_OF), "json", true, true),
                new Command(
                        "estimate",
                        List.of(
                                "estimate",
                                "--hardware",
                                "nvidia/h100-sxm",
                                "--model",
                                "meta/llama-3.3-70b-instruct",
                                "-f",
                                "json"),
                        "json",
                        true,
                        true),
                new Command("diff", List.of("diff", SEED, SEED, "-f", "json", "--as-of", AS_OF), "json", true, true),
                new Command(
                        "reconcile",
                        concat(
                                List.of("reconcile", ReconcileCommandTest.SCENARIO, "-f", "json"),
                                ReconcileCommandTest.january()),
                        "json",
                        true,
                        true),
                new Command("validate", List.of("validate", SEED, "--as-of", AS_OF), "txt", true, false),
                new Command("catalog list", List.of("catalog", "list", "-k", "gpu"), "txt", true, false),
                new Command(
                        "catalog import",
                        List.of("catalog", "import", "litellm", "src/test/resources/catalog/litellm-trimmed.json"),
                        "yaml",
                        true,
                        false),
                new Command(
                        "catalog diff",
                        List.of(
                                "catalog",
                                "diff",
                                "src/test/resources/catalog/diff/old.yaml",
                                "src/test/resources/catalog/diff/new.yaml"),
                        "json",
                        true,
                        false),
                // its table goes to standard output always; -o writes the trend a scenario reads
                new Command(
                        "catalog trend",
                        List.of(
                                "catalog",
                                "trend",
                                "skypilot",
                                TREND.resolve("2026-01-01") + "=2026-01-01",
                                TREND.resolve("2027-01-01") + "=2027-01-01"),
                        "yaml",
                        true,
                        false),
                new Command("bench", bench(), "json", true, false),
                // -o is required: the merged result has no other place
                new Command("bench merge", List.of("bench", "merge", "RECORDS"), "json", false, false));
    }

    /** Every command but bench merge prints its result when there is no -o, and writes no file. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void withoutOutputTheResultGoesToStandardOutput(Command command) throws IOException {
        CliRun run = withRecords(command).run(List.of());
        if (!command.printsWithoutOutput()) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Missing required option: '--output=FILE'");
            return;
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isNotBlank();
        assertThat(run.err()).doesNotContain("aichoose: wrote");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aNewFileInANewDirectoryIsWrittenAndSaid(Command command) throws IOException {
        Path file = dir.resolve("new/deeper/result." + command.extension());
        CliRun run = withRecords(command).run(List.of("-o", file.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(file).isNotEmptyFile();
        assertThat(run.err().lines()).anyMatch(l -> l.startsWith("aichoose: wrote " + file));
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void anExistingFileIsReplacedWholeAndKeepsItsPermissions(Command command) throws IOException {
        Path file = dir.resolve("result." + command.extension());
        Files.writeString(file, "an earlier result that is longer than nothing\n".repeat(2000));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CliRun run = withRecords(command).run(List.of("-o", file.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(file)).doesNotContain("an earlier result");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    /** A file where a directory should be: no one, root included, can write there. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aPlaceThatCannotBeWrittenIsExitSixInOneLineBeforeAnyWork(Command command) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Path file = notADirectory.resolve("result." + command.extension());
        CliRun run = withRecords(command).run(List.of("-o", file.toString()));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
        assertThat(run.err())
                .isEqualTo("aichoose: cannot write " + file + " (not a directory: " + notADirectory + ")"
                        + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aReadOnlyDirectoryIsExitSixInOneLineBeforeAnyWork(Command command) throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeFalse(Files.isWritable(readOnly), "this user (root) writes into read-only directories");
        Path file = readOnly.resolve("result." + command.extension());
        CliRun run = withRecords(command).run(List.of("-o", file.toString()));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
        assertThat(run.err())
                .isEqualTo("aichoose: cannot write " + file + " (permission denied: " + readOnly + ")"
                        + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    /** The report commands write into a directory as STEM.EXT; the others write one file, and say to name it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aPathThatIsADirectory(Command command) throws IOException {
        CliRun run = withRecords(command).run(List.of("-o", dir.toString()));
        if (command.intoDirectory()) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err().lines()).anyMatch(l -> l.startsWith("aichoose: wrote " + dir + "/"));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files)
                        .isNotEmpty()
                        .allMatch(f -> f.getFileName().toString().endsWith(".json"));
            }
            return;
        }
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().findFirst())
                .hasValue("aichoose: -o " + dir + " is a directory: this command writes one file; name it");
        assertThat(run.out()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static Command withRecords(Command command) {
        return new Command(
                command.name(),
                command.args().stream()
                        .map(a -> a.equals("RECORDS") ? records.toString() : a)
                        .toList(),
                command.extension(),
                command.printsWithoutOutput(),
                command.intoDirectory());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
