package dev.aichoose.analysis;

import dev.aichoose.cost.ApiPricing;
import dev.aichoose.model.Actuals;
import dev.aichoose.model.Actuals.Charge;
import dev.aichoose.model.Actuals.Line;
import dev.aichoose.model.Actuals.Usage;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Reconciliation;
import dev.aichoose.model.Reconciliation.Cents;
import dev.aichoose.model.Reconciliation.GpuHours;
import dev.aichoose.model.Reconciliation.Inputs;
import dev.aichoose.model.Reconciliation.Row;
import dev.aichoose.model.Reconciliation.Unit;
import dev.aichoose.model.Reconciliation.Unmapped;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.TokenShape;
import dev.aichoose.model.Workload;
import dev.aichoose.text.Figures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sets the bill against the forecast (docs/methodology.md, "Reconciling the forecast with the
 * bill"). For each option and month with lines in the exports, with Q the queries (GPU-hours for
 * rented GPUs), s the token shape and p the prices: predicted = Q_p·c(s_p, p_p), billed = B, and
 * B − predicted = volume + mix + price + unmodelled, where
 * volume = (Q_a − Q_p)·c(s_p, p_p), mix = Q_a·(c(s_a, p_p) − c(s_p, p_p)),
 * price = Q_a·c(s_a, p_a) − Q_a·c(s_a, p_p), unmodelled = B − Q_a·c(s_a, p_a). c is the engine's own
 * cost per query ({@link ApiPricing}); Q_a·c(s_a, p_a) is what the bill charged for the tokens (or
 * the hours). Pure: values in, values out.
 */
public final class Reconciler {
    private Reconciler() {}

    /** Two figures this close (relative) are the same figure written twice, not a change in shape. */
    private static final double SAME = 1e-9;

