package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.load.CatalogLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code catalog import skypilot} on real SkyPilot rows (src/test/resources/catalog/README.md); every
 * expected figure is the row's Price (or SpotPrice) over its AcceleratorCount, worked out by hand.
 */
class SkypilotImportTest {
    static final Path V7 = Path.of("src/test/resources/catalog/skypilot/v7");

    @TempDir
    Path dir;

    private Catalog imported(String... extra) {
        Path layer = dir.resolve("offers.yaml");
        List<String> args = new java.util.ArrayList<>(List.of(
                "catalog", "import", "skypilot", V7.toString(), "--as-of", "2026-12-01", "-o", layer.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        lastErr = run.err();
        // read back as a price book over the shipped catalogs: every GPU id must exist
        return CatalogLoader.load(List.of(layer));
    }

    private String lastErr;

    private static void offer(Catalog c, String id, String gpu, int gpus, double perGpu, String tier, String region) {
        CloudOffer o = c.cloudOffers().get(id);
        assertThat(o).as(id).isNotNull();
        assertThat(o.gpu()).as(id).isEqualTo(gpu);
        assertThat(o.gpus()).as(id).isEqualTo(gpus);
        assertThat(o.usdPerGpuHour()).as(id).isCloseTo(perGpu, within(1e-9));
        assertThat(o.tier()).as(id).isEqualTo(tier);
        assertThat(o.region()).as(id).isEqualTo(region);
        assertThat(o.provider()).as(id).isEqualTo(id.substring(0, id.indexOf('/')));
        assertThat(o.provenance().asOf()).hasToString("2026-12-01");
    }

    @Test
    void everyGpuRowOfTwoCloudsBecomesTheRightOffer() {
        Catalog c = imported();
        // AWS: cheapest region per instance type; equal prices go to the region first in alphabetical order
        offer(c, "aws/g6e.48xlarge", "nvidia/l40s", 8, 30.13118 / 8, "on_demand", "us-east-2");
        offer(c, "aws/g6e.48xlarge-spot", "nvidia/l40s", 8, 3.0131 / 8, "spot", "us-east-2");
        offer(c, "aws/g6e.xlarge", "nvidia/l40s", 1, 1.861, "on_demand", "us-east-1");
        offer(c, "aws/g6e.xlarge-spot", "nvidia/l40s", 1, 0.6463, "spot", "eu-north-1");
        offer(c, "aws/gr6.8xlarge", "nvidia/l4", 1, 2.4464, "on_demand", "us-east-2");
        offer(c, "aws/gr6.8xlarge-spot", "nvidia/l4", 1, 0.3974, "spot", "eu-north-1");
        // A100 40 GB and 80 GB are different cards: GpuInfo's memory says which
        offer(c, "aws/p4d.24xlarge", "nvidia/a100-40gb-sxm", 8, 32.7726 / 8, "on_demand", "us-east-1");
        offer(c, "aws/p4d.24xlarge-spot", "nvidia/a100-40gb-sxm", 8, 5.4287 / 8, "spot", "us-east-2");
        offer(c, "aws/p4de.24xlarge", "nvidia/a100-80gb-sxm", 8, 40.96575 / 8, "on_demand", "us-east-1");
        offer(c, "aws/p4de.24xlarge-spot", "nvidia/a100-80gb-sxm", 8, 6.8849 / 8, "spot", "us-west-2");
        offer(c, "aws/p5.48xlarge", "nvidia/h100-sxm", 8, 98.32 / 8, "on_demand", "us-east-1");
        offer(c, "aws/p5.48xlarge-spot", "nvidia/h100-sxm", 8, 14.3773 / 8, "spot", "us-east-2");
        // p5e lists no on-demand price: a spot offer only
        assertThat(c.cloudOffers()).doesNotContainKey("aws/p5e.48xlarge");
        offer(c, "aws/p5e.48xlarge-spot", "nvidia/h200-sxm", 8, 14.4663 / 8, "spot", "us-east-2");
        offer(c, "aws/p5en.48xlarge", "nvidia/h200-sxm", 8, 84.8 / 8, "on_demand", "us-east-1");
        offer(c, "aws/p5en.48xlarge-spot", "nvidia/h200-sxm", 8, 15.4924 / 8, "spot", "us-east-2");
        // Lambda: the same price in every region, so the first region alphabetically; no spot prices
        offer(c, "lambda/gpu_8x_a100", "nvidia/a100-40gb-sxm", 8, 1.29, "on_demand", "us-east-1");
        offer(c, "lambda/gpu_1x_a100_sxm4", "nvidia/a100-40gb-sxm", 1, 1.29, "on_demand", "asia-south-1");
        offer(c, "lambda/gpu_8x_a100_80gb_sxm4", "nvidia/a100-80gb-sxm", 8, 1.79, "on_demand", "us-east-1");
        // both say H100, 80 GB: the instance type names the form factor
        offer(c, "lambda/gpu_1x_h100_pcie", "nvidia/h100-pcie", 1, 2.49, "on_demand", "us-east-1");
        offer(c, "lambda/gpu_1x_h100_sxm5", "nvidia/h100-sxm", 1, 3.29, "on_demand", "us-east-1");
        offer(c, "lambda/gpu_2x_h100_sxm5", "nvidia/h100-sxm", 2, 3.19, "on_demand", "us-east-1");
        offer(c, "lambda/gpu_4x_h100_sxm5", "nvidia/h100-sxm", 4, 3.09, "on_demand", "us-east-1");
        offer(c, "lambda/gpu_8x_h100_sxm5", "nvidia/h100-sxm", 8, 2.99, "on_demand", "us-south-1");
        long imported = c.cloudOffers().keySet().stream()
                .filter(id -> id.startsWith("aws/") && id.contains(".") || id.startsWith("lambda/gpu_"))
                .count();
        assertThat(imported).isEqualTo(23);
        assertThat(c.cloudOffers().keySet()).noneMatch(id -> id.contains("a1.large") || id.contains("g6f"));
        assertThat(lastErr)
                .contains(
                        "imported 23 rented offers (15 on-demand, 8 spot) from skypilot (as of 2026-12-01) out of 46 rows")
                .contains("skipped 4: CPU only (no accelerator)")
                .contains("skipped 1: fractional GPU (AcceleratorCount below 1)")
                .contains("skipped 1: no price")
                .contains("unmapped accelerator, 1 rows: GH200, 96 GiB: no mapping")
                .contains("unmapped accelerator, 2 rows: V100-32GB, 32 GiB: no mapping");
    }

    @Test
    void regionFilterAndAllRegions() {
        Catalog c = imported("--region", "eu-.*");
        offer(c, "aws/g6e.xlarge", "nvidia/l40s", 1, 1.974, "on_demand", "eu-north-1");
        offer(c, "aws/p5.48xlarge", "nvidia/h100-sxm", 8, 105.2024 / 8, "on_demand", "eu-north-1");
        assertThat(c.cloudOffers())
                .doesNotContainKey("aws/p5.48xlarge-spot")
                .doesNotContainKey("lambda/gpu_1x_h100_sxm5");
        assertThat(lastErr).contains("region not matched by --region");

        Catalog all = imported("--all-regions");
        offer(all, "aws/g6e.xlarge@ap-northeast-1", "nvidia/l40s", 1, 2.699, "on_demand", "ap-northeast-1");
        offer(all, "aws/g6e.xlarge@eu-north-1", "nvidia/l40s", 1, 1.974, "on_demand", "eu-north-1");
        offer(all, "aws/g6e.xlarge-spot@us-east-1", "nvidia/l40s", 1, 0.7945, "spot", "us-east-1");
        offer(
                all,
                "lambda/gpu_1x_a100_sxm4@asia-south-1",
                "nvidia/a100-40gb-sxm",
                1,
                1.29,
                "on_demand",
                "asia-south-1");
        assertThat(all.cloudOffers()).doesNotContainKey("aws/g6e.xlarge");
    }

    @Test
    void aMalformedRowIsFileAndLineUnlessSkipped() throws IOException {
        Path aws = dir.resolve("aws/vms.csv");
        Files.createDirectories(aws.getParent());
        List<String> lines = Files.readAllLines(V7.resolve("aws/vms.csv"), StandardCharsets.UTF_8);
        lines.set(6, lines.get(6).replace(",2.699,", ",two,")); // line 7
        lines.set(8, lines.get(8).substring(0, 40)); // line 9: cut inside the quoted GpuInfo
        Files.write(aws, lines, StandardCharsets.UTF_8);
        Path layer = dir.resolve("out.yaml");
        CliRun run = CliRun.of(
                "catalog", "import", "skypilot", aws.toString(), "--as-of", "2026-12-01", "-o", layer.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith(aws + ":7:1: Price: expected a number, got 'two'");
        assertThat(layer).doesNotExist();

        CliRun skipped = CliRun.of(
                "catalog",
                "import",
                "skypilot",
                aws.toString(),
                "--as-of",
                "2026-12-01",
                "--skip-bad",
                "-o",
                layer.toString());
        assertThat(skipped.exitCode()).as(skipped.err()).isZero();
        assertThat(skipped.err()).contains("malformed 2").contains("malformed: " + aws + ":9:1:");
        Catalog c = CatalogLoader.load(List.of(layer));
        // the cut row was us-east-1's g6e.xlarge at $1.861; the cheapest left is eu-north-1
        assertThat(c.cloudOffers().get("aws/g6e.xlarge").usdPerGpuHour()).isEqualTo(1.974);
    }

    @Test
    void aFileWithoutADateOrOfAnotherShapeIsExit3() throws IOException {
        CliRun undated = CliRun.of(
                "catalog", "import", "skypilot", V7.resolve("lambda/vms.csv").toString());
        assertThat(undated.exitCode()).isEqualTo(3);
        assertThat(undated.err()).contains("has no date of its own; give the day its prices held with --as-of");

        Path other = dir.resolve("x/vms.csv");
        Files.createDirectories(other.getParent());
        Files.writeString(other, "name,price\nfoo,1\n");
        CliRun wrong = CliRun.of("catalog", "import", "skypilot", other.toString(), "--as-of", "2026-12-01");
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.err())
                .contains(other + ":1:1: not a SkyPilot vms.csv: no column InstanceType, AcceleratorName");

        CliRun flag = CliRun.of("catalog", "import", "litellm", "x.json", "--all-regions");
        assertThat(flag.exitCode()).isEqualTo(2);
        CliRun regex = CliRun.of("catalog", "import", "skypilot", V7.toString(), "--region", "us-(");
        assertThat(regex.exitCode()).isEqualTo(2);
        assertThat(regex.err()).contains("--region: not a regular expression");
    }

    @Test
    void aRevisionFromGitIsDatedAndSourcedByItsCommit() throws Exception {
        Path repo = dir.resolve("skypilot-catalog");
        Path aws = repo.resolve("catalogs/v7/aws/vms.csv");
        Files.createDirectories(aws.getParent());
        Files.copy(V7.resolve("aws/vms.csv"), aws);
        GitRepo.init(repo);
        GitRepo.run(repo, "remote", "add", "origin", "https://github.com/skypilot-org/skypilot-catalog.git");
        String commit = GitRepo.commit(repo, "2026-03-15T10:00:00Z");
        Path layer = dir.resolve("git.yaml");
        CliRun run = CliRun.of(
                "catalog", "import", "skypilot", repo.resolve("catalogs/v7") + "@HEAD", "-o", layer.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Catalog c = CatalogLoader.load(List.of(layer));
        CloudOffer p5 = c.cloudOffers().get("aws/p5.48xlarge");
        assertThat(p5.provenance().asOf()).hasToString("2026-03-15");
        assertThat(p5.provenance().source())
                .startsWith("skypilot-org/skypilot-catalog@" + commit + ":catalogs/v7/aws/vms.csv line 25");
    }

    @Test
    void anAcceleratorPricedWithoutAnInstanceTypeIsCountedNotImported() throws IOException {
        // GCP's column order and its attachable-GPU rows (written here in that shape): the GPU's own price,
        // no instance type; SkyPilot adds a host VM's price at launch, which an offer cannot stand for
        Path gcp = dir.resolve("gcp/vms.csv");
        Files.createDirectories(gcp.getParent());
        Files.writeString(gcp, """
                InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,AvailabilityZone,Price,SpotPrice
                ,,,A100,1.0,A100,us-central1,us-central1-a,2.93,1.17
                g2-standard-4,4.0,16.0,L4,1.0,L4,us-central1,us-central1-a,0.71,0.21
                """);
        Path layer = dir.resolve("gcp.yaml");
        CliRun run = CliRun.of(
                "catalog", "import", "skypilot", gcp.toString(), "--as-of", "2026-12-01", "-o", layer.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("skipped 1: accelerator priced alone, with no instance type");
        Catalog c = CatalogLoader.load(List.of(layer));
        offer(c, "gcp/g2-standard-4", "nvidia/l4", 1, 0.71, "on_demand", "us-central1");
        assertThat(c.cloudOffers().keySet()).noneMatch(id -> id.equals("gcp/") || id.startsWith("gcp/-"));
    }
}
