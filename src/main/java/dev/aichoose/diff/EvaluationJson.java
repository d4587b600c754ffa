package dev.aichoose.diff;

import dev.aichoose.load.located.Fields;
import dev.aichoose.load.located.Node;
import dev.aichoose.load.located.NodeParser;
import dev.aichoose.load.located.Problems;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an evaluation report ({@code schema: aichoose.evaluation/v1}) back into a {@link Snapshot}.
 * Only the fields a diff needs are read; later versions may add fields freely.
 */
public final class EvaluationJson {
    private EvaluationJson() {}

    public static final String SCHEMA = "aichoose.evaluation/v1";

    /** Whether this text looks like an evaluation report rather than a scenario. */
    public static boolean isReport(String text) {
        return text.stripLeading().startsWith("{") && text.contains("\"" + SCHEMA + "\"");
    }

    /** The parts of a report a diff does not read, and which make nearly all of its size. */
    private static final Set<String> NOT_READ =
            Set.of("monthly", "fleet", "crossovers", "simulation", "catalog", "warnings");

    public static Snapshot read(String file, String label, String text) {
        return read(file, label, new StringReader(text));
    }

    /**
     * Reads a report as a stream, building only what a diff compares: a report of 1,000 options over 600
     * months is 277 MB, nearly all of it monthly figures.
     */
    public static Snapshot read(String file, String label, Reader reader) {
        Problems problems = new Problems(file);
        Node root = NodeParser.parseJson(file, reader, NOT_READ);
        Fields top = Fields.of(problems, root, "").orElse(null);
        problems.throwIfAny();
        String schema = top.text("schema");
        if (!schema.equals(SCHEMA)) {
            top.raw("schema").ifPresent(n -> problems.at(n, "schema: expected '" + SCHEMA + "', got '" + schema + "'"));
            problems.throwIfAny();
        }
        String scenario = top.mapping("scenario").map(s -> s.text("name", "")).orElse("");
        int horizon = top.integer("horizon_months", 1, 1200);
        List<Snapshot.OptionFigures> options = new ArrayList<>();
        for (Node n : top.list("options")) {
            Fields.of(problems, n, "options[" + options.size() + "]").ifPresent(o -> options.add(option(o)));
        }
        List<Snapshot.BreakevenMonth> breakeven = new ArrayList<>();
        for (Node n : top.list("breakeven")) {
            Fields.of(problems, n, "breakeven[" + breakeven.size() + "]")
                    .ifPresent(b -> breakeven.add(new Snapshot.BreakevenMonth(
                            b.text("option"), b.text("baseline"), b.optionalInteger("month", 0, 100_000))));
        }
        Optional<Fields> rec = top.requiredMapping("recommendation");
        String verdict = rec.map(r -> r.text("verdict")).orElse("");
        // null when nothing was feasible
        String option = rec.flatMap(r -> r.raw("option"))
                .filter(n -> !(n instanceof Node.Scalar sc && sc.kind() == Node.ScalarKind.NULL))
                .map(n -> rec.get().text("option"))
                .orElse(null);
        String summary = rec.map(r -> r.text("summary", "")).orElse("");
        problems.throwIfAny();
        return new Snapshot(label, scenario, horizon, verdict, option, summary, options, breakeven);
    }

    private static Snapshot.OptionFigures option(Fields o) {
        double max = Double.MAX_VALUE;
        List<String> problems = new ArrayList<>();
        for (Node p : o.list("problems")) if (p instanceof Node.Scalar sc) problems.add(sc.text());
        return new Snapshot.OptionFigures(
                o.text("id"),
                o.text("kind", ""),
                o.flag("feasible", true),
                problems,
                o.number("tco_usd", -max, max),
                o.number("npv_usd", -max, max),
                o.number("cost_per_query_usd", -max, max),
                o.number("steady_monthly_usd", -max, max));
    }
}
