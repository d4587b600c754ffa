package dev.aichoose.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.ApiModel;
import dev.aichoose.model.ServiceTier;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * How LiteLLM's fallbacks become explicit prices in the layer, so that the engine bills an imported
 * model as LiteLLM's calculator does (litellm/litellm_core_utils/llm_cost_calc/utils.py and
 * tiered_pricing.py). The entries are small made-up ones, each isolating one rule.
 */
class LitellmImportTest {
    private static ApiModel only(String entry) {
        Imported imported = read(entry);
        assertThat(imported.entries()).as(imported.summary().toString()).hasSize(1);
        return imported.entries().getFirst().model();
    }

    private static Imported read(String entry) {
        String json = "{\"last_updated\": \"2026-07-24\", \"m\": " + entry + "}";
        return CatalogImport.read(CatalogImport.Format.LITELLM, "t.json", new StringReader(json), null, null);
    }

    @Test
    void aFlexTierWithoutCachePricesKeepsTheStandardOnes() {
        ApiModel m = only("{\"mode\": \"chat\", \"litellm_provider\": \"openai\", \"input_cost_per_token\": 2e-6, "
                + "\"output_cost_per_token\": 8e-6, \"cache_read_input_token_cost\": 5e-7, "
                + "\"cache_creation_input_token_cost\": 2.5e-6, \"cache_creation_input_token_cost_above_1hr\": 4e-6, "
                + "\"input_cost_per_token_flex\": 1e-6, \"output_cost_per_token_flex\": 4e-6}");
        ApiModel.Rates flex = m.serviceTiers().get(ServiceTier.FLEX);
        assertThat(flex.cachedInputUsdPerMtok()).isEqualTo(0.5);
        assertThat(flex.cacheWriteUsdPerMtok()).isEqualTo(2.5);
        assertThat(flex.cacheWrite1hUsdPerMtok()).isEqualTo(4.0);
    }

    @Test
    void aLongContextTierWithoutCachePricesKeepsTheBaseOnes() {
        ApiModel m = only("{\"mode\": \"chat\", \"litellm_provider\": \"anthropic\", \"input_cost_per_token\": 3e-6, "
                + "\"output_cost_per_token\": 1.5e-5, \"cache_read_input_token_cost\": 3e-7, "
                + "\"cache_creation_input_token_cost_above_1hr\": 6e-6, "
                + "\"input_cost_per_token_above_200k_tokens\": 6e-6, \"output_cost_per_token_above_200k_tokens\": 2.25e-5, "
                + "\"cache_read_input_token_cost_above_200k_tokens\": 6e-7}");
        ApiModel.LongContextTier tier = m.longContext().getFirst();
        assertThat(tier.thresholdTokens()).isEqualTo(200_000);
        assertThat(tier.inclusive()).isFalse();
        assertThat(tier.rates().cachedInputUsdPerMtok()).isEqualTo(0.6);
        assertThat(tier.rates().cacheWrite1hUsdPerMtok()).isEqualTo(6.0);
    }

    @Test
    void rangesBecomeBasePricesAndTiersWithLitellmsFallbacks() {
        ApiModel m = only(
                "{\"mode\": \"chat\", \"litellm_provider\": \"dashscope\", \"output_cost_per_token\": 1.6e-6, "
                        + "\"output_cost_per_reasoning_token\": 4e-6, \"tiered_pricing\": ["
                        + "{\"range\": [32000, 128000], \"input_cost_per_token\": 8e-7, \"output_cost_per_token\": 3.2e-6, "
                        + "\"cache_read_input_token_cost\": 1.6e-7},"
                        + "{\"range\": [0, 32000], \"input_cost_per_token\": 4e-7},"
                        + "{\"range\": [128000, 252000], \"input_cost_per_token\": \"1.2e-06\", \"output_cost_per_token\": 4.8e-6}]}");
        // the base range lists only its input: output and reasoning come from the model
        assertThat(m.inputUsdPerMtok()).isEqualTo(0.4);
        assertThat(m.outputUsdPerMtok()).isEqualTo(1.6);
        assertThat(m.reasoningUsdPerMtok()).isEqualTo(4.0);
        assertThat(m.cachedInputUsdPerMtok()).isNull();
        assertThat(m.longContext())
                .extracting(ApiModel.LongContextTier::thresholdTokens)
                .containsExactly(32_000, 128_000);
        ApiModel.Rates second = m.longContext().getFirst().rates();
        assertThat(m.longContext().getFirst().inclusive()).isFalse();
        // a range with its own output price bills reasoning at it, not at the model's reasoning price
        assertThat(second.reasoningUsdPerMtok()).isEqualTo(3.2);
        assertThat(second.cachedInputUsdPerMtok()).isEqualTo(0.16);
        ApiModel.Rates third = m.longContext().get(1).rates();
        // no cache prices: cache reads and writes bill at the range's input price
        assertThat(third.inputUsdPerMtok()).isEqualTo(1.2);
        assertThat(third.cachedInputUsdPerMtok()).isEqualTo(1.2);
        assertThat(third.cacheWriteUsdPerMtok()).isEqualTo(1.2);
    }

    @Test
    void rangesWithoutOneFromZeroAreSkippedAndCounted() {
        Imported imported = read("{\"mode\": \"chat\", \"litellm_provider\": \"dashscope\", \"tiered_pricing\": ["
                + "{\"range\": [1000, 2000], \"input_cost_per_token\": 8e-7, \"output_cost_per_token\": 3.2e-6}]}, "
                + "\"plain\": {\"mode\": \"chat\", \"litellm_provider\": \"dashscope\", \"input_cost_per_token\": 4e-7, "
                + "\"output_cost_per_token\": 1.6e-6}");
        assertThat(imported.entries()).extracting(Imported.Entry::sourceKey).containsExactly("plain");
        assertThat(imported.skipped())
                .containsEntry("tiered_pricing without a range from 0 with input and output prices", 1);
    }

    @Test
    void aPriceThatIsNotANumberIsReportedWithItsKeyAndTheEntryLeftOut() {
        Imported imported =
                read("{\"mode\": \"chat\", \"litellm_provider\": \"openai\", \"input_cost_per_token\": 2e-6, "
                        + "\"output_cost_per_token\": 8e-6, \"cache_read_input_token_cost\": \"n/a\"}, "
                        + "\"other\": {\"mode\": \"chat\", \"litellm_provider\": \"openai\", \"input_cost_per_token\": \"3e-7\", "
                        + "\"output_cost_per_token\": 6e-7, \"output_cost_per_token_flex\": {\"usd\": 1}, "
                        + "\"input_cost_per_token_flex\": 1e-7}, \"ok\": {\"mode\": \"chat\", \"litellm_provider\": \"openai\", "
                        + "\"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 2e-6}");
        assertThat(imported.entries()).extracting(Imported.Entry::sourceKey).containsExactly("ok");
        assertThat(imported.outOfBounds())
                .containsExactly(
                        "t.json: m: cached_input_usd_per_mtok is not a number",
                        "t.json: other: service_tiers.flex.output_usd_per_mtok is not a number");
    }
}
