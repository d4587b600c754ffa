package dev.aichoose.report.xlsx;

import static dev.aichoose.report.xlsx.Cells.col;
import static dev.aichoose.report.xlsx.EvaluationWorkbook.FIRST_MONTH_ROW;
import static dev.aichoose.report.xlsx.WorkbookModel.MAX_COLUMNS;

import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult;
import dev.aichoose.report.xlsx.WorkbookModel.Block;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * What the sheets share: the evaluation, the styles, and the cross-sheet registry (each input's defined
 * name, each option's and class's stem of names, each option's block of columns on the Cash flow sheet)
 * that one sheet fills and the next reads. Sheets are written in order (Assumptions, Cash flow,
 * Breakeven, Summary, Catalog); a registry entry is read only after the sheet that writes it.
 */
final class WorkbookModel {
    static final int MAX_COLUMNS = org.apache.poi.ss.SpreadsheetVersion.EXCEL2007.getMaxColumns();

    /** Where each option's columns sit on the Cash flow sheet. */
    record Block(String option, Costing costing, int usageCol, int costCol, int cumulativeCol, int discountedCol) {}

    private final Evaluation e;
    private final Workbook wb;
    private final Styles styles;
    private final Function<OptionResult, String> kind;
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> slugs = new HashMap<>();
    private final Map<String, Block> blocks = new HashMap<>();
    /** Each option's Cash flow columns by header, for the summary's formulas that pick one out. */
    private final Map<String, Map<String, Integer>> columns = new HashMap<>();

    WorkbookModel(Evaluation e, Workbook wb, Function<OptionResult, String> kind) {
        this.e = e;
        this.wb = wb;
        this.styles = new Styles(wb);
        this.kind = kind;
    }

    Evaluation evaluation() {
        return e;
    }

    Workbook workbook() {
        return wb;
    }

    Styles styles() {
        return styles;
    }

    /** How the reports name an option's kind (self-hosted, closed split, …). */
    String kind(OptionResult o) {
        return kind.apply(o);
    }

    /** Claims a defined name for an input; false when it is taken. */
    boolean declare(String name) {
        return names.add(name);
    }

    /** Whether an input of this defined name was written. */
    boolean declared(String name) {
        return names.contains(name);
    }

    /** Places an option's block of columns on the Cash flow sheet. */
    void place(Block block) {
        blocks.put(block.option(), block);
    }

    /** An option's block on the Cash flow sheet; null before the Cash flow sheet placed it. */
    Block block(String option) {
        return blocks.get(option);
    }

    /** Records an option's Cash flow columns by header. */
    void placeColumns(String option, Map<String, Integer> byHeader) {
        columns.put(option, byHeader);
    }

    /** An option's Cash flow columns by header. */
    Map<String, Integer> columnsOf(String option) {
        return columns.get(option);
    }

    /** A workbook's sheet has 16,384 columns; the Cash flow sheet lays the options side by side. */
    WorkbookTooWide tooWide(int columns) {
        return new WorkbookTooWide(String.format(
                Locale.ROOT,
                "the Cash flow sheet of %,d "
                        + "options needs at least %,d columns and a workbook has %,d; write --format json or csv, or "
                        + "evaluate fewer options at a time",
                e.options().size(),
                columns,
                MAX_COLUMNS));
    }

    int months() {
        return e.scenario().horizonMonths();
    }

    int lastMonthRow() {
        return FIRST_MONTH_ROW + months() - 1;
    }

    /** Cache writes or a reasoning price of its own need the five-price usage formula; else the short one. */
    boolean longUsageForm() {
        return e.options().stream()
                .anyMatch(o -> o.costing() instanceof Costing.PerToken t && !t.billsLikeInputAndOutputOnly());
    }

    /** Whether some class has token counts of its own: then every API's usage is written class by class. */
    boolean classShapes() {
        return e.scenario().workload().hasClassShapes();
    }

    /**
     * Generated tokens per query as a formula: the workload's, or with classes of their own shape
     * the classes' mean, {@code Σ share × (output + reasoning)} (docs/methodology.md §11.1).
     */
    String generatedPerQuery() {
        if (!classShapes()) return "(output_tokens_per_query+reasoning_tokens_per_query)";
        return "(" + generatedBy(e.scenario().workload().trafficClassNames()) + ")";
    }

    /** A class's name as the stem of its formula names, unique like an option's. */
    String classSlug(String name) {
        return slugs.computeIfAbsent("\u0000class " + name, k -> {
            String base = "c_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
            String s = base;
            for (int n = 2; slugs.containsValue(s); n++) s = base + "_" + n;
            return s;
        });
    }

    /** The stem of an API's prices for one class: its own where that class's input reaches another tier. */
    String classPrices(OptionResult o, String workloadClass) {
        return slug(o.id()) + "_" + classSlug(workloadClass);
    }

    static boolean samePrices(Costing.PerToken a, Costing.PerToken b) {
        return a.inputUsdPerMtok() == b.inputUsdPerMtok()
                && a.cachedInputUsdPerMtok() == b.cachedInputUsdPerMtok()
                && a.outputUsdPerMtok() == b.outputUsdPerMtok()
                && a.cacheWriteUsdPerMtok() == b.cacheWriteUsdPerMtok()
                && a.reasoningUsdPerMtok() == b.reasoningUsdPerMtok();
    }

    /**
     * An option id as the stem of its formula names: letters, digits and underscores, never a cell
     * reference, and unique even where two ids differ only in case or punctuation (Excel names
     * ignore case).
     */
    String slug(String id) {
        return slugs.computeIfAbsent(id, k -> {
            String base = "o_" + k.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
            String s = base;
            for (int n = 2; slugs.containsValue(s); n++) s = base + "_" + n;
            return s;
        });
    }

    /** A fleet aichoose sized ({@code count: auto}), which the workbook rebuilds from the load; else empty. */
    java.util.Optional<Fleet.Sizing> sizing(OptionResult o) {
        return o.capacity() == null
                ? java.util.Optional.empty()
                : o.capacity().fleet().flatMap(Fleet::sizing);
    }

    /**
     * A hybrid's leg that aichoose sizes: its fleet follows the leg's share of the load, which the
     * leg's own columns (sized for all the traffic) do not show, so the hybrid sizes it in its own.
     */
    java.util.Optional<OptionResult> sizedLeg(String legId) {
        return e.options().stream()
                .filter(o -> o.id().equals(legId) && sizing(o).isPresent())
                .findFirst();
    }

    /**
     * A hybrid's sized leg with sizing names of its own: with class shapes its replica is estimated at
     * the mean query of the classes it carries (docs/methodology.md §11.8), not the option's; else empty,
     * and the leg reads the option's sizing.
     */
    java.util.Optional<Fleet.Sizing> legSizing(OptionResult hybrid, Costing.Leg leg) {
        if (!classShapes() || sizedLeg(leg.option()).isEmpty()) return java.util.Optional.empty();
        return leg.sizing();
    }

    /** The stem of a hybrid's leg's names: the hybrid's, then the leg's option. */
    String legStem(OptionResult hybrid, String leg) {
        return slug(hybrid.id()) + "_" + slug(leg);
    }

    /** The classes a hybrid routes to one leg, in route order. */
    List<String> legClasses(OptionResult hybrid, String leg) {
        return hybrid.routing().stream()
                .filter(r -> r.option().equals(leg))
                .map(dev.aichoose.model.Option.Route::workloadClass)
                .toList();
    }

    /**
     * Generated tokens of these classes for each query of the workload, as a formula over the
     * Workload classes cells: {@code Σ share × (output + reasoning)}.
     */
    String generatedBy(List<String> classes) {
        List<String> terms = new ArrayList<>();
        for (String name : classes) {
            String c = classSlug(name);
            terms.add(c + "_share*(" + c + "_output_tokens_per_query+" + c + "_reasoning_tokens_per_query)");
        }
        return String.join("+", terms);
    }

    /** The column of a sized fleet's part, by its header. */
    int fleetCol(OptionResult o, String header) {
        Integer col = columns.get(o.id()).get(header);
        if (col == null) throw new IllegalArgumentException(o.id() + " has no column " + header);
        return col;
    }

    void header(Sheet sheet, int r, String... titles) {
        Row row = sheet.createRow(r);
        for (int i = 0; i < titles.length; i++) headerCell(row, i, titles[i]);
    }

    void headerCell(Row row, int col, String title) {
        Cell c = row.createCell(col);
        c.setCellValue(title);
        c.setCellStyle(styles.header);
    }
}
