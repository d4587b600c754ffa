package dev.aichoose.report;

import dev.aichoose.text.Figures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aichoose.diff.Change;
import dev.aichoose.diff.Diff;
import dev.aichoose.diff.Diff.BreakevenChange;
import dev.aichoose.diff.Diff.OptionChange;
import dev.aichoose.report.ReportContent.Align;
import dev.aichoose.report.ReportContent.Column;
import dev.aichoose.report.ReportContent.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code aichoose diff} output: a terminal table, Markdown for a pull-request comment, or JSON. */
public enum DiffReport {
    TABLE,
    MD,
    JSON;

    public static final String SCHEMA = "aichoose.diff/v1";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public void render(Diff d, OutputStream stream) throws IOException {
        switch (this) {
            case TABLE -> text(d, stream, false);
            case MD -> text(d, stream, true);
            case JSON -> json(d, stream);
        }
    }

    private static void text(Diff d, OutputStream stream, boolean markdown) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
        Diff.PlanChange p = d.plan();
        String heading = "Changes from " + d.a().label() + " to " + d.b().label();
        out.print(markdown ? "## " + MarkdownReport.escape(heading) + "\n\n" : heading + "\n\n");
        List<String> lines = List.of(
                "Verdict: " + arrow(p.verdictBefore().replace('_', ' '), p.verdictAfter().replace('_', ' ')),
                "Recommended option: " + arrow(orNone(p.optionBefore()), orNone(p.optionAfter())),
                p.tco().before() == null || p.tco().after() == null
                        ? "Recommended plan's TCO: " + usdOrNone(p.tco().before()) + " → " + usdOrNone(p.tco().after())
                        : "Recommended plan's TCO: " + Figures.usd(p.tco().before()) + " → " + Figures.usd(p.tco().after())
                                + " (" + Figures.usdChange(p.tco().usd()) + ", " + Figures.percentChange(p.tco().pct()) + ")");
        for (String line : lines) out.print(markdown ? "- " + MarkdownReport.escape(line) + "\n" : line + "\n");
        out.print("\n");
        Table options = options(d);
        Table breakeven = breakeven(d);
        out.print(markdown ? "### Options\n\n" + Tables.markdown(options) : Tables.text(options));
        if (!breakeven.rows().isEmpty()) {
            out.print("\n");
            out.print(markdown ? "### Breakeven\n\n" + Tables.markdown(breakeven) : Tables.text(breakeven));
        }
        out.flush();
    }

    /** A side with no feasible option has no recommended option and no plan to price. */
    private static String orNone(String option) {
        return option == null ? "no feasible option" : option;
    }

    private static String usdOrNone(Double usd) {
        return usd == null ? "none" : Figures.usd(usd);
    }

    private static String arrow(String before, String after) {
        return before.equals(after) ? after + " (unchanged)" : before + " → " + after + " (changed)";
    }

    private static Table options(Diff d) {
        List<Column> columns = List.of(
                new Column("Option", Align.LEFT),
                new Column("TCO before", Align.RIGHT), new Column("TCO after", Align.RIGHT),
                new Column("TCO change", Align.RIGHT), new Column("TCO %", Align.RIGHT),
                new Column("Monthly before", Align.RIGHT), new Column("Monthly after", Align.RIGHT),
                new Column("Monthly %", Align.RIGHT),
                new Column("Per query before", Align.RIGHT), new Column("Per query after", Align.RIGHT),
                new Column("Per query %", Align.RIGHT));
        List<List<String>> rows = new ArrayList<>();
        for (OptionChange o : d.options()) {
            rows.add(List.of(o.id(),
                    usd(o.tco().before()), usd(o.tco().after()), o.tco().usd() == null ? "n/a" : Figures.usdChange(o.tco().usd()),
                    Figures.percentChange(o.tco().pct()),
                    usd(o.monthly().before()), usd(o.monthly().after()), Figures.percentChange(o.monthly().pct()),
                    perQuery(o.costPerQuery().before()), perQuery(o.costPerQuery().after()),
                    Figures.percentChange(o.costPerQuery().pct())));
        }
        return new Table(columns, rows);
    }

    private static Table breakeven(Diff d) {
        List<List<String>> rows = new ArrayList<>();
        for (BreakevenChange b : d.breakeven()) {
            rows.add(List.of(b.option(), b.baseline(), month(b.inBefore(), b.before()), month(b.inAfter(), b.after()),
                    b.changed() ? "changed" : "same"));
        }
        return new Table(List.of(new Column("Option", Align.LEFT), new Column("Baseline", Align.LEFT),
                new Column("Before", Align.LEFT), new Column("After", Align.LEFT), new Column("Change", Align.LEFT)), rows);
    }

    private static String month(boolean present, Integer m) {
        return present ? Figures.month(m) : "n/a";
    }

    private static String usd(Double v) {
        return v == null ? "n/a" : Figures.usd(v);
    }

    private static String perQuery(Double v) {
        return v == null ? "n/a" : Figures.usdPerQuery(v);
    }

    private static void json(Diff d, OutputStream out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.putObject("a").put("label", d.a().label()).put("scenario", d.a().scenario());
        root.putObject("b").put("label", d.b().label()).put("scenario", d.b().scenario());
        Diff.PlanChange p = d.plan();
        ObjectNode plan = root.putObject("recommendation");
        plan.put("verdict_before", p.verdictBefore()).put("verdict_after", p.verdictAfter())
                .put("verdict_changed", p.verdictChanged())
                .put("option_before", p.optionBefore()).put("option_after", p.optionAfter())
                .put("option_changed", p.optionChanged());
        change(plan, "tco", p.tco());
        change(plan, "monthly_cost", p.monthly());
        change(plan, "cost_per_query", p.costPerQuery());
        change(plan, "npv", p.npv());
        ArrayNode options = root.putArray("options");
        for (OptionChange o : d.options()) {
            ObjectNode n = options.addObject().put("id", o.id());
            change(n, "tco", o.tco());
            change(n, "monthly_cost", o.monthly());
            change(n, "cost_per_query", o.costPerQuery());
            change(n, "npv", o.npv());
        }
        ArrayNode breakeven = root.putArray("breakeven");
        for (BreakevenChange b : d.breakeven()) {
            breakeven.addObject().put("option", b.option()).put("baseline", b.baseline())
                    .put("month_before", b.before()).put("month_after", b.after()).put("changed", b.changed());
        }
        mapper.writeValue(new NonClosingOutputStream(out), root);
        out.write('\n');
        out.flush();
    }

    /** {@code <name>_before_usd}, {@code <name>_after_usd}, {@code <name>_change_usd}, {@code <name>_change_pct}; null where absent. */
    private static void change(ObjectNode n, String name, Change c) {
        n.put(name + "_before_usd", c.before());
        n.put(name + "_after_usd", c.after());
        n.put(name + "_change_usd", c.usd());
        n.put(name + "_change_pct", c.pct());
    }
}
