package dev.aichoose.report.xlsx;

import static dev.aichoose.report.xlsx.Cells.formula;
import static dev.aichoose.report.xlsx.Cells.widths;
import static dev.aichoose.report.xlsx.EvaluationWorkbook.ASSUMPTIONS;

import dev.aichoose.cost.Replica;
import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Workload;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** The Assumptions sheet: every input as a named cell, and the figures derived from them as formulas. */
public final class AssumptionsSheet {
    /**
     * Under an automatic hybrid's shares: aichoose chose its routing for the scenario's inputs, and the
     * workbook's formulas keep those shares as they are when other inputs change.
     */
    public static final String AUTO_ROUTING_FIXED =
            "Routing fixed: aichoose chose these shares (routes: auto) for the inputs as evaluated; editing other"
                    + " inputs does not re-route. Edit the shares by hand, or run aichoose again to choose anew.";

    private final WorkbookModel model;
    private final Evaluation e;
    private final Styles styles;
    private final Sheet assumptions;
    /** The next row to write (0-based), below the header. */
    private int assumptionRow = 1;

    AssumptionsSheet(WorkbookModel model, Sheet assumptions) {
        this.model = model;
        this.e = model.evaluation();
        this.styles = model.styles();
        this.assumptions = assumptions;
    }

    void write() {
        model.header(assumptions, 0, "Input", "Value", "Unit", "Name in formulas");
        Workload w = e.scenario().workload();
        var a = e.scenario().assumptions();
        section("Scenario: " + e.scenario().name());
        input(
                "Horizon (the Cash flow sheet has one row per month; re-run aichoose to change it)",
                "horizon_months",
                e.scenario().horizonMonths(),
                styles.integer,
                "months");
        input("Discount rate", "discount_rate_annual", a.discountRateAnnual(), styles.percent, "per year");
        section("Workload");
        input("Queries in month 1", "queries_per_month", w.queriesPerMonth(), styles.integer, "queries/month");
        input("Monthly growth", "monthly_growth", w.monthlyGrowth(), styles.percent, "compounding");
        input("Input tokens per query", "input_tokens_per_query", w.inputTokensPerQuery(), styles.integer, "tokens");
        input("Output tokens per query", "output_tokens_per_query", w.outputTokensPerQuery(), styles.integer, "tokens");
        input(
                "Reasoning tokens per query",
                "reasoning_tokens_per_query",
                w.reasoningTokensPerQuery(),
                styles.integer,
                "tokens, billed as output");
        input("Cached input share", "cached_input_share", w.cachedInputShare(), styles.percent, "of input tokens");
        if (model.longUsageForm()) {
            input("Cache write share", "cache_write_share", w.cacheWriteShare(), styles.percent, "of input tokens");
        }
        input("Peak to average", "peak_to_average", w.peakToAverage(), styles.decimal, "sizing only");
        if (model.classShapes()) writeClasses(w);
        section("Defaults the engine resolved the options' monthly figures from");
        input("Electricity price", "electricity_usd_per_kwh", a.electricityUsdPerKwh(), styles.usdPrecise, "USD/kWh");
        input("PUE", "pue", a.pue(), styles.decimal, "");
        if (e.options().stream().anyMatch(o -> o.costing() instanceof Costing.Owned)) {
            input(
                    "Power load factor",
                    "power_load_factor",
                    a.powerLoadFactor(),
                    styles.percent,
                    "of an owned system's maximum power, drawn on average");
            input(
                    "Colocation",
                    "colocation_usd_per_kw_month",
                    a.colocationUsdPerKwMonth(),
                    styles.usd,
                    "USD per kW of maximum power a month");
        }
        input("Operations rate", "ops_usd_per_hour", a.opsUsdPerHour(), styles.usd, "USD/hour");
        if (e.options().stream().anyMatch(o -> model.sizing(o).isPresent())) {
            input(
                    "Planning utilisation",
                    "planning_utilisation",
                    a.planningUtilisation(),
                    styles.percent,
                    "of a replica's throughput at peak, for count: auto");
        }
        input(
                "API price change",
                "api_price_change_annual",
                a.apiPriceChangeAnnual(),
                styles.percent,
                "per year, month by month (0: held flat)");
        input(
                "GPU rent change",
                "gpu_rent_change_annual",
                a.gpuRentChangeAnnual(),
                styles.percent,
                "per year, month by month (0: held flat)");
        for (OptionResult o : e.options()) {
            if (o.costing() == null) continue;
            section("Option " + o.id() + " (" + model.kind(o) + ")");
            String p = model.slug(o.id());
            switch (o.costing()) {
                case Costing.PerToken t -> {
                    input(
                            "Input price",
                            p + "_input_usd_per_mtok",
                            t.inputUsdPerMtok(),
                            styles.usd,
                            "USD per million tokens");
                    input(
                            "Cached input price",
                            p + "_cached_input_usd_per_mtok",
                            t.cachedInputUsdPerMtok(),
                            styles.usd,
                            "USD per million tokens");
                    input(
                            "Output price",
                            p + "_output_usd_per_mtok",
                            t.outputUsdPerMtok(),
                            styles.usd,
                            "USD per million tokens");
                    if (model.longUsageForm()) {
                        input(
                                "Cache write price",
                                p + "_cache_write_usd_per_mtok",
                                t.cacheWriteUsdPerMtok(),
                                styles.usd,
                                "USD per million tokens");
                        input(
                                "Reasoning price",
                                p + "_reasoning_usd_per_mtok",
                                t.reasoningUsdPerMtok(),
                                styles.usd,
                                "USD per million tokens");
                    }
                    if (model.classShapes()) {
                        for (OptionResult.ClassCost c : o.classCosts()) {
                            if (WorkbookModel.samePrices(c.prices(), t)) continue;
                            String q = model.classPrices(o, c.workloadClass());
                            String of = " for class " + c.workloadClass() + " (its input reaches another tier)";
                            input(
                                    "Input price" + of,
                                    q + "_input_usd_per_mtok",
                                    c.prices().inputUsdPerMtok(),
                                    styles.usd,
                                    "USD per million tokens");
                            input(
                                    "Cached input price" + of,
                                    q + "_cached_input_usd_per_mtok",
                                    c.prices().cachedInputUsdPerMtok(),
                                    styles.usd,
                                    "USD per million tokens");
                            input(
                                    "Output price" + of,
                                    q + "_output_usd_per_mtok",
                                    c.prices().outputUsdPerMtok(),
                                    styles.usd,
                                    "USD per million tokens");
                            if (model.longUsageForm()) {
                                input(
                                        "Cache write price" + of,
                                        q + "_cache_write_usd_per_mtok",
                                        c.prices().cacheWriteUsdPerMtok(),
                                        styles.usd,
                                        "USD per million tokens");
                                input(
                                        "Reasoning price" + of,
                                        q + "_reasoning_usd_per_mtok",
                                        c.prices().reasoningUsdPerMtok(),
                                        styles.usd,
                                        "USD per million tokens");
                            }
                        }
                    }
                }
                case Costing.Owned h -> {
                    input("Units (cards or systems)", p + "_count", h.count(), styles.integer, "");
                    input("Price per unit", p + "_unit_price_usd", h.unitPriceUsd(), styles.usd, "USD");
                    if (h.cardsPerHost() > 0) {
                        input(
                                "Host (" + h.host() + "): price without GPUs",
                                p + "_host_price_usd",
                                h.hostPriceUsd(),
                                styles.usd,
                                "USD");
                        input("Cards per host", p + "_cards_per_host", h.cardsPerHost(), styles.integer, "");
                        derived(
                                "Hosts",
                                p + "_hosts",
                                "CEILING(" + p + "_count/" + p + "_cards_per_host,1)",
                                h.hosts(),
                                styles.integer,
                                "one per cards per host");
                    }
                    input(
                            "Rest of the system, installation",
                            p + "_extra_upfront_usd",
                            h.extraUpfrontUsd(),
                            styles.usd,
                            "USD");
                    derived(
                            "Upfront",
                            p + "_upfront_usd",
                            p + "_count*" + p + "_unit_price_usd+" + hostTerm(h, p, p + "_hosts", "_host_price_usd") + p
                                    + "_extra_upfront_usd",
                            h.upfrontUsd(),
                            styles.usd,
                            "USD, paid in month 1 and at each replacement");
                    input("Lifetime", p + "_lifetime_months", h.lifetimeMonths(), styles.integer, "months");
                    input("Residual value", p + "_residual_share", h.residualShare(), styles.percent, "of upfront");
                    {
                        input(
                                "Power per unit",
                                p + "_unit_power_w",
                                h.unitPowerW(),
                                styles.integer,
                                "W, its maximum"
                                        + (h.host() != null && h.cardsPerHost() == 0
                                                ? " (the server's host included)"
                                                : ""));
                        if (h.cardsPerHost() > 0) {
                            input("Host power", p + "_host_power_w", h.hostPowerW(), styles.integer, "W, its maximum");
                        }
                    }
                    if (h.flatElectricityUsdPerMonth() != null) {
                        input(
                                "Electricity (a flat figure)",
                                p + "_electricity_usd_per_month",
                                h.flatElectricityUsdPerMonth(),
                                styles.usd,
                                "USD/month");
                    } else {
                        derived(
                                "Electricity",
                                p + "_electricity_usd_per_month",
                                maxPowerW(h, p, p + "_count", p + "_hosts") + "*power_load_factor/1000*"
                                        + Assumptions.HOURS_PER_MONTH + "*pue*electricity_usd_per_kwh",
                                h.electricityUsdPerMonth(),
                                styles.usd,
                                "USD/month");
                    }
                    input(
                            "Maintenance",
                            p + "_maintenance_share_annual",
                            h.maintenanceShareAnnual(),
                            styles.percent,
                            "of the hardware price a year");
                    derived(
                            "Maintenance",
                            p + "_maintenance_usd_per_month",
                            "(" + p + "_count*" + p + "_unit_price_usd"
                                    + (h.cardsPerHost() > 0 ? "+" + p + "_hosts*" + p + "_host_price_usd" : "")
                                    + ")*" + p + "_maintenance_share_annual/12",
                            h.maintenanceUsdPerMonth(),
                            styles.usd,
                            "USD/month");
                    derived(
                            "Colocation",
                            p + "_colocation_usd_per_month",
                            maxPowerW(h, p, p + "_count", p + "_hosts") + "/1000*colocation_usd_per_kw_month",
                            h.colocationUsdPerMonth(),
                            styles.usd,
                            "USD/month, by the kW of maximum power");
                    recurringInputs(p, h.recurring());
                    input(
                            "Operations hours",
                            p + "_ops_hours_per_month",
                            h.opsHoursPerMonth(),
                            styles.decimal,
                            "hours/month");
                    derived(
                            "Operations staff",
                            p + "_staff_usd_per_month",
                            p + "_ops_hours_per_month*ops_usd_per_hour",
                            h.staffUsdPerMonth(),
                            styles.usd,
                            "USD/month");
                }
                case Costing.Rent r -> {
                    input("GPUs", p + "_gpus", r.gpus(), styles.integer, "");
                    input("Price per GPU-hour", p + "_usd_per_gpu_hour", r.usdPerGpuHour(), styles.usdPrecise, "USD");
                    input("Hours billed", p + "_hours_per_month", r.hoursPerMonth(), styles.decimal, "hours/month");
                    if (r.serverless() != null) serverlessInputs(p, r.serverless());
                    if (r.lostShare() > 0) {
                        input(
                                "Capacity lost to interruptions and restarts (spot)",
                                p + "_lost_share",
                                r.lostShare(),
                                styles.percent,
                                "of each instance's time");
                    }
                    if (r.termMonths() > 0) {
                        note("Reserved for " + r.termMonths() + " months: each month holds the most units any month"
                                + " of its term needs (the term is fixed in the Cash flow formulas)");
                    }
                    recurringInputs(p, r.recurring());
                    input(
                            "Operations hours",
                            p + "_ops_hours_per_month",
                            r.opsHoursPerMonth(),
                            styles.decimal,
                            "hours/month");
                    derived(
                            "Operations staff",
                            p + "_staff_usd_per_month",
                            p + "_ops_hours_per_month*ops_usd_per_hour",
                            r.staffUsdPerMonth(),
                            styles.usd,
                            "USD/month");
                }
                case Costing.Mix m -> {
                    for (Costing.Leg leg : m.legs()) {
                        input(
                                "Share of queries to " + leg.option(),
                                p + "_" + model.slug(leg.option()) + "_share",
                                leg.share(),
                                styles.percent,
                                "of all queries");
                    }
                    if (autoRouted(o.id())) note(AUTO_ROUTING_FIXED);
                    for (Costing.Leg leg : m.legs()) {
                        model.legSizing(o, leg).ifPresent(z -> legSizingInputs(o, leg, z));
                    }
                }
            }
            model.sizing(o).ifPresent(z -> {
                input(
                        "Throughput per replica",
                        p + "_replica_tokens_per_second",
                        z.replicaTokensPerSecond(),
                        styles.decimal,
                        "generated tok/s; count: auto sizes the fleet from it"
                                + o.capacity()
                                        .estimate()
                                        .flatMap(OptionResult.Estimate::accuracy)
                                        .map(error -> "; the serving model's estimate" + Replica.accuracyWords(error))
                                        .orElse(""));
                input("GPUs per replica", p + "_gpus_per_replica", z.gpusPerReplica(), styles.integer, "");
                input(
                        "GPUs per unit",
                        p + "_gpus_per_unit",
                        o.capacity().fleet().orElseThrow().gpusPerUnit(),
                        styles.integer,
                        "");
                input("Fewest units", p + "_min_units", z.minimumUnits(), styles.integer, "units in service at least");
            });
        }
        assumptions.createFreezePane(0, 1);
        widths(assumptions, 58, 16, 30, 44);
    }

