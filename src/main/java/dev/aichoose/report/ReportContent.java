package dev.aichoose.report;

import dev.aichoose.text.Figures;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Evaluation.Breakeven;
import dev.aichoose.model.Evaluation.CatalogUse;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.Capacity;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Recommendation.Answer;
import java.util.ArrayList;
import java.util.List;

/**
 * What the human-readable reports (Markdown, HTML) say, already formatted as text: one place
 * decides the wording and the columns, and each renderer only adds its own markup.
 */
record ReportContent(
        String title,
        List<Span> headline,
        String summary,
        Table options,
        Table breakeven,
        Table questions,
        List<String> constraints,
        List<String> warnings,
        Table catalog) {

    /** A run of headline text; {@code strong} for the figures a reader looks for first. */
    record Span(String text, boolean strong) {}

    enum Align {
        LEFT,
        RIGHT
    }

    record Column(String title, Align align) {}

    record Table(List<Column> columns, List<List<String>> rows) {
        Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    static ReportContent of(Evaluation e) {
        return new ReportContent(
                "aichoose: " + e.scenario().name(),
                headline(e),
                e.recommendation().summary(),
                options(e),
                breakeven(e),
                questions(e.recommendation()),
                e.recommendation().constraints(),
                warnings(e),
                catalog(e));
    }

    static String kind(OptionResult o) {
        return o.kind().id().replace('_', '-');
    }

    static String verdict(Recommendation.Verdict v) {
        return v.id().replace('_', ' ');
    }

    private static List<Span> headline(Evaluation e) {
        Recommendation r = e.recommendation();
        if (e.recommended().isEmpty()) {
            return List.of(new Span("Verdict: ", false), new Span(verdict(r.verdict()), true),
                    new Span(". No feasible option: each option's problems say which rule it breaks.", false));
        }
        OptionResult best = e.recommended().get();
        List<Span> spans = new ArrayList<>(List.of(
                new Span("Verdict: ", false),
                new Span(verdict(r.verdict()), true),
                new Span(". Recommended option: ", false),
                new Span(best.id(), true),
                new Span(" (" + kind(best) + "), TCO ", false),
                new Span(Figures.usd(best.tcoUsd()), true),
                new Span(" over " + e.scenario().horizonMonths() + " months, " + Figures.usdPerQuery(best.costPerQueryUsd())
                        + " per query", false)));
        List<Breakeven> own = e.breakeven().stream().filter(b -> b.option().equals(best.id())).toList();
        for (int i = 0; i < own.size(); i++) {
            Breakeven b = own.get(i);
            spans.add(new Span(i == 0 ? "; breakeven against " : ", against ", false));
            spans.add(new Span(b.baseline(), false));
            spans.add(new Span(b.month() == null ? " not within the horizon" : " in ", false));
            if (b.month() != null) spans.add(new Span(Figures.month(b.month()), true));
        }
        spans.add(new Span(".", false));
        return List.copyOf(spans);
    }

    private static Table options(Evaluation e) {
        List<Column> columns = List.of(
                new Column("Option", Align.LEFT),
                new Column("Kind", Align.LEFT),
                new Column("Feasible", Align.LEFT),
                new Column("Upfront", Align.RIGHT),
                new Column("Total cash", Align.RIGHT),
                new Column("Salvage", Align.RIGHT),
                new Column("TCO", Align.RIGHT),
                new Column("NPV", Align.RIGHT),
                new Column("Per query", Align.RIGHT),
                new Column("Steady monthly", Align.RIGHT),
                new Column("Tokens/s needed / available", Align.LEFT));
        List<List<String>> rows = new ArrayList<>();
        for (OptionResult o : e.options()) {
            rows.add(List.of(
                    e.recommendation().recommendedOption().filter(o.id()::equals).isPresent() ? o.id() + " (recommended)" : o.id(),
                    kind(o),
                    o.feasible() ? "yes" : "no",
                    Figures.usd(o.upfrontUsd()),
                    Figures.usd(o.totalCashUsd()),
                    Figures.usd(o.salvageUsd()),
                    Figures.usd(o.tcoUsd()),
                    Figures.usd(o.npvUsd()),
                    Figures.usdPerQuery(o.costPerQueryUsd()),
                    Figures.usd(o.steadyMonthlyUsd()),
                    capacity(o.capacity())));
        }
        return new Table(columns, rows);
    }

    static String capacity(Capacity c) {
        if (c == null || c.availableTokensPerSecond() == null) return "n/a";
        return Figures.count(round1(c.requiredTokensPerSecond())) + " / "
                + Figures.count(round1(c.availableTokensPerSecond())) + " (" + c.source().id() + ")";
    }

    // display rounding only: the figure itself is the engine's
    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static Table breakeven(Evaluation e) {
        return new Table(
                List.of(new Column("Option", Align.LEFT), new Column("Baseline", Align.LEFT),
                        new Column("Breakeven", Align.LEFT), new Column("Crossover volume", Align.RIGHT)),
                e.breakeven().stream()
                        .map(b -> List.of(b.option(), b.baseline(),
                                b.month() == null ? "none within the horizon" : Figures.month(b.month()),
                                crossover(e, b)))
                        .toList());
    }

    /** The monthly volume at which the pair's steady-state costs meet, as the engine found it. */
    private static String crossover(Evaluation e, Breakeven b) {
        return e.crossovers().stream()
                .filter(c -> c.option().equals(b.option()) && c.baseline().equals(b.baseline()))
                .findFirst()
                .map(c -> c.queriesPerMonth() == null ? "never" : Figures.count(Math.round(c.queriesPerMonth())) + " queries/month")
                .orElse("n/a");
    }

    private static Table questions(Recommendation r) {
        List<List<String>> rows = new ArrayList<>();
        int n = 1;
        for (Answer a : r.questions()) {
            rows.add(List.of(String.valueOf(n++), a.id().text(), a.leans().id().replace('_', ' '), a.reason()));
        }
        return new Table(
                List.of(new Column("#", Align.RIGHT), new Column("Question", Align.LEFT), new Column("Leans", Align.LEFT),
                        new Column("Why", Align.LEFT)),
                rows);
    }

    private static List<String> warnings(Evaluation e) {
        List<String> out = new ArrayList<>(e.warnings());
        for (OptionResult o : e.options()) {
            for (String p : o.problems()) out.add(o.id() + ": " + p);
        }
        return List.copyOf(out);
    }

    private static Table catalog(Evaluation e) {
        List<List<String>> rows = new ArrayList<>();
        for (CatalogUse c : e.catalog()) {
            rows.add(List.of(c.id(), c.asOf().toString(), c.ageDays() + " days", c.source()));
        }
        return new Table(
                List.of(new Column("Entry", Align.LEFT), new Column("As of", Align.LEFT), new Column("Age", Align.RIGHT),
                        new Column("Source", Align.LEFT)),
                rows);
    }
}
