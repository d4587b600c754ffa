package dev.aichoose.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.aichoose.bench.BenchResultFile;
import dev.aichoose.cli.CliRun;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import dev.aichoose.model.LatencyStats;
import dev.aichoose.model.RequestCounts;
import dev.aichoose.model.TokenStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contracts in docs/schemas hold for what aichoose reads and writes: every example, every golden report. */
class SchemaTest {
    static final Path SCHEMAS = Path.of("docs/schemas");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonSchema schema(String name) {
        try (InputStream in = Files.newInputStream(SCHEMAS.resolve(name))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(String dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    static List<Path> scenarios() throws IOException {
        return Stream.concat(files("scenarios", ".yaml").stream(), files("src/test/resources/diff", ".yaml").stream())
                .toList();
    }

    static List<Path> goldenReports() throws IOException {
        return files("src/test/resources/golden/json", ".json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyExampleScenarioMatchesTheScenarioSchema(Path file) throws IOException {
        assertThat(schema("scenario.schema.json").validate(YAML.readTree(file.toFile())))
                .as(file.toString())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenReports")
    void everyGoldenReportMatchesTheEvaluationSchema(Path file) throws IOException {
        assertThat(schema("evaluation.schema.json").validate(JSON.readTree(file.toFile())))
                .as(file.toString())
                .isEmpty();
    }

    @Test
    void aReportWithNothingFeasibleMatchesTheSchemaToo(@TempDir Path dir) throws IOException {
        Path s = dir.resolve("offline.yaml");
        Files.writeString(
                s,
                Files.readString(Path.of("scenarios/seed-example.yaml"))
                        .replace("offline_required: false", "offline_required: true")
                        .replace("tokens_per_second: 120", "tokens_per_second: 0.01"));
        CliRun run = CliRun.of("evaluate", s.toString(), "-f", "json", "--as-of", "2026-11-24");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("options"))
                .allSatisfy(o -> assertThat(o.path("feasible").asBoolean()).isFalse());
        assertThat(schema("evaluation.schema.json").validate(report)).isEmpty();
    }

    @Test
    void aBenchResultMatchesTheBenchSchema(@TempDir Path dir) throws IOException {
        var stats = new LatencyStats(100.0, 90.0, 150.0, 200.0);
        var run = new BenchRun(
                4,
                null,
                new RequestCounts(10, 1, Map.of("http_503", 1)),
                10,
                1,
                300,
                600,
                stats,
                stats,
                stats,
                stats,
                new TokenStats(500.0),
                new TokenStats(480.0),
                "server",
                0.9,
                null,
                3,
                stats);
        var rate = new BenchRun(
                null,
                2.5,
                new RequestCounts(5, 0, Map.of()),
                2,
                2.5,
                200,
                400,
                stats,
                new LatencyStats(null, null, null, null),
                stats,
                stats,
                new TokenStats(500.0),
                new TokenStats(480.0),
                "estimate",
                null,
                null,
                null,
                null);
        Path file = dir.resolve("b.json");
        BenchResultFile.write(
                file,
                new BenchResult(
                        BenchResult.SCHEMA,
                        "http://127.0.0.1:8000/v1/chat/completions",
                        "openai",
                        "m",
                        "2026-11-24T01:00:00Z",
                        Map.of("requests", 10),
                        List.of(run, rate)));
        assertThat(schema("bench.schema.json").validate(JSON.readTree(file.toFile())))
                .isEmpty();
    }

    /** The schemas can fail: an editor flags a misspelt key and a bad value, as the loader would. */
    @Test
    void aMisspeltKeyAndABadValueAreFlagged() throws IOException {
        JsonNode bad = YAML.readTree("""
                name: x
                workload: {queries_per_month: 10, input_tokens_per_query: 1, output_tokens_per_query: 1, montly_growth: 0.1}
                profile: {data_sensitivity: extreme}
                options:
                  - {id: a, api: {model: m}, rented: {offer: o, model: m}}
                """);
        Set<ValidationMessage> errors = schema("scenario.schema.json").validate(bad);
        assertThat(errors.stream().map(ValidationMessage::getMessage))
                .anySatisfy(m -> assertThat(m).contains("montly_growth"))
                .anySatisfy(m -> assertThat(m).contains("data_sensitivity"))
                .anySatisfy(m -> assertThat(m).contains("options[0]"));
    }
}
