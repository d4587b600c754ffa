package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.analysis.PairingsTest;
import dev.aichoose.model.Evaluation;
import org.junit.jupiter.api.Test;

/** The reports say when only the cheapest APIs are paired, and list the same pairs as the JSON. */
class PairNotesTest {
    @Test
    void theTableAndTheMarkdownSayWhichApisThePairsAreAgainst() throws Exception {
        Evaluation seven = PairingsTest.evaluate(7);
        assertThat(CrossFormatTest.text(new TableReport(), seven))
                .contains(
                        "Breakeven and crossover of each feasible option against the 5 cheapest feasible APIs (of 7)");
        assertThat(CrossFormatTest.text(new MarkdownReport(), seven))
                .contains(
                        "Every feasible owned, rented or hybrid option against each of the 5 cheapest feasible APIs (of 7).")
                .doesNotContain("| box | api-7 |")
                .contains("| box | api-2 |");
        assertThat(CrossFormatTest.text(new JsonReport(), seven)).doesNotContain("\"baseline\" : \"api-7\"");
        Evaluation five = PairingsTest.evaluate(5);
        assertThat(CrossFormatTest.text(new TableReport(), five))
                .contains("Breakeven and crossover of each feasible option against each feasible API");
        assertThat(CrossFormatTest.text(new MarkdownReport(), five))
                .contains("Every feasible owned, rented or hybrid option against every feasible API.");
    }
}
