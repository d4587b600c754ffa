package dev.aichoose.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Response bodies a broken or hostile server might send, drawn from a seed: pieces of real answers
 * in each wire format, cut and spliced, mixed with random bytes, lines longer than any cap, SSE
 * data lines without the blank line, deep nesting, numbers out of range, bad UTF-8, CR-only line
 * ends, and the API key in every place text goes. The same seed gives the same bytes.
 */
final class HostileBytes {
    private final SplittableRandom random;
    private final String key;
    private final List<String> answers;

    HostileBytes(long seed, String key) {
        this.random = new SplittableRandom(seed);
        this.key = key;
        this.answers = List.of(
                new OpenAiChat(false, false).sampleAnswer(3),
                new AnthropicMessages().sampleAnswer(3),
                new OllamaChat().sampleAnswer(3),
                Transcript.load("openai-vllm.sse").frames().toString(),
                Transcript.load("anthropic-messages.sse").frames().toString());
    }

    SplittableRandom random() {
        return random;
    }

    /** A body of roughly up to {@code maxBytes} (a piece may overrun it by a cap's worth). */
    byte[] body(int maxBytes, int capBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = 1 + random.nextInt(40);
        for (int i = 0; i < pieces && out.size() < maxBytes; i++) out.writeBytes(piece(capBytes));
        return out.toByteArray();
    }

    private byte[] piece(int capBytes) {
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> utf8(slice(answers.get(random.nextInt(answers.size()))));
            case 3 -> bytes(1 + random.nextInt(200));
            case 4 -> utf8("data: " + "a".repeat(random.nextInt(capBytes * 3)) + (random.nextBoolean() ? "\n" : ""));
            case 5 -> utf8(("data: " + "b".repeat(random.nextInt(200)) + "\n").repeat(1 + random.nextInt(200)));
            case 6 -> utf8("data: " + "[".repeat(1 + random.nextInt(5000)) + "\n\n");
            case 7 ->
                utf8("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":" + number()
                        + ",\"completion_tokens\":" + number() + "}}\n\n");
            case 8 ->
                utf8("{\"message\":{\"content\":\"x\"},\"done\":" + random.nextBoolean() + ",\"eval_count\":" + number()
                        + ",\"eval_duration\":" + number() + "}\n");
            case 9 ->
                utf8("data: {\"timings\":{\"" + key + "\":1,\"" + "n".repeat(random.nextInt(100)) + "\":" + number()
                        + ",\"prompt_n\":" + number() + "}}\n\n");
            case 10 -> utf8("data: {\"error\":{\"message\":\"" + "e".repeat(random.nextInt(300)) + key + "\"}}\n\n");
            case 11 -> utf8("event: " + "n".repeat(random.nextInt(100)) + "\r" + "data: {}\r\r");
            case 12 -> utf8(": ping\n".repeat(1 + random.nextInt(50)));
            case 13 -> new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, '\n', (byte) 0xe2, (byte) 0x82};
            case 14 ->
                utf8("data: " + "y".repeat(random.nextInt(400)) + key.substring(0, random.nextInt(key.length()))
                        + "\n\n");
            default -> utf8("{\"message\":{\"content\":\"" + "z".repeat(random.nextInt(capBytes * 2)));
        };
    }

    private String number() {
        return switch (random.nextInt(8)) {
            case 0 -> "-" + random.nextInt(1000);
            case 1 -> "1e400";
            case 2 -> "99999999999999999999999";
            case 3 -> "3.5";
            case 4 -> "\"7\"";
            case 5 -> "null";
            default -> Integer.toString(random.nextInt(5000));
        };
    }

    private String slice(String answer) {
        int from = random.nextInt(answer.length());
        int to = from + random.nextInt(answer.length() - from + 1);
        return random.nextInt(3) == 0 ? answer : answer.substring(from, to);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
