package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rented offer whose price leaves storage out (RunPod pods, pricing/cloud-offers.yaml), through the
 * real CLI: the warning that the cost is the GPU rent alone, with the catalog's rule of thumb and its
 * source, in the table, the JSON and from {@code validate}; gone once the option adds its recurring
 * line (docs/methodology.md §5.5).
 */
class StorageEgressWarningTest {
    private static final String SCENARIO = """
            name: storage billed apart
            horizon_months: 12
            workload: {queries_per_month: 100000, input_tokens_per_query: 500, output_tokens_per_query: 200}
            options:
              - id: api
                api: {model: openai/gpt-5-mini}
              - id: h100
                rented: {offer: runpod/h100-sxm, count: 1, model: meta/llama-3.1-8b-instruct%s}
            """;

    private static Path write(Path dir, String recurring) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO.formatted(recurring));
        return file;
    }

    private static List<String> jsonWarnings(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> out = new ArrayList<>();
        root.get("warnings").forEach(w -> out.add(w.asText()));
        return out;
    }

    @Test
    void everyOutputSaysTheCostIsTheRentAloneUntilTheScenarioAddsStorage(@TempDir Path dir) throws IOException {
        Path bare = write(dir, "");
        CliRun table = CliRun.of("evaluate", bare.toString(), "--as-of", "2026-12-06");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().replaceAll("\\s+", " "))
                .contains("h100: runpod/h100-sxm bills storage apart from its hourly price")
                .contains("30-50 % above the GPU sticker (mercatus-ai.com/blog/cloud-gpu-pricing, May 2026)")
                .contains("storage billed, egress included (storage not in this cost: add it as rented.recurring");

        CliRun json = CliRun.of("evaluate", bare.toString(), "--as-of", "2026-12-06", "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(jsonWarnings(json.out()))
                .filteredOn(w -> w.startsWith("h100: runpod/h100-sxm bills storage apart"))
                .hasSize(1);

        CliRun validate = CliRun.of("validate", bare.toString(), "--as-of", "2026-12-06");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat((validate.out() + validate.err()).replaceAll("\\s+", " "))
                .contains("h100: runpod/h100-sxm bills storage apart");

        Path added = write(dir, ", recurring: [{name: storage, usd_per_month: 20}]");
        CliRun withLine = CliRun.of("evaluate", added.toString(), "--as-of", "2026-12-06", "--format", "json");
        assertThat(withLine.exitCode()).as(withLine.err()).isZero();
        assertThat(jsonWarnings(withLine.out())).noneMatch(w -> w.contains("bills storage apart"));
    }
}
