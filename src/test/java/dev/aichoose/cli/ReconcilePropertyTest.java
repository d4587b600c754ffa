package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import dev.aichoose.testing.RandomScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random valid scenarios against random valid bills, through the real CLI: every format, a rule, and
 * --calibrate; nothing ends in an internal error, and the calibrated scenario loads and evaluates.
 */
class ReconcilePropertyTest {
    private static final int SCENARIOS = 12;

    @TempDir
    Path dir;

    @Test
    void noValidScenarioAndBillEndInAnInternalError() throws IOException {
        RandomScenarios scenarios = new RandomScenarios(41, Fixtures.catalog());
        Random random = new Random(43);
        int calibrated = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            String yaml = scenarios.next();
            Evaluation e = Fixtures.evaluate(yaml);
            Path scenario = dir.resolve("s" + i + ".yaml");
            Files.writeString(scenario, yaml);
            Path usage = dir.resolve("u" + i + ".csv");
            Files.writeString(usage, bill(e, random));
            Path out = dir.resolve("out" + i + "/");
            CliRun all = CliRun.of(
                    "reconcile",
                    scenario.toString(),
                    "--usage",
                    usage.toString(),
                    "--start",
                    "2026-01",
                    "--as-of",
                    "2026-11-24",
                    "-f",
                    "table,json,md,html,csv,xlsx",
                    "-o",
                    out + "/",
                    "--fail-if",
                    "reconcile.delta_usd > 1_000_000_000_000_000_000_000");
            assertThat(all.exitCode()).as("%s%n%s", all.err(), yaml).isZero();
            try (var files = Files.list(out)) {
                assertThat(files.count()).isEqualTo(7);
            }
            Path fitted = dir.resolve("c" + i + ".yaml");
            CliRun calibrate = CliRun.of(
                    "reconcile",
                    scenario.toString(),
                    "--usage",
                    usage.toString(),
                    "--start",
                    "2026-01",
                    "--as-of",
                    "2026-11-24",
                    "--calibrate",
                    "-o",
                    fitted.toString(),
                    "-f",
                    "json");
            assertThat(calibrate.exitCode()).as("%s%n%s", calibrate.err(), yaml).isZero();
            CliRun again = CliRun.of("evaluate", fitted.toString(), "--as-of", "2026-11-24", "-f", "json");
            assertThat(again.exitCode())
                    .as("%s%n%s", again.err(), Files.readString(fitted))
                    .isZero();
            if (!Files.readString(fitted).equals(yaml)) calibrated++;
        }
        assertThat(calibrated).as("scenarios the bill changed").isPositive();
    }

    /** Up to three months of each API and rented option, off the plan by a random factor, in the usage CSV. */
    static String bill(Evaluation e, Random random) {
        var w = e.scenario().workload();
        StringBuilder csv = new StringBuilder(
                "month,option,queries,input_tokens,cached_input_tokens,output_tokens,cost_usd,other_usd\n");
        for (OptionResult o : e.options()) {
            boolean api = o.kind() == OptionKind.API;
            if (!api && o.kind() != OptionKind.RENTED) continue;
            for (int m = 1; m <= Math.min(3, e.scenario().horizonMonths()); m++) {
                double q = w.queriesInMonth(m) * (0.5 + random.nextDouble());
                double in = q * w.inputTokensPerQuery() * (0.8 + 0.4 * random.nextDouble());
                double cached = in * random.nextDouble();
                double out = q * w.generatedTokensPerQuery() * (0.8 + 0.4 * random.nextDouble());
                double cost = o.monthly().get(m - 1).costUsd() * (0.5 + random.nextDouble());
                csv.append(String.format(
                        Locale.ROOT,
                        "2026-%02d,%s,%s,%s,%s,%s,%.4f,%s%n",
                        m,
                        o.id(),
                        api ? String.format(Locale.ROOT, "%.2f", q) : "",
                        api ? String.format(Locale.ROOT, "%.0f", in) : "",
                        api ? String.format(Locale.ROOT, "%.0f", cached) : "",
                        api ? String.format(Locale.ROOT, "%.0f", out) : "",
                        cost,
                        random.nextBoolean() ? "1.25" : ""));
            }
        }
        return csv.toString();
    }
}
