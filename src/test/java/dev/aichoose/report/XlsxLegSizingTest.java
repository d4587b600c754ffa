package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A hybrid's owned or rented leg is sized in the workbook as the engine sizes it (docs/methodology.md
 * §11.8): at the replica of the classes it carries, from their generated tokens, so that each month's
 * units and cash of each leg, evaluated afresh by POI, equal the engine's; and editing one class's
 * output tokens moves only the legs that carry it, to what the engine computes for the edited scenario.
 */
class XlsxLegSizingTest {
    private static final String LEG_SHAPES = "src/test/resources/scenarios/leg-shapes.yaml";

    /** The owned leg's H100 sized per class, and a serverless leg carrying the long class. */
    private static final String SERVERLESS = """
            name: serverless leg
            horizon_months: 12
            workload:
              queries_per_month: 2000000
              input_tokens_per_query: 700
              output_tokens_per_query: 8
              monthly_growth: 0.1
              peak_to_average: 2
              classes:
                - {name: reasoning, share: 0.1, input_tokens_per_query: 6000, output_tokens_per_query: 1500,
                   reasoning_tokens_per_query: 2000}
            assumptions: {ops_hours_per_month: 0}
            options:
              - id: flex
                rented: {offer: runpod/h100-serverless-flex, count: auto, model: meta/llama-3.1-8b-instruct}
              - id: rented
                rented: {offer: runpod/h100-sxm, count: auto, model: meta/llama-3.1-8b-instruct}
              - id: api
                api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}
              - id: long-flex
                hybrid: {routes: [{class: default, option: api}, {class: reasoning, option: flex}]}
              - id: short-rented
                hybrid: {routes: [{class: default, option: rented}, {class: reasoning, option: api}]}
            """;

    private static String legShapes() throws IOException {
        return Files.readString(Path.of(LEG_SHAPES));
    }

