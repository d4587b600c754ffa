package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An id typed from its start but left unfinished gets every shipped id it starts, for each kind a
 * scenario names: 'nvidia/h100' suggests the H100s, not the nearer spelling 'nvidia/b200'.
 */
class DidYouMeanTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "platform-buy-rent-api|hardware: nvidia/hgx-h100-8x-server|hardware: nvidia/h100|self_hosted.hardware|"
                        + "'nvidia/h100-nvl', 'nvidia/h100-sxm', 'nvidia/h100-pcie' or 'nvidia/h100-1x-server'",
                "seed-example|model: meta/llama-3.1-8b-instruct|model: meta/llama-3.1|self_hosted.model|"
                        + "'meta/llama-3.1-8b-instruct', 'meta/llama-3.1-70b-instruct' or 'meta/llama-3.1-405b-instruct'",
                "platform-buy-rent-api|api: {model: openai/gpt-5-nano}|api: {model: anthropic/claude-sonnet}|api.model|"
                        + "'anthropic/claude-sonnet-4-5' or 'anthropic/claude-sonnet-4-6'",
                "platform-buy-rent-api|offer: lambda/h100-sxm |offer: lambda/h100 |rented.offer|"
                        + "'lambda/h100-sxm' or 'lambda/h100-sxm-reserved'"
            })
    void anUnfinishedIdSuggestsEveryIdItStarts(String example, String shipped, String typed, String field, String hint)
            throws IOException {
        String text = Files.readString(Path.of("scenarios", example + ".yaml"));
        assertThat(text).containsOnlyOnce(shipped);
        Path scenario = dir.resolve("typed.yaml");
        Files.writeString(scenario, text.replace(shipped, typed));
        CliRun run = CliRun.of("validate", scenario.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("." + field + ": unknown").contains("(did you mean " + hint + "?)");
    }
}
