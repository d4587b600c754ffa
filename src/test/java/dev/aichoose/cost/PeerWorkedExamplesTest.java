package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.catalog.CatalogImport.Format;
import dev.aichoose.catalog.Imports;
import dev.aichoose.input.InputException;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.CacheTtl;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.OptionApiBuilder;
import dev.aichoose.model.ServiceTier;
import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadBuilder;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The peers' own worked examples, priced by {@link ApiPricing} from prices imported from the same
 * source data (the trimmed real files under src/test/resources/catalog). Each test names the
 * repository, file, test and commit it reproduces. Where the source's test computes its expected
 * value from the rates in its price file, the same formula runs over the rates of our snapshot; a
 * literal the source asserts is asserted here as it stands.
 *
 * <p>Token counts map as follows: the source's prompt tokens (cached reads and cache writes
 * included, as both sources count them) are our input tokens per query, its cache reads and writes
 * our cached_input_share and cache_write_share of them, its text output tokens our output tokens
 * and its reasoning tokens our reasoning tokens (which our scenario counts apart from output).
 */
class PeerWorkedExamplesTest {
    /** BerriAI/litellm model_prices_and_context_window.json, last_updated 2026-07-24. */
    private static final Catalog LITELLM = Imports.layered(Format.LITELLM, "litellm-trimmed.json", null);
    /** pydantic/genai-prices@47df840a prices/new_data/v2/data.json, prices in force on 2026-08-21. */
    private static final Catalog GENAI =
            Imports.layered(Format.GENAI_PRICES, "genai-prices-trimmed.json", LocalDate.of(2026, 8, 21));

    /** One request's price in USD. */
    private static double cost(Catalog catalog, String model, ServiceTier tier, Tokens t) {
        assertThat(catalog.apiModels()).as("imported model").containsKey(model);
        Workload w = WorkloadBuilder.builder()
                .queriesPerMonth(1)
                .inputTokensPerQuery(t.input)
                .outputTokensPerQuery(t.output)
                .reasoningTokensPerQuery(t.reasoning)
                .cachedInputShare(t.input == 0 ? 0 : t.cacheRead / t.input)
                .peakToAverage(1)
                .classes(List.of())
                .cacheWriteShare(t.input == 0 ? 0 : t.cacheWrite / t.input)
                .cacheWriteTtl(t.ttl)
                .build();
        ApiPricing pricing = new ApiPricing(catalog, w);
        return pricing.perQuery(pricing.perToken(OptionApiBuilder.builder()
                .id("x")
                .model(model)
                .serviceTier(tier)
                .build()));
    }

    private record Tokens(
            double input, double cacheRead, double cacheWrite, CacheTtl ttl, double output, double reasoning) {
        static Tokens of(double input, double output) {
            return new Tokens(input, 0, 0, CacheTtl.M5, output, 0);
        }

        Tokens read(double tokens) {
            return new Tokens(input, tokens, cacheWrite, ttl, output, reasoning);
        }

        Tokens written(double tokens) {
            return new Tokens(input, cacheRead, tokens, ttl, output, reasoning);
        }

        Tokens written1h(double tokens) {
            return new Tokens(input, cacheRead, tokens, CacheTtl.H1, output, reasoning);
        }

        Tokens reasoning(double tokens) {
            return new Tokens(input, cacheRead, cacheWrite, ttl, output, tokens);
        }

        /** The same request without its output: the source's prompt cost. */
        Tokens promptOnly() {
            return new Tokens(input, cacheRead, cacheWrite, ttl, 0, 0);
        }
    }

    private static double perToken(double usdPerMillion) {
        return usdPerMillion / 1e6;
    }

    // ---- BerriAI/litellm tests/test_litellm/litellm_core_utils/llm_cost_calc/test_openai_cache_write_cost.py
    //      @1b338d3df9ebdebc46dc99d980b32b33e92b163e (model gpt-5.6; LiteLLM rates: input 5, write 6.25, output 30 $/M)

