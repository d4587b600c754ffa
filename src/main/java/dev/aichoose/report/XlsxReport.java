package dev.aichoose.report;

import dev.aichoose.cost.FleetSizing;
import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Evaluation.Breakeven;
import dev.aichoose.model.Evaluation.CatalogUse;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Recommendation.Answer;
import dev.aichoose.model.Workload;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A workbook for finance: every input on the Assumptions sheet as a named cell, and the cash
 * flows, totals and breakeven months as formulas over them, so a reviewer can change a price and
 * watch the answer move. These formulas are the one place a report re-does the engine's
 * arithmetic; XlsxReportTest checks them against the engine to the cent. Only functions that
 * Apache POI's evaluator also supports (IF, AND, MOD, INT, POWER, SUM, COUNT, MIN) are used.
 */
final class XlsxReport implements Renderer.Binary<Evaluation> {
    /**
     * Under an automatic hybrid's shares: aichoose chose its routing for the scenario's inputs, and the
     * workbook's formulas keep those shares as they are when other inputs change.
     */
    static final String AUTO_ROUTING_FIXED =
            "Routing fixed: aichoose chose these shares (routes: auto) for the inputs as evaluated; editing other"
                    + " inputs does not re-route. Edit the shares by hand, or run aichoose again to choose anew.";

    static final String SUMMARY = "Summary";
    static final String ASSUMPTIONS = "Assumptions";
    static final String CASH_FLOW = "Cash flow";
    static final String BREAKEVEN = "Breakeven";
    static final String CATALOG = "Catalog";

    /** First row of months on the Cash flow and Breakeven sheets (0-based), below the titles and headers. */
    static final int FIRST_MONTH_ROW = 2;

    /** The engine's tolerance: cash flows equal to the cent meet, whatever order they were summed in. */
    static final String BREAKEVEN_TOLERANCE_USD = "0.005";

