package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Recommendation.Verdict;
import dev.aichoose.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Words that match the routing (docs/methodology.md §13.4): a routing across APIs alone is a closed
 * verdict, "closed, split across two APIs", never called a hybrid, with no breakeven or crossover
 * against its own legs; one across owned hardware alone is open source; a hybrid mixes the two.
 */
class RoutingWordsTest {
    static final String FINTECH = "scenarios/fintech-escalations.yaml";

    @Test
    void aRoutingAcrossApisIsClosedInEveryFormat(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(
                "evaluate", FINTECH, "--as-of", "2026-11-24", "-f", "table,md,html,json,csv", "-o", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f :
                new String[] {"fintech-escalations.txt", "fintech-escalations.md", "fintech-escalations.html"}) {
            // as a reader reads it: lines wrapped in the table and Markdown's escapes undone
            String text = Files.readString(dir.resolve(f)).replace("\\", "").replaceAll("\\s+", " ");
            assertThat(text.toLowerCase(Locale.ROOT)).as(f).doesNotContain("hybrid");
            assertThat(text).as(f).contains("route-apis").contains("split across two APIs");
            // Q2 names the option recommended, not the single API it beat
            assertThat(text).as(f).contains("so route-apis (closed, split across two APIs) at $490,417");
            // no breakeven or crossover against its own legs
            assertThat(text).as(f).doesNotContain("route-apis breaks even").doesNotContain("costs cross at");
        }
        String json = Files.readString(dir.resolve("fintech-escalations.json"));
        assertThat(json).contains("\"verdict\" : \"closed\"", "\"category\" : \"closed\"");
        assertThat(json).contains("\"breakeven\" : [ ]", "\"crossovers\" : [ ]");
        assertThat(Files.readString(dir.resolve("fintech-escalations-options.csv")))
                .contains("route-apis,hybrid,true,true,")
                .contains(",closed\n");
    }

    @Test
    void aRoutingAcrossOwnedHardwareIsOpenSourceAndAMixIsAHybrid() {
        Evaluation open = Fixtures.evaluate("""
                name: t
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500,
                           classes: [{name: a, share: 0.5}]}
                options:
                  - {id: box, self_hosted: {hardware: nvidia/rtx-4090, count: 1, model: meta/llama-3.1-8b-instruct,
                                            tokens_per_second: 100}}
                  - {id: other-box, self_hosted: {hardware: nvidia/rtx-3090, count: 1,
                                                  model: meta/llama-3.1-8b-instruct, tokens_per_second: 100}}
                  - id: split
                    hybrid: {routes: [{class: a, option: box}, {class: default, option: other-box}]}
                """);
        assertThat(open.option("split").category()).isEqualTo(Verdict.OPEN_SOURCE);

        Evaluation mixed = Fixtures.evaluate("""
                name: t
                horizon_months: 12
                workload: {queries_per_month: 1000, input_tokens_per_query: 500, output_tokens_per_query: 500,
                           classes: [{name: a, share: 0.5, sensitive: true, quality: standard}]}
                profile: {quality_need: frontier}
                options:
                  - {id: box, self_hosted: {hardware: nvidia/rtx-4090, count: 1, model: meta/llama-3.1-8b-instruct,
                                            tokens_per_second: 100}}
                  - {id: api, api: {model: anthropic/claude-opus-4-8}}
                  - id: split
                    hybrid: {routes: [{class: a, option: box}, {class: default, option: api}]}
                """);
        assertThat(mixed.option("split").category()).isEqualTo(Verdict.HYBRID);
        assertThat(mixed.recommendation().recommendedOption()).contains("split");
        assertThat(mixed.recommendation().verdict()).isEqualTo(Verdict.HYBRID);
        assertThat(mixed.recommendation().summary()).startsWith("Hybrid: split");
        assertThat(mixed.option("split").closed()).isFalse();
    }
}