    @Test
    void litellmOpenAiCacheWriteTokensBillAtTheCacheCreationRate() {
        // test_openai_cache_write_tokens_billed_at_the_cache_creation_rate: 12,317 prompt tokens of which 12,314
        // written, 5 completion tokens; prompt = fresh × input + written × cache_creation, completion = 5 × output
        Tokens t = Tokens.of(12_317, 5).written(12_314);
        double prompt = cost(LITELLM, "openai/gpt-5.6", ServiceTier.STANDARD, t.promptOnly());
        assertThat(prompt).isCloseTo(3 * perToken(5) + 12_314 * perToken(6.25), within(1e-15));
        assertThat(cost(LITELLM, "openai/gpt-5.6", ServiceTier.STANDARD, t) - prompt)
                .isCloseTo(5 * perToken(30), within(1e-15));
        assertThat(prompt).isGreaterThan(12_317 * perToken(5));
    }

    @Test
    void litellmTieredCacheCreationRatesAreBilled() {
        // test_tiered_cache_creation_rates_are_registered_and_billed: 1,000 fresh tokens, the rest written;
        // each case bills the cache_creation key of its tier with the input key of the same tier
        assertThat(cost(
                        LITELLM,
                        "openai/gpt-5.6",
                        ServiceTier.STANDARD,
                        Tokens.of(100_000, 0).written(99_000)))
                .isCloseTo(1000 * perToken(5) + 99_000 * perToken(6.25), within(1e-12)); // (None, 100000)
        assertThat(cost(
                        LITELLM,
                        "openai/gpt-5.6",
                        ServiceTier.PRIORITY,
                        Tokens.of(100_000, 0).written(99_000)))
                .isCloseTo(1000 * perToken(10) + 99_000 * perToken(12.5), within(1e-12)); // ("priority", 100000)
        assertThat(cost(
                        LITELLM,
                        "openai/gpt-5.6",
                        ServiceTier.FLEX,
                        Tokens.of(100_000, 0).written(99_000)))
                .isCloseTo(1000 * perToken(2.5) + 99_000 * perToken(3.125), within(1e-12)); // ("flex", 100000)
        // (None, 300000): cache_creation_input_token_cost_above_272k_tokens with input_cost_per_token_above_272k_tokens
        assertThat(cost(
                        LITELLM,
                        "openai/gpt-5.6",
                        ServiceTier.STANDARD,
                        Tokens.of(300_000, 0).written(299_000)))
                .isCloseTo(1000 * perToken(10) + 299_000 * perToken(12.5), within(1e-12));
    }

    // ---- BerriAI/litellm tests/test_litellm/litellm_core_utils/llm_cost_calc/test_llm_cost_calc_utils.py
    //      @3bc834140398d718bb7365fdf54cb3209a6437ab

    @Test
    void litellmFlexTierOfGpt5Nano() {
        // test_service_tier_flex_pricing: 1,000 prompt and 500 completion tokens; "gpt-5-nano flex: input=2.5e-08,
        // output=2e-07" → 0.000025 + 0.0001, about half the standard price
        double flex = cost(LITELLM, "openai/gpt-5-nano", ServiceTier.FLEX, Tokens.of(1000, 500));
        assertThat(flex).isCloseTo(0.000025 + 0.0001, within(1e-10));
        double standard = cost(LITELLM, "openai/gpt-5-nano", ServiceTier.STANDARD, Tokens.of(1000, 500));
        assertThat(flex / standard).isBetween(0.45, 0.55);
    }

    @Test
    void litellmStandardTierOfGpt5Nano() {
        // test_service_tier_default_pricing: "gpt-5-nano standard: input=5e-08, output=4e-07" → 0.00005 + 0.0002
        assertThat(cost(LITELLM, "openai/gpt-5-nano", ServiceTier.STANDARD, Tokens.of(1000, 500)))
                .isCloseTo(0.00005 + 0.0002, within(1e-10));
    }

