package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.MonthlyCost;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables for spreadsheets and scripts: the options summary, and the monthly cash flows in long
 * form (one row per option and month). Column names are snake_case like the JSON report's, and
 * every figure is the JSON report's, rounded by {@link Figures} and written as a plain decimal.
 */
final class CsvReport {
    private CsvReport() {}

    /** One row per option, in the scenario's order. */
    static final class Options implements Renderer.Text<Evaluation> {
        static final List<String> HEADER = List.of(
                "option",
                "kind",
                "feasible",
                "recommended",
                "upfront_usd",
                "total_cash_usd",
                "salvage_usd",
                "tco_usd",
                "npv_usd",
                "cost_per_query_usd",
                "steady_monthly_usd",
                "breakeven_baseline",
                "breakeven_month",
                "rank",
                "category");

        @Override
        public void render(Evaluation e, Writer out) throws IOException {
            row(out, HEADER);
            var ranks = e.ranking().ranks();
            var pairs = e.baselinePairs();
            for (OptionResult o : e.options()) {
                var pair = java.util.Optional.ofNullable(pairs.get(o.id()));
                row(
                        out,
                        List.of(
                                o.id(),
                                o.kind().id(),
                                String.valueOf(o.feasible()),
                                String.valueOf(e.recommendation()
                                        .recommendedOption()
                                        .filter(o.id()::equals)
                                        .isPresent()),
                                money(o.upfrontUsd()),
                                money(o.totalCashUsd()),
                                money(o.salvageUsd()),
                                money(o.tcoUsd()),
                                money(o.npvUsd()),
                                Figures.perQueryToTheCent(o.costPerQueryUsd(), o.queriesOverHorizon())
                                        .toPlainString(),
                                money(o.steadyMonthlyUsd()),
                                pair.map(p -> p.baseline()).orElse(""),
                                pair.map(p -> p.breakevenMonth() == null ? "" : String.valueOf(p.breakevenMonth()))
                                        .orElse(""),
                                ranks.containsKey(o.id()) ? String.valueOf(ranks.get(o.id())) : "",
                                o.category().id()));
            }
            out.flush();
        }
    }

    /**
     * One row per option and class it carries on an API: what a query of the class costs at the
     * class's own shape, month 1's prices, and its usage in month 1.
     */
    static final class Classes implements Renderer.Text<Evaluation> {
        @Override
        public void render(Evaluation e, Writer out) throws IOException {
            row(out, List.of("option", "class", "api", "share", "cost_per_query_usd", "month_1_usage_usd"));
            for (OptionResult o : e.options()) {
                for (OptionResult.ClassCost c : o.classCosts()) {
                    row(
                            out,
                            List.of(
                                    o.id(),
                                    c.workloadClass(),
                                    c.option(),
                                    Figures.upTo(c.share(), 10).toPlainString(),
                                    Figures.perQuery(c.costPerQueryUsd()).toPlainString(),
                                    money(c.month1UsageUsd())));
                }
            }
            out.flush();
        }
    }

    /** One row per option and month: the cash view, month 1 including upfront. */
    static final class Monthly implements Renderer.Text<Evaluation> {
        @Override
        public void render(Evaluation e, Writer out) throws IOException {
            row(out, List.of("option", "month", "queries", "cost_usd", "cumulative_usd", "feasible"));
            for (OptionResult o : e.options()) {
                for (MonthlyCost m : o.monthly()) {
                    row(
                            out,
                            List.of(
                                    o.id(),
                                    String.valueOf(m.month()),
                                    Figures.upTo(m.queries(), 2).toPlainString(),
                                    money(m.costUsd()),
                                    money(m.cumulativeUsd()),
                                    String.valueOf(o.feasible())));
                }
            }
            out.flush();
        }
    }

    private static String money(double usd) {
        return Figures.cents(usd).toPlainString();
    }

    /** The characters a spreadsheet takes as the start of a formula (OWASP, "CSV Injection"). */
    private static final String FORMULA_START = "=+-@\t\r\n";

    /** A plain decimal, as every figure here is written: data, even when it starts with a minus. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; lines end in \n. */
    static void row(Writer out, List<String> fields) throws IOException {
        List<String> cells = new ArrayList<>(fields.size());
        for (String f : fields) cells.add(cell(f));
        out.write(String.join(",", cells));
        out.write('\n');
    }

    /**
     * One field. Text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a
     * line break: an option id such as {@code =HYPERLINK(...)}) gets a leading apostrophe and quotes, as
     * OWASP's CSV Injection page recommends, so that Excel, LibreOffice and Google Sheets show it as text.
     * A number stays as it is, a negative one included: the figures are data, and a spreadsheet must
     * read {@code -5.00} as minus five.
     */
    static String cell(String f) {
        boolean formula = !f.isEmpty()
                && FORMULA_START.indexOf(f.charAt(0)) >= 0
                && !NUMBER.matcher(f).matches();
        String v = formula ? "'" + f : f;
        return formula || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\""
                : v;
    }
}