    /**
     * Each class with traffic, its share of queries and its query's shape: a figure the class
     * states is a value, one it takes from the workload a formula over the workload's, and the
     * default class's share is the rest.
     */
    private void writeClasses(Workload w) {
        section("Workload classes (a figure the class does not state is the workload's, by formula)");
        List<String> names = w.trafficClassNames();
        List<String> others = new ArrayList<>();
        for (String name : names) {
            String c = model.classSlug(name);
            var own = w.classes().stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .map(dev.aichoose.model.WorkloadClass::shape)
                    .orElse(dev.aichoose.model.WorkloadClass.Shape.NONE);
            var shape = w.shapeOf(name);
            if (name.equals(Workload.DEFAULT_CLASS)) {
                derived(
                        "Class default: share of queries",
                        c + "_share",
                        others.isEmpty() ? "1" : "1-" + String.join("-", others),
                        w.shareOf(name),
                        styles.percent,
                        "the rest of the traffic");
            } else {
                input("Class " + name + ": share of queries", c + "_share", w.shareOf(name), styles.percent, "");
                others.add(c + "_share");
            }
            classField(
                    name,
                    c,
                    "input tokens per query",
                    "input_tokens_per_query",
                    own.inputTokensPerQuery() != null,
                    shape.inputTokensPerQuery(),
                    styles.integer,
                    "tokens");
            classField(
                    name,
                    c,
                    "output tokens per query",
                    "output_tokens_per_query",
                    own.outputTokensPerQuery() != null,
                    shape.outputTokensPerQuery(),
                    styles.integer,
                    "tokens");
            classField(
                    name,
                    c,
                    "reasoning tokens per query",
                    "reasoning_tokens_per_query",
                    own.reasoningTokensPerQuery() != null,
                    shape.reasoningTokensPerQuery(),
                    styles.integer,
                    "tokens");
            classField(
                    name,
                    c,
                    "cached input share",
                    "cached_input_share",
                    own.cachedInputShare() != null,
                    shape.cachedInputShare(),
                    styles.percent,
                    "of its input tokens");
            if (model.longUsageForm()) {
                classField(
                        name,
                        c,
                        "cache write share",
                        "cache_write_share",
                        own.cacheWriteShare() != null,
                        shape.cacheWriteShare(),
                        styles.percent,
                        "of its input tokens");
            }
        }
    }

