package dev.aichoose.load.located;

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
        assertThat(Suggestions.hint("nvidia/h100", GPUS)).isEqualTo(" (did you mean 'nvidia/h100-sxm'?)");
        assertThat(Suggestions.hint("nvidia/h100-p", GPUS)).isEqualTo(" (did you mean 'nvidia/h100-pcie'?)");
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
