package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's tour is what the tool prints today. Each block that follows a
 * {@code <!-- tour: ARGS -->} comment is compared with {@code aichoose ARGS} run in-process: a line
 * that is only "..." marks lines left out, and every run of lines between such marks must appear in
 * the output as written, whole lines, in the same order.
 */
class ReadmeTourTest {
    private static final Pattern TOUR = Pattern.compile("<!-- tour: (.+?) -->\n```\n(.*?)```\n", Pattern.DOTALL);

    @Test
    void everyTourBlockIsTheToolsOutput() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = TOUR.matcher(readme);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String[] args = m.group(1).trim().split(" +");
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode())
                    .as("aichoose %s: %s", m.group(1), run.err())
                    .isZero();
            assertContainsInOrder(m.group(1), run.out().lines().toList(), runs(m.group(2)));
        }
        assertThat(blocks).as("tour blocks in README.md").isGreaterThanOrEqualTo(3);
    }

    /** The block's lines, split at the "..." lines that mark what the README leaves out. */
    private static List<List<String>> runs(String block) {
        List<List<String>> runs = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : block.lines().toList()) {
            if (line.strip().equals("...")) {
                if (!run.isEmpty()) runs.add(run);
                run = new ArrayList<>();
            } else {
                run.add(line);
            }
        }
        if (!run.isEmpty()) runs.add(run);
        return runs;
    }

    private static void assertContainsInOrder(String command, List<String> output, List<List<String>> runs) {
        int from = 0;
        for (List<String> run : runs) {
            int at = find(output, run, from);
            assertThat(at)
                    .as(
                            "README.md's tour of 'aichoose %s': these lines, in this order, after line %d of the output:%n%s%n"
                                    + "--- the output ---%n%s",
                            command, from, String.join("\n", run), String.join("\n", output))
                    .isNotNegative();
            from = at + run.size();
        }
    }

    private static int find(List<String> output, List<String> run, int from) {
        for (int i = from; i + run.size() <= output.size(); i++) {
            if (output.subList(i, i + run.size()).equals(run)) return i;
        }
        return -1;
    }
}
