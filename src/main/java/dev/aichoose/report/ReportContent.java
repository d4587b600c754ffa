package dev.aichoose.report;

import dev.aichoose.model.Defaults;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Evaluation.CatalogUse;
import dev.aichoose.model.Evaluation.Pair;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.Capacity;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Recommendation.Answer;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the human-readable reports (Markdown, HTML) say, already formatted as text: one place
 * decides the wording, the figures' names and the columns, and each renderer only adds its own
 * markup. Infeasible options get no rank, no breakeven and no figures: they are not comparable.
 */
record ReportContent(
        String title,
        List<Span> headline,
        String summary,
        Table options,
        List<String> optionNotes,
        Table pairs,
        List<String> pairNotes,
        Table classes,
        List<String> classNotes,
        Table questions,
        List<String> constraints,
        List<String> infeasible,
        List<String> capacity,
        List<String> warnings,
        Table catalog) {

    /** A run of headline text; {@code strong} for the figures a reader looks for first. */
    record Span(String text, boolean strong) {}

    enum Align {
        LEFT,
        RIGHT
    }

    record Column(String title, Align align) {}

    /** How a row stands out: the recommended option, or an infeasible one. */
    enum Mark {
        NONE,
        RECOMMENDED,
        INFEASIBLE
    }

    record Table(List<Column> columns, List<List<String>> rows, List<Mark> marks) {
        Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            marks = List.copyOf(marks);
            if (marks.size() != rows.size()) throw new IllegalArgumentException("one mark per row");
        }

        /** A table none of whose rows is marked. */
        static Table unmarked(List<Column> columns, List<List<String>> rows) {
            return new Table(columns, rows, rows.stream().map(r -> Mark.NONE).toList());
        }
    }

    /** Names of the figures, the same in every format (docs/reports.md, "Figures"). */
    static final String STEADY_MONTHLY = "Steady monthly (month 1)";

    static final String NOT_COMPARABLE = "—";

    static ReportContent of(Evaluation e) {
        return new ReportContent(
                "aichoose: " + e.scenario().name(),
                headline(e),
                e.recommendation().summary(),
                options(e),
                optionNotes(e),
                pairs(e),
                pairNotes(e),
                classes(e),
                classNotes(e),
                questions(e.recommendation()),
                e.recommendation().constraints(),
                infeasible(e),
                capacity(e),
                e.warnings(),
                catalog(e));
    }

    static String kind(OptionResult o) {
        // a routing is a hybrid only when it mixes kinds: across APIs alone it is closed, across owned
        // or rented hardware alone open source
        if (o.kind() == OptionKind.HYBRID && o.category() != Recommendation.Verdict.HYBRID)
            return o.closed() ? "closed split" : "open split";
        return o.kind().id().replace('_', '-');
    }

    static String verdict(Recommendation.Verdict v) {
        return v.id().replace('_', ' ');
    }

    static Optional<OptionResult> recommended(Evaluation e) {
        String id = e.recommendation().recommendedOption().orElse(null);
        return id == null ? Optional.empty() : Optional.of(e.option(id));
    }

    /** The breakeven cell against the baseline: {@code month 3}, {@code none}, or why there is none. */
    static String breakeven(Evaluation e, Map<String, Pair> baselinePairs, OptionResult o) {
        if (!o.feasible()) return NOT_COMPARABLE;
        if (o.closed()) {
            // an API, or a routing across APIs, is not measured against another API
            return e.ranking().baseline().filter(o.id()::equals).isPresent() ? "baseline" : "";
        }
        if (e.ranking().baseline().isEmpty()) return "no API";
        return Optional.ofNullable(baselinePairs.get(o.id()))
                .map(p -> Figures.month(p.breakevenMonth()))
                .orElse(NOT_COMPARABLE);
    }

    /** The rank cell: {@code ranks} is {@link Evaluation.Ranking#ranks()}, made once per report. */
    static String rank(Map<String, Integer> ranks, OptionResult o) {
        Integer rank = ranks.get(o.id());
        return rank == null ? "✗" : String.valueOf(rank);
    }

    private static List<Span> headline(Evaluation e) {
        Recommendation r = e.recommendation();
        Optional<OptionResult> pick = recommended(e);
        if (pick.isEmpty()) {
            return List.of(
                    new Span("Verdict: ", false),
                    new Span(verdict(r.verdict()), true),
                    new Span(". No option is feasible: see the infeasible options below.", false));
        }
        OptionResult best = pick.get();
        List<Span> spans = new ArrayList<>(List.of(
                new Span("Verdict: ", false),
                new Span(verdict(r.verdict()), true),
                new Span(". Recommended option: ", false),
                new Span(best.id(), true),
                new Span(" (" + kind(best) + "), TCO ", false),
                new Span(Figures.usd(best.tcoUsd()), true),
                new Span(
                        " over " + e.scenario().horizonMonths() + " months, "
                                + Figures.usdPerQuery(best.costPerQueryUsd()) + " per query",
                        false)));
        Optional<Pair> pair = e.againstBaseline(best.id());
        if (pair.isPresent()) {
            Pair p = pair.get();
            spans.add(new Span("; breakeven against " + p.baseline() + ", the cheapest feasible API, ", false));
            spans.add(
                    p.breakevenMonth() == null
                            ? new Span("not within the horizon", false)
                            : new Span("in " + Figures.month(p.breakevenMonth()), true));
        } else if (e.ranking().baseline().filter(best.id()::equals).isPresent()) {
            spans.add(new Span("; the cheapest feasible API", false));
        }
        spans.add(new Span(".", false));
        return List.copyOf(spans);
    }

    private static Table options(Evaluation e) {
        List<Column> columns = List.of(
                new Column("Rank", Align.RIGHT),
                new Column("Option", Align.LEFT),
                new Column("Kind", Align.LEFT),
                new Column("Upfront", Align.RIGHT),
                new Column(STEADY_MONTHLY, Align.RIGHT),
                new Column("Total cash", Align.RIGHT),
                new Column("Salvage", Align.RIGHT),
                new Column("TCO", Align.RIGHT),
                new Column("NPV", Align.RIGHT),
                new Column("Per query", Align.RIGHT),
                new Column("Breakeven", Align.LEFT),
                new Column("Tokens/s needed / available", Align.LEFT));
        List<List<String>> rows = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        String pick = e.recommendation().recommendedOption().orElse(null);
        Map<String, Integer> ranks = e.ranking().ranks();
        Map<String, Pair> pairs = e.baselinePairs();
        for (OptionResult o : e.ranked()) {
            boolean recommended = o.id().equals(pick);
            boolean ok = o.feasible();
            rows.add(List.of(
                    rank(ranks, o),
                    recommended ? o.id() + " (recommended)" : ok ? o.id() : o.id() + " (infeasible)",
                    kind(o),
                    ok ? Figures.usd(o.upfrontUsd()) : NOT_COMPARABLE,
                    ok ? Figures.usd(o.steadyMonthlyUsd()) : NOT_COMPARABLE,
                    ok ? Figures.usd(o.totalCashUsd()) : NOT_COMPARABLE,
                    ok ? Figures.usd(o.salvageUsd()) : NOT_COMPARABLE,
                    ok ? Figures.usd(o.tcoUsd()) : NOT_COMPARABLE,
                    ok ? Figures.usd(o.npvUsd()) : NOT_COMPARABLE,
                    ok ? Figures.usdPerQuery(o.costPerQueryUsd()) : NOT_COMPARABLE,
                    breakeven(e, pairs, o),
                    capacity(o.capacity())));
            marks.add(recommended ? Mark.RECOMMENDED : ok ? Mark.NONE : Mark.INFEASIBLE);
        }
        return new Table(columns, rows, marks);
    }

    private static List<String> optionNotes(Evaluation e) {
        List<String> notes = new ArrayList<>();
        notes.add("Ranked by TCO (total cash less the hardware's salvage value) over "
                + e.scenario().horizonMonths()
                + " months. " + STEADY_MONTHLY + ": a month's cost at month 1's volume, owned hardware spread over "
                + "its lifetime. Per query: TCO over all queries.");
        notes.add(e.ranking()
                .baseline()
                .map(b -> "Breakeven: the first month the option's cumulative cash is at or below " + b
                        + "'s, the cheapest feasible API.")
                .orElse("Breakeven: no API option is feasible, so there is no baseline to break even against."));
        if (e.options().stream().anyMatch(o -> !o.feasible())) {
            notes.add("✗ infeasible: no rank, no breakeven, and its figures are not comparable (—); why is listed "
                    + "under Infeasible options.");
        }
        return List.copyOf(notes);
    }

    static String capacity(Capacity c) {
        if (c == null || c.availableTokensPerSecond() == null) return "n/a";
        return Figures.rate(c.requiredTokensPerSecond()) + " / " + Figures.rate(c.availableTokensPerSecond()) + " ("
                + c.source().id() + ")";
    }

    static String crossover(Double queriesPerMonth) {
        return queriesPerMonth == null ? "never" : Figures.wholeCount(queriesPerMonth) + " queries/month";
    }

    private static Table pairs(Evaluation e) {
        List<List<String>> rows = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        for (Pair p : e.pairs()) {
            rows.add(List.of(
                    p.option(),
                    p.baseline(),
                    p.breakevenMonth() == null ? "none within the horizon" : Figures.month(p.breakevenMonth()),
                    crossover(p.crossoverQueriesPerMonth())));
            marks.add(
                    p.option().equals(e.recommendation().recommendedOption().orElse(null))
                            ? Mark.RECOMMENDED
                            : Mark.NONE);
        }
        return new Table(
                List.of(
                        new Column("Option", Align.LEFT), new Column("Against", Align.LEFT),
                        new Column("Breakeven", Align.LEFT), new Column("Crossover volume", Align.RIGHT)),
                rows,
                marks);
    }

    private static List<String> pairNotes(Evaluation e) {
        long apis = feasibleApis(e);
        return List.of("Every feasible owned, rented or hybrid option against "
                + (apis > Defaults.PAIRED_APIS
                        ? "each of the " + Defaults.PAIRED_APIS + " cheapest feasible APIs (of " + apis + ")"
                        : "every feasible API")
                + ". Crossover volume: "
                + "the monthly queries at which their steady monthly costs meet.");
    }

    /** The most API options the classes table prices each class on: the feasible ones first, by TCO. */
    static final int CLASS_TABLE_APIS = 4;

    /**
     * Each class with traffic and its query's shape, and what a query of it costs on the API options
     * (at most {@link #CLASS_TABLE_APIS}, feasible first by TCO; every one is in the JSON and CSV
     * reports). Empty unless some class has token counts of its own: otherwise every class is the
     * workload's shape and costs what the options table says.
     */
    static Table classes(Evaluation e) {
        var w = e.scenario().workload();
        if (!w.hasClassShapes()) return Table.unmarked(List.of(), List.of());
        List<OptionResult> apis = new ArrayList<>();
        e.ranked().stream()
                .filter(o -> o.kind() == OptionKind.API && !o.classCosts().isEmpty())
                .limit(CLASS_TABLE_APIS)
                .forEach(apis::add);
        List<Column> columns = new ArrayList<>(List.of(
                new Column("Class", Align.LEFT),
                new Column("Share", Align.RIGHT),
                new Column("Input", Align.RIGHT),
                new Column("Output", Align.RIGHT),
                new Column("Reasoning", Align.RIGHT),
                new Column("Cached", Align.RIGHT)));
        apis.forEach(a -> columns.add(new Column("Per query on " + a.id(), Align.RIGHT)));
        List<List<String>> rows = new ArrayList<>();
        for (String name : w.trafficClassNames()) {
            var shape = w.shapeOf(name);
            List<String> row = new ArrayList<>(List.of(
                    name,
                    Figures.percent(w.shareOf(name)),
                    Figures.wholeCount(shape.inputTokensPerQuery()),
                    Figures.wholeCount(shape.outputTokensPerQuery()),
                    Figures.wholeCount(shape.reasoningTokensPerQuery()),
                    Figures.percent(shape.cachedInputShare())));
            for (OptionResult a : apis) {
                row.add(a.classCosts().stream()
                        .filter(c -> c.workloadClass().equals(name))
                        .findFirst()
                        .map(c -> Figures.usdPerQuery(c.costPerQueryUsd()))
                        .orElse(NOT_COMPARABLE));
            }
            rows.add(row);
        }
        return Table.unmarked(columns, rows);
    }

    static List<String> classNotes(Evaluation e) {
        if (!e.scenario().workload().hasClassShapes()) return List.of();
        return List.of("Each class's share of queries and its query's tokens (a figure the class does not state is "
                + "the workload's); per query: what the API bills a query of the class at month 1's prices. "
                + "Every option carries each class at its own shape.");
    }

    /** Feasible API options: more than {@link Defaults#PAIRED_APIS} and only the cheapest are paired. */
    static long feasibleApis(Evaluation e) {
        return e.options().stream()
                .filter(o -> o.kind() == OptionKind.API && o.feasible())
                .count();
    }

    private static Table questions(Recommendation r) {
        List<List<String>> rows = new ArrayList<>();
        int n = 1;
        for (Answer a : r.questions()) {
            rows.add(List.of(String.valueOf(n++), a.id().text(), a.leans().id().replace('_', ' '), a.reason()));
        }
        return Table.unmarked(
                List.of(
                        new Column("#", Align.RIGHT),
                        new Column("Question", Align.LEFT),
                        new Column("Leans", Align.LEFT),
                        new Column("Why", Align.LEFT)),
                rows);
    }

    private static List<String> infeasible(Evaluation e) {
        List<String> out = new ArrayList<>();
        for (OptionResult o : e.options()) {
            for (String p : o.problems()) out.add(o.id() + ": " + p);
        }
        return List.copyOf(out);
    }

    /** What the capacity lines give: the text table's heading, and the sentence under "Capacity" elsewhere. */
    static final String CAPACITY_HEADING =
            "Capacity: peak generated tokens/s needed in the busiest month, and what the hardware delivers";

    static final String CAPACITY =
            "Peak generated tokens/s needed in the busiest month, and what the hardware delivers.";

    /**
     * Each owned or rented option's capacity: "mac-studio needs 7.3, has 18.1 (estimate): 18.1 tok/s per
     * replica, estimated: …; consumer single-stream: 89 % of 65 published runs within ±30 %, …".
     */
    static List<String> capacity(Evaluation e) {
        List<String> out = new ArrayList<>();
        for (OptionResult o : e.options()) {
            Capacity c = o.capacity();
            if (c == null) continue;
            out.add(o.id() + " needs " + Figures.rate(c.requiredTokensPerSecond()) + ", has "
                    + (c.availableTokensPerSecond() == null ? "?" : Figures.rate(c.availableTokensPerSecond()))
                    + " (" + c.source().id() + "): " + c.detail());
        }
        return List.copyOf(out);
    }

    /** A catalog entry's age on the evaluation date; an entry dated after it says so rather than "-30 days". */
    static String age(CatalogUse c) {
        return c.ageDays() >= 0 ? c.ageDays() + " days" : -c.ageDays() + " days after the evaluation date";
    }

    private static Table catalog(Evaluation e) {
        List<List<String>> rows = new ArrayList<>();
        for (CatalogUse c : e.catalog()) {
            rows.add(List.of(c.id(), c.asOf().toString(), age(c), c.source()));
        }
        return Table.unmarked(
                List.of(
                        new Column("Entry", Align.LEFT),
                        new Column("As of", Align.LEFT),
                        new Column("Age", Align.RIGHT),
                        new Column("Source", Align.LEFT)),
                rows);
    }
}
