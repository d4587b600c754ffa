package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.catalog.CatalogImport.Format;
import dev.aichoose.catalog.Imports;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Per-query prices from imported catalogs against the sources' own worked examples, and the one
 * rule for tiers and inline prices (docs/methodology.md §3.1). One query a month for one month,
 * so cost_per_query_usd is the price of one request.
 */
class ApiPricingTest {
    private static final Catalog GENAI =
            Imports.layered(Format.GENAI_PRICES, "genai-prices-trimmed.json", LocalDate.of(2026, 8, 21));
    private static final Catalog LITELLM = Imports.layered(Format.LITELLM, "litellm-trimmed.json", null);
    private static final Catalog OPENROUTER =
            Imports.layered(Format.OPENROUTER, "openrouter-trimmed.json", LocalDate.of(2026, 8, 1));

    private static String scenario(String workload, String api) {
        return "name: t\nhorizon_months: 1\nworkload: {queries_per_month: 1, " + workload + "}\n"
                + "options:\n  - {id: x, api: {" + api + "}}\n";
    }

    // ---- genai-prices tests/test_price_calc.py and tests/test_end_to_end.py @47df840a

    @Test
    void gpt56SolCacheWritesBillAtTheWriteRate() {
        // test_gpt_5_6_cache_write_price: 1,000 input tokens all written to the cache → input price $0.00625
        double q = Imports.perQuery(
                GENAI,
                scenario(
                        "input_tokens_per_query: 1000, output_tokens_per_query: 1, cache_write_share: 1",
                        "model: openai/gpt-5.6-sol"));
        assertThat(q - 30 / 1e6).isCloseTo(0.00625, within(1e-12)); // less our one output token at $30/M
    }

    @Test
    void genaiPricesTierStartsAboveItsStartTokenCount() {
        // test_gpt_5_6_cache_write_price_context_boundary: 272,000 written tokens at 6.25, 272,001 at 12.5
        double at = Imports.perQuery(
                GENAI,
                scenario(
                        "input_tokens_per_query: 272000, output_tokens_per_query: 1, cache_write_share: 1",
                        "model: openai/gpt-5.6-sol"));
        double above = Imports.perQuery(
                GENAI,
                scenario(
                        "input_tokens_per_query: 272001, output_tokens_per_query: 1, cache_write_share: 1",
                        "model: openai/gpt-5.6-sol"));
        assertThat(at).isCloseTo((6.25 * 272_000 + 30) / 1e6, within(1e-12));
        assertThat(above).isCloseTo((12.5 * 272_001 + 45) / 1e6, within(1e-12));
    }

    @Test
    void longContextTierRepricesEveryTokenKind() {
        // test_gpt_5_6_long_context_mixed_price, gpt-5.6-sol: 300k input of which 100k written and 50k read,
        // 10k output → (10·150k + 12.5·100k + 1·50k + 45·10k) / 1e6 = $3.25
        double q = Imports.perQuery(
                GENAI,
                scenario(
                        "input_tokens_per_query: 300000, output_tokens_per_query: 10000, " + "cached_input_share: "
                                + 50_000 / 300_000.0 + ", cache_write_share: " + 100_000 / 300_000.0,
                        "model: openai/gpt-5.6-sol"));
        assertThat(q).isCloseTo(3.25, within(1e-9));
    }

    @Test
    void anthropicCacheWriteMatchesGenaiPricesEndToEnd() {
        // test_anthropic_caching_write: claude-3-7-sonnet, 11 + 144,211 written input, 197 output → $0.54377925
        double q = Imports.perQuery(
                GENAI,
                scenario(
                        "input_tokens_per_query: 144222, output_tokens_per_query: 197, " + "cache_write_share: "
                                + 144_211 / 144_222.0,
                        "model: anthropic/claude-3-7-sonnet-latest"));
        assertThat(q).isCloseTo(0.54377925, within(1e-9));
    }

