package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import dev.aichoose.testing.RandomScenarios;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The workbook cannot drift from the engine: for random valid scenarios (the property tests'
 * generator), every formula cell of the XLSX report is evaluated afresh by POI, none may be an error,
 * and every figure the workbook computes that the engine also reports is compared with the engine's to
 * the cent: each option's upfront, total cash, salvage, TCO, NPV, queries and cost per query (Summary);
 * each month's queries, cost, cumulative cost and cost parts (Cash flow); each pair's breakeven month
 * (Breakeven, and Summary's table). The sheets are read by their titles and headers, not by the
 * renderer's column constants, so the test holds however the workbook is built. Every disagreement is
 * collected and reported at once, by sheet, cell and formula.
 */
class WorkbookAgainstEnginePropertyTest {
    private static final int SCENARIOS = 12;
    private static final double CENT = 0.005;
    private static final List<String> PARTS =
            List.of("Usage", "Hardware", "Residual credit", "Electricity", "Maintenance", "Staff", "Rent");

    @Test
    void everyFormulaOfRandomScenariosAgreesWithTheEngineToTheCent() throws IOException {
        agree(new RandomScenarios(61, Fixtures.catalog()), "seed 61");
    }

    /** The same scenarios with classes of their own token shape: the API usage and each sized leg by class. */
    @Test
    void everyFormulaOfRandomScenariosWithClassShapesAgreesWithTheEngineToTheCent() throws IOException {
        agree(new RandomScenarios(61, Fixtures.catalog(), true), "seed 61, class shapes");
    }

    private static void agree(RandomScenarios random, String seed) throws IOException {
        List<String> disagreements = new ArrayList<>();
        int formulas = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            String yaml = random.next();
            Evaluation e = Fixtures.evaluate(yaml);
            List<String> found = new ArrayList<>();
            try (XSSFWorkbook wb = workbook(e)) {
                formulas += evaluateEveryFormula(wb, found);
                summary(wb, e, found);
                cashFlow(wb, e, found);
                breakeven(wb, e, found);
            }
            if (!found.isEmpty()) {
                disagreements.add("scenario " + i + " (" + seed + "):\n  " + String.join("\n  ", found) + "\n" + yaml);
            }
        }
        assertThat(formulas).as("formula cells evaluated").isPositive();
        assertThat(disagreements)
                .as("the workbook's formulas against the engine")
                .isEmpty();
    }

    private static XSSFWorkbook workbook(Evaluation e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!(ReportFormat.XLSX.renderer() instanceof Renderer.Binary<Evaluation> xlsx))
            throw new AssertionError("the workbook is written as bytes");
        xlsx.render(e, bytes);
        return new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** Evaluates every formula cell afresh (not the values the file caches); an error is a disagreement. */
    private static int evaluateEveryFormula(XSSFWorkbook wb, List<String> found) {
        XSSFFormulaEvaluator evaluator = wb.getCreationHelper().createFormulaEvaluator();
        evaluator.clearAllCachedResultValues();
        int n = 0;
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() != CellType.FORMULA) continue;
                    n++;
                    CellValue v = evaluator.evaluate(cell);
                    if (v.getCellType() == CellType.ERROR) {
                        found.add(where(cell) + " = " + cell.getCellFormula() + " is "
                                + FormulaError.forInt(v.getErrorValue()).getString());
                    }
                }
            }
        }
        XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
        return n;
    }

    private static void summary(XSSFWorkbook wb, Evaluation e, List<String> found) {
        Sheet summary = wb.getSheet("Summary");
        Map<String, Integer> cols = headers(summary.getRow(0));
        for (int i = 0; i < e.options().size(); i++) {
            OptionResult o = e.options().get(i);
            Row row = summary.getRow(i + 1);
            if (!row.getCell(cols.get("Option")).getStringCellValue().equals(o.id())) {
                found.add("Summary row " + (i + 2) + " is not " + o.id());
                continue;
            }
            money(row.getCell(cols.get("Upfront")), o.upfrontUsd(), o.id() + " upfront", found);
            money(row.getCell(cols.get("Total cash")), o.totalCashUsd(), o.id() + " total cash", found);
            money(row.getCell(cols.get("Salvage")), o.salvageUsd(), o.id() + " salvage", found);
            money(row.getCell(cols.get("TCO")), o.tcoUsd(), o.id() + " TCO", found);
            money(row.getCell(cols.get("NPV")), o.npvUsd(), o.id() + " NPV", found);
            double queries = o.monthly().stream()
                    .mapToDouble(OptionResult.MonthlyCost::queries)
                    .sum();
            compare(
                    row.getCell(cols.get("Queries")),
                    queries,
                    Math.max(1e-6, queries * 1e-12),
                    o.id() + " queries",
                    found);
            // cost per query to the cent over all the queries
            compare(
                    row.getCell(cols.get("Cost per query")),
                    o.costPerQueryUsd(),
                    CENT / Math.max(queries, 1),
                    o.id() + " cost per query",
                    found);
        }
        // the breakeven table below the options
        int r = e.options().size() + 3;
        for (Evaluation.Breakeven b : e.breakeven()) {
            Row row = summary.getRow(r++);
            month(row.getCell(2), b.month(), "Summary breakeven " + b.option() + " vs " + b.baseline(), found);
        }
    }

    private static void cashFlow(XSSFWorkbook wb, Evaluation e, List<String> found) {
        Sheet cash = wb.getSheet("Cash flow");
        Row titles = cash.getRow(0);
        Map<Integer, String> headers = new LinkedHashMap<>();
        for (Cell c : cash.getRow(1)) headers.put(c.getColumnIndex(), c.getStringCellValue());
        int firstMonthRow = 2;
        for (OptionResult o : e.options()) {
            int first = -1;
            for (Cell c : titles) {
                if (c.getCellType() == CellType.STRING
                        && c.getStringCellValue().equals(o.id() + " (" + ReportContent.kind(o) + ")")) {
                    first = c.getColumnIndex();
                }
            }
            if (first < 0) {
                found.add("Cash flow has no columns titled for " + o.id());
                continue;
            }
            int costCol = -1;
            Map<String, List<Integer>> partCols = new LinkedHashMap<>();
            for (int col = first; ; col++) {
                String h = headers.get(col);
                if (h == null) break;
                if (h.equals("Cost")) {
                    costCol = col;
                    break;
                }
                for (String part : PARTS) {
                    // an API's usage with class shapes is one column per class, "Usage: <class>"
                    if (h.equals(part)
                            || h.endsWith(" " + part)
                            || h.endsWith(": " + part)
                            || h.startsWith(part + ": ")) {
                        partCols.computeIfAbsent(part, k -> new ArrayList<>()).add(col);
                    }
                }
            }
            // a hybrid's columns are its legs' shares, not the engine's parts: its cost and cumulative are
            // compared, and each sized leg's units in service month by month
            boolean parts = !(o.costing() instanceof Costing.Mix);
            if (o.costing() instanceof Costing.Mix mix) legUnits(cash, headers, first, costCol, o.id(), mix, found);
            for (OptionResult.MonthlyCost m : o.monthly()) {
                Row row = cash.getRow(firstMonthRow + m.month() - 1);
                String at = o.id() + " month " + m.month();
                compare(row.getCell(1), m.queries(), Math.max(1e-6, m.queries() * 1e-12), at + " queries", found);
                money(row.getCell(costCol), m.costUsd(), at + " cost", found);
                money(row.getCell(costCol + 1), m.cumulativeUsd(), at + " cumulative", found);
                if (!parts || m.parts() == null) continue;
                for (String part : PARTS) {
                    double workbook = 0;
                    for (int col : partCols.getOrDefault(part, List.of())) {
                        // an error cell is already a disagreement (evaluateEveryFormula named it)
                        Cell c = row.getCell(col);
                        workbook +=
                                (c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType())
                                                == CellType.ERROR
                                        ? Double.NaN
                                        : c.getNumericCellValue();
                    }
                    double engine = engineModel(m.parts(), part);
                    if (Math.abs(workbook - engine) > CENT) {
                        found.add("Cash flow " + at + " " + part + ": workbook " + workbook + " (columns "
                                + partCols.getOrDefault(part, List.of()).stream()
                                        .map(CellReference::convertNumToColString)
                                        .toList()
                                + "), engine " + engine);
                    }
                }
            }
        }
    }

    /** Each sized leg's units in service in each month, in the hybrid's columns, against the engine's leg fleet. */
    private static void legUnits(
            Sheet cash,
            Map<Integer, String> headers,
            int first,
            int costCol,
            String hybrid,
            Costing.Mix mix,
            List<String> found) {
        for (Costing.Leg leg : mix.legs()) {
            if (leg.sizing().isEmpty()) continue;
            Integer col = null;
            for (int c = first; c < costCol; c++) {
                String h = headers.get(c);
                if (h.equals(leg.option() + ": Units") || h.equals(leg.option() + ": In service")) col = c;
            }
            if (col == null) {
                found.add("Cash flow " + hybrid + " has no units column for its sized leg " + leg.option());
                continue;
            }
            Fleet fleet = leg.fleet().orElseThrow();
            for (Fleet.Month m : fleet.months()) {
                Cell c = cash.getRow(1 + m.month()).getCell(col);
                boolean number =
                        (c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType())
                                == CellType.NUMERIC;
                if (!number || c.getNumericCellValue() != m.units()) {
                    found.add("Cash flow " + hybrid + " leg " + leg.option() + " month " + m.month() + " units: "
                            + where(c) + " = " + c.getCellFormula() + " gives "
                            + (number ? c.getNumericCellValue() : "no number") + ", the engine " + m.units());
                }
            }
        }
    }

    private static double engineModel(OptionResult.CostParts p, String part) {
        return switch (part) {
            case "Usage" -> p.usage();
            case "Hardware" -> p.hardware();
            case "Residual credit" -> p.residualCredit();
            case "Electricity" -> p.electricity();
            case "Maintenance" -> p.maintenance();
            case "Staff" -> p.staff();
            case "Rent" -> p.rent();
            default -> throw new IllegalArgumentException(part);
        };
    }

    private static void breakeven(XSSFWorkbook wb, Evaluation e, List<String> found) {
        Sheet sheet = wb.getSheet("Breakeven");
        Map<String, Integer> cols = headers(sheet.getRow(1));
        for (Evaluation.Breakeven b : e.breakeven()) {
            Integer col = cols.get(b.option() + " vs " + b.baseline());
            if (col == null) {
                found.add("Breakeven has no column " + b.option() + " vs " + b.baseline());
                continue;
            }
            Integer first = null;
            for (int r = 2; r <= sheet.getLastRowNum() && first == null; r++) {
                Cell c = sheet.getRow(r).getCell(col);
                if (c != null && c.getCachedFormulaResultType() == CellType.NUMERIC)
                    first = (int) c.getNumericCellValue();
            }
            if (!java.util.Objects.equals(first, b.month())) {
                found.add("Breakeven " + b.option() + " vs " + b.baseline() + ": workbook's first month " + first
                        + ", engine's " + b.month());
            }
        }
    }

    private static Map<String, Integer> headers(Row row) {
        Map<String, Integer> cols = new LinkedHashMap<>();
        for (Cell c : row) {
            if (c.getCellType() == CellType.STRING) cols.putIfAbsent(c.getStringCellValue(), c.getColumnIndex());
        }
        return cols;
    }

    private static void money(Cell cell, double engine, String what, List<String> found) {
        compare(cell, engine, CENT, what, found);
    }

    private static void compare(Cell cell, double engine, double tolerance, String what, List<String> found) {
        if (cell == null) {
            found.add(what + ": no cell");
            return;
        }
        if (cell.getCellType() == CellType.FORMULA && cell.getCachedFormulaResultType() != CellType.NUMERIC) {
            found.add(what + ": " + where(cell) + " = " + cell.getCellFormula() + " is not a number");
            return;
        }
        double workbook = cell.getNumericCellValue();
        if (!(Math.abs(workbook - engine) <= tolerance)) {
            found.add(what + ": " + where(cell)
                    + (cell.getCellType() == CellType.FORMULA ? " = " + cell.getCellFormula() : "") + " gives "
                    + workbook + ", the engine " + engine + " (off by " + (workbook - engine) + ")");
        }
    }

    private static void month(Cell cell, Integer engine, String what, List<String> found) {
        if (engine == null) {
            if (cell.getCachedFormulaResultType() != CellType.STRING
                    || !cell.getStringCellValue().equals("none"))
                found.add(what + ": " + where(cell) + " should read none");
        } else if (cell.getCachedFormulaResultType() != CellType.NUMERIC
                || (int) cell.getNumericCellValue() != engine) {
            found.add(what + ": " + where(cell) + " should be month " + engine);
        }
    }

    private static String where(Cell cell) {
        return cell.getSheet().getSheetName() + "!" + new CellReference(cell).formatAsString(false);
    }
}
