package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Option;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** {@code count: auto} and {@code gpus_per_replica: auto}: read as such, and any other word is a located problem. */
class AutoFieldsTest {
    private static final String HEAD = """
            name: t
            workload: {queries_per_month: 1000, input_tokens_per_query: 100, output_tokens_per_query: 100}
            options:
            """;

    @Test
    void countAutoLeavesTheFleetToAichooseOnOwnedAndRentedHardware() {
        var options = Fixtures.scenario(HEAD + """
                  - {id: b, self_hosted: {hardware: nvidia/rtx-4090, count: auto, model: meta/llama-3.1-8b-instruct}}
                  - {id: r, rented: {offer: runpod/h100-sxm, count: auto, model: meta/llama-3.1-8b-instruct,
                                     gpus_per_replica: auto}}
                  - {id: s, rented: {offer: runpod/h100-sxm, count: 3, model: meta/llama-3.1-8b-instruct}}
                """).options();
        var box = (Option.SelfHosted) options.get(0);
        var rented = (Option.Rented) options.get(1);
        var stated = (Option.Rented) options.get(2);
        assertThat(box.autoCount()).isTrue();
        assertThat(box.count()).isEqualTo(1);
        assertThat(box.serving().autoReplica()).isFalse();
        assertThat(rented.autoCount()).isTrue();
        assertThat(rented.serving().autoReplica()).isTrue();
        assertThat(rented.serving().gpusPerReplica()).isNull();
        assertThat(stated.autoCount()).isFalse();
        assertThat(stated.count()).isEqualTo(3);
    }

    @Test
    void anotherWordIsALocatedProblemThatNamesBothForms() {
        assertThat(Fixtures.problems(HEAD + """
                  - {id: b, self_hosted: {hardware: nvidia/rtx-4090, count: automatic, model: meta/llama-3.1-8b-instruct}}
                """))
                .containsExactly("test.yaml:4:61: options[b].self_hosted.count: expected a whole number or auto, "
                        + "got text ('automatic')");
        assertThat(Fixtures.problems(HEAD + """
                  - {id: r, rented: {offer: runpod/h100-sxm, model: meta/llama-3.1-8b-instruct, gpus_per_replica: two}}
                """))
                .containsExactly("test.yaml:4:99: options[r].rented.gpus_per_replica: expected a whole number or "
                        + "auto, got text ('two')");
        assertThat(Fixtures.problems(HEAD + """
                  - {id: r, rented: {offer: runpod/h100-sxm, model: meta/llama-3.1-8b-instruct, count: 0}}
                """))
                .singleElement()
                .asString()
                .endsWith("options[r].rented.count: must be between 1 and 100000, got 0");
    }
}