    private void classField(
            String name,
            String c,
            String label,
            String field,
            boolean own,
            double value,
            CellStyle style,
            String unit) {
        if (own) input("Class " + name + ": " + label, c + "_" + field, value, style, unit);
        else derived("Class " + name + ": " + label, c + "_" + field, field, value, style, unit + ", the workload's");
    }

    /**
     * A hybrid's sized leg: the generated tokens of the classes it carries, by formula over the
     * Workload classes cells, and the replica it is sized with, estimated at those classes' mean query
     * (docs/methodology.md §11.8).
     */
    private void legSizingInputs(OptionResult hybrid, Costing.Leg leg, dev.aichoose.model.Fleet.Sizing z) {
        String s = model.legStem(hybrid, leg.option());
        List<String> classes = model.legClasses(hybrid, leg.option());
        String of = "Leg " + leg.option() + " (classes " + String.join(", ", classes) + "): ";
        derived(
                of + "generated tokens per query",
                s + "_generated_tokens_per_query",
                model.generatedBy(classes),
                e.scenario().workload().traffic(classes).generatedTokensPerQuery(),
                styles.decimal,
                "tokens for each query of the workload, Σ class share × (output + reasoning)");
        input(
                of + "throughput per replica",
                s + "_replica_tokens_per_second",
                z.replicaTokensPerSecond(),
                styles.decimal,
                "generated tok/s at these classes' mean query (serving model; re-run aichoose after"
                        + " changing a shape)");
        input(of + "GPUs per replica", s + "_gpus_per_replica", z.gpusPerReplica(), styles.integer, "");
        input(
                of + "GPUs per unit",
                s + "_gpus_per_unit",
                leg.fleet().orElseThrow().gpusPerUnit(),
                styles.integer,
                "");
        input(of + "fewest units", s + "_min_units", z.minimumUnits(), styles.integer, "units in service at least");
    }