    @Test
    void eachLegsUnitsAndCashEqualTheEnginesEveryMonth() throws IOException {
        Evaluation e = Fixtures.evaluate(legShapes());
        // the two hybrids' owned legs carry classes of different shapes, so they are sized apart
        Fleet shortLeg = leg(e, "short-owned", "owned").fleet().orElseThrow();
        Fleet longLeg = leg(e, "long-owned", "owned").fleet().orElseThrow();
        assertThat(shortLeg.sizing().orElseThrow().replicaTokensPerSecond())
                .isNotEqualTo(longLeg.sizing().orElseThrow().replicaTokensPerSecond());
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            recalculate(wb);
            assertLegsAgree(wb, e);
            // the leg's need reads its own classes' cells, not the whole workload's
            assertThat(formula(wb, "o_long_owned_o_owned_generated_tokens_per_query"))
                    .isEqualTo("c_reasoning_share*(c_reasoning_output_tokens_per_query"
                            + "+c_reasoning_reasoning_tokens_per_query)");
            assertThat(value(wb, "o_long_owned_o_owned_generated_tokens_per_query"))
                    .isCloseTo(0.1 * 3500, within(1e-9));
            assertThat(value(wb, "o_short_owned_o_owned_generated_tokens_per_query"))
                    .isCloseTo(0.9 * 8, within(1e-9));
        }
    }

    @Test
    void aServerlessAndARentedLegAgreeToo() throws IOException {
        Evaluation e = Fixtures.evaluate(SERVERLESS);
        assertThat(leg(e, "long-flex", "flex").sizing()).isPresent();
        try (XSSFWorkbook wb = XlsxReportTest.open(e)) {
            recalculate(wb);
            assertLegsAgree(wb, e);
        }
    }

    @Test
    void editingAClassesOutputTokensMovesOnlyTheLegsCarryingItAsTheEngineDoes() throws IOException {
        String yaml = legShapes();
        Evaluation before = Fixtures.evaluate(yaml);
        Evaluation after =
                Fixtures.evaluate(yaml.replace("output_tokens_per_query: 1500", "output_tokens_per_query: 9000"));
        try (XSSFWorkbook wb = XlsxReportTest.open(before)) {
            recalculate(wb);
            List<Double> shortUnits = units(wb, "short-owned", "owned", before);
            List<Double> longUnits = units(wb, "long-owned", "owned", before);
            set(wb, "c_reasoning_output_tokens_per_query", 9000);
            recalculate(wb);
            // the leg carrying only the default class does not move; the one carrying reasoning does
            assertThat(units(wb, "short-owned", "owned", before)).isEqualTo(shortUnits);
            assertThat(units(wb, "long-owned", "owned", before)).isNotEqualTo(longUnits);
            // the replica is the serving model's at the leg's mean query, an input: given the engine's anew,
            // the workbook's legs are the engine's for the edited scenario
            Fleet.Sizing z = leg(after, "long-owned", "owned").sizing().orElseThrow();
            set(wb, "o_long_owned_o_owned_replica_tokens_per_second", z.replicaTokensPerSecond());
            set(wb, "o_long_owned_o_owned_gpus_per_replica", z.gpusPerReplica());
            set(wb, "o_long_owned_o_owned_min_units", z.minimumUnits());
            // and the option alone, at the whole workload's mean query, which the edit moved too
            Fleet.Sizing alone = after.option("owned")
                    .capacity()
                    .fleet()
                    .orElseThrow()
                    .sizing()
                    .orElseThrow();
            set(wb, "o_owned_replica_tokens_per_second", alone.replicaTokensPerSecond());
            set(wb, "o_owned_gpus_per_replica", alone.gpusPerReplica());
            set(wb, "o_owned_min_units", alone.minimumUnits());
            recalculate(wb);
            assertLegsAgree(wb, after);
        }
    }

    /** Every sized leg's units in each month, and every hybrid's cost, against the engine. */
    private static void assertLegsAgree(XSSFWorkbook wb, Evaluation e) {
        int checked = 0;
        for (OptionResult o : e.options()) {
            if (!(o.costing() instanceof Costing.Mix m)) continue;
            for (Costing.Leg leg : m.legs()) {
                if (leg.sizing().isEmpty()) continue;
                List<Double> units = units(wb, o.id(), leg.option(), e);
                for (int month = 1; month <= e.scenario().horizonMonths(); month++) {
                    assertThat(units.get(month - 1))
                            .as(o.id() + " leg " + leg.option() + " units in month " + month)
                            .isEqualTo((double)
                                    leg.fleet().orElseThrow().month(month).units());
                }
                checked++;
            }
            Map<String, Integer> cols = columns(wb, o.id(), e);
            for (OptionResult.MonthlyCost month : o.monthly()) {
                assertThat(number(wb.getSheet("Cash flow")
                                .getRow(month.month() + 1)
                                .getCell(cols.get("Cost"))))
                        .as(o.id() + " cost in month " + month.month())
                        .isCloseTo(month.costUsd(), within(0.005));
            }
        }
        assertThat(checked).as("sized legs compared").isPositive();
        XlsxReportTest.assertAgrees(wb, e);
    }

    /** A leg's units in service each month, from its columns in the hybrid's block. */
    private static List<Double> units(XSSFWorkbook wb, String hybrid, String leg, Evaluation e) {
        Map<String, Integer> cols = columns(wb, hybrid, e);
        Integer col = cols.containsKey(leg + ": Units") ? cols.get(leg + ": Units") : cols.get(leg + ": In service");
        assertThat(col).as(hybrid + " has a units column for " + leg).isNotNull();
        Sheet cash = wb.getSheet("Cash flow");
        return java.util.stream.IntStream.rangeClosed(1, e.scenario().horizonMonths())
                .mapToObj(m -> number(cash.getRow(m + 1).getCell(col)))
                .toList();
    }

    /** An option's Cash flow columns by header, read from the sheet's titles and headers. */
    static Map<String, Integer> columns(XSSFWorkbook wb, String option, Evaluation e) {
        Sheet cash = wb.getSheet("Cash flow");
        int first = -1;
        for (Cell c : cash.getRow(0)) {
            if (c.getCellType() == CellType.STRING
                    && c.getStringCellValue().equals(option + " (" + ReportContent.kind(e.option(option)) + ")"))
                first = c.getColumnIndex();
        }
        assertThat(first).as("Cash flow columns of " + option).isNotNegative();
        Map<String, Integer> cols = new LinkedHashMap<>();
        for (int col = first; ; col++) {
            Cell h = cash.getRow(1).getCell(col);
            if (h == null) break;
            cols.put(h.getStringCellValue(), col);
            if (h.getStringCellValue().equals("Cost")) break;
        }
        return cols;
    }

    private static Costing.Leg leg(Evaluation e, String hybrid, String option) {
        return ((Costing.Mix) e.option(hybrid).costing())
                .legs().stream()
                        .filter(l -> l.option().equals(option))
                        .findFirst()
                        .orElseThrow();
    }

    private static void recalculate(XSSFWorkbook wb) {
        wb.getCreationHelper().createFormulaEvaluator().clearAllCachedResultValues();
        XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
    }

    private static Cell named(XSSFWorkbook wb, String name) {
        assertThat(wb.getName(name)).as("defined name " + name).isNotNull();
        CellReference ref =
                new AreaReference(wb.getName(name).getRefersToFormula(), wb.getSpreadsheetVersion()).getFirstCell();
        return wb.getSheet(ref.getSheetName()).getRow(ref.getRow()).getCell(ref.getCol());
    }

    private static void set(XSSFWorkbook wb, String name, double value) {
        named(wb, name).setCellValue(value);
    }

    private static String formula(XSSFWorkbook wb, String name) {
        return named(wb, name).getCellFormula();
    }

    private static double value(XSSFWorkbook wb, String name) {
        return number(named(wb, name));
    }

    private static double number(Cell c) {
        assertThat(c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType())
                .as(new CellReference(c).formatAsString())
                .isEqualTo(CellType.NUMERIC);
        return c.getNumericCellValue();
    }
}
