package dev.aichoose.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/bench-job.yaml is a valid Kubernetes manifest: each Job in it against the Job schema
 * of Kubernetes v1.34 (src/test/resources/k8s, with its source), made strict as kubeconform's
 * strict schemas are, so that a misspelt or misplaced field fails as well as a wrong type; and it
 * runs the shards it says it runs.
 */
class DeployManifestTest {
    static final Path MANIFEST = Path.of("deploy/k8s/bench-job.yaml");

    /** The Job schema with {@code additionalProperties: false} on every object that lists its properties. */
    static JsonSchema strictJobSchema() throws IOException {
        try (InputStream in =
                new GZIPInputStream(DeployManifestTest.class.getResourceAsStream("/k8s/job-batch-v1.json.gz"))) {
            ObjectNode schema = (ObjectNode) SchemaTest.JSON.readTree(in);
            // "http://json-schema.org/schema#" names no draft; the schema is written in draft 4
            schema.remove("$schema");
            strict(schema);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        }
    }

    /** openapi2jsonschema's --strict: objects with properties admit no others. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")) o.put("additionalProperties", false);
            o.properties().forEach(e -> strict(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(DeployManifestTest::strict);
        }
    }

    static List<JsonNode> documents() throws IOException {
        try (var docs = SchemaTest.YAML.readerFor(JsonNode.class).<JsonNode>readValues(MANIFEST.toFile())) {
            return docs.readAll();
        }
    }

    @Test
    void everyJobInTheManifestIsValidAgainstTheKubernetesJobSchema() throws IOException {
        JsonSchema schema = strictJobSchema();
        List<JsonNode> jobs = documents().stream()
                .filter(d -> "Job".equals(d.path("kind").asText()))
                .toList();
        assertThat(jobs).hasSize(2);
        for (JsonNode job : jobs)
            assertThat(schema.validate(job)).as(job.path("metadata").toString()).isEmpty();
    }

    @Test
    void theStrictSchemaRejectsAMisspeltField() throws IOException {
        JsonNode job = documents().stream()
                .filter(d -> "Job".equals(d.path("kind").asText()))
                .findFirst()
                .orElseThrow()
                .deepCopy();
        ((ObjectNode) job.path("spec")).put("completionsMode", "Indexed");
        assertThat(strictJobSchema().validate(job)).isNotEmpty();
        ((ObjectNode) job.path("spec")).remove("completionsMode");
        ((ObjectNode) job.path("spec")).put("completions", "four");
        assertThat(strictJobSchema().validate(job)).isNotEmpty();
    }

    @Test
    void theShardsAreIndexedTheirCountMatchesAndEachStartsTogetherAndWritesToTheSharedVolume() throws IOException {
        JsonNode shards = documents().stream()
                .filter(d ->
                        "aichoose-bench".equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow();
        JsonNode spec = shards.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        JsonNode container =
                spec.path("template").path("spec").path("containers").get(0);
        String shardsEnv = "";
        for (JsonNode e : container.path("env"))
            if (e.path("name").asText().equals("SHARDS"))
                shardsEnv = e.path("value").asText();
        assertThat(Integer.parseInt(shardsEnv))
                .isEqualTo(spec.path("completions").asInt())
                .isEqualTo(spec.path("parallelism").asInt());
        String command = container.path("args").get(0).asText();
        assertThat(command)
                .contains("--shard \"$((JOB_COMPLETION_INDEX + 1))/$SHARDS\"", "--start-at \"$START_AT\"", "/results/");
        assertThat(container.path("volumeMounts").get(0).path("mountPath").asText())
                .isEqualTo("/results");
        JsonNode merge = documents().stream()
                .filter(d -> "aichoose-bench-merge"
                        .equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(merge.path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0)
                        .path("args")
                        .get(0)
                        .asText())
                .contains("aichoose bench merge");
    }
}