    public static Reconciliation reconcile(
            Evaluation evaluation, Catalog catalog, Actuals actuals, YearMonth start, List<String> files) {
        Scenario scenario = evaluation.scenario();
        List<Option> options = Evaluator.optionsOf(scenario, catalog);
        Map<String, Option> byId = new LinkedHashMap<>();
        options.forEach(o -> byId.put(o.id(), o));
        Map<String, OptionResult> results = new HashMap<>();
        evaluation.options().forEach(r -> results.put(r.id(), r));
        Set<String> known = new java.util.HashSet<>(catalog.apiModels().keySet());
        for (Line line : actuals.lines()) {
            if (line instanceof Usage u
                    && u.match().model() != null
                    && !u.source().provider().equals("csv")) {
                known.addAll(
                        BillMapping.catalogIds(u.source().provider(), u.match().model()));
            }
        }
        BillMapping mapping = new BillMapping(scenario, options, known);

        // (month, option) → its lines; months in order, options in the scenario's order
        TreeMap<YearMonth, Map<String, Lines>> cells = new TreeMap<>();
        List<Unmapped> unmapped = new ArrayList<>();
        for (Line line : actuals.lines()) {
            switch (mapping.place(line)) {
                case BillMapping.Nowhere n -> unmapped.add(unmapped(line, n.reason()));
                case BillMapping.To to -> {
                    if (line instanceof Usage && byId.get(to.option()) instanceof Option.Rented) {
                        unmapped.add(unmapped(line, "tokens cannot be set against rented GPUs (" + to.option() + ")"));
                    } else {
                        cells.computeIfAbsent(line.month(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(to.option(), k -> new Lines())
                                .add(line, to.ownModel());
                    }
                }
            }
        }

        List<Row> rows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (var month : cells.entrySet()) {
            int m = (int) start.until(month.getKey(), ChronoUnit.MONTHS) + 1;
            if (m < 1 || m > scenario.horizonMonths()) {
                throw new IllegalArgumentException(month.getKey() + " is outside the horizon: the readers check this");
            }
            for (Option o : options) {
                Lines lines = month.getValue().get(o.id());
                if (lines == null) continue;
                if (lines.charges.isEmpty()) {
                    warnings.add(o.id() + ", " + month.getKey() + ": usage but no cost lines, so not reconciled; "
                            + "add the provider's cost export for the month");
                    lines.usage.forEach(
                            u -> unmapped.add(unmapped(u, "usage without a bill for its option and month")));
                    continue;
                }
                Set<Actuals.Source> billedBy = new LinkedHashSet<>();
                lines.charges.forEach(c -> billedBy.add(c.charge().source()));
                if (billedBy.size() > 1) {
                    warnings.add(o.id() + ", " + month.getKey() + ": billed by "
                            + String.join(
                                    " and ",
                                    billedBy.stream().map(Actuals.Source::title).toList())
                            + "; if they are the same spending it is counted twice");
                }
                rows.add(
                        switch (o) {
                            case Option.Api a ->
                                apiRow(scenario, catalog, a, results.get(o.id()), m, month.getKey(), lines);
                            case Option.Rented r ->
                                rentedRow(scenario, r, results.get(o.id()), m, month.getKey(), lines);
                            case Option.SelfHosted s ->
                                throw new IllegalStateException("owned hardware is on no bill: " + s.id());
                            case Option.Hybrid h ->
                                throw new IllegalStateException("a hybrid is on no bill: " + h.id());
                        });
            }
        }
        warnings.addAll(coverage(actuals, cells.keySet()));
        return new Reconciliation(
                scenario, evaluation.asOf(), start, files, rows, totals(rows), summary(rows), unmapped, warnings);
    }

    /** A charge and whether its line named the option's own model (a line item of another is unmodelled). */
    private record Placed(Charge charge, boolean ownModel) {
        Charge.Kind kind() {
            return charge.kind() == Charge.Kind.TOKENS && !ownModel ? Charge.Kind.OTHER : charge.kind();
        }
    }

    private static final class Lines {
        final List<Usage> usage = new ArrayList<>();
        final List<Placed> charges = new ArrayList<>();

        void add(Line line, boolean ownModel) {
            switch (line) {
                case Usage u -> usage.add(u);
                case Charge c -> charges.add(new Placed(c, ownModel));
            }
        }

        double usd(java.util.function.Predicate<Placed> which) {
            return charges.stream()
                    .filter(which)
                    .mapToDouble(p -> p.charge().usd())
                    .sum();
        }

        /** The labels and dollars of the lines the model does not price, largest first, for the row's notes. */
        String otherLabels() {
            Map<String, Double> byLabel = new LinkedHashMap<>();
            charges.stream()
                    .filter(p -> p.kind() == Charge.Kind.OTHER)
                    .forEach(p -> byLabel.merge(
                            p.charge().label() == null
                                    ? "unlabelled"
                                    : p.charge().label(),
                            p.charge().usd(),
                            Double::sum));
            List<String> items = byLabel.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.comparingDouble(Math::abs))
                            .reversed())
                    .limit(4)
                    .map(e -> e.getKey() + " " + Figures.usd(e.getValue()))
                    .toList();
            return String.join(", ", items) + (byLabel.size() > 4 ? ", and " + (byLabel.size() - 4) + " more" : "");
        }
    }

    // ---- an API option: Q is queries, c the engine's cost per query

