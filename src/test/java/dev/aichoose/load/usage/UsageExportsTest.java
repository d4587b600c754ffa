package dev.aichoose.load.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.model.Actuals;
import dev.aichoose.model.Actuals.Charge;
import dev.aichoose.model.Actuals.Source;
import dev.aichoose.model.Actuals.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports as their references document them, read line by line; every bad input located. */
class UsageExportsTest {
    static final Path DIR = Path.of("src/test/resources/reconcile");
    static final YearMonth JAN = YearMonth.of(2026, 1);

    static Actuals read(String... files) {
        return UsageExports.read(
                java.util.Arrays.stream(files).map(DIR::resolve).toList(), JAN, 12, UsageExports.FocusCost.BILLED);
    }

    static double usd(Actuals a, Source source, Charge.Kind kind) {
        return a.lines().stream()
                .filter(l -> l instanceof Charge c && c.source() == source && c.kind() == kind)
                .mapToDouble(l -> ((Charge) l).usd())
                .sum();
    }

    @Test
    void openAiUsagePagesGiveRequestsAndTokensByModel() {
        Actuals a = read("openai-usage-2026-01.json");
        List<Usage> mini = a.lines().stream()
                .map(l -> (Usage) l)
                .filter(u -> "gpt-5-mini-2025-08-07".equals(u.match().model()))
                .toList();
        assertThat(mini).hasSize(4);
        assertThat(mini.stream().mapToDouble(Usage::requests).sum()).isEqualTo(112_000);
        assertThat(mini.stream().mapToDouble(Usage::inputTokens).sum()).isEqualTo(123_200_000);
        assertThat(mini.stream().mapToDouble(Usage::cachedInputTokens).sum()).isEqualTo(73_920_000);
        assertThat(mini.stream().mapToDouble(Usage::outputTokens).sum()).isEqualTo(24_640_000);
        assertThat(mini.getFirst().cacheWriteTokens())
                .as("this page reports no cache writes")
                .isNull();
        assertThat(mini.getFirst().month()).isEqualTo(JAN);
        assertThat(mini.getFirst().origin().toString())
                .isEqualTo(DIR.resolve("openai-usage-2026-01.json") + ":9:9 (/data/0/results/0)");
    }

    @Test
    void openAiCostPagesSplitLineItemsFromTheirModel() {
        Actuals a = read("openai-costs-2026-01.json");
        assertThat(usd(a, Source.OPENAI_COSTS, Charge.Kind.TOKENS))
                .isCloseTo(14.784 + 1.848 + 49.28 + 3 + 0.014, within(1e-9));
        Charge first = (Charge) a.lines().getFirst();
        assertThat(first.match().model()).isEqualTo("gpt-5-mini-2025-08-07");
        assertThat(first.label()).isEqualTo("gpt-5-mini-2025-08-07, input");
    }

    @Test
    void aCostsPageWithoutLineItemsIsOneUnsplitAmount() {
        Actuals a = parse("costs.json", """
                {"object": "page", "data": [{"object": "bucket", "start_time": 1767225600, "end_time": 1767312000,
                  "results": [{"object": "organization.costs.result", "amount": {"value": 0.06, "currency": "usd"},
                               "line_item": null, "project_id": null}]}], "has_more": false, "next_page": null}
                """);
        assertThat(a.lines()).singleElement().satisfies(l -> {
            assertThat(((Charge) l).kind()).isEqualTo(Charge.Kind.UNSPLIT);
            assertThat(((Charge) l).usd()).isEqualTo(0.06);
        });
    }

    @Test
    void anthropicUsageCountsEveryInputTokenAndNoRequests() {
        Actuals a = read("anthropic-usage-2026-01.json");
        List<Usage> u = a.lines().stream().map(l -> (Usage) l).toList();
        assertThat(u).hasSize(2).allSatisfy(x -> assertThat(x.requests()).isNull());
        assertThat(u.stream().mapToDouble(Usage::inputTokens).sum()).isEqualTo(42_000_000);
        assertThat(u.stream().mapToDouble(Usage::cachedInputTokens).sum()).isEqualTo(30_000_000);
        assertThat(u.stream().mapToDouble(Usage::cacheWriteTokens).sum()).isEqualTo(2_000_000);
        assertThat(u.stream().mapToDouble(Usage::outputTokens).sum()).isEqualTo(8_000_000);
    }

