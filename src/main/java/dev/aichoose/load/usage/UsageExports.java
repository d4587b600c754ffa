package dev.aichoose.load.usage;

import dev.aichoose.load.InputException;
import dev.aichoose.load.InputFiles;
import dev.aichoose.load.InputKind;
import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.load.located.Problems;
import dev.aichoose.model.Actuals;
import dev.aichoose.model.Actuals.Source;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what providers export about usage and spend (docs/methodology.md, "Reconciling the forecast
 * with the bill"): OpenAI's and Anthropic's usage and cost pages as saved JSON, FOCUS 1.x CSV, and
 * aichoose's usage CSV; each file's format is told from its content. Every problem in every file is
 * reported at once, located as {@code file:line:col} with the JSON pointer or CSV column: a page of
 * another endpoint, a currency other than USD, buckets that overlap, months outside the scenario's
 * horizon, malformed rows.
 */
public final class UsageExports {
    private UsageExports() {}

    /** Which FOCUS cost column is the bill: BilledCost (cash, what the invoice says) or EffectiveCost (amortised). */
    public enum FocusCost {
        BILLED,
        EFFECTIVE
    }

    /**
     * Every line of every file, in file order. Month 1 of the scenario is {@code start}; a period
     * before it or after month {@code horizonMonths} is an error.
     */
    public static Actuals read(List<Path> files, YearMonth start, int horizonMonths, FocusCost cost) {
        List<Diagnostic> problems = new ArrayList<>();
        List<ExportRead> reads = new ArrayList<>();
        for (Path file : files) {
            String name = file.toString();
            try {
                reads.add(parse(name, InputFiles.read(file, InputKind.USAGE_EXPORT), cost));
            } catch (InputException e) {
                problems.addAll(e.diagnostics());
            }
        }
        if (problems.isEmpty()) problems.addAll(across(reads, start, horizonMonths));
        if (!problems.isEmpty()) throw new InputException(problems);
        List<Actuals.Line> lines = new ArrayList<>();
        reads.forEach(r -> lines.addAll(r.lines()));
        List<Actuals.Period> covered = new ArrayList<>();
        reads.forEach(r -> r.periods().forEach(p -> covered.add(new Actuals.Period(p.start(), p.end()))));
        return new Actuals(lines, covered);
    }

    /** One export's text: JSON pages when it starts with '{' or '[', else a CSV told apart by its header. */
    static ExportRead parse(String file, String text, FocusCost cost) {
        String head = text.stripLeading();
        if (head.startsWith("\uFEFF")) head = head.substring(1).stripLeading();
        if (head.startsWith("{") || head.startsWith("[")) return ProviderPages.read(file, text);
        Problems problems = new Problems(file);
        CsvTable table = CsvTable.read(problems, text);
        problems.throwIfAny();
        ExportRead read;
        if (FocusRows.isFocus(table)) {
            read = FocusRows.read(problems, table, cost);
        } else if (UsageCsv.isUsageCsv(table)) {
            read = UsageCsv.read(problems, table);
        } else {
            problems.at(
                    1,
                    1,
                    "not an export aichoose reads: a FOCUS CSV has BilledCost and ChargePeriodStart columns, the usage "
                            + "CSV has " + String.join(", ", UsageCsv.COLUMNS) + "; found "
                            + String.join(
                                    ", ", table.columnNames().stream().limit(8).toList()));
            read = null;
        }
        problems.throwIfAny();
        return read;
    }

    /** The checks that need every file: the calendar, and no period given twice. */
    private static List<Diagnostic> across(List<ExportRead> reads, YearMonth start, int horizonMonths) {
        List<Diagnostic> problems = new ArrayList<>();
        List<ExportRead.Period> all = new ArrayList<>();
        reads.forEach(r -> all.addAll(r.periods()));
        YearMonth last = start.plusMonths(horizonMonths - 1L);
        for (ExportRead.Period p : all) {
            YearMonth month = YearMonth.from(p.start().atZone(ZoneOffset.UTC));
            long index = start.until(month, ChronoUnit.MONTHS) + 1;
            if (index < 1 || index > horizonMonths) {
                problems.add(at(
                        p.origin(),
                        month
                                + (index < 1
                                        ? " is before --start " + start + ", the scenario's month 1"
                                        : " would be month " + index + ", after the horizon's last, month "
                                                + horizonMonths + " (" + last + ")")
                                + ": give the months the scenario covers, or another --start"));
            }
        }
        // buckets of one endpoint must not overlap: a page saved twice would count its spending twice
        Map<Source, List<ExportRead.Period>> buckets = new HashMap<>();
        for (ExportRead.Period p : all) {
            if (p.key().equals("bucket"))
                buckets.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p);
        }
        for (var e : buckets.entrySet()) {
            List<ExportRead.Period> sorted = e.getValue().stream()
                    .sorted(Comparator.comparing(ExportRead.Period::start))
                    .toList();
            ExportRead.Period reach = null;
            for (ExportRead.Period p : sorted) {
                if (reach != null && p.start().isBefore(reach.end())) {
                    problems.add(at(
                            p.origin(),
                            "this bucket (" + p.start() + " to " + p.end() + ") overlaps the "
                                    + e.getKey().title()
                                    + " bucket at " + where(reach.origin()) + " (" + reach.start() + " to "
                                    + reach.end() + "): a page given twice would count its spending twice"));
                }
                if (reach == null || p.end().isAfter(reach.end())) reach = p;
            }
        }
        // a FOCUS charge in two exports, a usage-CSV month and option given twice
        Map<String, ExportRead.Period> seen = new HashMap<>();
        for (ExportRead.Period p : all) {
            if (p.key().equals("bucket")) continue;
            String key = p.source() + "|" + p.key();
            ExportRead.Period first = seen.putIfAbsent(key, p);
            if (first == null) continue;
            boolean sameFile = first.origin().file().equals(p.origin().file());
            if (p.source() == Source.CSV) {
                problems.add(at(
                        p.origin(),
                        "month and option given twice (first at " + where(first.origin())
                                + "): give one row per month and option"));
            } else if (!sameFile) {
                problems.add(at(
                        p.origin(),
                        "the same charge (period, ResourceId, SkuId, ChargeCategory) as at " + where(first.origin())
                                + ": the same export given twice would count it twice"));
            }
        }
        return problems;
    }

    private static Diagnostic at(Actuals.Origin o, String message) {
        return new Diagnostic(o.file(), o.line(), o.column(), o.pointer() + ": " + message);
    }

    private static String where(Actuals.Origin o) {
        return o.file() + ":" + o.line() + ":" + o.column();
    }
}
