package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile input file of issue 24, run through the real command line: each ends with its
 * documented exit code and a message that names the file, never exit 1, never an input written over,
 * never a secret echoed. (The hostile servers are the bench's tests.)
 */
class HostileInputTest {
    static final String SEED = "scenarios/seed-example.yaml";
    static final String SECRET = "FAKETOKEN_b3c1d2e4f5a6978812345678abcdef";

    @TempDir
    Path dir;

    private String seed() throws IOException {
        return Files.readString(Path.of(SEED));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** The seed scenario with its box measured by the bench file at {@code path}. */
    private Path benched(String name, String path) throws IOException {
        return write(name, seed().replace("tokens_per_second: 120", "bench: " + path));
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is available");
    }

    // ---- sizes and time

    @Test
    void aLongCommentWithinTheLimitIsReadAndOneBeyondItIsRefusedBeforeParsing() throws IOException {
        Path ok = write("comment.yaml", "#" + "a".repeat(2_000_000) + "\n" + seed());
        assertThat(CliRun.of("validate", ok.toString()).exitCode()).isZero();
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(700L << 20); // sparse: the size is what is checked, before a byte is read
        }
        CliRun run = CliRun.of("validate", big.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo(big + ": the file is 700 MiB; a scenario may be at most 4 MiB (docs/reports.md, "
                        + "\"Limits on input files\")" + System.lineSeparator());
    }

    @Test
    void aPriceBookBeyondTheOldThreeMillionCodePointsIsRead() throws IOException {
        Path book = write(
                "book/a.yaml",
                "# " + "x".repeat(3_500_000) + "\napi_models:\n  - {id: acme/chat, provider: acme, "
                        + "input_usd_per_mtok: 1, output_usd_per_mtok: 2, as_of: 2026-11-01, source: test}\n");
        CliRun run = CliRun.of(
                "catalog", "list", "-k", "api", "--pricing", book.getParent().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("acme/chat");
    }

    @Test
    void tooManyOptionsAreRefusedWithTheLimit() throws IOException {
        StringBuilder yaml = new StringBuilder(seed().substring(0, seed().indexOf("options:")))
                .append("horizon_months_note: x\noptions:\n");
        for (int i = 0; i < 10_001; i++) yaml.append("  - {id: a").append(i).append(", api: {model: openai/gpt-4}}\n");
        Path s = write("many.yaml", yaml.toString().replace("horizon_months_note: x\n", ""));
        CliRun run = CliRun.of("validate", s.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("options: 10,001 options over 12 months; a scenario may list at most 10,000");
    }

    // ---- what is not a regular file

    @Test
    void aFifoIsRefusedAndNeverWaitedOn() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        mkfifo(fifo);
        CliRun run = CliRun.of("validate", fifo.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains(fifo + ": not a regular file (a FIFO, device or socket), not a scenario");
        Path book = Files.createDirectory(dir.resolve("book"));
        mkfifo(book.resolve("a.yaml"));
        run = CliRun.of("validate", SEED, "--pricing", book.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("a.yaml: not a regular file (a FIFO, device or socket), not a price book");
    }

    @Test
    void devicesDirectoriesAndTheKernelsFilesAreRefused() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")) && Files.exists(Path.of("/proc/self/environ")));
        CliRun zero = CliRun.of("validate", "/dev/zero");
        assertThat(zero.exitCode()).isEqualTo(3);
        assertThat(zero.err()).contains("/dev/zero: not a regular file");
        CliRun benchZero = CliRun.of("validate", benched("z.yaml", "/dev/zero").toString());
        assertThat(benchZero.exitCode()).isEqualTo(3);
        assertThat(benchZero.err()).contains("bench: /dev/zero: not a regular file");
        CliRun environ =
                CliRun.of("validate", benched("e.yaml", "/proc/self/environ").toString());
        assertThat(environ.exitCode()).isEqualTo(3);
        assertThat(environ.err()).contains("/proc/self/environ: a file of the kernel's /proc, not a bench result");
        CliRun directory = CliRun.of(
                "validate", Files.createDirectory(dir.resolve("d.yaml")).toString());
        assertThat(directory.exitCode()).isEqualTo(3);
        assertThat(directory.err()).contains("d.yaml: a directory, not a scenario");
    }

    // ---- encodings, characters, documents

    @Test
    void aByteThatIsNotUtf8IsLocated() throws IOException {
        Path s = dir.resolve("latin1.yaml");
        Files.write(s, "name: Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = CliRun.of("validate", s.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith(s + ":1:10: the byte 0xE9 here is not UTF-8");
    }

    @Test
    void aNulByteIsLocatedWhereItStands() throws IOException {
        Path s = write("nul.yaml", "name: x\nhorizon_months: 12\nworkload: {queries_per_month: 1\u0000}\n");
        CliRun run = CliRun.of("validate", s.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith(s + ":3:32: syntax error: the character U+0000 (NULL) is not allowed in YAML");
    }

    @Test
    void aSecondDocumentAnAliasAndAnEmptyOptionsKeyAreErrors() throws IOException {
        CliRun two = CliRun.of(
                "validate", write("two.yaml", seed() + "---\nname: second\n").toString());
        assertThat(two.exitCode()).isEqualTo(3);
        assertThat(two.err()).contains("a second YAML document starts here");
        CliRun alias = CliRun.of(
                "validate",
                write("alias.yaml", seed().replaceFirst("(?m)^name: .*$", "name: *q"))
                        .toString());
        assertThat(alias.exitCode()).isEqualTo(3);
        assertThat(alias.err()).contains(":6:7: the alias *q is not supported");
        String base = seed().substring(0, seed().indexOf("options:"));
        for (String options : new String[] {"options:\n", "options: []\n"}) {
            CliRun empty =
                    CliRun.of("validate", write("empty.yaml", base + options).toString());
            assertThat(empty.exitCode()).as(options).isEqualTo(3);
            assertThat(empty.err()).as(options).contains("options: the list is empty");
        }
    }

    // ---- secrets

    @Test
    void aBenchPathToAFileOfSecretsNeverEchoesThem() throws IOException {
        Path token = write("token.txt", SECRET + "\n");
        Path credentials = write("credentials.json", "{\"schema\": \"" + SECRET + "\", \"" + SECRET + "\": 1}");
        Path yaml = write("key.yaml", "api_key: " + SECRET + "\n" + SECRET + ": x\n");
        for (Path file : new Path[] {token, credentials, yaml}) {
            CliRun run =
                    CliRun.of("validate", benched("s.yaml", file.toString()).toString());
            assertThat(run.exitCode()).as(file.toString()).isEqualTo(3);
            assertThat(run.out() + run.err()).as(file.toString()).doesNotContain(SECRET);
            CliRun asScenario = CliRun.of("validate", file.toString());
            assertThat(asScenario.exitCode()).isEqualTo(3);
            assertThat(asScenario.out() + asScenario.err()).doesNotContain(SECRET);
        }
    }

    // ---- outputs over inputs

    @Test
    void noCommandWritesOverItsOwnInput() throws IOException {
        Path scenario = write("s.yaml", seed());
        Path bench = write("o/bench.json", BenchCapacityFixture.JSON);
        Path benchedScenario = benched("o/benched.yaml", "bench.json");
        Path prices = write("prices.json", litellm(3));
        Path link = dir.resolve("link.yaml");
        Files.createSymbolicLink(link, scenario.getFileName());
        Path hard = dir.resolve("hard.yaml");
        Files.createLink(hard, scenario);
        String[][] commands = {
            {"evaluate", scenario.toString(), "-f", "json", "-o", scenario.toString()},
            {"evaluate", scenario.toString(), "-f", "json", "-o", link.toString()},
            {"evaluate", scenario.toString(), "-f", "json", "-o", hard.toString()},
            {"evaluate", dir + "/./s.yaml", "-f", "json", "-o", dir + "/../" + dir.getFileName() + "/s.yaml"},
            {"evaluate", benchedScenario.toString(), "-f", "json", "-o", bench.toString()},
            {"evaluate", SEED, "--bench", "rtx-4090-box=" + bench, "-f", "json", "-o", bench.toString()},
            {"diff", scenario.toString(), SEED, "-f", "md", "-o", scenario.toString()},
            {"catalog", "import", "litellm", prices.toString(), "-o", prices.toString()},
        };
        for (String[] command : commands) {
            String before = Files.readString(scenario) + Files.readString(bench) + Files.readString(prices);
            CliRun run = CliRun.of(command);
            assertThat(run.exitCode())
                    .as(String.join(" ", command) + "\n" + run.err())
                    .isEqualTo(2);
            assertThat(run.err()).contains("an input of this command: refusing to write over it");
            assertThat(Files.readString(scenario) + Files.readString(bench) + Files.readString(prices))
                    .isEqualTo(before);
            assertThat(Files.isSymbolicLink(link)).isTrue();
        }
    }

    @Test
    void aReportKeepsTheFilesPermissionsAndWritesThroughALink() throws IOException {
        Path report = write("private.json", "{}");
        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-------"));
        Path link = dir.resolve("link.json");
        Files.createSymbolicLink(link, report.getFileName());
        assertThat(CliRun.of("evaluate", SEED, "-o", link.toString()).exitCode())
                .isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(report)).contains("\"schema\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
                .isEqualTo("rw-------");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aReportThatCannotBeWrittenIsExitSix() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/full")));
        CliRun full = CliRun.of("evaluate", SEED, "-f", "json", "-o", "/dev/full");
        assertThat(full.exitCode()).isEqualTo(6);
        assertThat(full.err())
                .isEqualTo("aichoose: cannot write /dev/full (No space left on device)" + System.lineSeparator());
        Path notADirectory = write("file", "x");
        CliRun under = CliRun.of(
                "catalog",
                "import",
                "litellm",
                write("p.json", litellm(2)).toString(),
                "-o",
                notADirectory.resolve("layer.yaml").toString());
        assertThat(under.exitCode()).isEqualTo(6);
        assertThat(under.err()).contains("cannot write " + notADirectory.resolve("layer.yaml"));
    }

    // ---- numbers, rules, counts

    @Test
    void numbersOfAnySizeAreInputErrorsNotCrashes() throws IOException {
        CliRun huge = CliRun.of(
                "catalog",
                "import",
                "litellm",
                write("p.json", litellm(2).replaceFirst("1e-06,", "1e308,")).toString());
        assertThat(huge.exitCode()).as(huge.err()).isZero();
        assertThat(huge.err()).contains("input_usd_per_mtok is too large to be a price");
        // found by ReadersFuzzTest: a latency target that is not a number was NaN in the model, exit 1
        CliRun slo = CliRun.of(
                "validate",
                write(
                                "slo.yaml",
                                seed().replace(
                                                "  peak_to_average: 3.0\n",
                                                "  peak_to_average: 3.0\n  slo: {ttft_ms: fast}\n"))
                        .toString());
        assertThat(slo.exitCode()).as(slo.err()).isEqualTo(3);
        assertThat(slo.err()).contains("workload.slo.ttft_ms: expected a number");
        CliRun rule = CliRun.of("evaluate", SEED, "--fail-if", "tco_usd > " + "9".repeat(3_000));
        assertThat(rule.exitCode()).isEqualTo(2);
        assertThat(rule.err())
                .contains("characters long; a rule is at most 120")
                .doesNotContain("Exception");
    }

    @Test
    void diffFailsItsRulesWhenNothingIsFeasibleInB() throws IOException {
        Path nothing = write(
                "nothing.yaml",
                seed().replace("offline_required: false", "offline_required: true")
                        .replace("tokens_per_second: 120", "tokens_per_second: 0.01"));
        CliRun run = CliRun.of("diff", SEED, nothing.toString(), "-f", "json", "--fail-if", "tco_change_pct > 1000");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err())
                .contains("--fail-if 'tco_change_pct > 1000' cannot be checked: no option is feasible in B");
        assertThat(run.out()).contains("\"verdict_changed\" : true");
    }

    @Test
    void anImportOfTwelveThousandModelsIsReadBackAndAnEmptyKeyIsNoId() throws IOException {
        Path layer = dir.resolve("layer.yaml");
        CliRun run = CliRun.of(
                "catalog", "import", "litellm", write("p.json", litellm(12_000)).toString(), "-o", layer.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("imported 12000 chat models").contains("skipped 1");
        assertThat(Files.readString(layer)).doesNotContain("id: \"/\"");
        CliRun read = CliRun.of("catalog", "list", "-k", "api", "--pricing", layer.toString());
        assertThat(read.exitCode()).as(read.err()).isZero();
        assertThat(read.out()).contains("openai/model-number-11999");
    }

    @Test
    void aLoadBeyondAnyFleetIsDescribedInWholeNumbers() throws IOException {
        Path s = write(
                "huge.yaml",
                seed().replace("queries_per_month: 100000", "queries_per_month: 1000000000000")
                        .replace("tokens_per_second: 120", "tokens_per_second: 0.01"));
        CliRun run = CliRun.of("evaluate", s.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).doesNotContain("2147483647").contains("replicas would carry");
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreEscapedAndNumbersStayNumbers() throws IOException {
        Path s = write("f.yaml", seed().replace("id: gpt-4", "id: \"=HYPERLINK(\\\"http://x.invalid\\\")\""));
        CliRun run = CliRun.of("evaluate", s.toString(), "-f", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"'=HYPERLINK(\"\"http://x.invalid\"\")\",api,");
        assertThat(run.out().lines().skip(1)).noneMatch(l -> l.startsWith("="));
    }

    /** A LiteLLM price list of {@code models} chat models, and one with an empty key. */
    static String litellm(int models) {
        StringBuilder b = new StringBuilder("{\"last_updated\": \"2026-12-01\",\n");
        for (int i = 0; i < models; i++) {
            b.append("\"openai/model-number-")
                    .append(i)
                    .append(
                            "\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\", \"input_cost_per_token\": 1e-06,"
                                    + " \"output_cost_per_token\": 2e-06},\n");
        }
        return b.append("\"\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\", \"input_cost_per_token\": 1e-06,"
                        + " \"output_cost_per_token\": 2e-06}}\n")
                .toString();
    }

    /** A bench result of two runs, as the bench writes it. */
    static final class BenchCapacityFixture {
        static final String JSON = """
                {"schema": "aichoose.bench/v1", "endpoint": "http://127.0.0.1:8000/v1/chat/completions",
                 "api": "openai", "model": "meta-llama/Llama-3.1-8B-Instruct", "started_at": "2026-12-01T00:00:00Z",
                 "settings": {}, "runs": [
                  {"concurrency": 1, "requests": {"completed": 10, "failed": 0, "errors": {}}, "duration_s": 10,
                   "request_throughput": 1, "output_tokens_per_second": 100, "total_tokens_per_second": 200,
                   "ttft_ms": {"mean": 100, "p50": 90, "p90": 150, "p99": 200},
                   "tpot_ms": {"mean": 20, "p50": 20, "p90": 25, "p99": 30},
                   "itl_ms": {"mean": 20, "p50": 20, "p90": 25, "p99": 30},
                   "e2e_ms": {"mean": 2000, "p50": 2000, "p90": 2500, "p99": 3000},
                   "input_tokens": {"mean": 500}, "output_tokens": {"mean": 100}, "token_counts_from": "server"}]}
                """;
    }
}