    @Test
    void anthropicCostsAreCentsAsText() {
        Actuals a = read("anthropic-cost-2026-01.json");
        assertThat(usd(a, Source.ANTHROPIC_COSTS, Charge.Kind.TOKENS)).isCloseTo(59.50, within(1e-9));
        assertThat(usd(a, Source.ANTHROPIC_COSTS, Charge.Kind.OTHER)).isCloseTo(0.50, within(1e-9));
    }

    @Test
    void focusRowsGiveHoursTagsAndTheRest() {
        Actuals a = read("focus-2026-01.csv");
        assertThat(a.lines()).hasSize(5);
        Charge pod = (Charge) a.lines().getFirst();
        assertThat(pod.hours()).isEqualTo(744);
        assertThat(pod.perGpu()).isFalse();
        assertThat(pod.match().tags()).isEqualTo(Map.of("team", "support", "env", "prod"));
        assertThat(pod.origin().line()).isEqualTo(2);
        Charge storage = (Charge) a.lines().get(2);
        assertThat(storage.kind()).isEqualTo(Charge.Kind.USAGE);
        assertThat(storage.hours()).as("GB-Months are not hours").isNull();
        assertThat(((Charge) a.lines().get(3)).kind()).isEqualTo(Charge.Kind.OTHER);
    }

    @Test
    void focusHoursMayCountSeveralHoursAUnitOrGpuHours() {
        Actuals a = parse("f.csv", """
                BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit
                10,USD,Usage,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,3,10 Hours
                10,USD,Usage,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,24,Hrs
                10,USD,Usage,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,8,GPU-Hours
                """);
        assertThat(a.lines()).extracting(l -> ((Charge) l).hours()).containsExactly(30.0, 24.0, 8.0);
        assertThat(a.lines()).extracting(l -> ((Charge) l).perGpu()).containsExactly(false, false, true);
    }

    @Test
    void theUsageCsvGivesUsageAndItsTwoCosts() {
        Actuals a = read("usage.csv");
        assertThat(a.lines()).hasSize(5);
        assertThat(a.lines().getFirst()).isInstanceOf(Usage.class);
        assertThat(usd(a, Source.CSV, Charge.Kind.OTHER)).isEqualTo(3.00);
    }

    @Test
    void concatenatedPagesAndAListOfPagesBothRead() {
        String page = """
                {"object": "page", "data": [{"object": "bucket", "start_time": %d, "end_time": %d,
                  "results": [{"object": "organization.costs.result", "amount": {"value": 1.5, "currency": "usd"},
                               "line_item": "gpt-5-mini, output"}]}], "has_more": true, "next_page": "p2"}
                """;
        String one = page.formatted(1767225600, 1767312000);
        String two = page.formatted(1767312000, 1767398400);
        assertThat(parse("pages.json", one + two).lines()).hasSize(2);
        assertThat(parse("pages.json", "[" + one + "," + two + "]").lines()).hasSize(2);
    }

    // ---- bad input: each problem located, exit 3 in the CLI

    static Actuals parse(String name, String text) {
        ExportRead r = UsageExports.parse(name, text, UsageExports.FocusCost.BILLED);
        return Actuals.covering(r.lines());
    }

    static List<String> problems(String name, String text) {
        try {
            parse(name, text);
            return List.of();
        } catch (InputException e) {
            return e.diagnostics().stream().map(Diagnostic::toString).toList();
        }
    }

