package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.load.CatalogLoader;
import dev.aichoose.model.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog import}, {@code catalog diff} and {@code catalog list}, run in-process on real files. */
class CatalogCommandTest {
    private static final Path RESOURCES = Path.of("src/test/resources/catalog");
    private static final Path GOLDEN = RESOURCES.resolve("golden");

    @TempDir
    Path dir;

    @Test
    void importsLitellmIntoALayerThatPricingReads() {
        Path layer = dir.resolve("litellm.yaml");
        CliRun run = CliRun.of(
                "catalog",
                "import",
                "litellm",
                RESOURCES.resolve("litellm-trimmed.json").toString(),
                "-o",
                layer.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("aichoose: imported ")
                .contains(" chat models from litellm (as of 2026-07-24)")
                .contains("skipped 11: mode embedding (not a chat model)")
                .contains(
                        "out of bounds: " + RESOURCES.resolve("litellm-trimmed.json") + ": wandb/openai/gpt-oss-120b: "
                                + "input_usd_per_mtok = $15000 per million tokens, above $1000 per million tokens (a unit error)")
                .contains("aichoose: wrote " + layer);
        Catalog c = CatalogLoader.load(List.of(layer));
        var gpt = c.apiModels().get("openai/gpt-5.6");
        assertThat(gpt.contextTokens()).isEqualTo(1_050_000);
        assertThat(gpt.cacheWriteUsdPerMtok()).isEqualTo(6.25);
        assertThat(gpt.provenance().source()).isEqualTo("litellm litellm-trimmed.json key \"gpt-5.6\"");
        assertThat(gpt.provenance().asOf()).hasToString("2026-07-24");
        assertThat(c.apiModels()).doesNotContainKey("wandb/gpt-oss-120b");
        // every chat model kept: one the mapping table does not know keeps a normalised id
        assertThat(c.apiModels()).containsKey("together/llama-3.3-70b").containsKey("dashscope/qwen-plus-2025-04-28");
    }

    @Test
    void importedLayerListsWithItsContextWindowsAndExtraPrices() {
        Path layer = dir.resolve("litellm.yaml");
        CliRun.of(
                "catalog",
                "import",
                "litellm",
                RESOURCES.resolve("litellm-trimmed.json").toString(),
                "-o",
                layer.toString());
        CliRun list = CliRun.of("catalog", "list", "-k", "api", "--pricing", layer.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out())
                .containsPattern("openai/gpt-5\\.6 +5\\.000 +0\\.500 +30\\.00 +1050k +frontier "
                        + "2026-07-24  write 6\\.25, >272k 10/45, batch, flex, priority");
    }

    @Test
    void openRouterAndGenaiPricesNeedTheDateTheirFilesDoNotCarry() {
        CliRun run = CliRun.of(
                "catalog",
                "import",
                "openrouter",
                RESOURCES.resolve("openrouter-trimmed.json").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .startsWith(RESOURCES.resolve("openrouter-trimmed.json") + ":1:1: an OpenRouter models list "
                        + "has no date of its own; give the day it was fetched with --as-of YYYY-MM-DD");
        CliRun ok = CliRun.of(
                "catalog",
                "import",
                "openrouter",
                RESOURCES.resolve("openrouter-trimmed.json").toString(),
                "--as-of",
                "2026-08-01");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out())
                .contains("  - id: \"openrouter/llama-3.3-70b\"")
                .contains("    open_weight: true")
                .contains("boundary: at_or_above");
        CliRun genai = CliRun.of(
                "catalog",
                "import",
                "genai-prices",
                RESOURCES.resolve("genai-prices-trimmed.json").toString(),
                "--as-of",
                "2026-08-21");
        assertThat(genai.exitCode()).as(genai.err()).isZero();
        assertThat(genai.err()).contains("no input and output token price (embedding, image or audio model)");
        assertThat(genai.out())
                .contains("  - id: \"anthropic/claude-opus-4-6\"")
                .contains("cache_write_1h_usd_per_mtok: 10");
    }

    @Test
    void aTruncatedFileIsExit3WithThePositionAndNoLayerWritten() throws IOException {
        String full = Files.readString(RESOURCES.resolve("litellm-trimmed.json"));
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, full.substring(0, full.length() / 2));
        Path layer = dir.resolve("layer.yaml");
        CliRun run = CliRun.of("catalog", "import", "litellm", cut.toString(), "-o", layer.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .matches("(?s)" + java.util.regex.Pattern.quote(cut.toString()) + ":\\d+:\\d+: syntax error: .*");
        assertThat(layer).doesNotExist();
        assertThat(dir.toFile().list()).containsExactly("cut.json");
    }

    @Test
    void aMalformedFileIsExit3AtTheBadCharacter() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"last_updated\": \"2026-07-24\",\n  \"gpt-x\": {\"mode\": \"chat\",, }\n}\n");
        CliRun run = CliRun.of("catalog", "import", "litellm", bad.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith(bad + ":3:28: syntax error:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anotherSourcesFileIsExit3NotAnEmptyLayer() throws IOException {
        Path layer = dir.resolve("layer.yaml");
        // an OpenRouter list read as LiteLLM is an object too, but none of its entries is a model
        CliRun run = CliRun.of(
                "catalog",
                "import",
                "litellm",
                RESOURCES.resolve("openrouter-trimmed.json").toString(),
                "--as-of",
                "2026-08-01",
                "-o",
                layer.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .startsWith(RESOURCES.resolve("openrouter-trimmed.json") + ":1:1: no chat model to import "
                        + "(skipped 1 no mode given, 2 not a model object); is this a litellm file?");
        assertThat(layer).doesNotExist();
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "[]");
        CliRun none = CliRun.of("catalog", "import", "genai-prices", empty.toString(), "--as-of", "2026-08-21");
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.err()).startsWith(empty + ":1:1: no chat model to import (the file lists no models)");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun run = CliRun.of("catalog", "import", "portkey", "x.json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("unknown format 'portkey': expected litellm, openrouter, genai-prices or skypilot");
    }

    @Test
    void diffShowsWhatRoseFellAppearedAndWentInEachFormat() throws IOException {
        for (String format : List.of("table", "md", "json")) {
            CliRun run = CliRun.of(
                    "catalog",
                    "diff",
                    RESOURCES.resolve("diff/old.yaml").toString(),
                    RESOURCES.resolve("diff/new.yaml").toString(),
                    "-f",
                    format);
            assertThat(run.exitCode()).as(run.err()).isZero();
            golden("diff." + (format.equals("table") ? "txt" : format), run.out());
        }
    }

    @Test
    void diffReadsACatalogAtAGitRevision() {
        CliRun run = CliRun.of("catalog", "diff", "pricing@HEAD", "pricing", "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("\"schema\" : \"aichoose.catalog-diff/v1\"")
                .contains("\"before\" : \"pricing@HEAD\"");
        CliRun missing = CliRun.of("catalog", "diff", "pricing@no-such-revision", "pricing");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).startsWith("pricing@no-such-revision: git ls-tree no-such-revision failed:");
    }