    @Test
    void aServiceTierTheCatalogDoesNotSellIsRefusedWhereLitellmFallsBackToStandard() {
        // test_service_tier_fallback_pricing: gpt-4 has no flex keys, and LiteLLM bills a flex request at the standard
        // 3e-05 / 6e-05. We refuse the scenario instead (exit 3): a flex option priced as standard would show a saving
        // the provider does not sell. The standard price itself is the same.
        assertThat(cost(LITELLM, "openai/gpt-4", ServiceTier.STANDARD, Tokens.of(1000, 500)))
                .isCloseTo(1000 * 3e-05 + 500 * 6e-05, within(1e-10));
        String yaml = "name: t\nhorizon_months: 1\nworkload: {queries_per_month: 1, input_tokens_per_query: 1000, "
                + "output_tokens_per_query: 500}\noptions:\n  - {id: x, api: {model: openai/gpt-4, service_tier: flex}}\n";
        assertThatThrownBy(() -> new ScenarioLoader(
                                LITELLM,
                                (f, slo) -> {
                                    throw new AssertionError("no bench files");
                                },
                                Map.of())
                        .parse("t.yaml", new StringReader(yaml), Path.of(".")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("flex");
    }

    @Test
    void litellmBedrockAnthropicPromptCaching() {
        // test_bedrock_anthropic_prompt_caching: us.anthropic.claude-sonnet-4-5-20250929-v1:0, 52,123 prompt tokens of
        // which 7,183 written and 22,465 read, 497 completion → round(prompt, 3) == 0.111, round(completion, 5) ==
        // 0.00820
        Tokens t = Tokens.of(52_123, 497).written(7_183).read(22_465);
        String model = "aws-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1-0";
        double prompt = cost(LITELLM, model, ServiceTier.STANDARD, t.promptOnly());
        double completion = cost(LITELLM, model, ServiceTier.STANDARD, t) - prompt;
        assertThat(Math.round(prompt * 1e3) / 1e3).isEqualTo(0.111);
        assertThat(Math.round(completion * 1e5) / 1e5).isEqualTo(0.00820);
    }

    @Test
    void litellmGeminiReasoningTokensBillAtTheReasoningRate() {
        // test_reasoning_tokens_gemini: gemini-2.5-flash, 17 prompt, 626 text and 952 reasoning tokens;
        // prompt × input + text × output + reasoning × output_cost_per_reasoning_token (0.3, 2.5, 2.5 $/M)
        assertThat(cost(
                        LITELLM,
                        "google/gemini-2.5-flash",
                        ServiceTier.STANDARD,
                        Tokens.of(17, 626).reasoning(952)))
                .isCloseTo(17 * perToken(0.3) + 626 * perToken(2.5) + 952 * perToken(2.5), within(1e-15));
    }

    @Test
    void litellmReasoningTokensWithoutAReasoningPriceBillAsOutput() {
        // test_reasoning_tokens_no_price_set: 17 prompt and 1,578 completion tokens (952 of them reasoning) cost
        // prompt × input + completion × output. Its o1-mini is gone from the 2026-07-24 file; gpt-5-mini, which lists
        // no reasoning price either, stands in (0.25 / 2 $/M).
        assertThat(LITELLM.apiModels().get("openai/gpt-5-mini").reasoningUsdPerMtok())
                .isNull();
        assertThat(cost(
                        LITELLM,
                        "openai/gpt-5-mini",
                        ServiceTier.STANDARD,
                        Tokens.of(17, 626).reasoning(952)))
                .isCloseTo(17 * perToken(0.25) + 1578 * perToken(2), within(1e-15));
    }

    @Test
    void litellmAbove200kTierBillsTheWholeRequest() {
        // test_generic_cost_per_token_above_200k_tokens: a prompt above 200k bills prompt × input_above_200k and
        // completion × output_above_200k. Its gemini-2.5-pro-exp-03-25 is gone from the 2026-07-24 file;
        // gemini-2.5-pro (vertex, 1.25 / 10, above 200k 2.5 / 15) has the same keys. 220k prompt, 150 completion.
        assertThat(cost(LITELLM, "google-vertex/gemini-2.5-pro", ServiceTier.STANDARD, Tokens.of(220_000, 150)))
                .isCloseTo(220_000 * perToken(2.5) + 150 * perToken(15), within(1e-12));
        // LiteLLM's '>': exactly 200,000 stays at the base rates
        assertThat(cost(LITELLM, "google-vertex/gemini-2.5-pro", ServiceTier.STANDARD, Tokens.of(200_000, 150)))
                .isCloseTo(200_000 * perToken(1.25) + 150 * perToken(10), within(1e-12));
    }

    @Test
    void litellmOneHourCacheWritesBillAtTheirOwnRate() {
        // test_calculate_cache_writing_cost: 56 five-minute writes at 3.75e-06 and 13,999 one-hour writes at 6e-06
        // → 0.084204 (claude-sonnet-4-5's rates). A scenario states one TTL for all its writes, so the two parts are
        // priced as two requests and summed.
        double fiveMinute = cost(
                LITELLM,
                "anthropic/claude-sonnet-4-5",
                ServiceTier.STANDARD,
                Tokens.of(56, 0).written(56));
        double oneHour = cost(
                LITELLM,
                "anthropic/claude-sonnet-4-5",
                ServiceTier.STANDARD,
                Tokens.of(13_999, 0).written1h(13_999));
        assertThat(Math.round((fiveMinute + oneHour) * 1e6) / 1e6).isEqualTo(0.084204);
    }

    // ---- BerriAI/litellm tests/test_litellm/llms/dashscope/test_dashscope_cost_calculator.py
    //      @017e48906c7860c61baa9d93e5c96dc38dffcb97 (dashscope/qwen-flash tiered_pricing: [0, 256k] 0.05 / 0.4,
    //      [256k, 1M] 0.25 / 2 $/M; one range, picked by the input, bills the whole request)

    @Test
    void litellmDashscopeRangesBillTheWholeRequestAtTheRangeOfItsInput() {
        String m = "dashscope/qwen-flash";
        // test_dashscope_tiered_pricing_within_first_tier: 100,000 prompt, 50,000 completion at tier 1
        assertThat(cost(LITELLM, m, ServiceTier.STANDARD, Tokens.of(100_000, 50_000)))
                .isCloseTo(100_000 * perToken(0.05) + 50_000 * perToken(0.4), within(1e-12));
        // test_dashscope_tiered_pricing_bills_whole_request_at_selected_tier: 300,000 / 300,000 all at tier 2
        assertThat(cost(LITELLM, m, ServiceTier.STANDARD, Tokens.of(300_000, 300_000)))
                .isCloseTo(300_000 * perToken(0.25) + 300_000 * perToken(2), within(1e-12));
        // test_dashscope_tiered_pricing_boundary_stays_in_lower_tier: exactly 256,000 stays at tier 1
        assertThat(cost(LITELLM, m, ServiceTier.STANDARD, Tokens.of(256_000, 1000)))
                .isCloseTo(256_000 * perToken(0.05) + 1000 * perToken(0.4), within(1e-12));
        // test_dashscope_tiered_pricing_output_uses_input_selected_tier: 1,000 in, 400,000 out at tier 1's output
        assertThat(cost(LITELLM, m, ServiceTier.STANDARD, Tokens.of(1000, 400_000)))
                .isCloseTo(1000 * perToken(0.05) + 400_000 * perToken(0.4), within(1e-12));
        // test_dashscope_tiered_pricing_exceeding_highest_tier: 1,200,000 prompt tokens all at the last range
        assertThat(cost(LITELLM, m, ServiceTier.STANDARD, Tokens.of(1_200_000, 0)))
                .isCloseTo(1_200_000 * perToken(0.25), within(1e-12));
    }

    // ---- BerriAI/litellm tests/test_litellm/test_cost_calculator.py @001b531ae960aad3fa38447508d4ce0d05c118c4

    @Test
    void litellmTieredOnlyModelBillsAtItsRangeRate() {
        // test_cost_per_token_tiered_only_model_bills_at_tier_rate: volcengine doubao-seed-2.0-pro has only
        // tiered_pricing; 40,000 prompt tokens (the [32k, 128k] range) and 500 completion → 40000 × 7e-07 + 500 ×
        // 3.5e-06
        assertThat(cost(LITELLM, "volcengine/doubao-seed-2-0-pro-260215", ServiceTier.STANDARD, Tokens.of(40_000, 500)))
                .isCloseTo(40_000 * 7e-07 + 500 * 3.5e-06, within(1e-12));
    }

    @Test
    void litellmCachedTokensBillAtTheCacheReadRate() {
        // test_github_copilot_mai_code_1_flash_pricing: 1,000 prompt tokens of which 200 cached, 500 completion
        // → (800 × 7.5e-07 + 200 × 7.5e-08) + 500 × 4.5e-06
        assertThat(cost(
                        LITELLM,
                        "github-copilot/mai-code-1-flash",
                        ServiceTier.STANDARD,
                        Tokens.of(1000, 500).read(200)))
                .isCloseTo(800 * 7.5e-07 + 200 * 7.5e-08 + 500 * 4.5e-06, within(1e-15));
    }

    // ---- BerriAI/litellm litellm/litellm_core_utils/llm_cost_calc/utils.py @001b531ae960aad3fa38447508d4ce0d05c118c4,
    //      _get_token_base_cost: above a threshold, a cache price without its own _above_ key keeps the base price

    @Test
    void litellmCacheReadWithoutATierKeyKeepsItsBasePriceAboveTheThreshold() {
        // xai/grok-4-fast-reasoning: 0.2 / 0.5, cache read 0.05; from 128k (xAI: '>=') 0.4 / 1.0 and no cache key.
        // 200,000 input of which half read from the cache, 1,000 output.
        assertThat(cost(
                        LITELLM,
                        "xai/grok-4-fast-reasoning",
                        ServiceTier.STANDARD,
                        Tokens.of(200_000, 1000).read(100_000)))
                .isCloseTo(100_000 * perToken(0.4) + 100_000 * perToken(0.05) + 1000 * perToken(1.0), within(1e-12));
    }

    // ---- pydantic/genai-prices tests/test_price_calc.py @47df840a5ab10bbcffb8e5ac01b9899032245d1b

    @Test
    void genaiPricesGpt4oInputAndOutput() {
        // test_sync_success_with_provider: gpt-4o, 1,000 input and 100 output tokens → 0.0025 + 0.001 = 0.0035
        assertThat(cost(GENAI, "openai/gpt-4o", ServiceTier.STANDARD, Tokens.of(1000, 100)))
                .isCloseTo(0.0035, within(1e-15));
    }

    @Test
    void genaiPricesGpt56CacheWritePrices() {
        // test_gpt_5_6_cache_write_price: 1,000 input tokens, all written → sol 0.00625, terra 0.0025, luna 0.00025
        assertThat(cost(
                        GENAI,
                        "openai/gpt-5.6-sol",
                        ServiceTier.STANDARD,
                        Tokens.of(1000, 0).written(1000)))
                .isCloseTo(0.00625, within(1e-15));
        assertThat(cost(
                        GENAI,
                        "openai/gpt-5.6-terra",
                        ServiceTier.STANDARD,
                        Tokens.of(1000, 0).written(1000)))
                .isCloseTo(0.0025, within(1e-15));
        assertThat(cost(
                        GENAI,
                        "openai/gpt-5.6-luna",
                        ServiceTier.STANDARD,
                        Tokens.of(1000, 0).written(1000)))
                .isCloseTo(0.00025, within(1e-15));
    }

    @Test
    void genaiPricesGpt56WriteTierBoundary() {
        // test_gpt_5_6_cache_write_price_context_boundary: 272,000 written tokens at the short rate, 272,001 at the
        // long
        String[][] cases = {{"sol", "6.25", "12.5"}, {"terra", "2.5", "5"}, {"luna", "0.25", "0.5"}};
        for (String[] c : cases) {
            String model = "openai/gpt-5.6-" + c[0];
            assertThat(cost(
                            GENAI,
                            model,
                            ServiceTier.STANDARD,
                            Tokens.of(272_000, 0).written(272_000)))
                    .as(model)
                    .isCloseTo(Double.parseDouble(c[1]) * 272_000 / 1e6, within(1e-12));
            assertThat(cost(
                            GENAI,
                            model,
                            ServiceTier.STANDARD,
                            Tokens.of(272_001, 0).written(272_001)))
                    .as(model)
                    .isCloseTo(Double.parseDouble(c[2]) * 272_001 / 1e6, within(1e-12));
        }
    }

    @Test
    void genaiPricesGpt56LongContextMixedPrice() {
        // test_gpt_5_6_long_context_mixed_price: 300k input (100k written, 50k read), 10k output, every kind at its
        // long-context rate: (input·150k + write·100k + read·50k + output·10k) / 1e6
        double[][] rates = {{10, 12.5, 1, 45}, {4, 5, 0.4, 18}, {0.4, 0.5, 0.04, 1.8}};
        String[] models = {"sol", "terra", "luna"};
        for (int i = 0; i < models.length; i++) {
            double[] r = rates[i];
            double expected = (r[0] * 150_000 + r[1] * 100_000 + r[2] * 50_000 + r[3] * 10_000) / 1e6;
            assertThat(cost(
                            GENAI,
                            "openai/gpt-5.6-" + models[i],
                            ServiceTier.STANDARD,
                            Tokens.of(300_000, 10_000).written(100_000).read(50_000)))
                    .as(models[i])
                    .isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void genaiPricesPriceChangeTakesEffectOnItsStartDate() {
        // test_gpt_5_6_price_change: gpt-5.6-luna is 1 / 6 (cache write 1.25, read 0.1) on 2026-07-29 and
        // 0.2 / 1.2 (0.25, 0.02) from 2026-07-30; the import takes the set in force on its --as-of date
        Catalog before = Imports.layered(Format.GENAI_PRICES, "genai-prices-trimmed.json", LocalDate.of(2026, 7, 29));
        Catalog after = Imports.layered(Format.GENAI_PRICES, "genai-prices-trimmed.json", LocalDate.of(2026, 7, 30));
        var luna = before.apiModels().get("openai/gpt-5.6-luna");
        assertThat(List.of(
                        luna.inputUsdPerMtok(),
                        luna.outputUsdPerMtok(),
                        luna.cacheWriteUsdPerMtok(),
                        luna.cachedInputUsdPerMtok()))
                .containsExactly(1.0, 6.0, 1.25, 0.1);
        assertThat(luna.longContext().getFirst().thresholdTokens()).isEqualTo(272_000);
        assertThat(luna.longContext().getFirst().inputUsdPerMtok()).isEqualTo(2.0);
        assertThat(luna.longContext().getFirst().outputUsdPerMtok()).isEqualTo(9.0);
        var lunaAfter = after.apiModels().get("openai/gpt-5.6-luna");
        assertThat(List.of(
                        lunaAfter.inputUsdPerMtok(),
                        lunaAfter.outputUsdPerMtok(),
                        lunaAfter.cacheWriteUsdPerMtok(),
                        lunaAfter.cachedInputUsdPerMtok()))
                .containsExactly(0.2, 1.2, 0.25, 0.02);
    }

    // ---- pydantic/genai-prices tests/test_tiered_pricing.py @47df840a5ab10bbcffb8e5ac01b9899032245d1b

    @Test
    void genaiPricesClaudeSonnet45Tiers() {
        String m = "anthropic/claude-sonnet-4-5";
        // test_claude_sonnet_4_5_tiered_pricing_below_threshold: 100,000 input → 0.3
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(100_000, 0))).isCloseTo(0.3, within(1e-12));
        // ..._at_threshold: 200,000 input → 0.6 (still the base 3 $/M: the tier starts above its start)
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(200_000, 0))).isCloseTo(0.6, within(1e-12));
        // ..._just_above_threshold: 200,001 input → 1.200006 (all tokens at 6 $/M)
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(200_001, 0))).isCloseTo(1.200006, within(1e-12));
        // ..._above_threshold: 1,000,000 input → 6
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(1_000_000, 0)))
                .isCloseTo(6, within(1e-12));
        // ..._with_output_below_threshold: 100k in, 100k out → 0.3 + 1.5
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(100_000, 100_000)))
                .isCloseTo(1.8, within(1e-12));
        // ..._with_output_above_threshold: 300k in, 100k out → 1.8 + 2.25
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(300_000, 100_000)))
                .isCloseTo(4.05, within(1e-12));
    }

    @Test
    void genaiPricesGpt54Tiers() {
        String m = "openai/gpt-5.4";
        // test_openai_gpt_5_4_tiered_pricing_below_threshold: 200,000 input → 0.5
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(200_000, 0))).isCloseTo(0.5, within(1e-12));
        // ..._above_threshold: 500,000 input → 2.5
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(500_000, 0))).isCloseTo(2.5, within(1e-12));
        // ..._with_output: 300k in, 100k out → 1.5 + 2.25
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(300_000, 100_000)))
                .isCloseTo(3.75, within(1e-12));
        // ..._with_cache: 100,000 input, all read from the cache → 0.025
        assertThat(cost(GENAI, m, ServiceTier.STANDARD, Tokens.of(100_000, 0).read(100_000)))
                .isCloseTo(0.025, within(1e-12));
    }
}