    @Test
    void aPageOfAnotherEndpointIsNamed() {
        assertThat(problems("embeddings.json", """
                {"object": "page", "data": [{"object": "bucket", "start_time": 1767225600, "end_time": 1767312000,
                  "results": [{"object": "organization.usage.embeddings.result", "input_tokens": 16,
                               "num_model_requests": 2}]}], "has_more": false, "next_page": null}
                """))
                .containsExactly(
                        "embeddings.json:2:15: /data/0/results/0: a result of /v1/organization/usage/embeddings"
                                + " (object 'organization.usage.embeddings.result'): reconcile reads "
                                + "/v1/organization/usage/completions and /v1/organization/costs");
        assertThat(problems("code.json", """
                {"data": [{"starting_at": "2026-01-01T00:00:00Z", "ending_at": "2026-01-02T00:00:00Z",
                  "results": [{"actor": {"type": "user_actor"}, "core_metrics": {"num_sessions": 1}}]}],
                 "has_more": false, "next_page": null}
                """))
                .singleElement()
                .asString()
                .startsWith(
                        "code.json:2:15: /data/0/results/0: not a result of /v1/organizations/usage_report/messages");
    }

    @Test
    void aCurrencyOtherThanUsdIsStatedNotConverted() {
        assertThat(problems("eur.json", """
                {"object": "page", "data": [{"object": "bucket", "start_time": 1767225600, "end_time": 1767312000,
                  "results": [{"object": "organization.costs.result",
                               "amount": {"value": 1.0, "currency": "eur"}}]}], "has_more": false, "next_page": null}
                """))
                .containsExactly("eur.json:3:53: /data/0/results/0/amount/currency: the amount is in EUR; aichoose"
                        + " reconciles US dollars (usd) and converts no currency");
        assertThat(problems("eur.json", """
                {"data": [{"starting_at": "2026-01-01T00:00:00Z", "ending_at": "2026-01-02T00:00:00Z",
                  "results": [{"amount": "100", "currency": "EUR", "cost_type": null}]}], "has_more": false}
                """))
                .singleElement()
                .asString()
                .contains("/data/0/results/0/currency: the amount is in EUR");
        assertThat(problems("focus.csv", """
                BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd
                10.00,EUR,Usage,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z
                """))
                .containsExactly("focus.csv:2:2: BillingCurrency: the charge is in EUR; aichoose reconciles US dollars"
                        + " (USD) and converts no currency");
    }

    @Test
    void overlappingBucketsAreRefused(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.copy(DIR.resolve("openai-costs-2026-01.json"), a);
        Files.copy(DIR.resolve("openai-costs-2026-01.json"), b);
        assertThatThrownBy(() -> UsageExports.read(List.of(a, b), JAN, 12, UsageExports.FocusCost.BILLED))
                .isInstanceOfSatisfying(
                        InputException.class,
                        e -> assertThat(e.diagnostics())
                                .hasSize(31)
                                .first()
                                .asString()
                                .contains(
                                        "b.json:4:5: /data/0: this bucket (2026-01-01T00:00:00Z to 2026-01-02T00:00:00Z)"
                                                + " overlaps the OpenAI costs (/v1/organization/costs) bucket at " + a
                                                + ":4:5"));
        // usage and costs of the same days are two endpoints, which is what reconcile wants
        assertThat(read("openai-usage-2026-01.json", "openai-costs-2026-01.json")
                        .lines())
                .hasSize(5 + 17);
    }

    @Test
    void monthsOutsideTheHorizonAreRefused() {
        List<Path> files = List.of(DIR.resolve("usage.csv"));
        assertThatThrownBy(() -> UsageExports.read(files, YearMonth.of(2026, 2), 12, UsageExports.FocusCost.BILLED))
                .isInstanceOfSatisfying(
                        InputException.class,
                        e -> assertThat(e.diagnostics())
                                .extracting(Diagnostic::toString)
                                .containsExactly(
                                        DIR.resolve("usage.csv") + ":2:1: row 1: 2026-01 is before --start 2026-02, the"
                                                + " scenario's month 1: give the months the scenario covers, or another --start"));
        assertThatThrownBy(() -> UsageExports.read(files, YearMonth.of(2025, 1), 12, UsageExports.FocusCost.BILLED))
                .isInstanceOfSatisfying(
                        InputException.class,
                        e -> assertThat(e.diagnostics())
                                .extracting(Diagnostic::toString)
                                .containsExactly(
                                        DIR.resolve("usage.csv")
                                                + ":2:1: row 1: 2026-01 would be month 13, after the horizon's"
                                                + " last, month 12 (2025-12): give the months the scenario covers, or another --start",
                                        DIR.resolve("usage.csv")
                                                + ":3:1: row 2: 2026-02 would be month 14, after the horizon's"
                                                + " last, month 12 (2025-12): give the months the scenario covers, or another --start"));
    }

