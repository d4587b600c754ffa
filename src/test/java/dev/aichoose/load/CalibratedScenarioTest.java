package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Calibration;
import dev.aichoose.model.Calibration.Change;
import dev.aichoose.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A calibration is written into the scenario's own text: values replaced where they stand, nothing else moved. */
class CalibratedScenarioTest {
    static final Calibration CALIBRATION = new Calibration(
            List.of(
                    new Change("queries_per_month", 1000, 1500, "1500", "fitted to 2026-01"),
                    new Change("cached_input_share", 0, 0.25, "0.25", "25 % read from the cache")),
            List.of());

    @Test
    void aBlockWorkloadKeepsItsCommentsAndGainsTheMissingField() {
        String text = """
                # yaml-language-server: $schema=../docs/schemas/scenario.schema.json
                # a comment the user wrote
                name: t
                workload:
                  queries_per_month: 1000 # monthly, roughly
                  input_tokens_per_query: 100
                  output_tokens_per_query: 100
                options:
                  - {id: a, api: {model: openai/gpt-5-mini}}
                """;
        String edited = CalibratedScenario.edit("t.yaml", text, CALIBRATION, "Calibrated on 2026-12-06");
        assertThat(edited).isEqualTo("""
                # yaml-language-server: $schema=../docs/schemas/scenario.schema.json
                # a comment the user wrote
                # Calibrated on 2026-12-06
                name: t
                workload:
                  # calibrated: 25 % read from the cache (was 0)
                  cached_input_share: 0.25
                  # calibrated: fitted to 2026-01 (was 1000)
                  queries_per_month: 1500 # monthly, roughly
                  input_tokens_per_query: 100
                  output_tokens_per_query: 100
                options:
                  - {id: a, api: {model: openai/gpt-5-mini}}
                """);
        assertThat(Fixtures.scenario(edited).workload().cachedInputShare()).isEqualTo(0.25);
    }

    @Test
    void aFlowWorkloadIsEditedInPlaceWithItsEvidenceAbove() {
        String text = """
                name: t
                workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
                options:
                  - {id: a, api: {model: openai/gpt-5-mini}}
                """;
        String edited = CalibratedScenario.edit("t.yaml", text, CALIBRATION, "Calibrated");
        assertThat(edited).isEqualTo("""
                # Calibrated
                name: t
                # calibrated: fitted to 2026-01 (was 1000)
                # calibrated (cached_input_share): 25 % read from the cache (was 0)
                workload: {cached_input_share: 0.25, queries_per_month: 1500, input_tokens_per_query: 100, output_tokens_per_query: 100}
                options:
                  - {id: a, api: {model: openai/gpt-5-mini}}
                """);
        var w = Fixtures.scenario(edited).workload();
        assertThat(w.queriesPerMonth()).isEqualTo(1500);
        assertThat(w.cachedInputShare()).isEqualTo(0.25);
    }
}
