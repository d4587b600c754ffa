package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rented: {offer: cheapest, ...}}: the matching offer with the lowest TCO for the workload, named in the report. */
class CheapestOfferTest {
    @TempDir
    Path dir;

    private static final String OFFERS = """
            cloud_offers:
              - {id: lam/one, provider: lam, gpu: nvidia/h100-sxm, gpus: 1, usd_per_gpu_hour: 3.29, tier: on_demand, region: us-east-1, as_of: 2026-12-01, source: test}
              - {id: lam/eight, provider: lam, gpu: nvidia/h100-sxm, gpus: 8, usd_per_gpu_hour: 2.99, tier: on_demand, region: us-south-1, as_of: 2026-12-01, source: test}
              - {id: acme/one-eu, provider: acme, gpu: nvidia/h100-sxm, gpus: 1, usd_per_gpu_hour: 3.10, tier: on_demand, region: eu-north-1, as_of: 2026-12-01, source: test}
              - {id: acme/one-spot, provider: acme, gpu: nvidia/h100-sxm, gpus: 1, usd_per_gpu_hour: 1.20, tier: spot, region: us-east-2, as_of: 2026-12-01, source: test}
            """;

    private CliRun evaluate(String queries, String choice, String... extra) throws IOException {
        Path book = dir.resolve("offers.yaml");
        Files.writeString(book, OFFERS);
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, """
                name: cheapest
                horizon_months: 12
                workload:
                  queries_per_month: %s
                  input_tokens_per_query: 500
                  output_tokens_per_query: 200
                options:
                  - id: h100
                    rented:
                      offer: cheapest
                      hardware: nvidia/h100-sxm
                %s
                      model: meta/llama-3.1-8b-instruct
                  - id: mini
                    api: {model: openai/gpt-5-mini}
                """.formatted(queries, choice));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "evaluate", scenario.toString(), "--pricing", book.toString(), "--as-of", "2026-12-06"));
        args.addAll(java.util.List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aLoadOneGpuCarriesRentsOneGpuAtTheHigherRateNotEightAtTheLower() throws IOException {
        // 12 months × 730 h: one GPU at $3.29 is $28,820.40; eight at $2.99 would be $209,539.20
        CliRun run = evaluate("200000", "      providers: [lam]", "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("1 × lam/one (cheapest for this workload of 2: nvidia/h100-sxm on_demand from lam)")
                .contains("rents lam/one, the cheapest for this workload of 2 offers")
                .contains("\"tco_usd\" : 28820.40")
                .containsPattern("\"id\" : \"lam/one\",\\s+\"as_of\" : \"2026-12-01\"");
        assertThat(run.out()).doesNotContain("\"id\" : \"lam/eight\"");
    }

    @Test
    void withCountAutoTheFleetThatCarriesTheLoadCheapestWins() throws IOException {
        // one-GPU replicas of a stated 4,300 tok/s, 3,870 at the planning utilisation of 90 %, so that the
        // choice turns on the offers alone. 28,995 tok/s at peak: 8 replicas, as eight 1-GPU instances at
        // $3.29 (8 × 3.29 = $26.32 an hour) or one 8-GPU instance at $2.99 (8 × 2.99 = $23.92): the 8-GPU one
        String sized = "      providers: [lam]\n      count: auto\n      gpus_per_replica: 1\n"
                + "      tokens_per_second: 4300";
        CliRun eight = evaluate("127000000", sized, "-f", "json");
        assertThat(eight.exitCode()).as(eight.err()).isZero();
        assertThat(eight.out()).contains("auto × lam/eight (cheapest for this workload of 2");
        // 68,493 tok/s: 18 replicas, as 18 one-GPU instances ($59.22 an hour), beat three 8-GPU ones (24
        // GPUs, $71.76)
        CliRun one = evaluate("300000000", sized, "-f", "json");
        assertThat(one.out()).contains("auto × lam/one (cheapest for this workload of 2");
    }

    @Test
    void tierProvidersAndRegionNarrowTheChoice() throws IOException {
        assertThat(evaluate("200000", "      providers: [lam, acme]", "-f", "json")
                        .out())
                .contains("1 × acme/one-eu (cheapest for this workload of 3");
        assertThat(evaluate("200000", "      providers: [lam, acme]\n      region: us-.*", "-f", "json")
                        .out())
                .contains("1 × lam/one (cheapest for this workload of 2");
        assertThat(evaluate("200000", "      providers: [lam, acme]\n      tier: spot", "-f", "json")
                        .out())
                .contains("1 × acme/one-spot (cheapest for this workload of 1: nvidia/h100-sxm spot from lam, acme)");
    }

    @Test
    void noMatchingOfferIsExit3AtTheOption() throws IOException {
        CliRun run = evaluate("200000", "      providers: [nobody]");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .contains("s.yaml:10:")
                .contains("options[h100].rented.offer: no cloud offer matches offer: cheapest for nvidia/h100-sxm "
                        + "on_demand from nobody; offers of nvidia/h100-sxm: ")
                .contains("lam/one (lam, on_demand, us-east-1)");
        CliRun badRegex = evaluate("200000", "      region: 'us-('");
        assertThat(badRegex.exitCode()).isEqualTo(3);
        assertThat(badRegex.err()).contains("options[h100].rented.region: not a regular expression");
    }

    @Test
    void theSimulationRentsTheOfferTheEvaluationPickedAndAHybridRoutesToIt() throws IOException {
        Path book = dir.resolve("offers.yaml");
        Files.writeString(book, OFFERS);
        Path scenario = dir.resolve("sim.yaml");
        Files.writeString(scenario, """
                name: cheapest under doubt
                horizon_months: 12
                workload:
                  queries_per_month: 200000
                  input_tokens_per_query: 500
                  output_tokens_per_query: 200
                  classes: [{name: private, share: 0.5}]
                options:
                  - id: h100
                    rented: {offer: cheapest, hardware: nvidia/h100-sxm, providers: [lam], model: meta/llama-3.1-8b-instruct}
                  - id: mini
                    api: {model: openai/gpt-5-mini}
                  - id: split
                    hybrid: {routes: [{class: private, option: h100}, {class: default, option: mini}]}
                uncertainty:
                  workload.queries_per_month: {low: 100000, high: 400000000}
                """);
        CliRun run = CliRun.of(
                "evaluate",
                scenario.toString(),
                "--pricing",
                book.toString(),
                "--as-of",
                "2026-12-06",
                "--simulate",
                "200",
                "-f",
                "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the pick is made once, on the scenario as written: draws that would need eight GPUs still rent lam/one
        assertThat(run.out())
                .contains("1 × lam/one (cheapest for this workload of 2")
                .doesNotContain("lam/eight");
        assertThat(run.out()).contains("\"simulation\"");
    }

    @Test
    void thePickIsNamedInEveryReportFormatThatDescribesOptions() throws IOException {
        for (String format : java.util.List.of("table", "md", "html", "json")) {
            CliRun run = evaluate("200000", "      providers: [lam]", "-f", format);
            assertThat(run.exitCode()).as(format + ": " + run.err()).isZero();
            // the catalog entries used list the picked offer with its date; the description or capacity line names it
            assertThat(run.out()).as(format).contains("lam/one").doesNotContain("lam/eight");
        }
        Path xlsx = dir.resolve("r.xlsx");
        CliRun run = evaluate("200000", "      providers: [lam]", "-f", "xlsx", "-o", xlsx.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(xlsx))) {
            StringBuilder text = new StringBuilder();
            wb.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> {
                if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING)
                    text.append(cell.getStringCellValue()).append('\n');
            })));
            assertThat(text).contains("lam/one");
        }
    }
}
