package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aichoose.input.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {
    @TempDir
    Path dir;

    Path resource(String name) throws IOException {
        try (InputStream in = PromptsTest.class.getResourceAsStream("/bench/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    @Test
    void shareGptGivesTheFirstHumanTurnAndSizesTheAnswerByTheReply() throws IOException {
        List<Prompt> prompts = Prompts.read(resource("sharegpt-snippet.json"), 100);
        // the third conversation has no reply and is skipped, as vLLM skips conversations under two turns
        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(0).text()).startsWith("Summarize the main ideas of Jeff Walker's");
        String reply =
                "Here are the main ideas of Jeff Walker's Product Launch Formula that can be applied by a growth "
                        + "marketing agency for their clients:\n\n1. Identify the target audience and their needs.\n2. Create "
                        + "pre-launch content that builds anticipation.";
        assertThat(prompts.get(0).outputTokens()).isEqualTo((int) Math.ceil(reply.length() / 4.0));
        // a conversation the model opened: the human turn after it is the prompt
        assertThat(prompts.get(1).text()).startsWith("How to tell if a customer segment");
    }

    @Test
    void aShareGptEntryWithoutConversationsIsNamedWithItsPlace() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "[\n  {\"id\": \"x\", \"conversation\": []}\n]\n");
        assertThatThrownBy(() -> Prompts.read(file, 10))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(file + ":2:3")
                .hasMessageContaining("[0].conversations");
    }

    @Test
    void jsonlStillReadsOnePromptALine() throws IOException {
        Path file = Files.writeString(
                dir.resolve("p.jsonl"), "{\"prompt\": \"a\"}\n\n{\"prompt\": \"b\", \"output_tokens\": 7}\n");
        assertThat(Prompts.read(file, 10)).containsExactly(new Prompt("a", 10), new Prompt("b", 7));
    }
}
