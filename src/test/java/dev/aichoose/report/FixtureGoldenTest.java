package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Markdown, HTML and CSV of the hand-built evaluations, against their golden files. */
class FixtureGoldenTest {
    /** Inputs by name: each golden file {@code fixture-<name>*} must pair with one of these. */
    static final Map<String, Evaluation> FIXTURES = Map.of("seed", Fixtures.seed());

    static Stream<Arguments> cases() {
        return FIXTURES.keySet().stream()
                .flatMap(name -> Stream.of(
                        Arguments.of(name, "md", "fixture-" + name + ".md", new MarkdownReport()),
                        Arguments.of(name, "html", "fixture-" + name + ".html", new HtmlReport()),
                        Arguments.of(name, "csv", "fixture-" + name + "-options.csv", new CsvReport.Options()),
                        Arguments.of(name, "csv", "fixture-" + name + "-monthly.csv", new CsvReport.Monthly())));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("cases")
    void matchesGolden(String name, String format, String file, Renderer.Text<Evaluation> renderer) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        renderer.render(FIXTURES.get(name), out);
        Golden.check(format, file, out.toString());
    }

    @Test
    void everyFixtureGoldenFileHasAnInput() throws IOException {
        TreeSet<String> expected = new TreeSet<>();
        cases().forEach(a -> expected.add(a.get()[1] + "/" + a.get()[2]));
        TreeSet<String> present = new TreeSet<>();
        for (String format : List.of("md", "html", "csv")) {
            Path dir = Golden.ROOT.resolve(format);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(f -> f.startsWith("fixture-"))
                        .forEach(f -> present.add(format + "/" + f));
            }
        }
        assertThat(present).as("golden files without an input").isSubsetOf(expected);
    }
}
