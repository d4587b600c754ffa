package dev.aichoose.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> GPUS = List.of(
            "nvidia/b200",
            "nvidia/h100-sxm",
            "nvidia/h100-pcie",
            "nvidia/h100-1x-server",
            "nvidia/h200-sxm",
            "nvidia/l4");

    @Test
    void anIdTypedFromItsStartSuggestsTheIdsThatShareItBeforeNearerSpellings() {
        // 'nvidia/b200' is 3 edits from 'nvidia/h100', 'nvidia/h100-sxm' 4: the shared start wins
        // and every id that continues what was typed, the shortest first
        assertThat(Suggestions.hint("nvidia/h100", GPUS))
                .isEqualTo(" (did you mean 'nvidia/h100-sxm', 'nvidia/h100-pcie' or 'nvidia/h100-1x-server'?)");
        assertThat(Suggestions.hint("nvidia/h100-p", GPUS)).isEqualTo(" (did you mean 'nvidia/h100-pcie'?)");
    }

    @Test
    void severalIdsThatContinueWhatWasTypedAreListedUpToFive() {
        List<String> models = List.of(
                "meta/llama-3.1-8b",
                "meta/llama-3.1-70b",
                "meta/llama-3.1-405b",
                "meta/llama-3.2-1b",
                "meta/llama-3.2-3b",
                "meta/llama-3.3-70b",
                "qwen/qwen3-8b");
        assertThat(Suggestions.hint("meta/llama-3", models))
                .isEqualTo(" (did you mean 'meta/llama-3.1-8b', 'meta/llama-3.2-1b', 'meta/llama-3.2-3b', "
                        + "'meta/llama-3.1-70b' or 'meta/llama-3.3-70b'?)");
        assertThat(Suggestions.hint("META/LLAMA-3.1", models))
                .isEqualTo(" (did you mean 'meta/llama-3.1-8b', 'meta/llama-3.1-70b' or 'meta/llama-3.1-405b'?)");
    }

    @Test
    void aNameTypedWithoutItsOwnerIsHeldAgainstTheNamesAfterTheSlash() {
        // 'h100' is nearer by spelling to 'nvidia/l4' than to any H100 id: without an owner, the names after it count
        assertThat(Suggestions.hint("h100", GPUS))
                .isEqualTo(" (did you mean 'nvidia/h100-sxm', 'nvidia/h100-pcie' or 'nvidia/h100-1x-server'?)");
        assertThat(Suggestions.hint("H100-SXN", GPUS)).isEqualTo(" (did you mean 'nvidia/h100-sxm'?)");
        assertThat(Suggestions.hint("llama-3.1", List.of("meta/llama-3.1-8b", "meta/llama-3.1-70b", "qwen/qwen3-8b")))
                .isEqualTo(" (did you mean 'meta/llama-3.1-8b' or 'meta/llama-3.1-70b'?)");
        assertThat(Suggestions.hint("mi300x", GPUS)).isEmpty();
    }

    @Test
    void aTypoStillFindsTheNearestSpelling() {
        assertThat(Suggestions.hint("nvidia/h100-sxn", GPUS)).isEqualTo(" (did you mean 'nvidia/h100-sxm'?)");
        assertThat(Suggestions.hint("horizon_month", List.of("horizon_months", "workload", "options")))
                .isEqualTo(" (did you mean 'horizon_months'?)");
    }

    @Test
    void nothingCloseIsNoHint() {
        assertThat(Suggestions.hint("amd/mi300x", GPUS)).isEmpty();
    }
}
