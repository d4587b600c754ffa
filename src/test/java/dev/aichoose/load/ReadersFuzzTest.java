package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aichoose.catalog.CatalogImport;
import dev.aichoose.diff.EvaluationJson;
import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.input.InputFiles;
import dev.aichoose.input.InputKind;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fuzz harness in the normal build: seeded, byte-level mutations of real inputs (a scenario, a price
 * book, a bench result, an evaluation report, a LiteLLM price list) through every reader, within a
 * fixed budget of mutants and seconds. Each must either read or fail with {@link InputException} whose
 * every diagnostic names the file and, when the problem is in the text, its line: never another
 * exception (exit 1), never a stack trace. A failing mutant is written out with its seed to reproduce.
 * The seeds are fixed and every mutant runs, however busy the machine: the same mutants on every run,
 * so a failure is reproducible and a pass means the same thing. No run is timed; the limit on each
 * input is only there so that a reader that hangs fails the build instead of stopping it, and is
 * far above any run's time. {@code -Dfuzz.seed=N -Dfuzz.mutants=M} explores more.
 */
class ReadersFuzzTest {
    /** Mutants per input: all of them are read. */
    static final int MUTANTS = Integer.getInteger("fuzz.mutants", 200);

    static final long SEED = Long.getLong("fuzz.seed", 24);

    /** What a mutation may insert: YAML's and JSON's own characters, controls, broken UTF-8, numbers. */
    static final String[] PIECES = {
        "*",
        "&a ",
        "*a",
        "---\n",
        "...\n",
        "!!python/object ",
        "{",
        "}",
        "[",
        "]",
        ":",
        ": ",
        "- ",
        "#",
        "\"",
        "'",
        "\\",
        "\t",
        "\r",
        "\n",
        "\u0000",
        "\u0085",
        "\u2028",
        "\uFEFF",
        "1e400",
        "-0",
        "9".repeat(400),
        ".inf",
        "0x1F",
        "1_000",
        "null",
        "~",
        "true",
        "NaN",
        "\"\\u0000\"",
        "<<: *a\n",
        "? ",
        "|\n",
        ">-\n",
        "%YAML 1.2\n",
        "é",
        "😀",
        "a".repeat(2000)
    };

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang, never a speed
    void aScenarioNeverBreaksTheReader() throws IOException {
        ScenarioLoader loader =
                new ScenarioLoader(Fixtures.catalog(), (file, slo) -> BenchCapacity.read(file, slo), Map.of());
        fuzz("scenario.yaml", Files.readString(Path.of("scenarios/support-bot-h100.yaml")), loader::load);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang, never a speed
    void aPriceBookNeverBreaksTheReader() throws IOException {
        String book = Files.readString(Path.of("pricing/api-models.yaml"));
        fuzz(
                "book.yaml",
                book.substring(0, Math.min(book.length(), 6_000)),
                file -> CatalogLoader.parse(List.of(file)));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang, never a speed
    void aBenchResultNeverBreaksTheReader() {
        fuzz("bench.json", BENCH, BenchResultReader::read);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang, never a speed
    void anEvaluationReportNeverBreaksTheReader() throws IOException {
        String report = Files.readString(Path.of("src/test/resources/golden/json/legal-hybrid.json"));
        fuzz("report.json", report, file -> {
            try (Reader r = InputFiles.open(file, InputKind.EVALUATION_REPORT)) {
                EvaluationJson.read(file.toString(), "A", r);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang, never a speed
    void aPriceListNeverBreaksTheImport() throws IOException {
        String list = Files.readString(Path.of("src/test/resources/catalog/litellm-trimmed.json"));
        fuzz("prices.json", list.substring(0, Math.min(list.length(), 6_000)), file -> {
            try (Reader r = InputFiles.open(file, InputKind.PRICE_LIST)) {
                CatalogImport.read(
                        CatalogImport.Format.LITELLM,
                        file.toString(),
                        r,
                        LocalDate.of(2026, 12, 1),
                        Fixtures.catalog());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void fuzz(String name, String original, Consumer<Path> reader) {
        Random random = new Random(SEED ^ name.hashCode());
        byte[] bytes = original.getBytes(StandardCharsets.UTF_8);
        int refused = 0;
        for (int run = 0; run < MUTANTS; run++) {
            byte[] mutant = mutate(bytes, random);
            Path file = dir.resolve(name);
            try {
                Files.write(file, mutant);
                reader.accept(file);
            } catch (InputException e) {
                refused++;
                for (Diagnostic d : e.diagnostics()) {
                    assertThat(d.file()).as("mutant %d of %s", run, name).isEqualTo(file.toString());
                    assertThat(d.toString()).doesNotContain("Exception").doesNotContain("\tat ");
                }
            } catch (RuntimeException | Error e) {
                Path kept = Path.of("target", "fuzz-" + name + "-" + SEED + "-" + run);
                try {
                    Files.write(kept, mutant);
                } catch (IOException ignored) {
                    // the failure below says enough
                }
                fail("mutant " + run + " of " + name + " (kept as " + kept + ") broke the reader: " + e, e);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // the mutations reach the readers' error paths, not only harmless corners of the text
        assertThat(refused).as("mutants of %s refused with a diagnostic", name).isPositive();
    }

    /** One to four edits: a piece inserted, bytes flipped, deleted or repeated, the file cut short. */
    static byte[] mutate(byte[] in, Random random) {
        byte[] out = in;
        for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length);
            out = switch (random.nextInt(5)) {
                case 0 -> splice(out, at, 0, PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
                case 1 -> {
                    byte[] copy = out.clone();
                    if (copy.length > 0) copy[at] = (byte) random.nextInt(256);
                    yield copy;
                }
                case 2 -> splice(out, at, Math.min(out.length - at, 1 + random.nextInt(40)), new byte[0]);
                case 3 -> {
                    int length = Math.min(out.length - at, 1 + random.nextInt(200));
                    byte[] chunk = java.util.Arrays.copyOfRange(out, at, at + length);
                    yield splice(out, at, 0, chunk);
                }
                default -> java.util.Arrays.copyOf(out, at);
            };
        }
        return out;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    static final String BENCH = """
            {"schema": "aichoose.bench/v1", "endpoint": "http://127.0.0.1:8000/v1/chat/completions",
             "api": "openai", "model": "meta-llama/Llama-3.1-8B-Instruct", "started_at": "2026-12-01T00:00:00Z",
             "settings": {"requests": 10, "slo": {"ttft_ms": 500}, "find_max": {"outcome": "found"}}, "runs": [
              {"concurrency": 1, "requests": {"completed": 10, "failed": 1, "errors": {"http_503": 1}},
               "duration_s": 10, "request_throughput": 1, "output_tokens_per_second": 100,
               "total_tokens_per_second": 200, "ttft_ms": {"mean": 100, "p50": 90, "p90": 150, "p99": 200},
               "tpot_ms": {"mean": 20, "p50": 20, "p90": 25, "p99": 30}, "itl_ms": {"mean": 20, "p50": 20},
               "e2e_ms": {"mean": 2000, "p50": 2000, "p90": 2500, "p99": 3000}, "input_tokens": {"mean": 500},
               "output_tokens": {"mean": 100}, "token_counts_from": "server", "goodput_rps": 0.9,
               "retry_after_s_max": 2, "new_connections": 1, "connect_ms": {"mean": 1}, "chosen": true}]}
            """;
}
