package dev.aichoose.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.load.CatalogLoader;
import dev.aichoose.model.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping table of docs/catalog-import.md, row by row, against the shipped hardware catalog. */
class GpuMappingTest {
    static final Catalog SHIPPED = CatalogLoader.load(List.of());

    private static String map(String name, Double gib, String type) {
        return switch (GpuMapping.map(name, gib, type, SHIPPED)) {
            case GpuMapping.Result.Mapped m -> m.hardware();
            case GpuMapping.Result.Unmapped u -> "unmapped: " + u.why();
        };
    }

    @Test
    void formFactorAndMemoryTellCardsApart() {
        assertThat(map("H100", 80.0, "gpu_1x_h100_pcie")).isEqualTo("nvidia/h100-pcie");
        assertThat(map("H100", 80.0, "gpu_1x_h100_sxm5")).isEqualTo("nvidia/h100-sxm");
        assertThat(map("H100", 80.0, "p5.48xlarge")).isEqualTo("nvidia/h100-sxm");
        assertThat(map("H100", 94.0, "some-h100")).isEqualTo("nvidia/h100-nvl");
        // Azure's NC H100 v5 rows state no memory: the series is the NVL card
        assertThat(map("H100", null, "Standard_NC40ads_H100_v5")).isEqualTo("nvidia/h100-nvl");
        assertThat(map("H100", null, "Standard_ND96isr_H100_v5")).isEqualTo("nvidia/h100-sxm");
        assertThat(map("A100", 40.0, "p4d.24xlarge")).isEqualTo("nvidia/a100-40gb-sxm");
        assertThat(map("A100-80GB", 80.0, "p4de.24xlarge")).isEqualTo("nvidia/a100-80gb-sxm");
        // the memory decides over the name, both ways
        assertThat(map("A100", 80.0, "p4de.24xlarge")).isEqualTo("nvidia/a100-80gb-sxm");
        assertThat(map("A100-80GB", null, "Standard_NC24ads_A100_v4")).isEqualTo("nvidia/a100-80gb-sxm");
        assertThat(map("A100", null, "Standard_ND96asr_v4")).isEqualTo("nvidia/a100-40gb-sxm");
        assertThat(map("A100-80GB", 80.0, "a100-80gb-pcie-1x")).isEqualTo("nvidia/a100-80gb-pcie");
        assertThat(map("L4", 22888 / 1024.0, "gr6.8xlarge")).isEqualTo("nvidia/l4");
        assertThat(map("L40S", 45776 / 1024.0, "g6e.xlarge")).isEqualTo("nvidia/l40s");
        assertThat(map("RTX 4090", 24.0, "1x_RTX4090")).isEqualTo("nvidia/rtx-4090");
        assertThat(map("H200", 141.0, "p5en.48xlarge")).isEqualTo("nvidia/h200-sxm");
        assertThat(map("H100-80GB-HBM3", null, "1x_H100-80GB-HBM3_secure")).isEqualTo("nvidia/h100-sxm");
    }

    @Test
    void whatTheTableCannotNameIsNeverGuessed() {
        assertThat(map("GH200", 96.0, "gpu_1x_gh200")).isEqualTo("unmapped: no mapping");
        assertThat(map("V100-32GB", 32.0, "p3dn.24xlarge")).isEqualTo("unmapped: no mapping");
        assertThat(map("A100", 40.0, "a100-40gb-pcie")).isEqualTo("unmapped: no hardware id for this form factor");
        assertThat(map("H200", 141.0, "h200-nvl-2x")).isEqualTo("unmapped: no hardware id for this form factor");
        // a card whose stated memory is not the catalog's: another card under the same name
        assertThat(map("L4", 12.0, "l4-half")).isEqualTo("unmapped: 12 GiB per GPU does not match nvidia/l4's 24 GB");
        // an id the catalog does not hold (another change adds it) is named, not written
        assertThat(map("MI355X", 288.0, "mi355x-8x"))
                .isEqualTo(
                        SHIPPED.gpus().containsKey("amd/mi355x")
                                ? "amd/mi355x"
                                : "unmapped: amd/mi355x is not in the hardware catalog");
    }
}