    private static Row apiRow(
            Scenario scenario,
            Catalog catalog,
            Option.Api api,
            OptionResult result,
            int m,
            YearMonth calendar,
            Lines lines) {
        Workload plan = scenario.workload();
        double factor = scenario.assumptions().apiPriceFactor(m);
        double qp = plan.queriesInMonth(m);
        // the engine's own cost of a planned query: each class at its shape, weighted by its queries
        double cpp = planned(plan, result) * factor;
        TokenShape planShape = plan.traffic().mean();
        List<String> notes = new ArrayList<>();

        double requests = 0;
        double estimated = 0;
        double in = 0;
        double cached = 0;
        double written = 0;
        double out = 0;
        boolean writesReported = false;
        for (Usage u : lines.usage) {
            in += u.inputTokens();
            cached += u.cachedInputTokens();
            out += u.outputTokens();
            if (u.cacheWriteTokens() != null) {
                written += u.cacheWriteTokens();
                writesReported = true;
            }
            if (u.requests() != null) requests += u.requests();
            else
                estimated += planShape.inputTokensPerQuery() > 0
                        ? u.inputTokens() / planShape.inputTokensPerQuery()
                        : u.outputTokens() / planShape.generatedTokensPerQuery();
        }
        boolean measured = !lines.usage.isEmpty();
        double qa = measured ? requests + estimated : qp;
        double cap = cpp;
        if (!measured) {
            notes.add("no usage export for it: queries and token shape are the plan's, so volume and mix are zero");
        } else {
            if (estimated > 0) {
                notes.add("queries " + (requests > 0 ? "partly " : "") + "estimated from input tokens at the plan's "
                        + Figures.count(planShape.inputTokensPerQuery())
                        + " a query (the export counts no requests): volume and mix split as if so");
            }
            if (qa > 0) {
                TokenShape actual = shape(planShape, in / qa, cached, writesReported ? written : null, out / qa, in);
                // the plan's own shape is the plan's cost, class by class; any other is priced as one query shape
                if (!actual.equals(planShape)) {
                    ApiPricing pricing = new ApiPricing(catalog, plan);
                    cap = ApiPricing.perQuery(pricing.perToken(api, actual), actual) * factor;
                }
            } else if (in + out > 0) {
                notes.add("tokens without a single request: the token shape is the plan's");
            }
        }

        boolean brokenDown =
                lines.charges.stream().noneMatch(p -> p.kind() == Charge.Kind.UNSPLIT || p.kind() == Charge.Kind.USAGE);
        double other = lines.usd(p -> p.kind() == Charge.Kind.OTHER);
        double billed = lines.usd(p -> true);
        double priced = billed - other;
        if (!brokenDown) {
            notes.add("the bill does not split the tokens from its other lines: the tokens' cost is the whole amount"
                    + (other != 0 ? " less the lines it names" : "") + ", so the price part holds the rest");
        }
        if (other != 0) notes.add("unmodelled lines: " + lines.otherLabels());
        Inputs inputs = new Inputs(qp, cpp, qa, cap, priced, billed, measured, brokenDown);
        Optional<Reconciliation.Measured> usage = measured
                ? Optional.of(new Reconciliation.Measured(
                        qa, estimated > 0, in, cached, writesReported ? Optional.of(written) : Optional.empty(), out))
                : Optional.empty();
        return row(
                m,
                calendar,
                api.id(),
                dev.aichoose.model.OptionKind.API,
                Unit.QUERIES,
                inputs,
                Optional.empty(),
                usage,
                notes);
    }

    /** A planned query's cost on this API: the engine's cost of each class, weighted by its share of queries. */
    private static double planned(Workload plan, OptionResult result) {
        if (result.classCosts().isEmpty()) return 0;
        double cost = 0;
        double share = 0;
        for (OptionResult.ClassCost c : result.classCosts()) {
            cost += c.share() * c.costPerQueryUsd();
            share += c.share();
        }
        // one class (or every class at the workload's shape) is the engine's figure to the last bit
        return result.classCosts().size() == 1 || !plan.hasClassShapes()
                ? result.classCosts().getFirst().costPerQueryUsd()
                : cost / share;
    }

    /**
     * The shape of the actual queries: tokens per query, the cached and written shares of input, and
     * the generated tokens split between output and reasoning in the plan's proportion (the exports
     * count them together). A figure within {@link #SAME} of the plan's is the plan's, so that actuals
     * equal to the plan price exactly as the plan does.
     *
     * @param plan the planned traffic's average query
     * @param in all the input tokens, for the cached and written shares
     */
    static TokenShape shape(
            TokenShape plan, double inputPerQuery, double cached, Double written, double generated, double in) {
        double input = same(inputPerQuery, plan.inputTokensPerQuery());
        double planGenerated = plan.generatedTokensPerQuery();
        double output = same(
                planGenerated > 0 ? generated * plan.outputTokensPerQuery() / planGenerated : generated,
                plan.outputTokensPerQuery());
        double reasoning = same(Math.max(0, generated - output), plan.reasoningTokensPerQuery());
        double cachedShare = same(in > 0 ? Math.min(1, cached / in) : 0, plan.cachedInputShare());
        double writeShare = written == null
                ? plan.cacheWriteShare()
                : same(in > 0 ? Math.min(1 - cachedShare, written / in) : 0, plan.cacheWriteShare());
        return new TokenShape(input, output, reasoning, cachedShare, Math.min(writeShare, 1 - cachedShare));
    }

    private static double same(double actual, double plan) {
        return Math.abs(actual - plan) <= SAME * Math.max(Math.abs(plan), 1e-300) ? plan : actual;
    }

    // ---- rented GPUs: Q is GPU-hours, c the price of one