    @Test
    void anthropicCacheReadMatchesGenaiPricesEndToEnd() {
        // test_anthropic_caching_read: 11 + 144,211 read from the cache, 197 output → $0.0462513
        double q = Imports.perQuery(
                GENAI,
                scenario(
                        "input_tokens_per_query: 144222, output_tokens_per_query: 197, " + "cached_input_share: "
                                + 144_211 / 144_222.0,
                        "model: anthropic/claude-3-7-sonnet-latest"));
        assertThat(q).isCloseTo(0.0462513, within(1e-9));
    }

    @Test
    void oneHourWritesBillAtTheirOwnRate() {
        // test_anthropic_caching_write_ttl_breakdown, claude-sonnet-4 (genai-prices id claude-sonnet-4-0) rates: input
        // 3, 1-hour write 6, output 15;
        // 100 uncached and 100 one-hour written tokens, 50 output → (300 + 600 + 750) / 1e6
        double q = Imports.perQuery(
                GENAI,
                scenario(
                        "input_tokens_per_query: 200, output_tokens_per_query: 50, "
                                + "cache_write_share: 0.5, cache_write_ttl: 1h",
                        "model: anthropic/claude-sonnet-4-0"));
        assertThat(q).isCloseTo(0.00165, within(1e-12));
    }

    // ---- LiteLLM's tier rules (litellm_core_utils/llm_cost_calc/utils.py: '>' threshold, '>=' for xAI)

    @Test
    void litellmAboveTierExcludesItsThreshold() {
        String w = "input_tokens_per_query: 272000, output_tokens_per_query: 1000";
        assertThat(Imports.perQuery(LITELLM, scenario(w, "model: openai/gpt-5.6")))
                .isCloseTo((272_000 * 5 + 1000 * 30) / 1e6, within(1e-12));
        assertThat(Imports.perQuery(
                        LITELLM,
                        scenario(
                                "input_tokens_per_query: 272001, output_tokens_per_query: 1000",
                                "model: openai/gpt-5.6")))
                .isCloseTo((272_001 * 10 + 1000 * 45) / 1e6, within(1e-12));
    }

    @Test
    void litellmXaiTierIncludesItsThreshold() {
        // xai/grok-4-fast-reasoning: 0.2 / 0.5, from 128k on 0.4 / 1.0
        assertThat(Imports.perQuery(
                        LITELLM,
                        scenario(
                                "input_tokens_per_query: 128000, output_tokens_per_query: 1000",
                                "model: xai/grok-4-fast-reasoning")))
                .isCloseTo((128_000 * 0.4 + 1000 * 1.0) / 1e6, within(1e-12));
        assertThat(Imports.perQuery(
                        LITELLM,
                        scenario(
                                "input_tokens_per_query: 127999, output_tokens_per_query: 1000",
                                "model: xai/grok-4-fast-reasoning")))
                .isCloseTo((127_999 * 0.2 + 1000 * 0.5) / 1e6, within(1e-12));
    }

    @Test
    void openRouterOverrideAppliesFromItsMinimum() {
        // qwen/qwen3.6-flash-style overrides: min_prompt_tokens is the first token count in the tier
        var model = OPENROUTER.apiModels().values().stream()
                .filter(m -> m.longContext().size() >= 2)
                .findFirst()
                .orElseThrow();
        var first = model.longContext().getFirst();
        assertThat(first.inclusive()).isTrue();
        double at = Imports.perQuery(
                OPENROUTER,
                scenario(
                        "input_tokens_per_query: " + first.thresholdTokens() + ", output_tokens_per_query: 1000",
                        "model: " + model.id()));
        assertThat(at)
                .isCloseTo(
                        (first.thresholdTokens() * first.inputUsdPerMtok() + 1000 * first.outputUsdPerMtok()) / 1e6,
                        within(1e-12));
    }

