package dev.aichoose.report;

import dev.aichoose.text.Figures;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Recommendation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The terminal report: fits 100 columns; options ranked by TCO, then breakeven, capacity and the reasoning. */
public final class TableReport implements Renderer {
    static final int WIDTH = 100;

    @Override
    public void render(Evaluation e, OutputStream stream) throws IOException {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        var s = e.scenario();
        int h = s.horizonMonths();
        out.println("aichoose: " + s.name());
        out.println(s.file() + " · " + h + " months · " + Figures.wholeCount(s.workload().queriesPerMonth())
                + " queries a month · as of " + e.asOf());
        out.println();

        out.println("Options, ranked by total cost of ownership over " + h + " months");
        String row = "%-3s%-17s%-12s%9s%10s%11s%11s%11s  %s";
        String head = String.format(Locale.ROOT, row, "", "option", "kind", "upfront", "monthly¹", "cash",
                "TCO²", "$/query", "breakeven³");
        out.println(head);
        List<OptionResult> ranked = ranked(e);
        int rank = 0;
        for (OptionResult o : ranked) {
            String mark = o.feasible() ? String.valueOf(++rank) : "✗";
            out.println(String.format(Locale.ROOT, row, mark, clip(o.id(), 16), o.kind().id(),
                    Figures.usdCompact(o.upfrontUsd()), Figures.usdCompact(o.monthly().getLast().costUsd()), Figures.usdCompact(o.totalCashUsd()),
                    Figures.usdCompact(o.tcoUsd()), Figures.usdSignificant(o.costPerQueryUsd()), breakevenCell(e, o)));
        }
        out.println("¹ cash in month " + h + ", the run rate at the horizon  ² all cash out less the hardware's "
                + "salvage value");
        out.println("³ first month its cumulative cash is at or below the cheapest feasible API's; ✗ infeasible");
        for (OptionResult o : ranked) {
            if (o.feasible()) continue;
            for (String p : o.problems()) wrap(out, "✗ " + o.id() + ": " + p, "    ");
        }
        out.println();

        List<OptionResult> owned = e.options().stream().filter(o -> o.capacity() != null).toList();
        if (!owned.isEmpty()) {
            out.println("Capacity: peak generated tokens/s needed in the busiest month, and what the hardware delivers");
            for (OptionResult o : owned) {
                var c = o.capacity();
                wrap(out, String.format(Locale.ROOT, "  %-18s needs %s, has %s (%s): %s", o.id(),
                        rate(c.requiredTokensPerSecond()),
                        c.availableTokensPerSecond() == null ? "?" : rate(c.availableTokensPerSecond()),
                        c.source().id(), c.detail()), "      ");
            }
            out.println();
        }

        if (!e.breakeven().isEmpty()) {
            out.println("Breakeven and crossover against each API option");
            String pair = "  %-19s%-19s%-19s%s";
            out.println(String.format(Locale.ROOT, pair, "option", "against", "breakeven", "costs cross at"));
            for (int i = 0; i < e.breakeven().size(); i++) {
                var b = e.breakeven().get(i);
                var x = e.crossovers().get(i);
                out.println(String.format(Locale.ROOT, pair, clip(b.option(), 18), clip(b.baseline(), 18),
                        b.month() == null ? "none in " + h + " months" : "month " + b.month(),
                        x.queriesPerMonth() == null ? "never" : Figures.wholeCount(x.queriesPerMonth()) + " queries a month"));
            }
            out.println();
        }

        Recommendation r = e.recommendation();
        out.println("Recommendation: " + r.verdict().id().toUpperCase(Locale.ROOT).replace('_', ' ')
                + r.recommendedOption().map(id -> " → " + id).orElse(": no feasible option"));
        wrap(out, "  " + r.summary(), "  ");
        out.println();
        for (Recommendation.Answer a : r.questions()) {
            String label = a.id().name().substring(0, 2) + " " + a.id().text();
            out.println(String.format(Locale.ROOT, "  %-60s leans %s", label, a.leans().id().replace('_', ' ')));
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

    /** Feasible options by TCO, then the infeasible ones. */
    static List<OptionResult> ranked(Evaluation e) {
        return e.options().stream()
                .sorted(Comparator.comparing((OptionResult o) -> !o.feasible()).thenComparingDouble(OptionResult::tcoUsd))
                .toList();
    }

    private static String breakevenCell(Evaluation e, OptionResult o) {
        if (o.kind() == OptionKind.API) return "—";
        String bestApi = e.options().stream().filter(x -> x.kind() == OptionKind.API && x.feasible())
                .min(Comparator.comparingDouble(OptionResult::tcoUsd)).map(OptionResult::id).orElse(null);
        if (bestApi == null) return "no API";
        return e.breakeven().stream().filter(b -> b.option().equals(o.id()) && b.baseline().equals(bestApi))
                .findFirst().map(b -> b.month() == null ? "none" : "month " + b.month()).orElse("—");
    }

    private static String rate(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    /** Prints text wrapped at the report width; continuation lines start with {@code indent}. */
    static void wrap(PrintWriter out, String text, String indent) {
        String body = text.stripLeading();
        StringBuilder line = new StringBuilder(text.substring(0, text.length() - body.length()));
        int start = line.length();
        for (String word : body.split(" +")) {
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
