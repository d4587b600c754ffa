package dev.aichoose.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.load.CatalogLoader;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.ServingCalibration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The serving model against the shipped measurements, each publisher predicted by a fit on the others. */
class ServingAccuracyTest {
    private static final Catalog CATALOG = CatalogLoader.load(List.of());

    @Test
    void crossValidatedAccuracy() {
        List<String> excluded =
                List.of(System.getProperty("serving.exclude", "").split(","));
        List<Calibrator.Run> runs =
                Calibrator.runs(CATALOG.measurements(), CATALOG.gpus(), CATALOG.openModels()).stream()
                        .filter(r -> !excluded.contains(r.publisher()))
                        .toList();
        long start = System.nanoTime();
        List<Calibrator.Check> checks = Calibrator.crossValidate(runs);
        System.out.printf(Locale.ROOT, "cross-validation: %.1f s%n", (System.nanoTime() - start) / 1e9);
        ServingCalibration full = Calibrator.fit(runs);
        System.out.println(full);
        for (ServingCalibration.GroupAccuracy g : Calibrator.accuracy(checks)) {
            System.out.printf(
                    Locale.ROOT,
                    "%-26s n=%4d pubs=%2d median=%.2f w30=%3.0f%% w25=%3.0f%% factor %.2f-%.2f%n",
                    g.label(),
                    g.runs(),
                    g.publishers(),
                    g.medianRatio(),
                    g.within30() * 100,
                    g.within25() * 100,
                    g.lowFactor(),
                    g.highFactor());
        }
        if (Boolean.getBoolean("serving.rows")) {
            for (Calibrator.Check c : checks) {
                System.out.printf(
                        Locale.ROOT,
                        "%-60s %-24s %6.2f full=%6.2f%n",
                        c.run().measurement().id(),
                        c.run().publisher(),
                        c.ratio(),
                        c.run().estimate(full) / c.run().measurement().outputTokensPerSecond());
            }
        }
        assertThat(checks).hasSameSizeAs(runs);
    }
}