    private static Row rentedRow(
            Scenario scenario, Option.Rented rented, OptionResult result, int m, YearMonth calendar, Lines lines) {
        Costing.Rent rent = (Costing.Rent) result.costing();
        Optional<Fleet> fleet =
                result.capacity() == null ? Optional.empty() : result.capacity().fleet();
        int gpusPerInstance = fleet.map(Fleet::gpusPerUnit).orElse(Math.max(1, rent.gpus() / rented.count()));
        int gpus = fleet.map(f -> f.month(m).units() * f.gpusPerUnit()).orElse(rent.gpus());
        double cpp = rent.usdPerGpuHour() * scenario.assumptions().gpuRentFactor(m);
        // a serverless flex worker bills the hours it runs, not every hour: the month's rent says how many
        double hp = rent.serverless() == null || !(cpp > 0)
                ? gpus * rent.hoursPerMonth()
                : result.monthly().get(m - 1).parts().rent() / cpp;
        List<String> notes = new ArrayList<>();

        double hours = 0;
        double hourUsd = 0;
        boolean anyHours = false;
        for (Placed p : lines.charges) {
            Charge c = p.charge();
            if (p.kind() == Charge.Kind.USAGE && c.hours() != null) {
                anyHours = true;
                hours += c.perGpu() ? c.hours() : c.hours() * gpusPerInstance;
                hourUsd += c.usd();
            }
        }
        double billed = lines.usd(p -> true);
        double ha = anyHours ? hours : hp;
        double priced = anyHours ? hourUsd : billed;
        if (!anyHours) {
            notes.add("the bill gives no hours: GPU-hours are the plan's, and the whole amount is their cost, so the "
                    + "price part holds the difference");
        } else if (billed != hourUsd) {
            notes.add("unmodelled lines (not GPU-hours): " + Figures.usd(billed - hourUsd));
        }
        if (anyHours
                && lines.charges.stream()
                        .anyMatch(p ->
                                p.kind() == Charge.Kind.USAGE && !p.charge().perGpu())) {
            notes.add("instance-hours counted as " + gpusPerInstance + " GPU-hour" + (gpusPerInstance == 1 ? "" : "s")
                    + " each (the offer's GPUs)");
        }
        notes.add("staff time is on no provider's bill: predicted is the rent alone");
        Inputs inputs = new Inputs(hp, cpp, ha, cpp, priced, billed, anyHours, anyHours);
        GpuHours gpu = new GpuHours(
                hp,
                anyHours ? Optional.of(ha) : Optional.empty(),
                cpp,
                anyHours && ha > 0 ? Optional.of(hourUsd / ha) : Optional.empty());
        return row(
                m,
                calendar,
                rented.id(),
                dev.aichoose.model.OptionKind.RENTED,
                Unit.GPU_HOURS,
                inputs,
                Optional.of(gpu),
                Optional.empty(),
                notes);
    }

    // ---- the parts, to the cent

    private static Row row(
            int m,
            YearMonth calendar,
            String option,
            dev.aichoose.model.OptionKind kind,
            Unit unit,
            Inputs in,
            Optional<GpuHours> gpu,
            Optional<Reconciliation.Measured> usage,
            List<String> notes) {
        Cents cents = cents(in);
        Optional<Double> share = cents.predicted().signum() == 0
                ? Optional.empty()
                : Optional.of(cents.delta().doubleValue() / cents.predicted().doubleValue());
        return new Row(m, calendar, option, kind, unit, in, cents, share, gpu, usage, notes);
    }

    /**
     * The parts in cents, each the change in a running total that is rounded to the cent: predicted,
     * then Q_a·c(s_p, p_p) (after volume), Q_a·c(s_a, p_p) (after mix), Q_a·c(s_a, p_a) (after price)
     * and the bill (after unmodelled). The parts then add up to billed − predicted exactly, each is
     * within a cent of its unrounded value, and a part that is zero is zero.
     */
    static Cents cents(Inputs in) {
        BigDecimal predicted = Figures.cents(in.plannedQuantity() * in.plannedUnitCostUsd());
        BigDecimal afterVolume = Figures.cents(in.actualQuantity() * in.plannedUnitCostUsd());
        BigDecimal afterMix = Figures.cents(in.actualQuantity() * in.actualUnitCostAtPlanPricesUsd());
        BigDecimal afterPrice = Figures.cents(in.pricedUsd());
        BigDecimal billed = Figures.cents(in.billedUsd());
        return new Cents(
                predicted,
                billed,
                billed.subtract(predicted),
                afterVolume.subtract(predicted),
                afterMix.subtract(afterVolume),
                afterPrice.subtract(afterMix),
                billed.subtract(afterPrice),
                afterPrice);
    }

