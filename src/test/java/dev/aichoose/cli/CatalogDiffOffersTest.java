package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog diff} on imported rented offers and hardware: new, gone and changed $/GPU-hour with the percentage. */
class CatalogDiffOffersTest {
    static final Path TREND = Path.of("src/test/resources/catalog/skypilot/trend");

    @TempDir
    Path dir;

    @Test
    void offersAndHardwareInEveryFormat() throws Exception {
        Path before = dir.resolve("before");
        Path after = dir.resolve("after");
        Files.createDirectories(before);
        Files.createDirectories(after);
        assertThat(CliRun.of(
                                "catalog",
                                "import",
                                "skypilot",
                                TREND.resolve("2026-01-01").toString(),
                                "--as-of",
                                "2026-01-01",
                                "-o",
                                before.resolve("offers.yaml").toString())
                        .exitCode())
                .isZero();
        assertThat(CliRun.of(
                                "catalog",
                                "import",
                                "skypilot",
                                TREND.resolve("2026-07-02").toString(),
                                "--as-of",
                                "2026-07-02",
                                "--region",
                                "us-east-1",
                                "-o",
                                after.resolve("offers.yaml").toString())
                        .exitCode())
                .isZero();
        // the later side also lists a card with no card price and drops one offer
        Files.writeString(after.resolve("gpus.yaml"), """
                gpus:
                  - {id: nvidia/a100-40gb-sxm, name: A100 40GB, vram_gb: 40, memory_bandwidth_gbps: 1555, tdp_w: 400, as_of: 2026-12-06, source: test}
                """);
        Files.writeString(
                after.resolve("offers.yaml"),
                Files.readString(after.resolve("offers.yaml"))
                        .replaceAll("(?s)  - id: \"lambda/gpu_8x_h100_sxm5\".*?source: [^\\n]*\\n", ""));

        CliRun table = CliRun.of("catalog", "diff", before.toString(), after.toString());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("0 rose, 6 fell, 1 appeared, 1 went")
                .containsPattern("fell +cloud lambda/gpu_1x_h100_sxm5 +usd_per_gpu_hour +3.29 +2.961 +-10.0%")
                // the PCIe offer kept its price: not listed
                .doesNotContain("gpu_1x_h100_pcie")
                .containsPattern("went +cloud lambda/gpu_8x_h100_sxm5 +usd_per_gpu_hour +2.99 +-")
                .containsPattern("appeared gpu +nvidia/a100-40gb-sxm +price_usd +- +-");
        CliRun md = CliRun.of("catalog", "diff", before.toString(), after.toString(), "-f", "md");
        assertThat(md.out())
                .contains("| ▼ fell | cloud | `lambda/gpu_1x_h100_sxm5` | usd_per_gpu_hour | 3.29 | 2.961 | -10.0% |");
        CliRun json = CliRun.of("catalog", "diff", before.toString(), after.toString(), "-f", "json");
        assertThat(json.out())
                .contains("\"fell\" : 6")
                .containsSubsequence(
                        "\"id\" : \"lambda/gpu_1x_h100_sxm5\"",
                        "\"before\" : 3.29",
                        "\"after\" : 2.961",
                        "\"change_share\" : -0.1");
    }
}