    @Test
    void malformedRowsAreLocated() {
        assertThat(problems("u.csv", """
                month,option,queries,input_tokens,cached_input_tokens,output_tokens,cost_usd,other_usd
                2026-01,mini,1,2,3
                "2026-02",mini,"1,000",10,1,5,abc,
                2026/03,,1,10,20,5,1.0,
                2026-04,mini,1,,1,1,1.0,
                """)).containsExactly("u.csv:2:1: the row has 5 fields; the header has 8");
        assertThat(problems("u.csv", """
                month,option,queries,input_tokens,cached_input_tokens,output_tokens,cost_usd,other_usd
                "2026-02",mini,"1,000",10,1,5,abc,
                2026/03,,1,10,20,5,1.0,
                2026-04,mini,1,,1,1,1.0,
                """))
                .containsExactly(
                        "u.csv:2:3: queries: expected a number, got '1,000'",
                        "u.csv:2:7: cost_usd: expected a number, got 'abc'",
                        "u.csv:3:1: month: expected a month as YYYY-MM, e.g. 2026-03, got '2026/03'",
                        "u.csv:3:2: option: an option's id is required",
                        "u.csv:3:5: cached_input_tokens: more cached input tokens than input tokens (20 > 10)",
                        "u.csv:4:4: input_tokens: give queries and the three token counts together, or leave all four"
                                + " empty");
        assertThat(problems("f.csv", """
                BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,Tags
                1.00,USD,Refund,2026-01-01,2026-02-01T00:00:00Z,team=x
                """))
                .containsExactly(
                        "f.csv:2:3: ChargeCategory: expected one of Usage, Purchase, Tax, Credit, Adjustment, got 'Refund'",
                        "f.csv:2:4: ChargePeriodStart: expected a UTC time as YYYY-MM-DDTHH:mm:ssZ, got '2026-01-01'",
                        "f.csv:2:6: Tags: expected a JSON object of tags, e.g. {\"team\": \"support\"}, got 'team=x'");
        assertThat(problems("f.csv", "BilledCost,ChargePeriodStart\n1,2026-01-01T00:00:00Z\n"))
                .containsExactly(
                        "f.csv:1:1: a FOCUS export needs the columns ChargePeriodEnd, ChargeCategory, BillingCurrency");
        assertThat(problems("x.csv", "a,b\n1,2\n"))
                .singleElement()
                .asString()
                .startsWith("x.csv:1:1: not an export aichoose reads");
        assertThat(problems(
                        "x.json",
                        "{\"object\": \"page\", \"data\": [{\"object\": \"bucket\", \"start_time\": 1767225600,"
                                + " \"end_time\": 1769990400, \"results\": []}]}"))
                .containsExactly(
                        "x.json:1:29: /data/0: the bucket 2026-01-01T00:00:00Z to 2026-02-02T00:00:00Z spans two"
                                + " months; export buckets of a day or less");
    }

    @Test
    void aMonthAndOptionGivenTwiceIsRefused() {
        assertThatThrownBy(() -> UsageExports.read(
                        List.of(DIR.resolve("usage.csv"), DIR.resolve("usage.csv")),
                        JAN,
                        12,
                        UsageExports.FocusCost.BILLED))
                .isInstanceOfSatisfying(
                        InputException.class,
                        e -> assertThat(e.diagnostics())
                                .extracting(Diagnostic::toString)
                                .first()
                                .asString()
                                .endsWith("row 1: month and option given twice (first at " + DIR.resolve("usage.csv")
                                        + ":2:1): give one row per month and option"));
    }
}
