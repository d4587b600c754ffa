package dev.aichoose.load.usage;

import dev.aichoose.input.Node;
import dev.aichoose.input.NodeParser;
import dev.aichoose.input.Problems;
import dev.aichoose.model.Actuals;
import dev.aichoose.model.Actuals.Charge;
import dev.aichoose.model.Actuals.Match;
import dev.aichoose.model.Actuals.Source;
import dev.aichoose.model.ActualsChargeBuilder;
import dev.aichoose.model.ActualsUsageBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Saved pages of the providers' usage and cost APIs, as their public references document them:
 * OpenAI's {@code /v1/organization/usage/completions} and {@code /v1/organization/costs} (a page
 * object, {@code data[]} buckets of {@code results[]}; openai/openai-openapi, openapi.yaml) and
 * Anthropic's {@code /v1/organizations/usage_report/messages} and {@code /v1/organizations/cost_report}
 * (platform.claude.com/docs/en/api/admin). Several pages may follow one another in a file, or sit in
 * one JSON list; pages of different endpoints may be in different files.
 */
final class ProviderPages {
    private ProviderPages() {}

    static final String OPENAI_USAGE_RESULT = "organization.usage.completions.result";
    static final String OPENAI_COSTS_RESULT = "organization.costs.result";
    private static final String OPENAI_USAGE_PREFIX = "organization.usage.";

    /** The tags an OpenAI result may carry: its group_by dimensions. */
    private static final List<String> OPENAI_TAGS =
            List.of("project_id", "api_key_id", "user_id", "batch", "service_tier");

    /** The tags an Anthropic result may carry. */
    private static final List<String> ANTHROPIC_TAGS =
            List.of("workspace_id", "api_key_id", "service_tier", "context_window", "inference_geo");

    static ExportRead read(String file, String text) {
        Problems problems = new Problems(file);
        List<Node> values = NodeParser.parseJsonValues(file, new StringReader(text));
        List<JsonAt> pages = new ArrayList<>();
        for (int v = 0; v < values.size(); v++) {
            // a value's pointer is within the file: several values get their index first
            String base = values.size() > 1 ? "/" + v : "";
            JsonAt value = new JsonAt(values.get(v), base, problems);
            if (values.get(v) instanceof Node.Sequence) pages.addAll(value.items());
            else pages.add(value);
        }
        List<Actuals.Line> lines = new ArrayList<>();
        List<ExportRead.Period> periods = new ArrayList<>();
        for (JsonAt page : pages) page(page, lines, periods);
        problems.throwIfAny();
        return new ExportRead(lines, periods);
    }

    private static void page(JsonAt page, List<Actuals.Line> lines, List<ExportRead.Period> periods) {
        if (!page.isMapping()) {
            page.problem("expected a page of an API's response (an object), got " + page.node.describe());
            return;
        }
        Optional<String> object = page.get("object").map(JsonAt::text);
        if (object.isPresent()) {
            if (!object.get().equals("page")) {
                page.problem("an object '" + object.get() + "', not a page of /v1/organization/usage/completions or "
                        + "/v1/organization/costs");
                return;
            }
            List<Bucket> buckets = new ArrayList<>();
            for (JsonAt bucket : page.list("data")) openAiBucket(bucket, lines).ifPresent(buckets::add);
            periods.addAll(periods(buckets));
        } else if (page.has("data")) {
            List<Bucket> buckets = new ArrayList<>();
            for (JsonAt bucket : page.list("data"))
                anthropicBucket(bucket, lines).ifPresent(buckets::add);
            periods.addAll(periods(buckets));
        } else {
            page.problem(
                    "not a page of OpenAI's usage or costs API (object: \"page\") nor of Anthropic's usage or cost "
                            + "report (data: [buckets])");
        }
    }

    /** A bucket as read: its period, and the endpoint its results say it is from (empty when it has none). */
    private record Bucket(JsonAt at, Instant start, Instant end, Optional<Source> source) {}

    /**
     * The buckets' periods, each of the endpoint its page's results name: an empty bucket covers its
     * day as much as a full one (nothing was used), and a page with no result at all names no endpoint
     * (a null source) and so overlaps nothing.
     */
    private static List<ExportRead.Period> periods(List<Bucket> buckets) {
        Source source = buckets.stream()
                .map(Bucket::source)
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(null);
        return buckets.stream()
                .map(b -> new ExportRead.Period(source, b.start(), b.end(), b.at().origin(), "bucket"))
                .toList();
    }

