package dev.aichoose.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aichoose.analysis.Evaluator;
import dev.aichoose.input.InputException;
import dev.aichoose.load.CatalogLoader;
import dev.aichoose.load.ScenarioLoader;
import dev.aichoose.model.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A report read back gives the same snapshot as the evaluation it was written from, so diff can mix the two. */
class EvaluationJsonTest {
    static final Catalog CATALOG = CatalogLoader.load(List.of());

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theGoldenJsonReportReadsBackAsItsEvaluation(String name) throws IOException {
        Path json = Path.of("src/test/resources/golden/json/" + name + ".json");
        Snapshot read = EvaluationJson.read(json.toString(), "A", Files.readString(json));
        var scenario =
                new ScenarioLoader(CATALOG, (f, s) -> null, Map.of()).load(Path.of("scenarios/" + name + ".yaml"));
        Snapshot evaluated = Snapshot.of("A", Evaluator.evaluate(scenario, CATALOG, LocalDate.of(2026, 11, 24)));

        assertThat(read.scenario()).isEqualTo(evaluated.scenario());
        assertThat(read.horizonMonths()).isEqualTo(evaluated.horizonMonths());
        assertThat(read.verdict()).isEqualTo(evaluated.verdict());
        assertThat(read.recommended()).isEqualTo(evaluated.recommended());
        assertThat(read.breakeven()).isEqualTo(evaluated.breakeven());
        // the report rounds each figure as the snapshot does, so both sides of a diff agree exactly
        assertThat(read.options()).isEqualTo(evaluated.options());
        assertThat(read.summary()).isEqualTo(evaluated.summary());
        assertThat(Diff.between(read, evaluated).plan().tco().usd()).isZero();
    }

    @Test
    void anotherSchemaIsRejectedWithItsLocation() {
        assertThatThrownBy(() -> EvaluationJson.read("r.json", "A", "{\n\"schema\": \"aichoose.bench/v1\"\n}"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("r.json:2:")
                .hasMessageContaining("expected 'aichoose.evaluation/v1'");
    }

    @Test
    void recognisesAReportByItsSchema() {
        assertThat(EvaluationJson.isReport("{ \"schema\" : \"aichoose.evaluation/v1\" }"))
                .isTrue();
        assertThat(EvaluationJson.isReport("name: x\nschema: aichoose.evaluation/v1"))
                .isFalse();
    }
}
