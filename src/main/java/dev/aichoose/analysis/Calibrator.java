package dev.aichoose.analysis;

import dev.aichoose.model.Calibration;
import dev.aichoose.model.Calibration.Change;
import dev.aichoose.model.Reconciliation;
import dev.aichoose.model.Reconciliation.Measured;
import dev.aichoose.model.Reconciliation.Row;
import dev.aichoose.model.TokenShape;
import dev.aichoose.model.Traffic;
import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadClass;
import dev.aichoose.text.Figures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fits a scenario's workload to the months its API options were billed (docs/methodology.md,
 * "Calibrating a scenario"): the volume and its growth by least squares on the logarithm of each
 * month's queries, {@code ln Q_m = ln Q + (m − 1)·ln(1 + g)}, so that the fitted curve passes
 * through the billed months and continues from them; the token shape and the cached share as the
 * billed months' totals divided out. Prices are not touched: a price that changed is the price part
 * of the reconciliation, and a price book is where prices are set.
 */
public final class Calibrator {
    private Calibrator() {}

    /** Growth within what a scenario accepts ({@code workload.monthly_growth}). */
    static final double MIN_GROWTH = -0.5;

    static final double MAX_GROWTH = 1.0;

    public static Calibration fit(Reconciliation r) {
        Workload plan = r.scenario().workload();
        List<String> notes = new ArrayList<>();
        // each month's queries over every API option the exports measured
        TreeMap<Integer, Measured> months = new TreeMap<>();
        Map<Integer, YearMonth> calendar = new TreeMap<>();
        boolean estimated = false;
        boolean writes = false;
        for (Row row : r.months()) {
            if (row.usage().isEmpty()) continue;
            Measured u = row.usage().get();
            estimated |= u.queriesEstimated();
            writes |= u.cacheWriteTokens().isPresent();
            calendar.put(row.month(), row.calendarMonth());
            months.merge(row.month(), u, Calibrator::plus);
        }
        months.values().removeIf(u -> !(u.queries() > 0));
        if (months.isEmpty()) {
            return new Calibration(
                    List.of(),
                    List.of("nothing to fit: no API option's usage was in the exports (a bill alone gives no queries "
                            + "or tokens; GPU-hours are the fleet's, not the workload's)"));
        }
        List<Change> changes = new ArrayList<>();
        String span =
                calendar.get(months.firstKey()) + (months.size() > 1 ? " to " + calendar.get(months.lastKey()) : "");
        String counted = estimated ? " (queries estimated from input tokens: the export counts no requests)" : "";

        double growth;
        double q1;
        if (months.size() >= 2) {
            double[] fit = logLinear(months);
            growth = clamp(Math.exp(fit[1]) - 1);
            if (growth != Math.exp(fit[1]) - 1) {
                notes.add("the fitted growth " + Figures.percentChange((Math.exp(fit[1]) - 1) * 100)
                        + " a month is beyond what a scenario takes; held at " + Figures.percentChange(growth * 100));
                q1 = Math.exp(months.entrySet().stream()
                        .mapToDouble(e -> Math.log(e.getValue().queries()) - (e.getKey() - 1) * Math.log(1 + growth))
                        .average()
                        .orElseThrow());
            } else {
                q1 = Math.exp(fit[0]);
            }
        } else {
            growth = plan.monthlyGrowth();
            var only = months.firstEntry();
            q1 = only.getValue().queries() / Math.pow(1 + growth, only.getKey() - 1);
            notes.add("one month billed: the growth stays the scenario's (" + Figures.percentChange(growth * 100)
                    + " a month); bill two or more to fit it");
        }
        String monthly = String.join(
                ", ",
                months.entrySet().stream()
                        .map(e -> calendar.get(e.getKey()) + " "
                                + Figures.wholeCount(e.getValue().queries()))
                        .toList());
        double queries = Math.max(1, Math.round(q1));
        changes.add(new Change(
                "queries_per_month",
                plan.queriesPerMonth(),
                queries,
                Figures.wholeCount(queries).replace(",", ""),
                "month 1's queries on the curve fitted to the queries billed " + span + " (" + monthly + ")"
                        + counted));
        if (months.size() >= 2) {
            double g = round(growth, 4);
            changes.add(new Change(
                    "monthly_growth",
                    plan.monthlyGrowth(),
                    g,
                    plain(g),
                    "least squares on the logarithm of the queries billed " + span + ": "
                            + Figures.percentChange(g * 100) + " a month"));
        }

        Measured all = months.values().stream().reduce(Calibrator::plus).orElseThrow();
        Traffic traffic = plan.traffic();
        TokenShape mean = traffic.mean();
        if (plan.hasClassShapes()) {
            notes.add("classes with token counts of their own keep them: the workload's figures, which the other "
                    + "classes take, are fitted so that the traffic as a whole matches the bill");
        }
        double generated = all.outputTokens() / all.queries();
        double planGenerated = mean.generatedTokensPerQuery();
        double meanOutput = planGenerated > 0 ? generated * mean.outputTokensPerQuery() / planGenerated : generated;
        String tokens = Figures.wholeCount(all.inputTokens()) + " input and " + Figures.wholeCount(all.outputTokens())
                + " output tokens over " + Figures.wholeCount(all.queries()) + " queries, " + span;
        if (!estimated) {
            fitted(plan, traffic, Field.INPUT, all.inputTokens() / all.queries(), notes)
                    .map(v -> round(v, 1))
                    .ifPresent(input -> changes.add(new Change(
                            "input_tokens_per_query", plan.inputTokensPerQuery(), input, plain(input), tokens)));
        } else {
            notes.add("input tokens per query stay the scenario's: the queries were counted from them");
        }
        String split = mean.reasoningTokensPerQuery() > 0
                ? " (output and reasoning are billed together; split in the scenario's proportion)"
                : "";
        Optional<Double> output =
                fitted(plan, traffic, Field.OUTPUT, meanOutput, notes).map(v -> Math.max(1, round(v, 1)));
        output.ifPresent(o -> changes.add(
                new Change("output_tokens_per_query", plan.outputTokensPerQuery(), o, plain(o), tokens + split)));
        if (mean.reasoningTokensPerQuery() > 0) {
            // what the output took (its rounding, its floor of 1) is not reasoning
            double outputTaken = output.isPresent() && !plan.hasClassShapes() ? output.get() : meanOutput;
            fitted(plan, traffic, Field.REASONING, Math.max(0, generated - outputTaken), notes)
                    .map(v -> round(Math.max(0, v), 1))
                    .ifPresent(reasoning -> changes.add(new Change(
                            "reasoning_tokens_per_query",
                            plan.reasoningTokensPerQuery(),
                            reasoning,
                            plain(reasoning),
                            tokens + split)));
        }
        if (all.inputTokens() > 0) {
            fitted(plan, traffic, Field.CACHED, all.cachedInputTokens() / all.inputTokens(), notes)
                    .map(v -> round(Math.min(1, v), 4))
                    .ifPresent(cached -> {
                        changes.add(new Change(
                                "cached_input_share",
                                plan.cachedInputShare(),
                                cached,
                                plain(cached),
                                Figures.wholeCount(all.cachedInputTokens()) + " of "
                                        + Figures.wholeCount(all.inputTokens()) + " input tokens read from the cache, "
                                        + span));
                    });
            if (writes) {
                double cachedNow = changes.stream()
                        .filter(c -> c.field().equals("cached_input_share"))
                        .mapToDouble(Change::to)
                        .findFirst()
                        .orElse(plan.cachedInputShare());
                fitted(plan, traffic, Field.WRITTEN, all.cacheWriteTokens().orElse(0.0) / all.inputTokens(), notes)
                        .map(v -> round(Math.min(1 - cachedNow, v), 4))
                        .ifPresent(written -> changes.add(new Change(
                                "cache_write_share",
                                plan.cacheWriteShare(),
                                written,
                                plain(written),
                                Figures.wholeCount(all.cacheWriteTokens().orElse(0.0)) + " of "
                                        + Figures.wholeCount(all.inputTokens()) + " input tokens written to the cache, "
                                        + span)));
            }
        }
        // a field that did not move is not rewritten
        changes.removeIf(c -> c.from() == c.to());
        return new Calibration(changes, notes);
    }