    // ---- OpenAI

    private static Optional<Bucket> openAiBucket(JsonAt bucket, List<Actuals.Line> lines) {
        Instant start = bucket.required("start_time").map(ProviderPages::epoch).orElse(null);
        Instant end = bucket.required("end_time").map(ProviderPages::epoch).orElse(null);
        List<JsonAt> results = bucket.list("results");
        if (start == null || end == null || !inOneMonth(bucket, start, end)) return Optional.empty();
        Source source = null;
        for (JsonAt r : results) {
            String object = r.get("object").map(JsonAt::text).orElse(null);
            Source kind;
            if (OPENAI_USAGE_RESULT.equals(object)) kind = Source.OPENAI_USAGE;
            else if (OPENAI_COSTS_RESULT.equals(object)) kind = Source.OPENAI_COSTS;
            else {
                r.problem(otherEndpoint(object));
                continue;
            }
            if (source != null && source != kind) {
                r.problem("a " + kind.title() + " result in a bucket of " + source.title()
                        + " results: each page comes from one endpoint");
                continue;
            }
            source = kind;
            Map<String, String> tags = tags(r, OPENAI_TAGS);
            if (kind == Source.OPENAI_USAGE) {
                lines.add(ActualsUsageBuilder.builder()
                        .origin(r.origin())
                        .source(kind)
                        .start(start)
                        .end(end)
                        .match(new Match(r.label("model"), tags, null))
                        .requests(r.number("num_model_requests", 0))
                        .inputTokens(r.number("input_tokens", 0))
                        .cachedInputTokens(r.number("input_cached_tokens", 0, 0))
                        .cacheWriteTokens(r.optionalNumber("input_cache_write_tokens", 0))
                        .outputTokens(r.number("output_tokens", 0))
                        .build());
            } else {
                JsonAt amount = r.required("amount").orElse(null);
                if (amount == null) continue;
                double usd = amount.number("value", Double.NEGATIVE_INFINITY);
                usd(amount.required("currency").orElse(null), "usd");
                String item = r.label("line_item");
                // "gpt-4o-2024-08-06, input": the model comes first; a line item without one is matched on the rest
                String model = item == null ? null : item.split(",", 2)[0].strip();
                lines.add(ActualsChargeBuilder.builder()
                        .origin(r.origin())
                        .source(kind)
                        .start(start)
                        .end(end)
                        .match(new Match(model, tags, null))
                        .usd(usd)
                        .kind(item == null ? Charge.Kind.UNSPLIT : Charge.Kind.TOKENS)
                        .label(item)
                        .build());
            }
        }
        return Optional.of(new Bucket(bucket, start, end, Optional.ofNullable(source)));
    }

    private static String otherEndpoint(String object) {
        String reads = "reconcile reads /v1/organization/usage/completions and /v1/organization/costs";
        if (object != null && object.startsWith(OPENAI_USAGE_PREFIX) && object.endsWith(".result")) {
            String endpoint = object.substring(OPENAI_USAGE_PREFIX.length(), object.length() - ".result".length());
            return "a result of /v1/organization/usage/" + endpoint + " (object '" + object + "'): " + reads;
        }
        return object == null
                ? "a result without its 'object' type: " + reads
                : "a result of another endpoint (object '" + object + "'): " + reads;
    }

    private static Instant epoch(JsonAt v) {
        double seconds = v.number(0);
        return Double.isNaN(seconds) ? null : Instant.ofEpochSecond((long) seconds);
    }

    // ---- Anthropic