    /**
     * Up to {@link #CACHED_VALUES_MAX_OPTIONS} options the workbook is built in memory and stores each
     * formula's value too; above, it is streamed (POI's SXSSF), a few rows in memory at a time, and
     * stores the formulas only: 1,000 options over 600 months are 7 million formulas, which a workbook in
     * memory held in 4.4 GB (docs/reports.md, "The workbook").
     */
    @Override
    public void render(Evaluation evaluation, OutputStream out) throws IOException {
        if (evaluation.options().size() > CACHED_VALUES_MAX_OPTIONS) {
            stream(evaluation, out);
            return;
        }
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            new Builder(evaluation, wb).build();
            // cached values too, for viewers that show a file without recalculating it; but POI looks each
            // defined name up by walking them all, so evaluating grows as options squared (100 options: 30 s)
            XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
            wb.write(out);
        }
    }

    /** Rows the streaming workbook keeps in memory per sheet; every sheet is written row after row. */
    static final int STREAMED_ROWS = 8;

    /**
     * The streaming workbook: rows go to POI's temporary files (in java.io.tmpdir) as they are
     * written, and are copied into the zip at the end, deflated at the fastest level (the sheets' XML
     * is repetitive, and the default level tripled the time for a few per cent of size). The temporary
     * files are removed on every way out, Ctrl-C and SIGTERM included.
     */
    static void stream(Evaluation evaluation, OutputStream out) throws IOException {
        StreamedWorkbook wb = new StreamedWorkbook();
        // deletes the files only: POI's own dispose() first writes out every row still held, for minutes
        Thread cleanUp = new Thread(wb::deleteTemporaries, "aichoose-remove-workbook-temporaries");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            new Builder(evaluation, wb).build();
            wb.write(out);
        } finally {
            wb.close();
            wb.deleteTemporaries();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException e) {
                // stopping (Ctrl-C): the hook runs and finds the files gone
            }
        }
    }

    /** POI's streaming workbook, knowing its sheets' temporary files and deflating at the fastest level. */
    private static final class StreamedWorkbook extends SXSSFWorkbook {
        private final List<java.io.File> temporaries = new java.util.concurrent.CopyOnWriteArrayList<>();

        StreamedWorkbook() {
            super(null, STREAMED_ROWS, false, false);
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            return new SheetDataWriter() {
                @Override
                public java.io.File createTempFile() throws IOException {
                    java.io.File file = super.createTempFile();
                    temporaries.add(file);
                    return file;
                }
            };
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }

        void deleteTemporaries() {
            for (java.io.File file : temporaries) {
                try {
                    java.nio.file.Files.deleteIfExists(file.toPath());
                } catch (IOException e) {
                    // on the way out: nothing more to do; the name (poi-sxssf-sheet*.xml) says what it is
                }
            }
        }
    }

    /** Above this many options the workbook is streamed and stores formulas without their computed values. */
    static final int CACHED_VALUES_MAX_OPTIONS = 40;

    private static final int MAX_COLUMNS = org.apache.poi.ss.SpreadsheetVersion.EXCEL2007.getMaxColumns();

    /** Where each option's columns sit on the Cash flow sheet. */
    record Block(String option, Costing costing, int usageCol, int costCol, int cumulativeCol, int discountedCol) {}

    /** One column of an option's block: its header, its sign in the month's cost, its formula per row. */
    private record Part(String header, int sign, IntFunction<String> formula) {}

    static final class Builder {
        private final Evaluation e;
        private final Workbook wb;
        private final Styles styles;
        private final Sheet summary;
        private final Sheet assumptions;
        private final Sheet cashFlow;
        private final Sheet breakeven;
        private final Sheet catalog;
        private final Set<String> names = new HashSet<>();
        private final Map<String, String> slugs = new HashMap<>();
        private final Map<String, Block> blocks = new HashMap<>();
        private final Map<String, String> salvageCells = new HashMap<>();
        /** Each option's Cash flow columns by header, for the summary's formulas that pick one out. */
        private final Map<String, Map<String, Integer>> columns = new HashMap<>();

        private int assumptionRow = 1;

        Builder(Evaluation e, Workbook wb) {
            this.e = e;
            this.wb = wb;
            this.styles = new Styles(wb);
            // created in reading order first: a formula can only name a sheet that exists
            // our formulas are checked by the tests that evaluate them; parsing each on the way in walks every name
            switch (wb) {
                case XSSFWorkbook x -> x.setCellFormulaValidation(false);
                case SXSSFWorkbook s -> s.getXSSFWorkbook().setCellFormulaValidation(false);
                default -> {}
            }
            summary = wb.createSheet(SUMMARY);
            assumptions = wb.createSheet(ASSUMPTIONS);
            cashFlow = wb.createSheet(CASH_FLOW);
            breakeven = wb.createSheet(BREAKEVEN);
            catalog = wb.createSheet(CATALOG);
        }

        void build() {
            // the options' own columns, hybrids' legs not counted: enough to refuse before any work
            int columns = 2;
            for (OptionResult o : e.options()) {
                columns += (o.costing() instanceof Costing.Mix ? 0 : parts(o, 0).size()) + 3;
            }
            if (columns > MAX_COLUMNS) throw tooWide(columns);
            writeAssumptions();
            writeCashFlow();
            writeBreakeven();
            writeSummary();
            writeCatalog();
            e.simulation().ifPresent(sim -> SimulationSection.xlsx(wb, sim, styles.header));
            for (Sheet sheet : wb) printable(sheet);
            wb.setForceFormulaRecalculation(true);
        }

        /** A workbook's sheet has 16,384 columns; the Cash flow sheet lays the options side by side. */
        private ReportDoesNotFit tooWide(int columns) {
            return new ReportDoesNotFit(String.format(
                    Locale.ROOT,
                    "the Cash flow sheet of %,d "
                            + "options needs at least %,d columns and a workbook has %,d; write --format json or csv, or "
                            + "evaluate fewer options at a time",
                    e.options().size(),
                    columns,
                    MAX_COLUMNS));
        }

        private int months() {
            return e.scenario().horizonMonths();
        }

        private int lastMonthRow() {
            return FIRST_MONTH_ROW + months() - 1;
        }

        // ---- Assumptions ----------------------------------------------------------------------

        /** Cache writes or a reasoning price of its own need the five-price usage formula; else the short one. */
        private boolean longUsageForm() {
            return e.options().stream()
                    .anyMatch(o -> o.costing() instanceof Costing.PerToken t && !t.billsLikeInputAndOutputOnly());
        }

        /** Whether some class has token counts of its own: then every API's usage is written class by class. */
        private boolean classShapes() {
            return e.scenario().workload().hasClassShapes();
        }

        /**
         * Generated tokens per query as a formula: the workload's, or with classes of their own shape
         * the classes' mean, {@code Σ share × (output + reasoning)} (docs/methodology.md §11.1).
         */
        private String generatedPerQuery() {
            if (!classShapes()) return "(output_tokens_per_query+reasoning_tokens_per_query)";
            List<String> terms = new ArrayList<>();
            for (String name : e.scenario().workload().trafficClassNames()) {
                String c = classSlug(name);
                terms.add(c + "_share*(" + c + "_output_tokens_per_query+" + c + "_reasoning_tokens_per_query)");
            }
            return "(" + String.join("+", terms) + ")";
        }

        /** A class's name as the stem of its formula names, unique like an option's. */
        private String classSlug(String name) {
            return slugs.computeIfAbsent("\u0000class " + name, k -> {
                String base = "c_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
                String s = base;
                for (int n = 2; slugs.containsValue(s); n++) s = base + "_" + n;
                return s;
            });
        }

        /** The stem of an API's prices for one class: its own where that class's input reaches another tier. */
        private String classPrices(OptionResult o, String workloadClass) {
            return slug(o.id()) + "_" + classSlug(workloadClass);
        }

        private static boolean samePrices(Costing.PerToken a, Costing.PerToken b) {
            return a.inputUsdPerMtok() == b.inputUsdPerMtok()
                    && a.cachedInputUsdPerMtok() == b.cachedInputUsdPerMtok()
                    && a.outputUsdPerMtok() == b.outputUsdPerMtok()
                    && a.cacheWriteUsdPerMtok() == b.cacheWriteUsdPerMtok()
                    && a.reasoningUsdPerMtok() == b.reasoningUsdPerMtok();
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
                String c = classSlug(name);
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
                if (longUsageForm()) {
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
            else
                derived(
                        "Class " + name + ": " + label,
                        c + "_" + field,
                        field,
                        value,
                        style,
                        unit + ", the workload's");
        }

        private void writeAssumptions() {
            header(assumptions, 0, "Input", "Value", "Unit", "Name in formulas");
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
            input(
                    "Input tokens per query",
                    "input_tokens_per_query",
                    w.inputTokensPerQuery(),
                    styles.integer,
                    "tokens");
            input(
                    "Output tokens per query",
                    "output_tokens_per_query",
                    w.outputTokensPerQuery(),
                    styles.integer,
                    "tokens");
            input(
                    "Reasoning tokens per query",
                    "reasoning_tokens_per_query",
                    w.reasoningTokensPerQuery(),
                    styles.integer,
                    "tokens, billed as output");
            input("Cached input share", "cached_input_share", w.cachedInputShare(), styles.percent, "of input tokens");
            if (longUsageForm()) {
                input("Cache write share", "cache_write_share", w.cacheWriteShare(), styles.percent, "of input tokens");
            }
            input("Peak to average", "peak_to_average", w.peakToAverage(), styles.decimal, "sizing only");
            if (classShapes()) writeClasses(w);
            section("Defaults the engine resolved the options' monthly figures from");
            input(
                    "Electricity price",
                    "electricity_usd_per_kwh",
                    a.electricityUsdPerKwh(),
                    styles.usdPrecise,
                    "USD/kWh");
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
            if (e.options().stream().anyMatch(o -> sizing(o).isPresent())) {
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
                section("Option " + o.id() + " (" + ReportContent.kind(o) + ")");
                String p = slug(o.id());
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
                        if (longUsageForm()) {
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
                        if (classShapes()) {
                            for (OptionResult.ClassCost c : o.classCosts()) {
                                if (samePrices(c.prices(), t)) continue;
                                String q = classPrices(o, c.workloadClass());
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
                                if (longUsageForm()) {
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
                                p + "_count*" + p + "_unit_price_usd+" + hostTerm(h, p, p + "_hosts", "_host_price_usd")
                                        + p + "_extra_upfront_usd",
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
                                input(
                                        "Host power",
                                        p + "_host_power_w",
                                        h.hostPowerW(),
                                        styles.integer,
                                        "W, its maximum");
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
                        input(
                                "Price per GPU-hour",
                                p + "_usd_per_gpu_hour",
                                r.usdPerGpuHour(),
                                styles.usdPrecise,
                                "USD");
                        input("Hours billed", p + "_hours_per_month", r.hoursPerMonth(), styles.decimal, "hours/month");
                        if (r.serverless() != null) serverlessInputs(p, r.serverless());
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
                                    p + "_" + slug(leg.option()) + "_share",
                                    leg.share(),
                                    styles.percent,
                                    "of all queries");
                        }
                        if (autoRouted(o.id())) note(AUTO_ROUTING_FIXED);
                    }
                }
                sizing(o).ifPresent(z -> {
                    input(
                            "Throughput per replica",
                            p + "_replica_tokens_per_second",
                            z.replicaTokensPerSecond(),
                            styles.decimal,
                            "generated tok/s; count: auto sizes the fleet from it");
                    input("GPUs per replica", p + "_gpus_per_replica", z.gpusPerReplica(), styles.integer, "");
                    input(
                            "GPUs per unit",
                            p + "_gpus_per_unit",
                            o.capacity().fleet().orElseThrow().gpusPerUnit(),
                            styles.integer,
                            "");
                    input(
                            "Fewest units",
                            p + "_min_units",
                            z.minimumUnits(),
                            styles.integer,
                            "units in service at least");
                });
            }
            assumptions.createFreezePane(0, 1);
            widths(assumptions, 58, 16, 30, 44);
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
            input(
                    "GPUs per replica (serverless)",
                    p + "_worker_gpus_per_replica",
                    s.gpusPerReplica(),
                    styles.integer,
                    "");
            input("GPUs per worker", p + "_worker_gpus", s.gpusPerWorker(), styles.integer, "");
        }

        /**
         * Month r's rent of a serverless flex worker pool of {@code units} workers carrying {@code queries}:
         * the worker-hours billed (docs/methodology.md §5.2) times the worker's GPUs and their price.
         */
        private String serverlessRent(String p, String queries, String units, int r) {
            String month = Integer.toString((int) (Assumptions.HOURS_PER_MONTH * 3600));
            String gen = generatedPerQuery();
            String lam = "(" + queries + "/" + month + ")";
            String cycle = "(" + lam + "*" + p + "_cold_start_seconds+EXP(MIN(700," + lam + "*" + p
                    + "_idle_timeout_seconds)))";
            String busy = "IF(" + p + "_worker_tokens_per_second>0," + queries + "*" + gen + "/" + p
                    + "_worker_tokens_per_second*" + p + "_worker_gpus_per_replica/" + p + "_worker_gpus,MAX(1," + units
                    + ")*" + month + ")";
            String billed =
                    "MIN(MAX(1," + units + ")*" + month + "," + busy + "+(1-MIN(1," + busy + "/" + month + "))*("
                            // (1-1/cycle), not (cycle-1)/cycle: month × e^700 would overflow to #NUM!
                            + month + "*(1-1/" + cycle + ")+" + month + "*" + lam + "/" + cycle + "*" + p
                            + "_billing_increment_seconds/2))/3600";
            return "IF(" + queries + "<=0,0," + billed + "*" + p + "_worker_gpus*" + p
                    + "_usd_per_gpu_hour*POWER(1+gpu_rent_change_annual,($A" + r + "-1)/12))";
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
                    .anyMatch(
                            opt -> opt instanceof dev.aichoose.model.Option.Hybrid h && h.auto() && h.id().equals(id));
        }

        /** A line of text under the inputs above it, naming no cell. */
        private void note(String text) {
            assumptions.createRow(assumptionRow++).createCell(0).setCellValue(text);
        }

        /** A named cell computed from other inputs: change those and it follows. */
        private void derived(
                String label, String name, String formula, double engineValue, CellStyle style, String unit) {
            input(label, name, engineValue, style, unit + " (formula)");
            Cell v = assumptions.getRow(assumptionRow - 1).getCell(1);
            v.setCellFormula(formula);
        }

        /** Writes one input and names its cell; the name is what every formula refers to. */
        private void input(String label, String name, double value, CellStyle style, String unit) {
            if (!names.add(name)) throw new IllegalStateException("duplicate input name " + name);
            Row row = assumptions.createRow(assumptionRow);
            row.createCell(0).setCellValue(label);
            Cell v = row.createCell(1);
            v.setCellValue(value);
            v.setCellStyle(style);
            row.createCell(2).setCellValue(unit);
            row.createCell(3).setCellValue(name);
            Name n = wb.createName();
            n.setNameName(name);
            n.setRefersToFormula(ASSUMPTIONS + "!$B$" + (assumptionRow + 1));
            assumptionRow++;
        }

        /**
         * An option id as the stem of its formula names: letters, digits and underscores, never a cell
         * reference, and unique even where two ids differ only in case or punctuation (Excel names
         * ignore case).
         */
        private String slug(String id) {
            return slugs.computeIfAbsent(id, k -> {
                String base = "o_" + k.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
                String s = base;
                for (int n = 2; slugs.containsValue(s); n++) s = base + "_" + n;
                return s;
            });
        }

        // ---- Cash flow ------------------------------------------------------------------------

        /** One option's columns on the Cash flow sheet: its parts, then its cost, cumulative and discounted cost. */
        private record Layout(OptionResult option, List<Part> parts, Block block, int first) {}

        /**
         * The Cash flow sheet, row by row (a streaming workbook keeps only a few rows in memory): the
         * options' columns are laid out first, then each month's row is written across all of them.
         */
        private void writeCashFlow() {
            List<Layout> layouts = new ArrayList<>();
            int col = 2;
            // a hybrid's formulas point at its legs' columns, so the legs are laid out first
            List<OptionResult> ordered = new ArrayList<>(e.options());
            ordered.sort(java.util.Comparator.comparing(o -> o.costing() instanceof Costing.Mix));
            for (OptionResult o : ordered) {
                List<Part> parts = parts(o, col);
                if (col + parts.size() + 3 > MAX_COLUMNS) throw tooWide(col + parts.size() + 3);
                int first = col;
                int usageCol = -1;
                Map<String, Integer> byHeader = new HashMap<>();
                columns.put(o.id(), byHeader);
                for (Part part : parts) {
                    if (part.header().equals("Usage")) usageCol = col;
                    byHeader.put(part.header(), col++);
                }
                Block block = new Block(o.id(), o.costing(), usageCol, col, col + 1, col + 2);
                col += 3;
                blocks.put(o.id(), block);
                layouts.add(new Layout(o, parts, block, first));
            }
            Row titles = cashFlow.createRow(0);
            Row headers = cashFlow.createRow(1);
            headerCell(headers, 0, "Month");
            headerCell(headers, 1, "Queries");
            for (Layout l : layouts) {
                for (int i = 0; i < l.parts().size(); i++) {
                    headerCell(headers, l.first() + i, l.parts().get(i).header());
                }
                headerCell(headers, l.block().costCol(), "Cost");
                headerCell(headers, l.block().cumulativeCol(), "Cumulative");
                headerCell(headers, l.block().discountedCol(), "Discounted");
                Cell title = titles.createCell(l.first());
                title.setCellValue(l.option().id() + " (" + ReportContent.kind(l.option()) + ")");
                title.setCellStyle(styles.title);
                if (l.block().discountedCol() > l.first()) {
                    cashFlow.addMergedRegion(
                            new CellRangeAddress(0, 0, l.first(), l.block().discountedCol()));
                }
            }
            for (int r = FIRST_MONTH_ROW; r <= lastMonthRow(); r++) {
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

        /** A fleet aichoose sized ({@code count: auto}), which the workbook rebuilds from the load; else empty. */
        private java.util.Optional<Fleet.Sizing> sizing(OptionResult o) {
            return o.capacity() == null
                    ? java.util.Optional.empty()
                    : o.capacity().fleet().flatMap(Fleet::sizing);
        }

        /**
         * A hybrid's leg that aichoose sizes: its fleet follows the leg's share of the load, which the
         * leg's own columns (sized for all the traffic) do not show, so the hybrid sizes it in its own.
         */
        private java.util.Optional<OptionResult> sizedLeg(String legId) {
            return e.options().stream()
                    .filter(o -> o.id().equals(legId) && sizing(o).isPresent())
                    .findFirst();
        }

        /** An owned or rented fleet sized by formula: units from the load, and for owned units the purchases. */
        private List<Part> fleetParts(OptionResult o, int firstCol) {
            return fleetParts(o, "", "", firstCol);
        }

        /**
         * The same for a fleet carrying a share of the queries, its headers prefixed.
         *
         * @param share a factor on the queries ({@code *name}), or empty for all of them
         */
        private List<Part> fleetParts(OptionResult o, String share, String prefix, int firstCol) {
            String p = slug(o.id());
            String required = "$B%d" + share + "*" + generatedPerQuery().replace("%", "%%") + "/("
                    + Assumptions.HOURS_PER_MONTH + "*3600)*peak_to_average";
            String need = "MAX(" + p + "_min_units,MIN(" + FleetSizing.MAX_UNITS + ",CEILING(CEILING(MAX(0," + required
                    + "/(" + p + "_replica_tokens_per_second*planning_utilisation)-1E-9),1)*" + p + "_gpus_per_replica/"
                    + p + "_gpus_per_unit,1)))";
            String needCol = col(firstCol);
            if (o.costing() instanceof Costing.Rent rent) {
                List<Part> rented = new ArrayList<>(List.of(
                        new Part(prefix + "Units", 0, r -> need.formatted(r)),
                        new Part(
                                prefix + "Rent",
                                1,
                                r -> rent.serverless() != null
                                        ? serverlessRent(p, "$B" + r + share, needCol + r, r)
                                        : needCol + r + "*" + p + "_gpus_per_unit*" + p + "_usd_per_gpu_hour*" + p
                                                + "_hours_per_month*POWER(1+gpu_rent_change_annual,($A" + r
                                                + "-1)/12)")));
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
            int lastRow = lastMonthRow() + 1;
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
                                r -> "IF($A" + r + ">" + life + ",INDEX(" + hostsBought + "$" + firstRow + ":"
                                        + hostsBought + "$" + lastRow + ",$A" + r + "-" + life + "),0)"),
                        new Part(
                                prefix + "Hosts bought",
                                0,
                                r -> "MAX(0," + col(firstCol + 4) + r + "-(" + hostsBefore.apply(r) + "-" + hostsRetired
                                        + r + "))"),
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

        /** The column of a sized fleet's part, by its header. */
        private int fleetCol(OptionResult o, String header) {
            Integer col = columns.get(o.id()).get(header);
            if (col == null) throw new IllegalArgumentException(o.id() + " has no column " + header);
            return col;
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
            if (longUsageForm()) {
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
        private List<Part> parts(OptionResult o, int firstCol) {
            if (o.costing() == null) return List.of();
            if (sizing(o).isPresent()) return fleetParts(o, firstCol);
            String p = slug(o.id());
            return switch (o.costing()) {
                case Costing.PerToken t -> {
                    if (!classShapes()) yield List.of(new Part("Usage", 1, r -> usage(p, "", "", r)));
                    // one column per class at its own shape, so a hybrid can take the classes routed to it
                    List<Part> usage = new ArrayList<>();
                    for (OptionResult.ClassCost c : o.classCosts()) {
                        String prices = samePrices(c.prices(), t) ? p : classPrices(o, c.workloadClass());
                        String shape = classSlug(c.workloadClass()) + "_";
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
                                    r -> "IF(AND($A" + r + ">1," + replaced.formatted(r) + ")," + p + "_residual_share*"
                                            + p + "_upfront_usd,0)"),
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
                                    ? serverlessRent(p, "$B" + row, p + "_gpus/" + p + "_worker_gpus", row)
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
                        Block b = blocks.get(leg.option());
                        if (b == null)
                            throw new IllegalStateException(o.id() + ": leg " + leg.option() + " comes after it");
                        String share = p + "_" + slug(leg.option()) + "_share";
                        var sized = sizedLeg(leg.option());
                        if (b.costing() instanceof Costing.PerToken && classShapes()) {
                            // each class routed to the API, at its own shape: the API's own column for the class
                            for (var route : o.routing()) {
                                if (!route.option().equals(leg.option())) continue;
                                int classCol = columns.get(leg.option()).get("Usage: " + route.workloadClass());
                                legs.add(new Part(
                                        leg.option() + " usage: " + route.workloadClass(), 1, r -> ref(classCol, r)));
                            }
                        } else if (b.costing() instanceof Costing.PerToken) {
                            legs.add(new Part(leg.option() + " usage", 1, r -> share + "*" + ref(b.usageCol(), r)));
                        } else if (sized.isPresent()) {
                            if (fixed.add(leg.option())) {
                                legs.addAll(fleetParts(
                                        sized.get(), "*" + share, leg.option() + ": ", firstCol + legs.size()));
                            }
                        } else if (fixed.add(leg.option())) {
                            legs.add(new Part(leg.option() + " cost", 1, r -> ref(b.costCol(), r)));
                        }
                    }
                    yield legs;
                }
            };
        }

        // ---- Breakeven ------------------------------------------------------------------------

        /** The Breakeven sheet, row by row as the Cash flow sheet: one column per pair of options. */
        private void writeBreakeven() {
            breakeven
                    .createRow(0)
                    .createCell(0)
                    .setCellValue("A month appears where the option's cumulative cost is at or below the baseline's");
            Row headers = breakeven.createRow(1);
            headerCell(headers, 0, "Month");
            List<Breakeven> pairs = e.breakeven();
            for (int i = 0; i < pairs.size(); i++) {
                headerCell(
                        headers,
                        i + 1,
                        pairs.get(i).option() + " vs " + pairs.get(i).baseline());
            }
            String cf = quoted(CASH_FLOW) + "!";
            for (int r = FIRST_MONTH_ROW; r <= lastMonthRow(); r++) {
                int x = r + 1;
                Row row = breakeven.createRow(r);
                formula(row.createCell(0), cf + "$A" + x, styles.integer);
                for (int i = 0; i < pairs.size(); i++) {
                    Block a = blocks.get(pairs.get(i).option());
                    Block base = blocks.get(pairs.get(i).baseline());
                    formula(
                            row.createCell(i + 1),
                            "IF(" + cf + ref(a.cumulativeCol(), x) + "<=" + cf + ref(base.cumulativeCol(), x) + "+"
                                    + BREAKEVEN_TOLERANCE_USD + ",$A" + x + ",\"\")",
                            styles.integer);
                }
            }
            breakeven.setDefaultColumnWidth(26);
            breakeven.setColumnWidth(0, 8 * 256);
            breakeven.createFreezePane(1, FIRST_MONTH_ROW);
        }

        // ---- Summary --------------------------------------------------------------------------

        /** Summary columns, shared with the test that reads them back. */
        static final int COL_OPTION = 0,
                COL_TOTAL_CASH = 4,
                COL_SALVAGE = 5,
                COL_TCO = 6,
                COL_NPV = 7,
                COL_QUERIES = 8,
                COL_COST_PER_QUERY = 9;

        private void writeSummary() {
            header(
                    summary,
                    0,
                    "Option",
                    "Kind",
                    "Feasible",
                    "Upfront",
                    "Total cash",
                    "Salvage",
                    "TCO",
                    "NPV",
                    "Queries",
                    "Cost per query",
                    "Recommended");
            String cf = quoted(CASH_FLOW) + "!";
            String first = String.valueOf(FIRST_MONTH_ROW + 1);
            String last = String.valueOf(lastMonthRow() + 1);
            String lastMonth = cf + "$A$" + last;
            for (int i = 0; i < e.options().size(); i++)
                salvageCells.put(e.options().get(i).id(), ref(COL_SALVAGE, i + 2));
            int r = 1;
            for (OptionResult o : e.options()) {
                Block b = blocks.get(o.id());
                Row row = summary.createRow(r);
                int x = r + 1;
                row.createCell(0).setCellValue(o.id());
                row.createCell(1).setCellValue(ReportContent.kind(o));
                row.createCell(2).setCellValue(o.feasible() ? "yes" : "no: not comparable");
                formula(row.createCell(3), upfront(o), styles.usd);
                formula(
                        row.createCell(COL_TOTAL_CASH),
                        "SUM(" + cf + col(b.costCol()) + first + ":" + col(b.costCol()) + last + ")",
                        styles.usd);
                formula(row.createCell(COL_SALVAGE), salvage(o, lastMonth), styles.usd);
                formula(row.createCell(COL_TCO), ref(COL_TOTAL_CASH, x) + "-" + ref(COL_SALVAGE, x), styles.usdBold);
                formula(
                        row.createCell(COL_NPV),
                        "SUM(" + cf + col(b.discountedCol()) + first + ":" + col(b.discountedCol()) + last + ")-"
                                + ref(COL_SALVAGE, x) + "/POWER(1+discount_rate_annual," + lastMonth + "/12)",
                        styles.usd);
                formula(row.createCell(COL_QUERIES), "SUM(" + cf + "$B" + first + ":$B" + last + ")", styles.integer);
                formula(
                        row.createCell(COL_COST_PER_QUERY),
                        ref(COL_TCO, x) + "/" + ref(COL_QUERIES, x),
                        styles.usdPrecise);
                row.createCell(10)
                        .setCellValue(
                                e.recommendation()
                                                .recommendedOption()
                                                .filter(o.id()::equals)
                                                .isPresent()
                                        ? "yes"
                                        : "");
                // an infeasible option's figures stay live but read as what they are: not comparable
                if (!o.feasible()) for (Cell cell : row) cell.setCellStyle(styles.infeasible(cell.getCellStyle()));
                r++;
            }
            r++;
            header(summary, r++, "Option", "Baseline", "Breakeven month");
            int col = 1;
            for (Breakeven b : e.breakeven()) {
                Row row = summary.createRow(r++);
                row.createCell(0).setCellValue(b.option());
                row.createCell(1).setCellValue(b.baseline());
                String range = quoted(BREAKEVEN) + "!" + col(col) + first + ":" + col(col) + last;
                formula(row.createCell(2), "IF(COUNT(" + range + ")=0,\"none\",MIN(" + range + "))", styles.integer);
                col++;
            }
            r = recommendation(r + 1, e.recommendation());
            list(r, "Warnings", e.warnings());
            summary.createFreezePane(1, 1);
            widths(summary, 30, 14, 16, 14, 16, 14, 16, 16, 14, 15, 13);
        }

        private String upfront(OptionResult o) {
            String p = slug(o.id());
            if (sizing(o).isPresent() && o.costing() instanceof Costing.Owned) {
                return quoted(CASH_FLOW) + "!" + ref(fleetCol(o, "Hardware"), FIRST_MONTH_ROW + 1);
            }
            return switch (o.costing()) {
                case null -> String.valueOf(o.upfrontUsd());
                case Costing.PerToken t -> "0";
                case Costing.Rent rent -> "0";
                case Costing.Owned h -> p + "_upfront_usd";
                case Costing.Mix m ->
                    fixedLegs(m).stream()
                            .map(leg -> sizedLeg(leg).isPresent()
                                    ? blocks.get(leg).costing() instanceof Costing.Owned
                                            ? quoted(CASH_FLOW) + "!"
                                                    + ref(fleetCol(o, leg + ": Hardware"), FIRST_MONTH_ROW + 1)
                                            : "0"
                                    : names.contains(slug(leg) + "_upfront_usd") ? slug(leg) + "_upfront_usd" : "0")
                            .reduce((a, b) -> a + "+" + b)
                            .orElse("0");
            };
        }

        /** Book value left at the horizon: straight line from the last purchase's price to its residual. */
        private String salvage(OptionResult o, String lastMonth) {
            String p = slug(o.id());
            if (sizing(o).isPresent() && o.costing() instanceof Costing.Owned) {
                return sizedSalvage(p, fleetCol(o, "Book value at the end"), lastMonth);
            }
            return switch (o.costing()) {
                case null -> String.valueOf(o.salvageUsd());
                case Costing.PerToken t -> "0";
                case Costing.Rent rent -> "0";
                case Costing.Owned h -> {
                    String up = p + "_upfront_usd";
                    String life = p + "_lifetime_months";
                    String lastPurchase = "(1+" + life + "*INT((" + lastMonth + "-1)/" + life + "))";
                    yield up + "-(" + up + "-" + p + "_residual_share*" + up + ")*(" + lastMonth + "-" + lastPurchase
                            + "+1)/" + life;
                }
                case Costing.Mix m ->
                    fixedLegs(m).stream()
                            .map(leg -> sizedLeg(leg).isPresent()
                                    ? blocks.get(leg).costing() instanceof Costing.Owned
                                            ? sizedSalvage(
                                                    slug(leg), fleetCol(o, leg + ": Book value at the end"), lastMonth)
                                            : "0"
                                    : salvageCells.get(leg))
                            .reduce((a, b) -> a + "+" + b)
                            .orElse("0");
            };
        }

        /** A sized owned fleet's salvage: each purchase's book value (its own column), the site's as a stated count's. */
        private String sizedSalvage(String p, int bookCol, String lastMonth) {
            String book = col(bookCol);
            String up = p + "_extra_upfront_usd";
            String life = p + "_lifetime_months";
            String lastSite = "(1+" + life + "*INT((" + lastMonth + "-1)/" + life + "))";
            return "SUM(" + quoted(CASH_FLOW) + "!" + book + (FIRST_MONTH_ROW + 1) + ":" + book + (lastMonthRow() + 1)
                    + ")+" + up + "-" + up + "*(1-" + p + "_residual_share)*(" + lastMonth + "-" + lastSite + "+1)/"
                    + life;
        }

        private List<String> fixedLegs(Costing.Mix m) {
            return m.legs().stream()
                    .map(Costing.Leg::option)
                    .distinct()
                    .filter(id -> !(blocks.get(id).costing() instanceof Costing.PerToken))
                    .toList();
        }

        private int recommendation(int r, Recommendation rec) {
            Row head = summary.createRow(r++);
            Cell t = head.createCell(0);
            t.setCellValue("Recommendation");
            t.setCellStyle(styles.title);
            text(r++, "Verdict", rec.verdict().id());
            text(r++, "Option", rec.recommendedOption().orElse("no feasible option"));
            if (rec.choice() instanceof Recommendation.Recommended c) {
                text(r++, "Cheapest feasible", c.cheapestOption());
                text(
                        r++,
                        "Premium over it",
                        Figures.usd(c.premiumUsd()) + " (" + Figures.percent(c.premiumShare()) + ")");
                if (c.alternative().isPresent()) {
                    var a = c.alternative().get();
                    text(
                            r++,
                            "Alternative",
                            a.option() + ", " + Figures.usd(a.premiumUsd()) + " (" + Figures.percent(a.premiumShare())
                                    + ") more: " + a.reason());
                }
            }
            text(r++, "Why", rec.summary());
            r++;
            header(summary, r++, "Question", "Leans", "Reason");
            for (Answer a : rec.questions()) {
                Row row = summary.createRow(r++);
                row.createCell(0).setCellValue(a.id().text());
                row.createCell(1).setCellValue(a.leans().id());
                row.createCell(2).setCellValue(a.reason());
            }
            return list(r + 1, "Constraints", rec.constraints());
        }

        private void text(int r, String label, String value) {
            Row row = summary.createRow(r);
            Cell l = row.createCell(0);
            l.setCellValue(label);
            l.setCellStyle(styles.bold);
            row.createCell(1).setCellValue(value);
        }

        private int list(int r, String title, List<String> items) {
            if (items.isEmpty()) return r;
            Cell c = summary.createRow(r++).createCell(0);
            c.setCellValue(title);
            c.setCellStyle(styles.title);
            for (String item : items) summary.createRow(r++).createCell(0).setCellValue(item);
            return r + 1;
        }

        // ---- Catalog --------------------------------------------------------------------------

        private void writeCatalog() {
            header(catalog, 0, "Entry", "As of", "Age (days) on " + e.asOf(), "Source");
            int r = 1;
            for (CatalogUse c : e.catalog()) {
                Row row = catalog.createRow(r++);
                row.createCell(0).setCellValue(c.id());
                Cell d = row.createCell(1);
                d.setCellValue(c.asOf());
                d.setCellStyle(styles.date);
                row.createCell(2).setCellValue((double) c.ageDays());
                row.createCell(3).setCellValue(c.source());
            }
            catalog.createFreezePane(0, 1);
            widths(catalog, 34, 12, 20, 70);
        }

        // ---- cells ----------------------------------------------------------------------------

        private void header(Sheet sheet, int r, String... titles) {
            Row row = sheet.createRow(r);
            for (int i = 0; i < titles.length; i++) headerCell(row, i, titles[i]);
        }

        private void headerCell(Row row, int col, String title) {
            Cell c = row.createCell(col);
            c.setCellValue(title);
            c.setCellStyle(styles.header);
        }

        private static void formula(Cell cell, String formula, CellStyle style) {
            cell.setCellFormula(formula);
            cell.setCellStyle(style);
        }

        /** Landscape, one page wide, header rows repeated: how finance prints a wide sheet. */
        private static void printable(Sheet sheet) {
            sheet.getPrintSetup().setLandscape(true);
            sheet.setFitToPage(true);
            sheet.getPrintSetup().setFitWidth((short) 1);
            sheet.getPrintSetup().setFitHeight((short) 0);
            var pane = sheet.getPaneInformation();
            if (pane != null && pane.getHorizontalSplitPosition() > 0) {
                sheet.setRepeatingRows(new CellRangeAddress(0, pane.getHorizontalSplitPosition() - 1, -1, -1));
            }
        }

        private static void widths(Sheet sheet, int... chars) {
            for (int i = 0; i < chars.length; i++) sheet.setColumnWidth(i, chars[i] * 256);
        }

        static String col(int index) {
            return "$" + CellReference.convertNumToColString(index);
        }

        static String ref(int col, int excelRow) {
            return CellReference.convertNumToColString(col) + excelRow;
        }

        static String quoted(String sheet) {
            return "'" + sheet + "'";
        }
    }

    /** The workbook's cell formats, made once: Excel caps the number of distinct styles. */
    static final class Styles {
        final CellStyle header;
        final CellStyle title;
        final CellStyle bold;
        final CellStyle usd;
        final CellStyle usdBold;
        final CellStyle usdPrecise;
        final CellStyle percent;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle date;
        private final Workbook wb;
        private final Font greyItalic;
        private final Map<CellStyle, CellStyle> infeasible = new HashMap<>();

        Styles(Workbook wb) {
            this.wb = wb;
            greyItalic = wb.createFont();
            greyItalic.setItalic(true);
            greyItalic.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            Font boldFont = wb.createFont();
            boldFont.setBold(true);
            header = wb.createCellStyle();
            header.setFont(boldFont);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(true);
            header.setVerticalAlignment(VerticalAlignment.TOP);
            Font titleFont = wb.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 12);
            title = wb.createCellStyle();
            title.setFont(titleFont);
            bold = wb.createCellStyle();
            bold.setFont(boldFont);
            var format = wb.createDataFormat();
            usd = numeric(wb, format.getFormat("\"$\"#,##0.00"));
            usdBold = numeric(wb, format.getFormat("\"$\"#,##0.00"));
            usdBold.setFont(boldFont);
            usdPrecise = numeric(wb, format.getFormat("\"$\"0.000000"));
            percent = numeric(wb, format.getFormat("0.00%"));
            integer = numeric(wb, format.getFormat("#,##0"));
            decimal = numeric(wb, format.getFormat("#,##0.00"));
            date = numeric(wb, format.getFormat("yyyy-mm-dd"));
        }

        /** The same format in grey italics, made once per format. */
        CellStyle infeasible(CellStyle base) {
            return infeasible.computeIfAbsent(base, b -> {
                CellStyle s = wb.createCellStyle();
                s.cloneStyleFrom(b);
                s.setFont(greyItalic);
                return s;
            });
        }

        private static CellStyle numeric(Workbook wb, short dataFormat) {
            CellStyle s = wb.createCellStyle();
            s.setDataFormat(dataFormat);
            return s;
        }
    }
}