    /** A serverless flex worker's billing terms and the replica its work runs at (docs/methodology.md §5.2). */
    private void serverlessInputs(String p, Costing.Serverless s) {
        input(
                "Idle timeout",
                p + "_idle_timeout_seconds",
                s.idleTimeoutSeconds(),
                styles.decimal,
                "s a worker stays up");
        input("Cold start", p + "_cold_start_seconds", s.coldStartSeconds(), styles.decimal, "s, billed");
        input(
                "Billing increment",
                p + "_billing_increment_seconds",
                s.billingIncrementSeconds(),
                styles.decimal,
                "s each run is rounded up to");
        input(
                "Replica throughput (serverless)",
                p + "_worker_tokens_per_second",
                s.replicaTokensPerSecond(),
                styles.decimal,
                "generated tok/s at its operating point");
        input("GPUs per replica (serverless)", p + "_worker_gpus_per_replica", s.gpusPerReplica(), styles.integer, "");
        input("GPUs per worker", p + "_worker_gpus", s.gpusPerWorker(), styles.integer, "");
    }

    /** {@code +hosts*price} for an option whose cards are bought with hosts; empty otherwise. */
    private static String hostTerm(Costing.Owned h, String p, String hosts, String priceSuffix) {
        return h.cardsPerHost() > 0 ? hosts + "*" + p + priceSuffix + "+" : "";
    }

