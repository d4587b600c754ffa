package dev.aichoose.report.xlsx;

import static dev.aichoose.report.xlsx.Cells.col;
import static dev.aichoose.report.xlsx.Cells.formula;
import static dev.aichoose.report.xlsx.Cells.ref;
import static dev.aichoose.report.xlsx.EvaluationWorkbook.FIRST_MONTH_ROW;
import static dev.aichoose.report.xlsx.WorkbookModel.MAX_COLUMNS;

import dev.aichoose.cost.FleetSizing;
import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.report.xlsx.WorkbookModel.Block;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/** The Cash flow sheet: one row per month, each option's cost as columns of formulas over the named inputs. */
final class CashFlowSheet {
    /** One column of an option's block: its header, its sign in the month's cost, its formula per row. */
    record Part(String header, int sign, IntFunction<String> formula) {}

    private final WorkbookModel model;
    private final Evaluation e;
    private final Styles styles;
    private final Sheet cashFlow;

    CashFlowSheet(WorkbookModel model, Sheet cashFlow) {
        this.model = model;
        this.e = model.evaluation();
        this.styles = model.styles();
        this.cashFlow = cashFlow;
    }

    /** One option's columns on the Cash flow sheet: its parts, then its cost, cumulative and discounted cost. */
    private record Layout(OptionResult option, List<Part> parts, Block block, int first) {}

    /**
     * The Cash flow sheet, row by row (a streaming workbook keeps only a few rows in memory): the
     * options' columns are laid out first, then each month's row is written across all of them.
     */
    void write() {
        List<Layout> layouts = new ArrayList<>();
        int col = 2;
        // a hybrid's formulas point at its legs' columns, so the legs are laid out first
        List<OptionResult> ordered = new ArrayList<>(e.options());
        ordered.sort(java.util.Comparator.comparing(o -> o.costing() instanceof Costing.Mix));
        for (OptionResult o : ordered) {
            List<Part> parts = parts(o, col);
            if (col + parts.size() + 3 > MAX_COLUMNS) throw model.tooWide(col + parts.size() + 3);
            int first = col;
            int usageCol = -1;
            Map<String, Integer> byHeader = new HashMap<>();
            model.placeColumns(o.id(), byHeader);
            for (Part part : parts) {
                if (part.header().equals("Usage")) usageCol = col;
                byHeader.put(part.header(), col++);
            }
            Block block = new Block(o.id(), o.costing(), usageCol, col, col + 1, col + 2);
            col += 3;
            model.place(block);
            layouts.add(new Layout(o, parts, block, first));
        }
        Row titles = cashFlow.createRow(0);
        Row headers = cashFlow.createRow(1);
        model.headerCell(headers, 0, "Month");
        model.headerCell(headers, 1, "Queries");
        for (Layout l : layouts) {
            for (int i = 0; i < l.parts().size(); i++) {
                model.headerCell(headers, l.first() + i, l.parts().get(i).header());
            }
            model.headerCell(headers, l.block().costCol(), "Cost");
            model.headerCell(headers, l.block().cumulativeCol(), "Cumulative");
            model.headerCell(headers, l.block().discountedCol(), "Discounted");
            Cell title = titles.createCell(l.first());
            title.setCellValue(l.option().id() + " (" + model.kind(l.option()) + ")");
            title.setCellStyle(styles.title);
            if (l.block().discountedCol() > l.first()) {
                cashFlow.addMergedRegion(
                        new CellRangeAddress(0, 0, l.first(), l.block().discountedCol()));
            }
        }
        for (int r = FIRST_MONTH_ROW; r <= model.lastMonthRow(); r++) {
            int excelRow = r + 1;
            Row row = cashFlow.createRow(r);
            Cell month = row.createCell(0);
            month.setCellValue(r - FIRST_MONTH_ROW + 1);
            month.setCellStyle(styles.integer);
            formula(
                    row.createCell(1),
                    "queries_per_month*POWER(1+monthly_growth,$A" + excelRow + "-1)",
                    styles.integer);
            for (Layout l : layouts) monthOf(l, row, r);
        }
        // one default for the options' columns: POI finds a column's width by walking the columns before it
        cashFlow.setDefaultColumnWidth(15);
        cashFlow.setColumnWidth(0, 8 * 256);
        cashFlow.setColumnWidth(1, 14 * 256);
        cashFlow.createFreezePane(2, FIRST_MONTH_ROW);
    }

