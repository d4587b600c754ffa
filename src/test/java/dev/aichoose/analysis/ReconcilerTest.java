package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.load.usage.UsageExports;
import dev.aichoose.model.Actuals;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Reconciliation;
import dev.aichoose.model.Reconciliation.Cents;
import dev.aichoose.model.Reconciliation.Row;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconcile example worked by hand (docs/methodology.md, "Reconciling the forecast with the
 * bill"): January 2026 of src/test/resources/reconcile against its scenario. Every part is computed
 * below from the exports' totals and the scenario's inline prices, and the parts add up to the
 * difference to the cent.
 */
class ReconcilerTest {
    static final Path DIR = Path.of("src/test/resources/reconcile");
    static final YearMonth JAN = YearMonth.of(2026, 1);
    static Reconciliation r;

    static Evaluation example() throws IOException {
        return Evaluator.evaluate(
                Fixtures.scenario(Files.readString(DIR.resolve("reconcile-example.yaml"))),
                Fixtures.catalog(),
                Fixtures.AS_OF);
    }

    static Reconciliation reconcile(String... files) throws IOException {
        Evaluation e = example();
        Actuals a = UsageExports.read(
                Arrays.stream(files).map(DIR::resolve).toList(), JAN, 12, UsageExports.FocusCost.BILLED);
        return Reconciler.reconcile(e, Fixtures.catalog(), a, JAN, Arrays.asList(files));
    }

    @BeforeAll
    static void january() throws IOException {
        r = reconcile(
                "openai-usage-2026-01.json",
                "openai-costs-2026-01.json",
                "anthropic-usage-2026-01.json",
                "anthropic-cost-2026-01.json",
                "focus-2026-01.csv");
    }

    static Row row(String option) {
        return r.months().stream()
                .filter(x -> x.option().equals(option))
                .findFirst()
                .orElseThrow();
    }

    static void assertCents(
            Cents c, String predicted, String billed, String volume, String mix, String price, String unmodelled) {
        assertThat(c.predicted()).isEqualByComparingTo(predicted);
        assertThat(c.billed()).isEqualByComparingTo(billed);
        assertThat(c.delta()).isEqualByComparingTo(new BigDecimal(billed).subtract(new BigDecimal(predicted)));
        assertThat(c.volume()).as("volume").isEqualByComparingTo(volume);
        assertThat(c.mix()).as("mix").isEqualByComparingTo(mix);
        assertThat(c.price()).as("price").isEqualByComparingTo(price);
        assertThat(c.unmodelled()).as("unmodelled").isEqualByComparingTo(unmodelled);
        assertThat(c.volume().add(c.mix()).add(c.price()).add(c.unmodelled())).isEqualByComparingTo(c.delta());
    }

    /**
     * gpt-5-mini. Plan: 100,000 queries of 1,000 input (half cached) and 200 output tokens, at $0.25,
     * $0.025 and $2 per million: c(s_p, p_p) = (500 × 0.25 + 500 × 0.025 + 200 × 2) / 1e6 = $0.0005375,
     * predicted $53.75. Usage: 112,000 requests of 1,100 input (60 % cached) and 220 output tokens:
     * c(s_a, p_p) = (440 × 0.25 + 660 × 0.025 + 220 × 2) / 1e6 = $0.0005665. Costs: tokens $65.912
     * (input billed at $0.30), web search $3.00.
     * volume = 12,000 × 0.0005375 = $6.45; mix = 112,000 × 0.000029 = $3.248 → $3.25 (63.448 → 63.45
     * less 60.20); price = 65.912 − 63.448 → $2.46 (65.91 − 63.45); unmodelled = $3.00; sum $15.16 =
     * $68.91 − $53.75.
     */
    @Test
    void anOpenAiMonthByHand() {
        Row mini = row("mini");
        assertThat(mini.month()).isEqualTo(1);
        assertThat(mini.calendarMonth()).isEqualTo(JAN);
        assertThat(mini.inputs().plannedQuantity()).isEqualTo(100_000);
        assertThat(mini.inputs().plannedUnitCostUsd()).isCloseTo(0.0005375, within(1e-15));
        assertThat(mini.inputs().actualQuantity()).isEqualTo(112_000);
        assertThat(mini.inputs().actualUnitCostAtPlanPricesUsd()).isCloseTo(0.0005665, within(1e-15));
        assertCents(mini.cents(), "53.75", "68.91", "6.45", "3.25", "2.46", "3.00");
        assertThat(mini.deltaShare()).hasValueSatisfying(s -> assertThat(s).isCloseTo(15.16 / 53.75, within(1e-12)));
        assertThat(mini.notes()).anySatisfy(n -> assertThat(n).contains("web search tool calls $3.00"));
    }

    /**
     * claude-haiku-4-5. Plan: c(s_p, p_p) = (500 × 1 + 500 × 0.1 + 200 × 5) / 1e6 = $0.00155, predicted
     * $155.00. The usage report counts no requests: 42 M input tokens at the plan's 1,000 a query is
     * 42,000 queries; at the plan's prices its tokens cost 10 M × $1 + 30 M × $0.1 + 2 M × $1.25 + 8 M ×
     * $5 = $55.50. Billed: tokens $59.50 (output at $5.50), web search $0.50.
     * volume = (42,000 − 100,000) × 0.00155 = −$89.90; mix = 55.50 − 65.10 = −$9.60; price = $4.00;
     * unmodelled $0.50; sum −$95.00 = $60.00 − $155.00.
     */
    @Test
    void anAnthropicMonthByHandWithQueriesEstimated() {
        Row haiku = row("haiku");
        assertThat(haiku.inputs().actualQuantity()).isCloseTo(42_000, within(1e-6));
        assertCents(haiku.cents(), "155.00", "60.00", "-89.90", "-9.60", "4.00", "0.50");
        assertThat(haiku.notes()).anySatisfy(n -> assertThat(n).contains("estimated from input tokens"));
    }

    /**
     * Two rented H100s: 2 GPUs × 730 hours × $2.50 = $3,650 predicted. FOCUS: 1,488 instance-hours
     * (one GPU each) billed $4,002.72, storage $12, tax $80.
     * volume = (1,488 − 1,460) × 2.50 = $70.00; mix $0; price = 4,002.72 − 3,720 = $282.72;
     * unmodelled $92.00; sum $444.72 = $4,094.72 − $3,650.
     */
    @Test
    void aRentedMonthByHandInGpuHours() {
        Row gpus = row("gpus");
        assertCents(gpus.cents(), "3650.00", "4094.72", "70.00", "0.00", "282.72", "92.00");
        assertThat(gpus.unit()).isEqualTo(Reconciliation.Unit.GPU_HOURS);
        assertThat(gpus.gpu()).hasValueSatisfying(g -> {
            assertThat(g.plannedGpuHours()).isEqualTo(1460);
            assertThat(g.billedGpuHours()).contains(1488.0);
            assertThat(g.plannedUsdPerGpuHour()).isEqualTo(2.5);
            assertThat(g.billedUsdPerGpuHour())
                    .hasValueSatisfying(v -> assertThat(v).isCloseTo(2.69, within(1e-12)));
        });
    }

    @Test
    void thePredictionIsTheEnginesOwnMonth() throws IOException {
        Evaluation e = example();
        for (Row row : r.months()) {
            var monthly = e.options().stream()
                    .filter(o -> o.id().equals(row.option()))
                    .findFirst()
                    .orElseThrow()
                    .monthly()
                    .get(row.month() - 1)
                    .parts();
            double engine = monthly.usage() + monthly.rent();
            assertThat(row.cents().predicted()).isEqualByComparingTo(dev.aichoose.text.Figures.cents(engine));
        }
    }

    @Test
    void theSummaryAndTheLinesNoOptionTook() {
        var s = r.summary();
        assertThat(s.rows()).isEqualTo(3);
        assertThat(s.predicted()).isEqualByComparingTo("3858.75");
        assertThat(s.billed()).isEqualByComparingTo("4223.63");
        assertThat(s.delta()).isEqualByComparingTo("364.88");
        assertThat(s.mape())
                .hasValueSatisfying(m ->
                        assertThat(m).isCloseTo((15.16 / 68.91 + 95.0 / 60.0 + 444.72 / 4094.72) / 3, within(1e-9)));
        assertThat(s.biasShare()).hasValueSatisfying(b -> assertThat(b).isCloseTo(364.88 / 3858.75, within(1e-9)));
        assertThat(s.beyond()).extracting(Row::option).containsExactly("mini", "haiku", "gpus");
        assertThat(r.unmapped())
                .extracting(u -> u.reason())
                .containsExactlyInAnyOrder(
                        "no option prices openai/gpt-4o-mini-2024-07-18 or openai/gpt-4o-mini among the options without a"
                                + " reconcile tag",
                        "no option prices openai/gpt-4o-mini-2024-07-18 or openai/gpt-4o-mini among the options without a"
                                + " reconcile tag",
                        "no option names one of its tags (team=research)");
        assertThat(r.unmapped().stream().mapToDouble(u -> u.usd()).sum()).isCloseTo(500.014, within(1e-9));
        assertThat(r.warnings()).as("every day of January is in the exports").isEmpty();
    }

    @Test
    void aCostsPageWithoutLineItemsPutsTheRestInPrice() throws IOException {
        Path dir = Files.createTempDirectory("reconcile");
        // the same month's cost as one amount a day, without a breakdown
        String page = Files.readString(DIR.resolve("openai-costs-2026-01.json"))
                .replaceAll("\"line_item\": \"[^\"]*\"", "\"line_item\": null");
        Files.writeString(dir.resolve("costs.json"), page);
        Evaluation e = example();
        Actuals a = UsageExports.read(
                List.of(DIR.resolve("openai-usage-2026-01.json"), dir.resolve("costs.json")),
                JAN,
                12,
                UsageExports.FocusCost.BILLED);
        Row mini = Reconciler.reconcile(e, Fixtures.catalog(), a, JAN, List.of())
                .months()
                .getFirst();
        // the whole $68.926 is the tokens' cost: unmodelled is zero and price holds what was web search
        assertCents(mini.cents(), "53.75", "68.93", "6.45", "3.25", "5.48", "0.00");
        assertThat(mini.inputs().brokenDown()).isFalse();
        assertThat(mini.notes()).anySatisfy(n -> assertThat(n).contains("does not split the tokens"));
    }

    /**
     * Without the usage export nothing says gpt-4o-mini is a model: its $0.014 line is one the model
     * does not price, like web search, on the bill of OpenAI's only option.
     */
    @Test
    void costsWithoutUsageLeaveVolumeAndMixAtZero() throws IOException {
        Row mini = reconcile("openai-costs-2026-01.json").months().getFirst();
        assertCents(mini.cents(), "53.75", "68.93", "0.00", "0.00", "12.16", "3.02");
        assertThat(mini.inputs().measured()).isFalse();
    }

    @Test
    void usageWithoutABillIsSaidAndNotReconciled() throws IOException {
        Reconciliation only = reconcile("openai-usage-2026-01.json");
        assertThat(only.months()).isEmpty();
        assertThat(only.warnings()).anySatisfy(w -> assertThat(w).startsWith("mini, 2026-01: usage but no cost lines"));
        assertThat(only.unmapped()).hasSize(5);
    }

    @Test
    void emptyDailyBucketsCoverTheirDays() throws IOException {
        // gpt-5-mini was used on four days; the other 27 buckets are empty, and say so
        assertThat(reconcile("openai-usage-2026-01.json", "openai-costs-2026-01.json")
                        .warnings())
                .isEmpty();
    }

    @Test
    void aPartMonthIsWarnedAbout() throws IOException {
        Path dir = Files.createTempDirectory("reconcile");
        String week = Files.readString(DIR.resolve("focus-2026-01.csv"))
                .replace("2026-02-01T00:00:00Z,2026-01-01", "2026-01-08T00:00:00Z,2026-01-01");
        Files.writeString(dir.resolve("week.csv"), week);
        Evaluation e = example();
        Actuals a = UsageExports.read(List.of(dir.resolve("week.csv")), JAN, 12, UsageExports.FocusCost.BILLED);
        assertThat(Reconciler.reconcile(e, Fixtures.catalog(), a, JAN, List.of())
                        .warnings())
                .contains(
                        "2026-01: the exports cover 7 of its 31 days; a month billed in part reads as a fall in volume");
    }

    @Test
    void modelNamesResolveBySnapshot() {
        assertThat(BillMapping.catalogIds("openai", "gpt-5-mini-2025-08-07"))
                .containsExactly("openai/gpt-5-mini-2025-08-07", "openai/gpt-5-mini");
        assertThat(BillMapping.catalogIds("anthropic", "claude-sonnet-4-20250514"))
                .containsExactly("anthropic/claude-sonnet-4-20250514", "anthropic/claude-sonnet-4");
        assertThat(BillMapping.catalogIds("anthropic", "claude-3-5-haiku-latest"))
                .containsExactly("anthropic/claude-3-5-haiku-latest", "anthropic/claude-3-5-haiku");
        assertThat(BillMapping.catalogIds("openai", "gpt-4o")).containsExactly("openai/gpt-4o");
    }

    /**
     * A class of its own shape (methodology §2.1, §18.3): 20 % "long" queries of 5,000 input tokens.
     * The plan's query is the engine's, class by class: 0.8 × $0.0005375 + 0.2 × (2,500 × 0.25 + 2,500 ×
     * 0.025 + 200 × 2) / 1e6 = 0.00043 + 0.0002175 = $0.0006475, predicted $64.75; its average shape is
     * 1,800 input tokens, half cached, 200 output. A bill of exactly that has no mix; one of 2,000 input
     * tokens a query (c(s_a, p_p) = (1,000 × 0.25 + 1,000 × 0.025 + 200 × 2) / 1e6 = $0.000675) has a mix of
     * 100,000 × $0.0000275 = $2.75, and calibrates the workload's input, which the default class takes,
     * to (2,000 − 0.2 × 5,000) / 0.8 = 1,250.
     */
    @Test
    void aClassOfItsOwnShapeIsPlannedClassByClass(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        String yaml = Files.readString(DIR.resolve("reconcile-example.yaml"))
                .replace(
                        "  peak_to_average: 3.0\n",
                        "  peak_to_average: 3.0\n  classes: [{name: long, share: 0.2, input_tokens_per_query: 5000}]\n");
        Evaluation e = Evaluator.evaluate(Fixtures.scenario(yaml), Fixtures.catalog(), Fixtures.AS_OF);
        String header = "month,option,queries,input_tokens,cached_input_tokens,output_tokens,cost_usd,other_usd\n";
        Path asPlanned = tmp.resolve("planned.csv");
        Files.writeString(asPlanned, header + "2026-01,mini,100000,180000000,90000000,20000000,64.75,\n");
        Path longer = tmp.resolve("longer.csv");
        Files.writeString(longer, header + "2026-01,mini,100000,200000000,100000000,20000000,67.5,\n");

        Row planned = mini(e, asPlanned);
        assertThat(planned.inputs().plannedUnitCostUsd()).isCloseTo(0.0006475, within(1e-15));
        assertCents(planned.cents(), "64.75", "64.75", "0.00", "0.00", "0.00", "0.00");
        assertThat(planned.cents().predicted())
                .isEqualByComparingTo(dev.aichoose.text.Figures.cents(
                        e.option("mini").monthly().getFirst().costUsd()));

        Row mixed = mini(e, longer);
        assertThat(mixed.inputs().actualUnitCostAtPlanPricesUsd()).isCloseTo(0.000675, within(1e-15));
        assertCents(mixed.cents(), "64.75", "67.50", "0.00", "2.75", "0.00", "0.00");
        var calibration = Calibrator.fit(Reconciler.reconcile(
                e,
                Fixtures.catalog(),
                UsageExports.read(List.of(longer), JAN, 12, UsageExports.FocusCost.BILLED),
                JAN,
                List.of(longer.toString())));
        assertThat(calibration.changes())
                .filteredOn(c -> c.field().equals("input_tokens_per_query"))
                .singleElement()
                .satisfies(c -> assertThat(c.to()).isEqualTo(1250));
        assertThat(calibration.notes()).anySatisfy(n -> assertThat(n).contains("classes with token counts"));
    }

    private static Row mini(Evaluation e, Path usage) throws IOException {
        Actuals a = UsageExports.read(List.of(usage), JAN, 12, UsageExports.FocusCost.BILLED);
        return Reconciler.reconcile(e, Fixtures.catalog(), a, JAN, List.of(usage.toString())).months().stream()
                .filter(x -> x.option().equals("mini"))
                .findFirst()
                .orElseThrow();
    }
}
