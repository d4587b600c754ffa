package dev.aichoose.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.aichoose.diff.Change;
import dev.aichoose.diff.Diff;
import dev.aichoose.diff.Diff.BreakevenChange;
import dev.aichoose.diff.Diff.OptionChange;
import dev.aichoose.report.ReportContent.Align;
import dev.aichoose.report.ReportContent.Column;
import dev.aichoose.report.ReportContent.Table;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** {@code aichoose diff} output: a terminal table, Markdown for a pull-request comment, or JSON. */
public enum DiffFormat implements OutputFormat<Diff> {
    TABLE(List.of("txt")),
    MD(List.of("md", "markdown")),
    JSON(List.of("json"));

    public static final String SCHEMA = "aichoose.diff/v1";

    @SuppressWarnings("ImmutableEnumChecker") // built with List.of, which is unmodifiable
    private final List<String> extensions;

    DiffFormat(List<String> extensions) {
        this.extensions = extensions;
    }

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public Renderer<Diff> renderer() {
        return switch (this) {
            case TABLE -> (Renderer.Text<Diff>) (d, out) -> text(d, out, false);
            case MD -> (Renderer.Text<Diff>) (d, out) -> text(d, out, true);
            case JSON -> (Renderer.Text<Diff>) (d, out) -> Json.write(document(d), out);
        };
    }

    static final String NOT_COMPARABLE = "not comparable";

    private static void text(Diff d, Writer out, boolean markdown) throws IOException {
        Diff.PlanChange p = d.plan();
        String heading = "Changes from " + d.a().label() + " to " + d.b().label();
        out.write(markdown ? "## " + MarkdownReport.escape(heading) + "\n\n" : heading + "\n\n");
        List<String> lines = new ArrayList<>(List.of(
                "Verdict: "
                        + arrow(
                                p.verdictBefore().replace('_', ' '),
                                p.verdictAfter().replace('_', ' ')),
                "Recommended option: " + arrow(name(p.optionBefore()), name(p.optionAfter()))));
        if (p.reason() != null) lines.add("Why: " + p.reason());
        lines.add("Recommended plan's TCO: " + planUsd(p.tco().before()) + " → "
                + planUsd(p.tco().after())
                + (p.tco().usd() == null
                        ? ""
                        : " (" + Figures.usdChange(p.tco().usd()) + ", "
                                + Figures.percentChange(p.tco().pct()) + ")"));
        for (String line : lines) {
            if (markdown) out.write("- " + MarkdownReport.escape(line) + "\n");
            else wrap(out, line);
        }
        out.write("\n");
        Table options = options(d, markdown);
        out.write(markdown ? "### Options\n\n" + Tables.markdown(options) : Tables.text(options, TableReport.WIDTH, 0));
        List<String> feasibility = feasibility(d);
        if (!feasibility.isEmpty()) {
            out.write(markdown ? "\n### Feasibility\n\n" : "\nFeasibility\n");
            for (String f : feasibility) {
                if (markdown) out.write("- " + MarkdownReport.escape(f) + "\n");
                else wrap(out, "  " + f);
            }
        }
        List<String> routing = routing(d);
        if (!routing.isEmpty()) {
            out.write(markdown ? "\n### Routing\n\n" : "\nRouting: classes a hybrid now sends to another leg\n");
            for (String r : routing) {
                if (markdown) out.write("- " + MarkdownReport.escape(r) + "\n");
                else wrap(out, "  " + r);
            }
        }
        Table breakeven = breakeven(d);
        if (!breakeven.rows().isEmpty()) {
            out.write("\n");
            out.write(
                    markdown
                            ? "### Breakeven\n\n" + Tables.markdown(breakeven)
                            : Tables.text(breakeven, TableReport.WIDTH, 0));
        }
        out.flush();
    }

    private static void wrap(Writer out, String line) throws IOException {
        java.io.StringWriter s = new java.io.StringWriter();
        java.io.PrintWriter p = new java.io.PrintWriter(s);
        TableReport.wrap(p, line, "    ");
        p.flush();
        out.write(s.toString());
    }

    private static String name(String option) {
        return option == null ? "no feasible option" : option;
    }

    private static String arrow(String before, String after) {
        return before.equals(after) ? after + " (unchanged)" : before + " → " + after + " (changed)";
    }

    private static String feasible(Boolean f) {
        return f == null ? "absent" : f ? "yes" : "no";
    }