    @Test
    void flexAndPriorityTiersBillTheirListedPrices() {
        // LiteLLM gpt-5: flex 0.625 / 5, priority 2.5 / 20 (standard 1.25 / 10)
        String w = "input_tokens_per_query: 1000, output_tokens_per_query: 1000";
        assertThat(Imports.perQuery(LITELLM, scenario(w, "model: openai/gpt-5, service_tier: flex")))
                .isCloseTo((1000 * 0.625 + 1000 * 5) / 1e6, within(1e-12));
        assertThat(Imports.perQuery(LITELLM, scenario(w, "model: openai/gpt-5, service_tier: priority")))
                .isCloseTo((1000 * 2.5 + 1000 * 20) / 1e6, within(1e-12));
    }

    @Test
    void reasoningTokensBillAtTheReasoningPriceWhereOneIsListed() {
        // LiteLLM dashscope/qwen-plus-2025-04-28: input 0.4, output 1.2, reasoning 4
        assertThat(Imports.perQuery(
                        LITELLM,
                        scenario(
                                "input_tokens_per_query: 1000, output_tokens_per_query: 100, "
                                        + "reasoning_tokens_per_query: 1000",
                                "model: dashscope/qwen-plus-2025-04-28")))
                .isCloseTo((1000 * 0.4 + 100 * 1.2 + 1000 * 4) / 1e6, within(1e-12));
    }

    // ---- tiers and inline prices: a catalog tier reprices catalog prices only (methodology §3.1)

    private static OptionResult shipped(String workload, String api) {
        return Fixtures.evaluate(scenario(workload, api)).options().getFirst();
    }

    @Test
    void anInlineOutputPriceStaysWhileTheCatalogInputTakesTheTier() {
        // gpt-5.4 above 272k: 5 / 22.5; the option gives only its output price
        OptionResult r = shipped(
                "input_tokens_per_query: 300000, output_tokens_per_query: 1000",
                "model: openai/gpt-5.4, output_usd_per_mtok: 10");
        assertThat(r.costPerQueryUsd()).isCloseTo((300_000 * 5 + 1000 * 10) / 1e6, within(1e-12));
    }

    @Test
    void anInlineCachedPriceIsNotRescaledByTheCatalogTier() {
        OptionResult r = shipped(
                "input_tokens_per_query: 300000, output_tokens_per_query: 1000, cached_input_share: 0.5",
                "model: openai/gpt-5.4, cached_input_usd_per_mtok: 0.1");
        assertThat(r.costPerQueryUsd()).isCloseTo((150_000 * 5 + 150_000 * 0.1 + 1000 * 22.5) / 1e6, within(1e-12));
    }

    @Test
    void inlinePricesTakeTheOptionsOwnTier() {
        OptionResult r = shipped(
                "input_tokens_per_query: 300000, output_tokens_per_query: 1000",
                "model: openai/gpt-5.4, input_usd_per_mtok: 2, output_usd_per_mtok: 10, "
                        + "long_context: {threshold_tokens: 200000, input_usd_per_mtok: 4, output_usd_per_mtok: 20}");
        assertThat(r.costPerQueryUsd()).isCloseTo((300_000 * 4 + 1000 * 20) / 1e6, within(1e-12));
    }

    @Test
    void aRequestLargerThanTheImportedWindowIsInfeasible() {
        var scenarioYaml =
                scenario("input_tokens_per_query: 2000000, output_tokens_per_query: 1000", "model: openai/gpt-5");
        var catalog = LITELLM;
        var s = new dev.aichoose.load.ScenarioLoader(
                        catalog,
                        (f, slo) -> {
                            throw new AssertionError();
                        },
                        java.util.Map.of())
                .parse("t.yaml", new java.io.StringReader(scenarioYaml), java.nio.file.Path.of("."));
        var option = dev.aichoose.analysis.Evaluator.evaluate(s, catalog, LocalDate.of(2026, 12, 1))
                .options()
                .getFirst();
        assertThat(option.feasible()).isFalse();
        assertThat(option.problems()).anyMatch(p -> p.contains("exceeds openai/gpt-5's context of 272,000 tokens"));
    }
}
