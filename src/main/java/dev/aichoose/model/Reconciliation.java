package dev.aichoose.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The forecast set against the bill: for each month and option, what the scenario predicted, what
 * was billed, and the difference taken apart into volume, mix, price and unmodelled parts that add
 * up to it exactly (docs/methodology.md, "Reconciling the forecast with the bill").
 *
 * @param start the calendar month that is the scenario's month 1
 * @param files the exports read, in the order given
 */
public record Reconciliation(
        Scenario scenario,
        LocalDate asOf,
        YearMonth start,
        List<String> files,
        List<Row> months,
        List<MonthTotal> totals,
        Summary summary,
        List<Unmapped> unmapped,
        List<String> warnings) {

    public Reconciliation {
        files = List.copyOf(files);
        months = List.copyOf(months);
        totals = List.copyOf(totals);
        unmapped = List.copyOf(unmapped);
        warnings = List.copyOf(warnings);
    }

    /** What a row counts: queries for an API, GPU-hours for rented GPUs. */
    public enum Unit {
        QUERIES("queries"),
        GPU_HOURS("GPU-hours");

        private final String label;

        Unit(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The figures a row is computed from, at full precision: Q planned and its cost each
     * {@code c(s_p, p_p)}, Q actual and its cost at the plan's prices {@code c(s_a, p_p)}, what the
     * bill charged for Q actual ({@code Q_a · c(s_a, p_a)}) and the whole bill. {@code measured}:
     * the exports gave Q and s (otherwise they are the plan's); {@code brokenDown}: the bill split
     * what the model's units cost from its other lines (otherwise the whole bill is their cost).
     */
    public record Inputs(
            double plannedQuantity,
            double plannedUnitCostUsd,
            double actualQuantity,
            double actualUnitCostAtPlanPricesUsd,
            double pricedUsd,
            double billedUsd,
            boolean measured,
            boolean brokenDown) {}

    /**
     * The row's figures in cents: the parts add up to {@code delta} exactly, and delta is billed −
     * predicted; {@code priced} is what the bill charged for the model's units, Q_a·c(s_a, p_a).
     */
    public record Cents(
            BigDecimal predicted,
            BigDecimal billed,
            BigDecimal delta,
            BigDecimal volume,
            BigDecimal mix,
            BigDecimal price,
            BigDecimal unmodelled,
            BigDecimal priced) {}

    /** A rented option's hours and price per GPU-hour, planned and billed; the billed ones empty where the bill has none. */
    public record GpuHours(
            double plannedGpuHours,
            Optional<Double> billedGpuHours,
            double plannedUsdPerGpuHour,
            Optional<Double> billedUsdPerGpuHour) {}

    /**
     * One option in one month. {@code deltaShare} is delta over predicted, empty when nothing was
     * predicted; {@code notes} say what the figures rest on (an estimate, a bill without a breakdown).
     */
    public record Row(
            int month,
            YearMonth calendarMonth,
            String option,
            OptionKind kind,
            Unit unit,
            Inputs inputs,
            Cents cents,
            Optional<Double> deltaShare,
            Optional<GpuHours> gpu,
            Optional<Measured> usage,
            List<String> notes) {
        public Row {
            notes = List.copyOf(notes);
        }
    }

    /**
     * What an API option's usage exports measured in the month: queries (estimated from input tokens
     * where the export counts no requests), and tokens; {@code cacheWriteTokens} empty where no export
     * reports cache writes.
     */
    public record Measured(
            double queries,
            boolean queriesEstimated,
            double inputTokens,
            double cachedInputTokens,
            Optional<Double> cacheWriteTokens,
            double outputTokens) {}

    /**
     * Over every row: the totals; the mean absolute percentage error (|delta| / billed, over the
     * rows with something billed; empty when none was); the bias (total delta over total predicted);
     * and the rows whose delta is beyond ±{@link #BEYOND_SHARE} of their forecast.
     */
    public record Summary(
            int rows,
            BigDecimal predicted,
            BigDecimal billed,
            BigDecimal delta,
            Optional<Double> mape,
            Optional<Double> biasShare,
            List<Row> beyond) {
        public Summary {
            beyond = List.copyOf(beyond);
        }
    }

    /** Every option's rows in one month together: what the chart of predicted against billed draws. */
    public record MonthTotal(int month, YearMonth calendarMonth, BigDecimal predicted, BigDecimal billed) {}

    /** The share of the forecast beyond which a month is called out: the peers' triage rule of about 10 %. */
    public static final double BEYOND_SHARE = 0.10;

    /** A line of an export that no option took, and why; it is reported, never dropped. */
    public record Unmapped(
            Actuals.Origin origin,
            Actuals.Source source,
            YearMonth calendarMonth,
            String model,
            Map<String, String> tags,
            String label,
            double usd,
            double tokens,
            String reason) {
        public Unmapped {
            tags = Map.copyOf(tags);
        }
    }
}