    /** Every option, its feasibility before and after, and each comparable figure's change. */
    private static Table options(Diff d, boolean full) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("Option", Align.LEFT),
                new Column("Feasible", Align.LEFT),
                new Column("TCO before", Align.RIGHT),
                new Column("TCO after", Align.RIGHT),
                new Column("TCO change", Align.RIGHT),
                new Column("TCO %", Align.RIGHT)));
        if (full) {
            columns.addAll(List.of(
                    new Column(ReportContent.STEADY_MONTHLY + " before", Align.RIGHT),
                    new Column(ReportContent.STEADY_MONTHLY + " after", Align.RIGHT)));
        }
        columns.add(new Column(full ? ReportContent.STEADY_MONTHLY + " %" : "Steady mo %", Align.RIGHT));
        if (full) {
            columns.addAll(
                    List.of(new Column("Per query before", Align.RIGHT), new Column("Per query after", Align.RIGHT)));
        }
        columns.add(new Column("Per query %", Align.RIGHT));
        List<List<String>> rows = new ArrayList<>();
        for (OptionChange o : d.options()) {
            List<String> row = new ArrayList<>(List.of(
                    o.id(),
                    o.feasibilityChanged()
                            ? feasible(o.feasibleBefore()) + " → " + feasible(o.feasibleAfter())
                            : feasible(o.feasibleAfter()),
                    side(o.feasibleBefore(), o.tco().before(), Figures::usd),
                    side(o.feasibleAfter(), o.tco().after(), Figures::usd),
                    o.tco().usd() == null ? "n/a" : Figures.usdChange(o.tco().usd()),
                    Figures.percentChange(o.tco().pct())));
            if (full) {
                row.add(side(o.feasibleBefore(), o.monthly().before(), Figures::usd));
                row.add(side(o.feasibleAfter(), o.monthly().after(), Figures::usd));
            }
            row.add(Figures.percentChange(o.monthly().pct()));
            if (full) {
                row.add(side(o.feasibleBefore(), o.costPerQuery().before(), Figures::usdPerQuery));
                row.add(side(o.feasibleAfter(), o.costPerQuery().after(), Figures::usdPerQuery));
            }
            row.add(Figures.percentChange(o.costPerQuery().pct()));
            rows.add(row);
        }
        return Table.unmarked(columns, rows);
    }

    /** A figure on one side: absent, not comparable (the option is infeasible there), or the value. */
    private static String side(Boolean feasible, Double value, DoubleFunction<String> format) {
        if (feasible == null) return "n/a";
        if (!feasible) return "—";
        return value == null ? "n/a" : format.apply(value);
    }

    /** Each hybrid's classes that moved to another leg: "split: client_documents gpt-4 → rtx-4090-box". */
    private static List<String> routing(Diff d) {
        List<String> out = new ArrayList<>();
        for (OptionChange o : d.options()) {
            for (Diff.RouteMove m : o.routeMoves()) {
                out.add(o.id() + ": " + m.workloadClass() + " "
                        + (m.before() == null ? "(not routed)" : m.before()) + " → "
                        + (m.after() == null ? "(not routed)" : m.after()));
            }
        }
        return out;
    }

    /** Each option whose feasibility differs between A and B, or that is infeasible in B, with the reasons. */
    private static List<String> feasibility(Diff d) {
        List<String> out = new ArrayList<>();
        for (OptionChange o : d.options()) {
            if (Boolean.FALSE.equals(o.feasibleAfter())) {
                String head = o.id()
                        + (Boolean.TRUE.equals(o.feasibleBefore()) ? " became infeasible: " : " is infeasible: ");
                out.add(head + String.join("; ", o.problemsAfter()));
            } else if (Boolean.FALSE.equals(o.feasibleBefore()) && Boolean.TRUE.equals(o.feasibleAfter())) {
                out.add(o.id() + " became feasible (before: " + String.join("; ", o.problemsBefore()) + ")");
            }
        }
        if (!out.isEmpty())
            out.add("— not comparable: an infeasible option's figures are left out, and so is its change.");
        return out;
    }

    private static Table breakeven(Diff d) {
        List<List<String>> rows = new ArrayList<>();
        for (BreakevenChange b : d.breakeven()) {
            rows.add(List.of(
                    b.option(),
                    b.baseline(),
                    month(b.inBefore(), b.before()),
                    month(b.inAfter(), b.after()),
                    b.changed() ? "changed" : "same"));
        }
        return Table.unmarked(
                List.of(
                        new Column("Option", Align.LEFT),
                        new Column("Against", Align.LEFT),
                        new Column("Before", Align.LEFT),
                        new Column("After", Align.LEFT),
                        new Column("Change", Align.LEFT)),
                rows);
    }

    /** A breakeven on one side; a pair that is missing there involves an infeasible or absent option. */
    private static String month(boolean present, Integer m) {
        return present ? Figures.month(m) : NOT_COMPARABLE;
    }

    /** A side with no feasible option has no plan to price. */
    private static String planUsd(Double v) {
        return v == null ? "none" : Figures.usd(v);
    }

    // ---- JSON: aichoose.diff/v1 (docs/reports.md)

    record Document(
            String schema,
            Side a,
            Side b,
            PlanOut recommendation,
            List<OptionOut> options,
            List<BreakevenOut> breakeven) {}

    record Side(String label, String scenario) {}

    record PlanOut(
            String verdictBefore,
            String verdictAfter,
            boolean verdictChanged,
            String optionBefore,
            String optionAfter,
            boolean optionChanged,
            String reason,
            @JsonUnwrapped(prefix = "tco_") ChangeOut tco,
            @JsonUnwrapped(prefix = "monthly_cost_") ChangeOut monthlyCost,
            @JsonUnwrapped(prefix = "cost_per_query_") ChangeOut costPerQuery,
            @JsonUnwrapped(prefix = "npv_") ChangeOut npv) {}

    record OptionOut(
            String id,
            Boolean feasibleBefore,
            Boolean feasibleAfter,
            List<String> problemsBefore,
            List<String> problemsAfter,
            @JsonUnwrapped(prefix = "tco_") ChangeOut tco,
            @JsonUnwrapped(prefix = "monthly_cost_") ChangeOut monthlyCost,
            @JsonUnwrapped(prefix = "cost_per_query_") ChangeOut costPerQuery,
            @JsonUnwrapped(prefix = "npv_") ChangeOut npv,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RouteMoveOut> routingChanges) {}

    /** A hybrid's class whose leg changed: the option it went to before and after (null: not routed there). */
    record RouteMoveOut(@JsonProperty("class") String workloadClass, String before, String after) {}

    /** A figure before and after, its change in dollars and per cent; null where absent or not comparable. */
    record ChangeOut(BigDecimal beforeUsd, BigDecimal afterUsd, BigDecimal changeUsd, BigDecimal changePct) {}

    record BreakevenOut(String option, String baseline, Integer monthBefore, Integer monthAfter, boolean changed) {}

    static Document document(Diff d) {
        Diff.PlanChange p = d.plan();
        return new Document(
                SCHEMA,
                new Side(d.a().label(), d.a().scenario()),
                new Side(d.b().label(), d.b().scenario()),
                new PlanOut(
                        p.verdictBefore(),
                        p.verdictAfter(),
                        p.verdictChanged(),
                        p.optionBefore(),
                        p.optionAfter(),
                        p.optionChanged(),
                        p.reason(),
                        money(p.tco()),
                        money(p.monthly()),
                        perQuery(p.costPerQuery()),
                        money(p.npv())),
                d.options().stream()
                        .map(o -> new OptionOut(
                                o.id(),
                                o.feasibleBefore(),
                                o.feasibleAfter(),
                                o.problemsBefore(),
                                o.problemsAfter(),
                                money(o.tco()),
                                money(o.monthly()),
                                perQuery(o.costPerQuery()),
                                money(o.npv()),
                                o.routeMoves().stream()
                                        .map(m -> new RouteMoveOut(m.workloadClass(), m.before(), m.after()))
                                        .toList()))
                        .toList(),
                d.breakeven().stream()
                        .map(b -> new BreakevenOut(b.option(), b.baseline(), b.before(), b.after(), b.changed()))
                        .toList());
    }

    private static ChangeOut money(Change c) {
        return out(c, Figures::cents);
    }

    private static ChangeOut perQuery(Change c) {
        return out(c, Figures::perQuery);
    }

    private static ChangeOut out(Change c, DoubleFunction<BigDecimal> round) {
        return new ChangeOut(
                c.before() == null ? null : round.apply(c.before()),
                c.after() == null ? null : round.apply(c.after()),
                c.usd() == null ? null : round.apply(c.usd()),
                c.pct() == null ? null : Figures.upTo(c.pct(), 2));
    }
}
