package dev.aichoose.report;

import dev.aichoose.model.Defaults;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Recommendation;
import dev.aichoose.report.ReportContent.Align;
import dev.aichoose.report.ReportContent.Column;
import dev.aichoose.report.ReportContent.Table;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal report, for 100 columns: options ranked by TCO, then breakeven, capacity and the
 * reasoning. Columns are as wide as their content, two spaces apart; only ids are shortened, and
 * only while they stay unique.
 */
public final class TableReport implements Renderer.Text<Evaluation> {
    static final int WIDTH = 100;

    @Override
    public void render(Evaluation e, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        var s = e.scenario();
        int h = s.horizonMonths();
        out.println("aichoose: " + s.name());
        out.println(s.file() + " · " + h + " months · "
                + Figures.wholeCount(s.workload().queriesPerMonth()) + " queries a month · as of " + e.asOf());
        out.println();

        out.println("Options, ranked by total cost of ownership over " + h + " months");
        String options = Tables.text(options(e, true), WIDTH, 1);
        boolean narrow = widest(options) > WIDTH;
        // figures are never cut: at magnitudes too wide for every column, total cash (TCO plus salvage) gives way
        out.print(narrow ? Tables.text(options(e, false), WIDTH, 1) : options);
        if (narrow) out.println("(total cash left out to fit " + WIDTH + " columns: see --format md, html or json)");
        if (e.recommendation().recommendedOption().orElse(null) != null) out.println("* recommended");
        String baseline = e.ranking()
                .baseline()
                .map(b -> b + "'s, the cheapest feasible API")
                .orElse(null);
        wrap(
                out,
                "¹ steady monthly: a month's cost at month 1's volume, owned hardware spread over its lifetime",
                "  ");
        wrap(out, "² TCO: all cash out less the hardware's salvage value", "  ");
        wrap(
                out,
                baseline == null
                        ? "³ breakeven: no API option is feasible, so there is no baseline"
                        : "³ breakeven: first month its cumulative cash is at or below " + baseline,
                "  ");
        List<OptionResult> infeasible =
                e.options().stream().filter(o -> !o.feasible()).toList();
        if (!infeasible.isEmpty()) {
            out.println("✗ infeasible: no rank, no breakeven, its figures not comparable (—)");
            for (OptionResult o : infeasible) {
                for (String p : o.problems()) wrap(out, "✗ " + o.id() + ": " + p, "    ");
            }
        }
        out.println();

        List<String> capacity = ReportContent.capacity(e);
        if (!capacity.isEmpty()) {
            out.println(ReportContent.CAPACITY_HEADING);
            for (String line : capacity) wrap(out, "  " + line, "      ");
            out.println();
        }

        if (!e.pairs().isEmpty()) {
            long apis = ReportContent.feasibleApis(e);
            out.println("Breakeven and crossover of each feasible option against "
                    + (apis > Defaults.PAIRED_APIS
                            ? "the " + Defaults.PAIRED_APIS + " cheapest feasible APIs (of " + apis + ")"
                            : "each feasible API"));
            List<List<String>> rows = new ArrayList<>();
            for (var p : e.pairs()) {
                rows.add(List.of(
                        p.option(),
                        p.baseline(),
                        p.breakevenMonth() == null ? "none in " + h + " months" : Figures.month(p.breakevenMonth()),
                        p.crossoverQueriesPerMonth() == null
                                ? "never"
                                : Figures.wholeCount(p.crossoverQueriesPerMonth()) + " queries a month"));
            }
            out.print(indent(Tables.text(
                    Table.unmarked(
                            List.of(
                                    new Column("option", Align.LEFT),
                                    new Column("against", Align.LEFT),
                                    new Column("breakeven", Align.LEFT),
                                    new Column("costs cross at", Align.RIGHT)),
                            rows),
                    WIDTH - 2,
                    0)));
            out.println();
        }

        Table classes = ReportContent.classes(e);
        if (!classes.rows().isEmpty()) {
            out.println("Classes: each class's share of queries, tokens per query, and its cost on each API");
            out.print(indent(Tables.text(classes, WIDTH - 2, 0)));
            for (String note : ReportContent.classNotes(e)) wrap(out, "  " + note, "  ");
            out.println();
        }

        Recommendation r = e.recommendation();
        out.println(
                "Recommendation: " + r.verdict().id().toUpperCase(Locale.ROOT).replace('_', ' ')
                        + r.recommendedOption().map(id -> " → " + id).orElse(": no feasible option"));
        wrap(out, "  " + r.summary(), "  ");
        out.println();
        for (Recommendation.Answer a : r.questions()) {
            String label = a.id().name().substring(0, 2) + " " + a.id().text();
            out.println(String.format(
                    Locale.ROOT, "  %-60s leans %s", label, a.leans().id().replace('_', ' ')));
            wrap(out, "     " + a.reason(), "     ");
        }
        if (!r.constraints().isEmpty()) {
            out.println();
            out.println("Constraints and other factors");
            for (String c : r.constraints()) wrap(out, "  - " + c, "    ");
        }
        SimulationSection.table(out, e);
        if (!e.warnings().isEmpty()) {
            out.println();
            out.println("Warnings");
            for (String w : e.warnings()) wrap(out, "  ! " + w, "    ");
        }
        out.println();
        out.println("Catalog entries used (as of, source)");
        for (var c : e.catalog()) wrap(out, "  " + c.id() + " (" + c.asOf() + "): " + c.source(), "      ");
        out.flush();
    }

