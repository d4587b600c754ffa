package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Evaluation.Breakeven;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.MonthlyCost;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * Tables for spreadsheets and scripts: the options summary, and the monthly cash flows in long
 * form (one row per option and month). Column names are snake_case like the JSON report's.
 */
final class CsvReport {
    private CsvReport() {}

    static {
        // Tablesaw scans its own packages at start-up and SLF4J then warns on stderr that no logger
        // is bound; the report's reader has no use for that line.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    /** One row per option. */
    static final class Options implements Renderer {
        @Override
        public void render(Evaluation e, OutputStream out) {
            StringColumn option = StringColumn.create("option");
            StringColumn kind = StringColumn.create("kind");
            BooleanColumn feasible = BooleanColumn.create("feasible");
            BooleanColumn recommended = BooleanColumn.create("recommended");
            DoubleColumn upfront = money("upfront_usd");
            DoubleColumn totalCash = money("total_cash_usd");
            DoubleColumn salvage = money("salvage_usd");
            DoubleColumn tco = money("tco_usd");
            DoubleColumn npv = money("npv_usd");
            DoubleColumn perQuery = DoubleColumn.create("cost_per_query_usd");
            perQuery.setPrintFormatter(decimals(6));
            DoubleColumn steady = money("steady_monthly_usd");
            StringColumn baseline = StringColumn.create("breakeven_baseline");
            IntColumn breakevenMonth = IntColumn.create("breakeven_month");
            for (OptionResult o : e.options()) {
                option.append(o.id());
                kind.append(o.kind().id());
                feasible.append(o.feasible());
                recommended.append(e.recommendation().recommendedOption().filter(o.id()::equals).isPresent());
                upfront.append(o.upfrontUsd());
                totalCash.append(o.totalCashUsd());
                salvage.append(o.salvageUsd());
                tco.append(o.tcoUsd());
                npv.append(o.npvUsd());
                perQuery.append(o.costPerQueryUsd());
                steady.append(o.steadyMonthlyUsd());
                // the first baseline the engine compared this option with; the rest are in the JSON report
                Breakeven b = e.breakeven().stream().filter(x -> x.option().equals(o.id())).findFirst().orElse(null);
                baseline.append(b == null ? "" : b.baseline());
                if (b == null || b.month() == null) breakevenMonth.appendMissing();
                else breakevenMonth.append(b.month());
            }
            write(Table.create("options", option, kind, feasible, recommended, upfront, totalCash, salvage, tco, npv,
                    perQuery, steady, baseline, breakevenMonth), out);
        }
    }

    /** One row per option and month: the cash view, month 1 including upfront. */
    static final class Monthly implements Renderer {
        @Override
        public void render(Evaluation e, OutputStream out) {
            StringColumn option = StringColumn.create("option");
            IntColumn month = IntColumn.create("month");
            DoubleColumn queries = DoubleColumn.create("queries");
            queries.setPrintFormatter(decimals(2));
            DoubleColumn cost = money("cost_usd");
            DoubleColumn cumulative = money("cumulative_usd");
            for (OptionResult o : e.options()) {
                for (MonthlyCost m : o.monthly()) {
                    option.append(o.id());
                    month.append(m.month());
                    queries.append(m.queries());
                    cost.append(m.costUsd());
                    cumulative.append(m.cumulativeUsd());
                }
            }
            write(Table.create("monthly", option, month, queries, cost, cumulative), out);
        }
    }

    private static DoubleColumn money(String name) {
        DoubleColumn c = DoubleColumn.create(name);
        c.setPrintFormatter(decimals(2));
        return c;
    }

    /** Plain decimals: no grouping, no exponent (Tablesaw's default would print 1.2E7), at most n places. */
    private static NumberColumnFormatter decimals(int n) {
        DecimalFormat f = new DecimalFormat("0." + "#".repeat(n), DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return new NumberColumnFormatter(f, "");
    }

    private static void write(Table table, OutputStream stream) {
        Writer w = new OutputStreamWriter(new NonClosingOutputStream(stream), StandardCharsets.UTF_8);
        table.write().csv(CsvWriteOptions.builder(w).usePrintFormatters(true).lineEnd("\n").build());
    }
}
