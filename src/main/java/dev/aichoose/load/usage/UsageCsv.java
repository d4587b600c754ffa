package dev.aichoose.load.usage;

import dev.aichoose.input.Problems;
import dev.aichoose.model.Actuals;
import dev.aichoose.model.Actuals.Charge;
import dev.aichoose.model.Actuals.Match;
import dev.aichoose.model.Actuals.Source;
import dev.aichoose.model.ActualsChargeBuilder;
import dev.aichoose.model.ActualsUsageBuilder;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * aichoose's own usage CSV, for any bill the other readers do not know: one row per month and
 * option, {@code month} (YYYY-MM), {@code option} (an option's id), {@code queries},
 * {@code input_tokens}, {@code cached_input_tokens}, {@code output_tokens} (reasoning included),
 * {@code cost_usd} (what the tokens were billed) and {@code other_usd} (lines not priced by tokens).
 * The four counts are given together or left empty together (usage not measured); other_usd may be empty.
 */
final class UsageCsv {
    private UsageCsv() {}

    static final List<String> COLUMNS = List.of(
            "month",
            "option",
            "queries",
            "input_tokens",
            "cached_input_tokens",
            "output_tokens",
            "cost_usd",
            "other_usd");

    private static final List<String> COUNTS = COLUMNS.subList(2, 6);

    static boolean isUsageCsv(CsvTable t) {
        return t.hasColumn("month") && t.hasColumn("cost_usd");
    }

    static ExportRead read(Problems problems, CsvTable t) {
        List<String> missing = COLUMNS.stream().filter(c -> !t.hasColumn(c)).toList();
        if (!missing.isEmpty()) {
            problems.at(
                    1,
                    1,
                    "the usage CSV needs the column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                            + " (" + String.join(", ", COLUMNS) + ")");
            return new ExportRead(List.of(), List.of());
        }
        List<Actuals.Line> lines = new ArrayList<>();
        List<ExportRead.Period> periods = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            int row = i;
            YearMonth month = null;
            try {
                month = YearMonth.parse(t.get(row, "month"));
            } catch (DateTimeParseException e) {
                t.problem(row, "month", "expected a month as YYYY-MM, e.g. 2026-03, got '" + t.get(row, "month") + "'");
            }
            String option = t.get(row, "option");
            if (option.isEmpty()) t.problem(row, "option", "an option's id is required");
            long given = COUNTS.stream().filter(c -> !t.get(row, c).isEmpty()).count();
            if (given != 0 && given != COUNTS.size()) {
                t.problem(
                        row,
                        COUNTS.stream()
                                .filter(c -> t.get(row, c).isEmpty())
                                .findFirst()
                                .orElseThrow(),
                        "give queries and the three token counts together, or leave all four empty");
            }
            double[] counts = new double[COUNTS.size()];
            if (given == COUNTS.size()) {
                for (int c = 0; c < counts.length; c++) counts[c] = count(t, row, COUNTS.get(c));
                if (counts[2] > counts[1]) {
                    t.problem(
                            row,
                            "cached_input_tokens",
                            "more cached input tokens than input tokens (" + t.get(row, "cached_input_tokens") + " > "
                                    + t.get(row, "input_tokens") + ")");
                }
            }
            double cost = t.number(row, "cost_usd");
            double other = t.get(row, "other_usd").isEmpty() ? 0 : t.number(row, "other_usd");
            if (month == null || option.isEmpty()) continue;
            Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end =
                    month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Actuals.Origin origin = new Actuals.Origin(problems.file(), t.line(row), 1, "row " + (row + 1));
            Match match = new Match(null, Map.of(), option);
            if (given == COUNTS.size()) {
                lines.add(ActualsUsageBuilder.builder()
                        .origin(origin)
                        .source(Source.CSV)
                        .start(start)
                        .end(end)
                        .match(match)
                        .requests(counts[0])
                        .inputTokens(counts[1])
                        .cachedInputTokens(counts[2])
                        .outputTokens(counts[3])
                        .build());
            }
            // the row's charges: what its tokens cost, and what it billed besides them
            ActualsChargeBuilder charge = ActualsChargeBuilder.builder()
                    .origin(origin)
                    .source(Source.CSV)
                    .start(start)
                    .end(end)
                    .match(match);
            lines.add(
                    charge.usd(cost).kind(Charge.Kind.TOKENS).label("cost_usd").build());
            if (other != 0)
                lines.add(charge.usd(other)
                        .kind(Charge.Kind.OTHER)
                        .label("other_usd")
                        .build());
            periods.add(new ExportRead.Period(Source.CSV, start, end, origin, month + "|" + option));
        }
        return new ExportRead(lines, periods);
    }

    private static double count(CsvTable t, int row, String column) {
        double v = t.number(row, column);
        if (v < 0) t.problem(row, column, "must be 0 or more, got " + t.get(row, column));
        return v;
    }
}
