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
import dev.aichoose.model.BenchRunBuilder;
import dev.aichoose.model.LatencyStatsBuilder;
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
        var stats = LatencyStatsBuilder.builder()
                .mean(100.0)
                .p50(90.0)
                .p90(150.0)
                .p99(200.0)
                .build();
        var run = BenchRunBuilder.builder()
                .concurrency(4)
                .requests(new RequestCounts(10, 1, Map.of("http_503", 1)))
                .durationS(10)
                .requestThroughput(1)
                .outputTokensPerSecond(300)
                .totalTokensPerSecond(600)
                .ttftMs(stats)
                .tpotMs(stats)
                .itlMs(stats)
                .e2eMs(stats)
                .inputTokens(new TokenStats(500.0))
                .outputTokens(new TokenStats(480.0))
                .tokenCountsFrom("server")
                .goodputRps(0.9)
                .newConnections(3)
                .connectMs(stats)
                .build();
        var rate = BenchRunBuilder.builder()
                .requestRate(2.5)
                .requests(new RequestCounts(5, 0, Map.of()))
                .durationS(2)
                .requestThroughput(2.5)
                .outputTokensPerSecond(200)
                .totalTokensPerSecond(400)
                .ttftMs(stats)
                .tpotMs(LatencyStatsBuilder.builder().build())
                .itlMs(stats)
                .e2eMs(stats)
                .inputTokens(new TokenStats(500.0))
                .outputTokens(new TokenStats(480.0))
                .tokenCountsFrom("estimate")
                .build();
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