    private static Optional<Bucket> anthropicBucket(JsonAt bucket, List<Actuals.Line> lines) {
        Instant start =
                bucket.required("starting_at").map(ProviderPages::timestamp).orElse(null);
        Instant end = bucket.required("ending_at").map(ProviderPages::timestamp).orElse(null);
        List<JsonAt> results = bucket.list("results");
        if (start == null || end == null || !inOneMonth(bucket, start, end)) return Optional.empty();
        Source source = null;
        for (JsonAt r : results) {
            Source kind;
            if (r.has("uncached_input_tokens")) kind = Source.ANTHROPIC_USAGE;
            else if (r.has("amount")) kind = Source.ANTHROPIC_COSTS;
            else {
                r.problem("not a result of /v1/organizations/usage_report/messages (uncached_input_tokens, …) nor of "
                        + "/v1/organizations/cost_report (amount, …): reconcile reads those two");
                continue;
            }
            if (source != null && source != kind) {
                r.problem("a " + kind.title() + " result in a bucket of " + source.title()
                        + " results: each page comes from one endpoint");
                continue;
            }
            source = kind;
            Map<String, String> tags = tags(r, ANTHROPIC_TAGS);
            if (kind == Source.ANTHROPIC_USAGE) {
                double uncached = r.number("uncached_input_tokens", 0);
                double read = r.number("cache_read_input_tokens", 0, 0);
                double written = r.get("cache_creation")
                        .map(c -> c.number("ephemeral_5m_input_tokens", 0, 0)
                                + c.number("ephemeral_1h_input_tokens", 0, 0))
                        .orElse(0.0);
                lines.add(ActualsUsageBuilder.builder()
                        .origin(r.origin())
                        .source(kind)
                        .start(start)
                        .end(end)
                        .match(new Match(r.label("model"), tags, null))
                        .inputTokens(uncached + read + written)
                        .cachedInputTokens(read)
                        .cacheWriteTokens(written)
                        .outputTokens(r.number("output_tokens", 0))
                        .build());
            } else {
                // "Cost amount in lowest currency units (e.g. cents) as a decimal string": "123.45" is $1.23
                double cents =
                        r.required("amount").map(ProviderPages::decimalText).orElse(Double.NaN);
                usd(r.required("currency").orElse(null), "USD");
                String costType = r.label("cost_type");
                String label = r.label("description") != null
                        ? r.label("description")
                        : costType == null
                                ? null
                                : costType + (r.label("token_type") == null ? "" : ", " + r.label("token_type"));
                Charge.Kind charge = costType == null
                        ? Charge.Kind.UNSPLIT
                        : costType.equals("tokens") ? Charge.Kind.TOKENS : Charge.Kind.OTHER;
                lines.add(ActualsChargeBuilder.builder()
                        .origin(r.origin())
                        .source(kind)
                        .start(start)
                        .end(end)
                        .match(new Match(r.label("model"), tags, null))
                        .usd(cents / 100)
                        .kind(charge)
                        .label(label)
                        .build());
            }
        }
        return Optional.of(new Bucket(bucket, start, end, Optional.ofNullable(source)));
    }

    private static Instant timestamp(JsonAt v) {
        String text = v.text();
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            v.problem("expected an RFC 3339 time such as 2025-08-01T00:00:00Z, got '" + text + "'");
            return null;
        }
    }

    private static double decimalText(JsonAt v) {
        String text = v.text();
        if (text == null) return Double.NaN;
        try {
            double d = Double.parseDouble(text.strip());
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        v.problem("expected a decimal amount as text, e.g. \"123.45\", got '" + text + "'");
        return Double.NaN;
    }

    // ---- both

    /** Money is US dollars, as everywhere in aichoose: another currency is named, not converted. */
    private static void usd(JsonAt currency, String expected) {
        if (currency == null) return;
        String c = currency.text();
        if (c != null && !c.equalsIgnoreCase("usd")) {
            currency.problem("the amount is in " + c.toUpperCase(Locale.ROOT) + "; aichoose reconciles US dollars ("
                    + expected + ") and converts no currency");
        }
    }

    /** A bucket is placed in the month it starts in, so it must end by that month's end. */
    static boolean inOneMonth(JsonAt at, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            at.problem("the bucket ends (" + end + ") no later than it starts (" + start + ")");
            return false;
        }
        YearMonth month = YearMonth.from(start.atZone(ZoneOffset.UTC));
        Instant next = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (end.isAfter(next)) {
            at.problem("the bucket " + start + " to " + end + " spans two months; export buckets of a day or less");
            return false;
        }
        return true;
    }

    private static Map<String, String> tags(JsonAt r, List<String> keys) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String k : keys) {
            String v = r.label(k);
            if (v != null) tags.put(k, v);
        }
        return tags;
    }
}