    /** The whole system's maximum power in watts: units times their power, and their hosts'. */
    private static String maxPowerW(Costing.Owned h, String p, String units, String hosts) {
        return "(" + units + "*" + p + "_unit_power_w"
                + (h.cardsPerHost() > 0 ? "+" + hosts + "*" + p + "_host_power_w" : "") + ")";
    }

    /** Each recurring line as its own named input, and their sum by formula. */
    private void recurringInputs(String p, List<dev.aichoose.model.Option.RecurringCost> recurring) {
        if (recurring.isEmpty()) return;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < recurring.size(); i++) {
            var line = recurring.get(i);
            String name = p + "_recurring_" + (i + 1) + "_usd_per_month";
            input("Recurring: " + line.name(), name, line.usdPerMonth(), styles.usd, "USD/month");
            names.add(name);
        }
        derived(
                "Recurring lines",
                p + "_recurring_usd_per_month",
                String.join("+", names),
                recurring.stream()
                        .mapToDouble(dev.aichoose.model.Option.RecurringCost::usdPerMonth)
                        .sum(),
                styles.usd,
                "USD/month");
    }

    private void section(String title) {
        assumptionRow++;
        Cell c = assumptions.createRow(assumptionRow++).createCell(0);
        c.setCellValue(title);
        c.setCellStyle(styles.bold);
    }

    /** Whether the scenario left this hybrid's routing to aichoose ({@code routes: auto}). */
    private boolean autoRouted(String id) {
        return e.scenario().options().stream()
                .anyMatch(opt -> opt instanceof dev.aichoose.model.Option.Hybrid h && h.auto() && h.id().equals(id));
    }

    /** A line of text under the inputs above it, naming no cell. */
    private void note(String text) {
        assumptions.createRow(assumptionRow++).createCell(0).setCellValue(text);
    }

    /** A named cell computed from other inputs: change those and it follows. */
    private void derived(String label, String name, String formula, double engineValue, CellStyle style, String unit) {
        input(label, name, engineValue, style, unit + " (formula)");
        Cell v = assumptions.getRow(assumptionRow - 1).getCell(1);
        v.setCellFormula(formula);
    }

    /** Writes one input and names its cell; the name is what every formula refers to. */
    private void input(String label, String name, double value, CellStyle style, String unit) {
        if (!model.declare(name)) throw new IllegalStateException("duplicate input name " + name);
        Row row = assumptions.createRow(assumptionRow);
        row.createCell(0).setCellValue(label);
        Cell v = row.createCell(1);
        v.setCellValue(value);
        v.setCellStyle(style);
        row.createCell(2).setCellValue(unit);
        row.createCell(3).setCellValue(name);
        Name n = model.workbook().createName();
        n.setNameName(name);
        n.setRefersToFormula(ASSUMPTIONS + "!$B$" + (assumptionRow + 1));
        assumptionRow++;
    }
}