    @Test
    void listShowsCardsSystemsEstimatesAndRanges() {
        CliRun run = CliRun.of("catalog", "list", "-k", "gpu");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("dense BF16 TFLOPS")
                .contains("~ an estimate")
                .containsPattern("nvidia/l4 +~2500 \\(1800-2500\\) +1× +24 +300 +121 +72 +datacenter")
                .containsPattern("nvidia/h100-pcie +no card price")
                .containsPattern("nvidia/l4-4x-server +24000 +4× .*\\(4 × nvidia/l4\\)");
        assertThat(run.err()).isEmpty();
    }

    private static void golden(String name, String actual) throws IOException {
        Path expected = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual)
                .as("against %s (-Dgolden.update=true rewrites it)", expected)
                .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    /** As for the reports: without -f, -o's extension names the format; a contradiction is refused before any work. */
    @Test
    void catalogDiffTakesItsFormatFromTheExtension() throws IOException {
        String old = RESOURCES.resolve("diff/old.yaml").toString();
        String now = RESOURCES.resolve("diff/new.yaml").toString();
        Path md = dir.resolve("changes.md");
        CliRun run = CliRun.of("catalog", "diff", old, now, "-o", md.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(md)).startsWith("### Price changes");
        CliRun json = CliRun.of(
                "catalog", "diff", old, now, "-o", dir.resolve("changes.json").toString());
        assertThat(Files.readString(dir.resolve("changes.json"))).contains("\"schema\" : \"aichoose.catalog-diff/v1\"");
        CliRun contradiction = CliRun.of(
                "catalog",
                "diff",
                old,
                now,
                "-f",
                "json",
                "-o",
                dir.resolve("x.md").toString());
        assertThat(contradiction.exitCode()).isEqualTo(2);
        assertThat(contradiction.err()).startsWith("aichoose: -f json does not match -o " + dir.resolve("x.md"));
        assertThat(dir.resolve("x.md")).doesNotExist();
        assertThat(json.exitCode()).isZero();
    }
}