    private static List<Reconciliation.MonthTotal> totals(List<Row> rows) {
        Map<Integer, List<Row>> byMonth = new java.util.TreeMap<>();
        rows.forEach(
                r -> byMonth.computeIfAbsent(r.month(), k -> new ArrayList<>()).add(r));
        return byMonth.values().stream()
                .map(rs -> new Reconciliation.MonthTotal(
                        rs.getFirst().month(),
                        rs.getFirst().calendarMonth(),
                        sum(rs, Cents::predicted),
                        sum(rs, Cents::billed)))
                .toList();
    }

    static Reconciliation.Summary summary(List<Row> rows) {
        BigDecimal predicted = sum(rows, Cents::predicted);
        BigDecimal billed = sum(rows, Cents::billed);
        BigDecimal delta = billed.subtract(predicted);
        List<Double> errors = rows.stream()
                .filter(r -> r.cents().billed().signum() != 0)
                .map(r -> r.cents()
                        .delta()
                        .abs()
                        .divide(r.cents().billed().abs(), 12, RoundingMode.HALF_UP)
                        .doubleValue())
                .toList();
        Optional<Double> mape = errors.isEmpty()
                ? Optional.empty()
                : Optional.of(errors.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow());
        Optional<Double> bias = predicted.signum() == 0
                ? Optional.empty()
                : Optional.of(delta.divide(predicted, 12, RoundingMode.HALF_UP).doubleValue());
        List<Row> beyond = rows.stream()
                .filter(r -> r.deltaShare()
                        .map(s -> Math.abs(s) > Reconciliation.BEYOND_SHARE)
                        .orElse(r.cents().billed().signum() != 0))
                .toList();
        return new Reconciliation.Summary(rows.size(), predicted, billed, delta, mape, bias, beyond);
    }

    private static BigDecimal sum(List<Row> rows, java.util.function.Function<Cents, BigDecimal> figure) {
        return rows.stream().map(r -> figure.apply(r.cents())).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static Unmapped unmapped(Line line, String reason) {
        return switch (line) {
            case Usage u ->
                new Unmapped(
                        u.origin(),
                        u.source(),
                        u.month(),
                        u.match().model(),
                        u.match().tags(),
                        null,
                        0,
                        u.inputTokens() + u.outputTokens(),
                        reason);
            case Charge c ->
                new Unmapped(
                        c.origin(),
                        c.source(),
                        c.month(),
                        c.match().model(),
                        c.match().tags(),
                        c.label(),
                        c.usd(),
                        0,
                        reason);
        };
    }

    /**
     * A month the exports cover only in part looks like a fall in volume: each month with rows is
     * checked against the union of the periods the exports cover (every bucket, empty ones too).
     */
    private static List<String> coverage(Actuals actuals, Set<YearMonth> months) {
        List<String> warnings = new ArrayList<>();
        for (YearMonth month : months) {
            Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to =
                    month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<Actuals.Period> within = actuals.covered().stream()
                    .filter(p -> p.end().isAfter(from) && p.start().isBefore(to))
                    .sorted(Comparator.comparing(Actuals.Period::start))
                    .toList();
            long covered = 0;
            Instant reach = from;
            for (Actuals.Period p : within) {
                Instant s = p.start().isBefore(reach) ? reach : p.start();
                Instant e = p.end().isAfter(to) ? to : p.end();
                if (e.isAfter(s)) {
                    covered += s.until(e, ChronoUnit.SECONDS);
                    reach = e;
                }
            }
            long whole = from.until(to, ChronoUnit.SECONDS);
            if (covered < whole) {
                warnings.add(month + ": the exports cover " + days(covered) + " of its " + month.lengthOfMonth()
                        + " days; a month billed in part reads as a fall in volume");
            }
        }
        return warnings;
    }

    private static String days(long seconds) {
        return Figures.count(Math.round(seconds / 86_400.0 * 10) / 10.0);
    }
}
