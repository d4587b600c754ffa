package dev.aichoose.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aichoose.load.located.Diagnostic;
import dev.aichoose.load.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The prompts a bench sends: synthetic text of a calibrated length, or lines of a JSONL file. */
public final class Prompts {
    /** Common short English words: each is about one token for the usual tokenizers. */
    private static final String[] WORDS = ("the of and to in is was it for on as with by be at this that from or "
            + "an are not but had have his her they which one you were all we can there been has more when will "
            + "would who so no if out into time up some could them than other then its about two may only also "
            + "new year after first over most like these any many where such through make much before good must "
            + "well back right down long little still last own same world great house work place day part life "
            + "water city old small large high end point hand side light plan case road fact group power state").split(" ");

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
     * Reads a JSONL prompts file: one object a line with a {@code prompt} string and an optional
     * {@code output_tokens} integer; blank lines are skipped.
     */
    public static List<Prompt> read(Path file, int defaultOutputTokens) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputException(new Diagnostic(file.toString(), 0, 0, "cannot read the prompts file: " + e.getMessage()));
        }
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
                    problems.add(new Diagnostic(file.toString(), i + 1, 1, "output_tokens: must be a whole number of 1 or more"));
                    continue;
                }
                prompts.add(new Prompt(prompt.textValue(), out == null ? defaultOutputTokens : out.intValue()));
            } catch (IOException e) {
                problems.add(new Diagnostic(file.toString(), i + 1, 1, "not a JSON object"));
            }
        }
        if (!problems.isEmpty()) throw new InputException(problems);
        if (prompts.isEmpty()) throw new InputException(new Diagnostic(file.toString(), 0, 0, "the prompts file has no prompts"));
        return prompts;
    }
}
