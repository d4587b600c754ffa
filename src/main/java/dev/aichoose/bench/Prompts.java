package dev.aichoose.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.input.InputFiles;
import dev.aichoose.input.InputKind;
import dev.aichoose.input.Node;
import dev.aichoose.input.NodeParser;
import dev.aichoose.input.Problems;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The prompts a bench sends: synthetic text of a calibrated length, lines of a JSONL file, or the
 * conversations of a ShareGPT file (the JSON array vLLM's and GuideLLM's benchmarks read).
 */
public final class Prompts {
    /** Common short English words: each is about one token for the usual tokenizers. */
    private static final String[] WORDS = ("the of and to in is was it for on as with by be at this that from or "
                    + "an are not but had have his her they which one you were all we can there been has more when will "
                    + "would who so no if out into time up some could them than other then its about two may only also "
                    + "new year after first over most like these any many where such through make much before good must "
                    + "well back right down long little still last own same world great house work place day part life "
                    + "water city old small large high end point hand side light plan case road fact group power state")
            .split(" ");

    private Prompts() {}

    /** The n-th synthetic prompt: distinct from the others from its first word, so no prefix cache can help. */
    public static String synthetic(int n, int words, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
        StringBuilder text = new StringBuilder(words * 6 + 64);
        text.append("Request ").append(n).append(". Continue this text:");
        for (int i = 0; i < words; i++) text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        return text.toString();
    }

    /**
     * Reads a prompts file. A file whose first character is {@code [} is ShareGPT (see
     * {@link #shareGpt}); otherwise JSONL: one object a line with a {@code prompt} string and an
     * optional {@code output_tokens} integer; blank lines are skipped.
     */
    public static List<Prompt> read(Path file, int defaultOutputTokens) {
        String text = InputFiles.read(file, InputKind.PROMPTS);
        if (text.strip().startsWith("[")) return shareGpt(file.toString(), text);
        List<String> lines = text.lines().toList();
        ObjectMapper json = new ObjectMapper();
        List<Prompt> prompts = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            try {
                JsonNode node = json.readTree(line);
                JsonNode prompt = node == null ? null : node.get("prompt");
                if (prompt == null || !prompt.isTextual() || prompt.textValue().isEmpty()) {
                    problems.add(new Diagnostic(file.toString(), i + 1, 1, "prompt: a non-empty string is required"));
                    continue;
                }
                JsonNode out = node.get("output_tokens");
                if (out != null && !(out.isIntegralNumber() && out.intValue() >= 1)) {
                    problems.add(new Diagnostic(
                            file.toString(), i + 1, 1, "output_tokens: must be a whole number of 1 or more"));
                    continue;
                }
                prompts.add(new Prompt(prompt.textValue(), out == null ? defaultOutputTokens : out.intValue()));
            } catch (IOException e) {
                problems.add(new Diagnostic(file.toString(), i + 1, 1, "not a JSON object"));
            }
        }
        if (!problems.isEmpty()) throw new InputException(problems);
        if (prompts.isEmpty())
            throw new InputException(new Diagnostic(file.toString(), 0, 0, "the prompts file has no prompts"));
        return prompts;
    }

    /**
     * ShareGPT: a JSON array of {@code {"id": …, "conversations": [{"from": "human", "value": …},
     * {"from": "gpt", "value": …}, …]}}. As vLLM's bench does, each conversation gives one request:
     * its first human turn is the prompt, and the reply that follows sets the output length (at
     * 4 characters a token, since the bench carries no tokenizer). Conversations without a human
     * turn answered by the model are skipped, as vLLM skips those under two turns.
     */
    static List<Prompt> shareGpt(String name, String text) {
        Problems problems = new Problems(name);
        Node root = NodeParser.parseJson(name, new StringReader(text));
        if (!(root instanceof Node.Sequence entries)) {
            throw new InputException(new Diagnostic(name, 1, 1, "a ShareGPT file is a JSON array of conversations"));
        }
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < entries.items().size(); i++) {
            Node entry = entries.items().get(i);
            Node.Entry turns = entry instanceof Node.Mapping m ? m.entries().get("conversations") : null;
            if (turns == null || !(turns.value() instanceof Node.Sequence conversation)) {
                problems.at(entry, "[" + i + "].conversations: a list of turns is required");
                continue;
            }
            List<Node> said = conversation.items();
            for (int t = 0; t + 1 < said.size(); t++) {
                String from = field(said.get(t), "from");
                String reply = field(said.get(t + 1), "from");
                String prompt = field(said.get(t), "value");
                String answer = field(said.get(t + 1), "value");
                if ("human".equals(from)
                        && "gpt".equals(reply)
                        && prompt != null
                        && !prompt.isBlank()
                        && answer != null) {
                    prompts.add(new Prompt(prompt, Math.max(1, (int) Math.ceil(answer.length() / 4.0))));
                    break;
                }
            }
        }
        problems.throwIfAny();
        if (prompts.isEmpty())
            throw new InputException(new Diagnostic(name, 0, 0, "the ShareGPT file has no human turn answered by gpt"));
        return prompts;
    }

    private static String field(Node turn, String key) {
        if (!(turn instanceof Node.Mapping m)) return null;
        Node.Entry e = m.entries().get(key);
        return e != null && e.value() instanceof Node.Scalar s && s.kind() == Node.ScalarKind.STRING ? s.text() : null;
    }
}
