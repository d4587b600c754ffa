package dev.aichoose.load.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aichoose.input.Problems;
import dev.aichoose.model.Actuals;
import dev.aichoose.model.Actuals.Charge;
import dev.aichoose.model.Actuals.Match;
import dev.aichoose.model.Actuals.Source;
import dev.aichoose.model.ActualsChargeBuilder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FOCUS 1.x billing export (the FinOps Foundation's FinOps Open Cost and Usage Specification;
 * FOCUS_Spec, specification/columns): one charge a row. aichoose reads BilledCost (or EffectiveCost),
 * ChargePeriodStart and ChargePeriodEnd, ChargeCategory, BillingCurrency, and where present
 * ConsumedQuantity and ConsumedUnit (hours of a rented GPU), Tags (which option a row is), ServiceName,
 * SkuId and ResourceId (what a row is, in the report).
 */
final class FocusRows {
    private FocusRows() {}

    static final String BILLED_COST = "BilledCost";
    static final String EFFECTIVE_COST = "EffectiveCost";
    static final List<String> REQUIRED =
            List.of(BILLED_COST, "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "BillingCurrency");
    private static final List<String> CATEGORIES = List.of("Usage", "Purchase", "Tax", "Credit", "Adjustment");

    /**
     * An hour of an instance ("Hours", "Hrs", "Instance-Hours") or of a GPU ("GPU-Hours"), as providers
     * write them, optionally with a whole-number quantity as the FOCUS Unit Format allows ("10 Hours").
     */
    private static final Pattern INSTANCE_HOURS = Pattern.compile("(?i)(?:(\\d{1,6}) )?(?:instance-)?(?:hours?|hrs?)");

    private static final Pattern GPU_HOURS = Pattern.compile("(?i)(?:(\\d{1,6}) )?gpu-(?:hours?|hrs?)");
    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean isFocus(CsvTable t) {
        return t.hasColumn(BILLED_COST) && t.hasColumn("ChargePeriodStart");
    }

    static ExportRead read(Problems problems, CsvTable t, UsageExports.FocusCost cost) {
        List<String> missing = new ArrayList<>();
        for (String c : REQUIRED) if (!t.hasColumn(c)) missing.add(c);
        String costColumn = cost == UsageExports.FocusCost.EFFECTIVE ? EFFECTIVE_COST : BILLED_COST;
        if (!t.hasColumn(costColumn) && !missing.contains(costColumn)) missing.add(costColumn);
        if (!missing.isEmpty()) {
            problems.at(
                    1,
                    1,
                    "a FOCUS export needs the column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
            return new ExportRead(List.of(), List.of());
        }
        List<Actuals.Line> lines = new ArrayList<>();
        List<ExportRead.Period> periods = new ArrayList<>();
        for (int row = 0; row < t.rows(); row++) {
            String currency = t.get(row, "BillingCurrency");
            if (!currency.equalsIgnoreCase("USD")) {
                t.problem(
                        row,
                        "BillingCurrency",
                        "the charge is in " + (currency.isEmpty() ? "no currency" : currency)
                                + "; aichoose reconciles US dollars (USD) and converts no currency");
            }
            double usd = t.number(row, costColumn);
            String category = t.get(row, "ChargeCategory");
            if (!CATEGORIES.contains(category)) {
                t.problem(
                        row,
                        "ChargeCategory",
                        "expected one of " + String.join(", ", CATEGORIES) + ", got '" + category + "'");
            }
            Instant start = time(t, row, "ChargePeriodStart");
            Instant end = time(t, row, "ChargePeriodEnd");
            Map<String, String> tags = tags(t, row);
            Double hours = null;
            boolean perGpu = false;
            String unit = t.get(row, "ConsumedUnit");
            if (category.equals("Usage") && !t.get(row, "ConsumedQuantity").isEmpty()) {
                Matcher gpu = GPU_HOURS.matcher(unit);
                Matcher instance = INSTANCE_HOURS.matcher(unit);
                Matcher hourly = gpu.matches() ? gpu : instance.matches() ? instance : null;
                if (hourly != null) {
                    perGpu = hourly == gpu;
                    hours = t.number(row, "ConsumedQuantity")
                            * (hourly.group(1) == null ? 1 : Integer.parseInt(hourly.group(1)));
                }
            }
            if (start == null || end == null) continue;
            if (!end.isAfter(start)) {
                t.problem(row, "ChargePeriodEnd", "the charge period ends no later than it starts (" + start + ")");
                continue;
            }
            Actuals.Origin origin = new Actuals.Origin(problems.file(), t.line(row), 1, "row " + (row + 1));
            String label = String.join(
                            " ",
                            List.of(t.get(row, "ServiceName"), t.get(row, "SkuId"), category).stream()
                                    .filter(s -> !s.isEmpty())
                                    .toList())
                    .strip();
            lines.add(ActualsChargeBuilder.builder()
                    .origin(origin)
                    .source(Source.FOCUS)
                    .start(start)
                    .end(end)
                    .match(new Match(null, tags, null))
                    .usd(usd)
                    .kind(category.equals("Usage") ? Charge.Kind.USAGE : Charge.Kind.OTHER)
                    .label(label)
                    .hours(hours)
                    .perGpu(perGpu)
                    .build());
            // a charge exported twice: the same period, resource, SKU and category in two files
            periods.add(new ExportRead.Period(
                    Source.FOCUS,
                    start,
                    end,
                    origin,
                    String.join(
                            "|",
                            start.toString(),
                            end.toString(),
                            t.get(row, "ResourceId"),
                            t.get(row, "SkuId"),
                            category,
                            t.get(row, "ChargeClass"))));
        }
        return new ExportRead(lines, periods);
    }

    /** FOCUS Date/Time Format: ISO 8601 in UTC, 'YYYY-MM-DDTHH:mm:ssZ'; an offset is accepted and converted. */
    private static Instant time(CsvTable t, int row, String column) {
        String v = t.get(row, column);
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            t.problem(row, column, "expected a UTC time as YYYY-MM-DDTHH:mm:ssZ, got '" + v + "'");
            return null;
        }
    }

    /** FOCUS Key-Value Format: a JSON object whose values are numbers, strings, booleans or null. */
    private static Map<String, String> tags(CsvTable t, int row) {
        String v = t.get(row, "Tags");
        Map<String, String> tags = new LinkedHashMap<>();
        if (v.isEmpty() || v.equals("null")) return tags;
        try {
            JsonNode node = JSON.readTree(v);
            if (node != null && node.isObject()) {
                node.properties().forEach(e -> {
                    if (!e.getValue().isNull() && e.getValue().isValueNode())
                        tags.put(e.getKey(), e.getValue().asText());
                });
                return tags;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        t.problem(row, "Tags", "expected a JSON object of tags, e.g. {\"team\": \"support\"}, got '" + v + "'");
        return tags;
    }
}
