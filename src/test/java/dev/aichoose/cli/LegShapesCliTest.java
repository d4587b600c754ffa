package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aichoose.cost.LegSizingFigures;
import org.junit.jupiter.api.Test;

/**
 * The CLI end to end on a hybrid whose legs carry classes of very different shape (issue 19): the
 * owned leg's need and capacity in the JSON are those of the short class it carries.
 */
class LegShapesCliTest {
    private static final String SCENARIO = "src/test/resources/scenarios/leg-shapes.yaml";

    @Test
    void theJsonSizesEachOwnedLegForItsOwnClasses() throws Exception {
        CliRun run = CliRun.of("evaluate", SCENARIO, "--format", "json", "--as-of", "2026-11-24");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode options = new ObjectMapper().readTree(run.out()).path("options");
        JsonNode shortLeg = option(options, "short-owned");
        JsonNode longLeg = option(options, "long-owned");
        // 0.9 × 90,000,000 × 8 / 2,628,000 s × 2 = 493.15 → 493.2 tok/s; 0.1 × 90,000,000 × 3,500 / … × 2 = 23,972.6
        assertThat(shortLeg.path("capacity").path("required_tokens_per_second").asDouble())
                .isEqualTo(493.2);
        assertThat(longLeg.path("capacity").path("required_tokens_per_second").asDouble())
                .isEqualTo(23_972.6);
        int shortCards = LegSizingFigures.cards(493.150684931, 700, 8);
        int longCards = LegSizingFigures.cards(23_972.602739726, 6000, 3500);
        assertThat(shortLeg.path("upfront_usd").asDouble())
                .isCloseTo(LegSizingFigures.bought(shortCards), within(0.01));
        assertThat(longLeg.path("upfront_usd").asDouble()).isCloseTo(LegSizingFigures.bought(longCards), within(0.01));
        assertThat(longCards).isGreaterThan(shortCards);
        // the text report says the same need
        CliRun table = CliRun.of("evaluate", SCENARIO, "--as-of", "2026-11-24");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("short-owned needs 493.2, has ")
                .contains("owned: " + dev.aichoose.text.Figures.rate(LegSizingFigures.replicaTokensPerSecond(700, 8))
                        + " tok/s per replica");
    }

    private static JsonNode option(JsonNode options, String id) {
        for (JsonNode o : options) if (o.path("id").asText().equals(id)) return o;
        throw new AssertionError("no option " + id);
    }
}