    /** A field of a query's shape that the bill measures for the traffic as a whole. */
    enum Field {
        INPUT("input_tokens_per_query"),
        OUTPUT("output_tokens_per_query"),
        REASONING("reasoning_tokens_per_query"),
        CACHED("cached_input_share"),
        WRITTEN("cache_write_share");

        final String key;

        Field(String key) {
            this.key = key;
        }

        double of(TokenShape s) {
            return switch (this) {
                case INPUT -> s.inputTokensPerQuery();
                case OUTPUT -> s.outputTokensPerQuery();
                case REASONING -> s.reasoningTokensPerQuery();
                case CACHED -> s.cachedInputShare();
                case WRITTEN -> s.cacheWriteShare();
            };
        }

        /** Whether the class states this field itself, rather than taking the workload's. */
        boolean own(WorkloadClass.Shape s) {
            return switch (this) {
                case INPUT -> s.inputTokensPerQuery() != null;
                case OUTPUT -> s.outputTokensPerQuery() != null;
                case REASONING -> s.reasoningTokensPerQuery() != null;
                case CACHED -> s.cachedInputShare() != null;
                case WRITTEN -> s.cacheWriteShare() != null;
            };
        }

        /** How much a class weighs in the traffic's mean: its queries, or for a cache share its input tokens. */
        double weight(double share, TokenShape s) {
            return this == CACHED || this == WRITTEN ? share * s.inputTokensPerQuery() : share;
        }
    }