    /** The ranked options: feasible ones by TCO, then the infeasible with their figures left out. */
    static Table options(Evaluation e, boolean withCash) {
        List<List<String>> rows = new ArrayList<>();
        String pick = e.recommendation().recommendedOption().orElse(null);
        var ranks = e.ranking().ranks();
        var pairs = e.baselinePairs();
        for (OptionResult o : e.ranked()) {
            boolean ok = o.feasible();
            String none = ReportContent.NOT_COMPARABLE;
            List<String> row = new ArrayList<>(List.of(
                    ReportContent.rank(ranks, o) + (o.id().equals(pick) ? "*" : ""),
                    o.id(),
                    ReportContent.kind(o),
                    ok ? Figures.usd(o.upfrontUsd()) : none,
                    ok ? Figures.usd(o.steadyMonthlyUsd()) : none,
                    ok ? Figures.usd(o.totalCashUsd()) : none,
                    ok ? Figures.usd(o.tcoUsd()) : none,
                    ok ? Figures.usdPerQuery(o.costPerQueryUsd()) : none,
                    ReportContent.breakeven(e, pairs, o)));
            if (!withCash) row.remove(5);
            rows.add(row);
        }
        List<Column> columns = new ArrayList<>(List.of(
                new Column("#", Align.LEFT),
                new Column("option", Align.LEFT),
                new Column("kind", Align.LEFT),
                new Column("upfront", Align.RIGHT),
                new Column("steady/mo¹", Align.RIGHT),
                new Column("cash", Align.RIGHT),
                new Column("TCO²", Align.RIGHT),
                new Column("$/query", Align.RIGHT),
                new Column("breakeven³", Align.LEFT)));
        if (!withCash) columns.remove(5);
        return Table.unmarked(columns, rows);
    }

    private static int widest(String block) {
        return block.lines().mapToInt(Tables::length).max().orElse(0);
    }

    private static String indent(String block) {
        // joined, not reduced: adding each line to the text so far copied it once a line (37,500 pairs: 16 s)
        return block.lines().map(l -> "  " + l + "\n").collect(java.util.stream.Collectors.joining());
    }

    /** Prints text wrapped at the report width; continuation lines start with {@code indent}. */
    static void wrap(PrintWriter out, String text, String indent) {
        String body = text.stripLeading();
        StringBuilder line = new StringBuilder(text.substring(0, text.length() - body.length()));
        int start = line.length();
        List<String> words = new ArrayList<>();
        for (String word : body.stripTrailing().split(" +", -1)) {
            // a figure keeps its unit: "54 %" never breaks before the sign
            if (word.startsWith("%") && !words.isEmpty()) words.set(words.size() - 1, words.getLast() + " " + word);
            else words.add(word);
        }
        for (String word : words) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(indent);
                start = line.length();
            }
            if (line.length() > start) line.append(' ');
            line.append(word);
        }
        out.println(line);
    }
}