    /** One option's cells in one month's row: each part, then the cost, cumulative and discounted cost. */
    private void monthOf(Layout l, Row row, int r) {
        int excelRow = r + 1;
        List<Part> parts = l.parts();
        StringBuilder cost = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            formula(
                    row.createCell(l.first() + i),
                    part.formula().apply(excelRow),
                    part.sign() == 0 ? styles.integer : styles.usd);
            if (part.sign() == 0) continue; // a count of units, not money
            cost.append(part.sign() < 0 ? "-" : cost.isEmpty() ? "" : "+")
                    .append(CellReference.convertNumToColString(l.first() + i))
                    .append(excelRow);
        }
        Block b = l.block();
        if (parts.isEmpty()) {
            // no resolved inputs (the engine could not price it): the engine's figure as a constant
            Cell c = row.createCell(b.costCol());
            c.setCellValue(l.option().monthly().get(r - FIRST_MONTH_ROW).costUsd());
            c.setCellStyle(styles.usd);
        } else {
            formula(row.createCell(b.costCol()), cost.toString(), styles.usdBold);
        }
        String costRef = ref(b.costCol(), excelRow);
        formula(
                row.createCell(b.cumulativeCol()),
                r == FIRST_MONTH_ROW ? costRef : ref(b.cumulativeCol(), excelRow - 1) + "+" + costRef,
                styles.usd);
        formula(
                row.createCell(b.discountedCol()),
                costRef + "/POWER(1+discount_rate_annual,$A" + excelRow + "/12)",
                styles.usd);
    }

    /**
     * What a sized fleet's formulas read: the stem of its sizing's names ({@code _replica_tokens_per_second},
     * {@code _gpus_per_replica}, {@code _gpus_per_unit}, {@code _min_units}), and factors on a month's
     * queries ({@code $B}) giving the queries it carries and the tokens it generates.
     *
     * @param queries a factor on the queries ({@code *name}), or empty for all of them
     * @param tokens a factor on the queries giving the tokens generated ({@code *tokens per query})
     */
    private record Load(String sizing, String queries, String tokens) {}

    /** An owned or rented fleet sized by formula: units from the load, and for owned units the purchases. */
    private List<Part> fleetParts(OptionResult o, int firstCol) {
        String p = model.slug(o.id());
        return fleetParts(o, new Load(p, "", "*" + model.generatedPerQuery()), "", firstCol);
    }

    /** The same for a fleet carrying part of the queries ({@code load}), its headers prefixed. */
    private List<Part> fleetParts(OptionResult o, Load load, String prefix, int firstCol) {
        String p = model.slug(o.id());
        String z = load.sizing();
        String share = load.queries();
        // a spot fleet carries the load with the capacity interruptions and restarts leave it (§5.3)
        String kept =
                o.costing() instanceof Costing.Rent spot && spot.lostShare() > 0 ? "/(1-" + p + "_lost_share)" : "";
        String required = "$B%d" + load.tokens().replace("%", "%%") + "/(" + Assumptions.HOURS_PER_MONTH
                + "*3600)*peak_to_average" + kept;
        String need = "MAX(" + z + "_min_units,MIN(" + FleetSizing.MAX_UNITS + ",CEILING(CEILING(MAX(0," + required
                + "/(" + z + "_replica_tokens_per_second*planning_utilisation)-1E-9),1)*" + z + "_gpus_per_replica/"
                + z + "_gpus_per_unit,1)))";
        String needCol = col(firstCol);
        if (o.costing() instanceof Costing.Rent rent) {
            List<Part> rented = new ArrayList<>();
            String unitsCol;
            if (rent.termMonths() > 0) {
                // a reservation is paid for its whole term: each month holds the most any month of its term needs
                String neededCol = col(firstCol);
                unitsCol = col(firstCol + 1);
                int term = rent.termMonths();
                rented.add(new Part(prefix + "Units needed", 0, r -> need.formatted(r)));
                rented.add(new Part(prefix + "Units", 0, r -> {
                    int month = r - FIRST_MONTH_ROW;
                    int start = (month - 1) / term * term + 1;
                    int end = Math.min(model.months(), start + term - 1);
                    return "MAX(" + neededCol + (start + FIRST_MONTH_ROW) + ":" + neededCol + (end + FIRST_MONTH_ROW)
                            + ")";
                }));
            } else {
                unitsCol = needCol;
                rented.add(new Part(prefix + "Units", 0, r -> need.formatted(r)));
            }
            rented.add(new Part(
                    prefix + "Rent",
                    1,
                    r -> rent.serverless() != null
                            ? serverlessRent(p, load, r, unitsCol + r)
                            : unitsCol + r + "*" + z + "_gpus_per_unit*" + p + "_usd_per_gpu_hour*" + p
                                    + "_hours_per_month*POWER(1+gpu_rent_change_annual,($A" + r
                                    + "-1)/12)"));
            if (!rent.recurring().isEmpty()) rented.add(recurringPart(p, rent.recurring(), prefix));
            rented.add(new Part(prefix + "Staff", 1, r -> p + "_staff_usd_per_month"));
            return rented;
        }
        Costing.Owned h = (Costing.Owned) o.costing();
        String retired = col(firstCol + 1);
        String bought = col(firstCol + 2);
        String inService = col(firstCol + 3);
        boolean hosts = h.cardsPerHost() > 0;
        String hostsRetired = col(firstCol + 5);
        String hostsBought = col(firstCol + 6);
        String hostsInService = col(firstCol + 7);
        String life = p + "_lifetime_months";
        String price = p + "_unit_price_usd";
        String hostPrice = p + "_host_price_usd";
        int firstRow = FIRST_MONTH_ROW + 1;
        int lastRow = model.lastMonthRow() + 1;
        IntFunction<String> before = r -> r == firstRow ? "0" : inService + (r - 1);
        IntFunction<String> hostsBefore = r -> r == firstRow ? "0" : hostsInService + (r - 1);
        IntFunction<String> site = r -> "IF(MOD($A" + r + "-1," + life + ")=0," + p + "_extra_upfront_usd,0)";
        // the cards' and their hosts' maximum power in month r
        IntFunction<String> watts = r -> "(" + inService + r + "*" + p + "_unit_power_w"
                + (hosts ? "+" + hostsInService + r + "*" + p + "_host_power_w" : "") + ")";
        IntFunction<String> bookValue = r -> "(" + price + "-" + price + "*(1-" + p
                + "_residual_share)*(horizon_months-$A" + r + "+1)/" + life + ")";
        IntFunction<String> hostBookValue = r -> "(" + hostPrice + "-" + hostPrice + "*(1-" + p
                + "_residual_share)*(horizon_months-$A" + r + "+1)/" + life + ")";
        List<Part> parts = new ArrayList<>(List.of(
                new Part(prefix + "Units needed", 0, r -> need.formatted(r)),
                new Part(
                        prefix + "Retired",
                        0,
                        r -> "IF($A" + r + ">" + life + ",INDEX(" + bought + "$" + firstRow + ":" + bought + "$"
                                + lastRow + ",$A" + r + "-" + life + "),0)"),
                new Part(
                        prefix + "Bought",
                        0,
                        r -> "MAX(0," + needCol + r + "-(" + before.apply(r) + "-" + retired + r + "))"),
                new Part(prefix + "In service", 0, r -> before.apply(r) + "-" + retired + r + "+" + bought + r)));
        if (hosts) {
            // the hosts the cards go into, bought and kept as the cards are
            parts.addAll(List.of(
                    new Part(
                            prefix + "Hosts needed",
                            0,
                            r -> "CEILING(" + inService + r + "/" + p + "_cards_per_host,1)"),
                    new Part(
                            prefix + "Hosts retired",
                            0,
                            r -> "IF($A" + r + ">" + life + ",INDEX(" + hostsBought + "$" + firstRow + ":" + hostsBought
                                    + "$" + lastRow + ",$A" + r + "-" + life + "),0)"),
                    new Part(
                            prefix + "Hosts bought",
                            0,
                            r -> "MAX(0," + col(firstCol + 4) + r + "-(" + hostsBefore.apply(r) + "-" + hostsRetired + r
                                    + "))"),
                    new Part(
                            prefix + "Hosts in service",
                            0,
                            r -> hostsBefore.apply(r) + "-" + hostsRetired + r + "+" + hostsBought + r)));
        }
        parts.addAll(List.of(
                new Part(
                        prefix + "Hardware",
                        1,
                        r -> bought + r + "*" + price + (hosts ? "+" + hostsBought + r + "*" + hostPrice : "") + "+"
                                + site.apply(r)),
                new Part(
                        prefix + "Residual credit",
                        -1,
                        r -> p + "_residual_share*(" + retired + r + "*" + price
                                + (hosts ? "+" + hostsRetired + r + "*" + hostPrice : "") + "+IF($A" + r + ">1,"
                                + site.apply(r) + ",0))"),
                new Part(
                        prefix + "Electricity",
                        1,
                        r -> h.flatElectricityUsdPerMonth() != null
                                ? p + "_electricity_usd_per_month*" + inService + r + "/" + p + "_count"
                                : watts.apply(r) + "*power_load_factor/1000*" + Assumptions.HOURS_PER_MONTH
                                        + "*pue*electricity_usd_per_kwh"),
                new Part(
                        prefix + "Maintenance",
                        1,
                        r -> "(" + inService + r + "*" + price
                                + (hosts ? "+" + hostsInService + r + "*" + hostPrice : "") + ")*" + p
                                + "_maintenance_share_annual/12"),
                new Part(prefix + "Colocation", 1, r -> watts.apply(r) + "/1000*colocation_usd_per_kw_month")));
        if (!h.recurring().isEmpty()) parts.add(recurringPart(p, h.recurring(), prefix));
        parts.add(new Part(prefix + "Staff", 1, r -> p + "_staff_usd_per_month"));
        parts.add(new Part(
                prefix + "Book value at the end",
                0,
                r -> "IF($A" + r + "+" + life + ">horizon_months," + bought + r + "*" + bookValue.apply(r)
                        + (hosts ? "+" + hostsBought + r + "*" + hostBookValue.apply(r) : "") + ",0)"));
        return parts;
    }

    /** The option's recurring lines, one column: their sum, named on Assumptions. */
    private static Part recurringPart(
            String p, List<dev.aichoose.model.Option.RecurringCost> recurring, String prefix) {
        return new Part(prefix + "Recurring", 1, r -> p + "_recurring_usd_per_month");
    }

    /**
     * Month r's usage of an API: queries times the cost of a query, in the long form (cache writes,
     * a reasoning price) when some option needs it, else in the short one.
     *
     * @param prices the stem of the price names
     * @param shape the stem of the shape's names: empty for the workload's, {@code c_<class>_} for a class's
     * @param share a factor on the queries ({@code *c_<class>_share}), or empty for all of them
     */
    private String usage(String prices, String shape, String share, int r) {
        String in = shape + "input_tokens_per_query";
        String cached = shape + "cached_input_share";
        String trend = "*POWER(1+api_price_change_annual,($A" + r + "-1)/12)";
        if (model.longUsageForm()) {
            String written = shape + "cache_write_share";
            return "$B" + r + share + "*(" + in + "*(1-" + cached + "-" + written + ")*" + prices
                    + "_input_usd_per_mtok+" + in + "*" + cached + "*" + prices + "_cached_input_usd_per_mtok+"
                    + in + "*" + written + "*" + prices + "_cache_write_usd_per_mtok+" + shape
                    + "output_tokens_per_query*" + prices + "_output_usd_per_mtok+" + shape
                    + "reasoning_tokens_per_query*" + prices + "_reasoning_usd_per_mtok)/1000000" + trend;
        }
        return "$B" + r + share + "*(" + in + "*(1-" + cached + ")*" + prices + "_input_usd_per_mtok+" + in + "*"
                + cached + "*" + prices + "_cached_input_usd_per_mtok+(" + shape + "output_tokens_per_query+"
                + shape + "reasoning_tokens_per_query)*" + prices + "_output_usd_per_mtok)/1000000" + trend;
    }

    /** The columns that make up an option's monthly cost, as formulas over the named inputs. */
    List<Part> parts(OptionResult o, int firstCol) {
        if (o.costing() == null) return List.of();
        if (model.sizing(o).isPresent()) return fleetParts(o, firstCol);
        String p = model.slug(o.id());
        return switch (o.costing()) {
            case Costing.PerToken t -> {
                if (!model.classShapes()) yield List.of(new Part("Usage", 1, r -> usage(p, "", "", r)));
                // one column per class at its own shape, so a hybrid can take the classes routed to it
                List<Part> usage = new ArrayList<>();
                for (OptionResult.ClassCost c : o.classCosts()) {
                    String prices =
                            WorkbookModel.samePrices(c.prices(), t) ? p : model.classPrices(o, c.workloadClass());
                    String shape = model.classSlug(c.workloadClass()) + "_";
                    usage.add(new Part(
                            "Usage: " + c.workloadClass(), 1, r -> usage(prices, shape, "*" + shape + "share", r)));
                }
                yield usage;
            }
            case Costing.Owned h -> {
                String replaced = "MOD($A%d-1," + p + "_lifetime_months)=0";
                List<Part> owned = new ArrayList<>(List.of(
                        new Part("Hardware", 1, r -> "IF(" + replaced.formatted(r) + "," + p + "_upfront_usd,0)"),
                        new Part(
                                "Residual credit",
                                -1,
                                r -> "IF(AND($A" + r + ">1," + replaced.formatted(r) + ")," + p + "_residual_share*" + p
                                        + "_upfront_usd,0)"),
                        new Part("Electricity", 1, r -> p + "_electricity_usd_per_month"),
                        new Part("Maintenance", 1, r -> p + "_maintenance_usd_per_month"),
                        new Part("Colocation", 1, r -> p + "_colocation_usd_per_month")));
                if (!h.recurring().isEmpty()) owned.add(recurringPart(p, h.recurring(), ""));
                owned.add(new Part("Staff", 1, r -> p + "_staff_usd_per_month"));
                yield owned;
            }
            case Costing.Rent r -> {
                List<Part> rent = new ArrayList<>(List.of(new Part(
                        "Rent",
                        1,
                        row -> r.serverless() != null
                                ? serverlessRent(
                                        p,
                                        new Load(p, "", "*" + model.generatedPerQuery()),
                                        row,
                                        p + "_gpus/" + p + "_worker_gpus")
                                : p + "_gpus*" + p + "_usd_per_gpu_hour*" + p + "_hours_per_month"
                                        + "*POWER(1+gpu_rent_change_annual,($A" + row + "-1)/12)")));
                if (!r.recurring().isEmpty()) rent.add(recurringPart(p, r.recurring(), ""));
                rent.add(new Part("Staff", 1, row -> p + "_staff_usd_per_month"));
                yield rent;
            }
            case Costing.Mix m -> {
                // API legs carry their share of the usage; an owned or rented leg's costs count once
                List<Part> legs = new ArrayList<>();
                Set<String> fixed = new LinkedHashSet<>();
                for (Costing.Leg leg : m.legs()) {
                    Block b = model.block(leg.option());
                    if (b == null)
                        throw new IllegalStateException(o.id() + ": leg " + leg.option() + " comes after it");
                    String share = p + "_" + model.slug(leg.option()) + "_share";
                    var sized = model.sizedLeg(leg.option());
                    if (b.costing() instanceof Costing.PerToken && model.classShapes()) {
                        // each class routed to the API, at its own shape: the API's own column for the class
                        for (var route : o.routing()) {
                            if (!route.option().equals(leg.option())) continue;
                            int classCol = model.columnsOf(leg.option()).get("Usage: " + route.workloadClass());
                            legs.add(new Part(
                                    leg.option() + " usage: " + route.workloadClass(), 1, r -> ref(classCol, r)));
                        }
                    } else if (b.costing() instanceof Costing.PerToken) {
                        legs.add(new Part(leg.option() + " usage", 1, r -> share + "*" + ref(b.usageCol(), r)));
                    } else if (sized.isPresent()) {
                        if (fixed.add(leg.option())) {
                            legs.addAll(fleetParts(
                                    sized.get(), legLoad(o, leg, share), leg.option() + ": ", firstCol + legs.size()));
                        }
                    } else if (fixed.add(leg.option())) {
                        legs.add(new Part(leg.option() + " cost", 1, r -> ref(b.costCol(), r)));
                    }
                }
                yield legs;
            }
        };
    }

    /**
     * What a hybrid's sized leg carries. With class shapes, its own sizing (the replica at the mean query
     * of the classes it carries) and the generated tokens of those classes, so that editing a class's
     * shape moves only the legs that carry it (docs/methodology.md §11.8); without, the option's own
     * sizing and the leg's share of the queries.
     */
    private Load legLoad(OptionResult hybrid, Costing.Leg leg, String share) {
        if (model.legSizing(hybrid, leg).isEmpty()) {
            return new Load(model.slug(leg.option()), "*" + share, "*" + share + "*" + model.generatedPerQuery());
        }
        String s = model.legStem(hybrid, leg.option());
        List<String> shares = model.legClasses(hybrid, leg.option()).stream()
                .map(c -> model.classSlug(c) + "_share")
                .toList();
        return new Load(s, "*(" + String.join("+", shares) + ")", "*" + s + "_generated_tokens_per_query");
    }

    /**
     * Month r's rent of a serverless flex worker pool of {@code units} workers carrying {@code load}:
     * the worker-hours billed (docs/methodology.md §5.2) times the worker's GPUs and their price. The work
     * runs at the load's replica: the option's worker, or a hybrid's leg's own.
     */
    private String serverlessRent(String p, Load load, int r, String units) {
        String month = Integer.toString((int) (Assumptions.HOURS_PER_MONTH * 3600));
        String queries = "$B" + r + load.queries();
        String tokens = "$B" + r + load.tokens();
        boolean own = load.sizing().equals(p);
        String tps = own ? p + "_worker_tokens_per_second" : load.sizing() + "_replica_tokens_per_second";
        String gpr = own ? p + "_worker_gpus_per_replica" : load.sizing() + "_gpus_per_replica";
        String lam = "(" + queries + "/" + month + ")";
        String cycle =
                "(" + lam + "*" + p + "_cold_start_seconds+EXP(MIN(700," + lam + "*" + p + "_idle_timeout_seconds)))";
        String busy = "IF(" + tps + ">0," + tokens + "/" + tps + "*" + gpr + "/" + p + "_worker_gpus,MAX(1," + units
                + ")*" + month + ")";
        String billed = "MIN(MAX(1," + units + ")*" + month + "," + busy + "+(1-MIN(1," + busy + "/" + month + "))*("
                // (1-1/cycle), not (cycle-1)/cycle: month × e^700 would overflow to #NUM!
                + month + "*(1-1/" + cycle + ")+" + month + "*" + lam + "/" + cycle + "*" + p
                + "_billing_increment_seconds/2))/3600";
        return "IF(" + queries + "<=0,0," + billed + "*" + p + "_worker_gpus*" + p
                + "_usd_per_gpu_hour*POWER(1+gpu_rent_change_annual,($A" + r + "-1)/12))";
    }
}