    /**
     * The workload's figure that makes the traffic's mean equal {@code measured}: classes that state
     * the field keep it, and those that take the workload's absorb the difference. With no class of
     * its own shape that is the measured figure itself. Empty, with a note, when every class states
     * the field or the figure it would take is below zero.
     */
    private static Optional<Double> fitted(
            Workload plan, Traffic traffic, Field field, double measured, List<String> notes) {
        double all = 0;
        double inheriting = 0;
        double stated = 0;
        for (Traffic.Slice slice : traffic.slices()) {
            for (String name : slice.classes()) {
                double share = plan.shareOf(name);
                TokenShape shape = plan.shapeOf(name);
                double w = field.weight(share, shape);
                all += w;
                WorkloadClass own = plan.classes().stream()
                        .filter(c -> c.name().equals(name))
                        .findFirst()
                        .orElse(null);
                if (own != null && field.own(own.shape())) stated += w * field.of(shape);
                else inheriting += w;
            }
        }
        if (!plan.hasClassShapes()) return Optional.of(measured);
        if (!(inheriting > 0)) {
            notes.add(field.key + " is not fitted: every class with traffic states its own");
            return Optional.empty();
        }
        double value = (measured * all - stated) / inheriting;
        if (value < 0) {
            notes.add(field.key + " is not fitted: the classes that state their own already exceed what was billed");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Intercept and slope of ln Q on (m − 1), by ordinary least squares. */
    static double[] logLinear(TreeMap<Integer, Measured> months) {
        int n = months.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (var e : months.entrySet()) {
            double x = e.getKey() - 1;
            double y = Math.log(e.getValue().queries());
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {(sy - slope * sx) / n, slope};
    }

    private static double clamp(double g) {
        return Math.max(MIN_GROWTH, Math.min(MAX_GROWTH, g));
    }

    private static Measured plus(Measured a, Measured b) {
        Optional<Double> writes =
                a.cacheWriteTokens().isEmpty() && b.cacheWriteTokens().isEmpty()
                        ? Optional.empty()
                        : Optional.of(a.cacheWriteTokens().orElse(0.0)
                                + b.cacheWriteTokens().orElse(0.0));
        return new Measured(
                a.queries() + b.queries(),
                a.queriesEstimated() || b.queriesEstimated(),
                a.inputTokens() + b.inputTokens(),
                a.cachedInputTokens() + b.cachedInputTokens(),
                writes,
                a.outputTokens() + b.outputTokens());
    }

    private static double round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
