package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aichoose estimate}, end to end: the figures, both formats, and bad flags as usage errors. */
class EstimateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String... args) throws IOException {
        String[] all = new String[args.length + 3];
        all[0] = "estimate";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "-f";
        all[args.length + 2] = "json";
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        try (InputStream in = Files.newInputStream(Path.of("docs/schemas/estimate.schema.json"))) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                            .getSchema(in)
                            .validate(report))
                    .as(run.out())
                    .isEmpty();
        }
        return report;
    }

    @Test
    void aTableWithTheFiguresTheMemoryAndTheNearestPublishedRuns() {
        CliRun run = CliRun.of(
                "estimate",
                "--hardware",
                "nvidia/h100-sxm",
                "--model",
                "meta/llama-3.3-70b-instruct",
                "--quantization",
                "fp8",
                "--concurrency",
                "64");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Estimate: meta/llama-3.3-70b-instruct at fp8 on 2 × nvidia/h100-sxm (tensor parallel, vllm)",
                        "tok/s per replica",
                        "estimated, 64 streams",
                        "TTFT",
                        "TPOT",
                        "Measured error of its group, multi-GPU dense",
                        "Memory (GB, across the replica)",
                        "weights                              70.60",
                        // vLLM pages the KV cache: a stream holds its prompt and half its output on average
                        "KV cache per stream (1,500 tokens)   0.492",
                        "held on average (1,250 tokens)       0.410",
                        "Nearest published runs",
                        "nim-llama33");
        assertThat(run.err()).isEmpty();
    }

    /** {@code estimated_figures} of Llama 3.1 8B at {@code quantization} on {@code hardware}, in JSON. */
    private static List<String> estimatedFigures(String hardware, String quantization) throws IOException {
        JsonNode r =
                json("--hardware", hardware, "--model", "meta/llama-3.1-8b-instruct", "--quantization", quantization);
        List<String> figures = new ArrayList<>();
        r.get("estimated_figures").forEach(f -> figures.add(f.asText()));
        return figures;
    }

    @Test
    void anEstimateSaysWhichOfItsCatalogFiguresAreEstimates() throws IOException {
        // Apple publishes no matrix rate: the M2 Ultra's compute is a stand-in its entry lists under estimates
        CliRun run = CliRun.of(
                "estimate", "--hardware", "apple/mac-studio-m2-ultra", "--model", "meta/llama-3.1-8b-instruct");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().replaceAll("\\s+", " "))
                .contains("Rests on catalog figures that are estimates, not published: bf16_dense_tflops of "
                        + "apple/mac-studio-m2-ultra");
        assertThat(estimatedFigures("apple/mac-studio-m2-ultra", "q4_k_m")).containsExactly("bf16_dense_tflops");
        // FP8 weights on the RTX 5090 run at its derived FP8 rate; BF16 weights at its published BF16 rate
        assertThat(estimatedFigures("nvidia/rtx-5090", "fp8")).containsExactly("fp8_dense_tflops");
        assertThat(estimatedFigures("nvidia/rtx-5090", "bf16")).isEmpty();
        CliRun published =
                CliRun.of("estimate", "--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruct");
        assertThat(published.out()).doesNotContain("Rests on catalog figures");
    }

    @Test
    void anEvaluationSaysTheSameOfAnEstimatedCapacity() throws IOException {
        // offline-field's Mac Studio is estimated on Apple's compute stand-in; its RTX 4090s on published figures
        CliRun table = CliRun.of("evaluate", "scenarios/offline-field.yaml");
        assertThat(table.exitCode()).as(table.err()).isZero();
        String capacity = table.out().replaceAll("\\s+", " ");
        assertThat(capacity).contains("to 90th percentile; it rests on catalog estimates: bf16_dense_tflops");
        assertThat(capacity.split("it rests on catalog estimates")).hasSize(2);
        CliRun json = CliRun.of("evaluate", "scenarios/offline-field.yaml", "-f", "json");
        JsonNode options = JSON.readTree(json.out()).get("options");
        for (JsonNode o : options) {
            JsonNode figures = o.path("capacity").path("estimate").path("estimated_figures");
            if (o.get("id").asText().equals("mac-studio")) {
                assertThat(figures).extracting(JsonNode::asText).containsExactly("bf16_dense_tflops");
            } else {
                assertThat(figures.isMissingNode()).as(o.get("id").asText()).isTrue();
            }
        }
    }

    @Test
    void everyReportGivesAnEstimatedCapacityWithItsMeasuredError(@TempDir Path dir) throws IOException {
        // the same words for the Mac Studio's estimate in the text table, Markdown, HTML and the workbook
        String error = "consumer single-stream: 89 % of 65 published runs within ±30 %, 89 % with its 17 "
                + "publishers weighted equally, 13.5–23.5 tok/s a replica from its 10th to 90th percentile";
        CliRun table = CliRun.of("evaluate", "scenarios/offline-field.yaml");
        assertThat(table.out().replaceAll("\\s+", " ")).contains("mac-studio needs 7.3, has 18.1 (estimate)", error);
        CliRun all = CliRun.of("evaluate", "scenarios/offline-field.yaml", "--format", "md,html,xlsx", "-o", dir + "/");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(Files.readString(dir.resolve("offline-field.md")))
                .contains("### Capacity", "mac-studio needs 7.3, has 18.1 (estimate)", error);
        assertThat(Files.readString(dir.resolve("offline-field.html")))
                .contains("<h2>Capacity</h2>", "mac-studio needs 7.3, has 18.1 (estimate)", error);
        // offline-field sizes no fleet, so its workbook has no throughput input: support-bot-h100's does
        CliRun sized = CliRun.of("evaluate", "scenarios/support-bot-h100.yaml", "-o", dir.resolve("s.xlsx") + "");
        assertThat(sized.exitCode()).as(sized.err()).isZero();
        List<String> notes = new ArrayList<>();
        try (var book = org.apache.poi.ss.usermodel.WorkbookFactory.create(
                dir.resolve("s.xlsx").toFile())) {
            for (var row : book.getSheet("Assumptions")) {
                for (var cell : row) {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                            && cell.getStringCellValue().startsWith("generated tok/s")) {
                        notes.add(cell.getStringCellValue());
                    }
                }
            }
        }
        assertThat(notes)
                .isNotEmpty()
                .allSatisfy(
                        n -> assertThat(n).contains("; the serving model's estimate; ", "publishers weighted equally"));
    }

    @Test
    void aModelReleasedBelowBf16DefaultsToItsReleasedFormatOffConsumerCards(@TempDir Path dir) throws IOException {
        // gpt-oss-120b ships its experts in MXFP4 and runs on one 80 GB card; at BF16 it would need two
        JsonNode gptOss = json("--hardware", "nvidia/h100-sxm", "--model", "openai/gpt-oss-120b");
        assertThat(gptOss.path("quantization").asText()).isEqualTo("mxfp4");
        assertThat(gptOss.path("gpus").asInt()).isEqualTo(1);
        assertThat(gptOss.path("serves").asBoolean()).isTrue();
        // DeepSeek-V3 ships in FP8
        assertThat(json("--hardware", "nvidia/h200-sxm", "--model", "deepseek/deepseek-v3")
                        .path("quantization")
                        .asText())
                .isEqualTo("fp8");
        // a BF16 release stays BF16, and a consumer card runs GGUF on llama.cpp: Q4_K_M, but gpt-oss keeps
        // the MXFP4 it ships in, which GGUF holds (Ollama's gpt-oss:20b is those weights)
        assertThat(json("--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruct")
                        .path("quantization")
                        .asText())
                .isEqualTo("bf16");
        JsonNode llamaOnConsumer = json("--hardware", "nvidia/rtx-5090", "--model", "meta/llama-3.1-8b-instruct");
        assertThat(llamaOnConsumer.path("quantization").asText()).isEqualTo("q4_k_m");
        assertThat(llamaOnConsumer.path("engine").asText()).isEqualTo("llama.cpp");
        JsonNode gptOssOnConsumer = json("--hardware", "nvidia/rtx-5090", "--model", "openai/gpt-oss-20b");
        assertThat(gptOssOnConsumer.path("quantization").asText()).isEqualTo("mxfp4");
        assertThat(gptOssOnConsumer.path("engine").asText()).isEqualTo("llama.cpp");
        // stated, the batching server keeps the released MXFP4 there too
        assertThat(json("--hardware", "nvidia/rtx-5090", "--model", "openai/gpt-oss-20b", "--engine", "vllm")
                        .path("quantization")
                        .asText())
                .isEqualTo("mxfp4");
        // a scenario's option that names no quantization takes the same default
        JsonNode capacity = evaluated(dir, 500, 300, """
                  - id: h100
                    rented:
                      offer: runpod/h100-sxm
                      model: openai/gpt-oss-120b
                """).get(0).path("capacity");
        assertThat(capacity.path("estimate").path("gpus_per_replica").asInt()).isEqualTo(1);
        assertThat(capacity.path("detail").asText()).contains("openai/gpt-oss-120b at mxfp4 on 1 GPU");
    }

    /**
     * The options of a scenario of one workload ({@code input} and {@code output} tokens a query, 100,000
     * queries a month, 12 months) and {@code options} (YAML list items), evaluated to JSON in-process.
     */
    private static JsonNode evaluated(Path dir, int input, int output, String options) throws IOException {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, """
                name: one operating point
                horizon_months: 12
                workload:
                  queries_per_month: 100000
                  input_tokens_per_query: %d
                  output_tokens_per_query: %d
                options:
                """.formatted(input, output) + options);
        CliRun run = CliRun.of("evaluate", scenario.toString(), "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out()).path("options");
    }

    @Test
    void anEngineMayBeWrittenAsItsProjectOrItsRunnerNamesIt(@TempDir Path dir) throws IOException {
        String[] point = {"--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruct", "--engine", ""};
        Map<String, String> spellings = Map.of(
                "TensorRT-LLM", "trt-llm",
                "tensorrt_llm", "trt-llm",
                "trtllm", "trt-llm",
                "llama_cpp", "llama.cpp",
                "llama-server", "llama.cpp",
                "LM-Studio", "llama.cpp");
        for (var e : spellings.entrySet()) {
            point[point.length - 1] = e.getKey();
            assertThat(json(point).path("engine").asText()).as(e.getKey()).isEqualTo(e.getValue());
        }
        // a typo is still an error, pointed at the nearest name
        String[] mistyped = new String[point.length + 1];
        mistyped[0] = "estimate";
        System.arraycopy(point, 0, mistyped, 1, point.length);
        mistyped[point.length] = "tensorrt-lm";
        CliRun typo = CliRun.of(mistyped);
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("'tensorrt-lm' is not one of").contains("did you mean 'tensorrt-llm'");
        // a scenario reads the same names
        assertThat(evaluated(dir, 500, 300, """
                          - id: h100
                            rented:
                              offer: runpod/h100-sxm
                              model: meta/llama-3.1-8b-instruct
                              engine: TensorRT-LLM
                        """)
                        .get(0)
                        .path("capacity")
                        .path("estimate")
                        .path("engine")
                        .asText())
                .isEqualTo("trt-llm");
    }

    @Test
    void tensorRtLlmServesOnlyOnNvidiaAndNvfp4OnlyOnBlackwell(@TempDir Path dir) throws IOException {
        JsonNode amd = json("--hardware", "amd/mi300x", "--model", "meta/llama-3.1-8b-instruct", "--engine", "trt-llm");
        assertThat(amd.path("serves").asBoolean()).isFalse();
        assertThat(amd.path("tokens_per_second").asDouble()).isZero();
        assertThat(amd.path("problems").get(0).asText()).contains("trt-llm runs on NVIDIA GPUs only", "amd/mi300x");
        JsonNode hopper = json(
                "--hardware",
                "nvidia/h100-sxm",
                "--model",
                "meta/llama-3.1-8b-instruct",
                "--engine",
                "trt-llm",
                "--quantization",
                "nvfp4");
        assertThat(hopper.path("serves").asBoolean()).isFalse();
        assertThat(hopper.path("problems").get(0).asText()).contains("nvfp4 on Blackwell GPUs only");
        // Blackwell runs it, and vLLM on AMD and TensorRT-LLM's other formats on Hopper stay as they were
        for (String[] serving : List.of(
                new String[] {"nvidia/b200", "trt-llm", "nvfp4"},
                new String[] {"amd/mi300x", "vllm", "bf16"},
                new String[] {"nvidia/h100-sxm", "trt-llm", "fp8"})) {
            JsonNode r = json(
                    "--hardware",
                    serving[0],
                    "--model",
                    "meta/llama-3.1-8b-instruct",
                    "--engine",
                    serving[1],
                    "--quantization",
                    serving[2]);
            assertThat(r.path("serves").asBoolean())
                    .as(String.join(" ", serving))
                    .isTrue();
            assertThat(r.path("problems")).as(String.join(" ", serving)).isEmpty();
        }
        // a scenario's option of AMD cards served by trt-llm is infeasible and says why
        JsonNode option = evaluated(dir, 500, 300, """
                  - id: mi300x
                    self_hosted:
                      hardware: amd/mi300x
                      count: 1
                      model: meta/llama-3.1-8b-instruct
                      engine: trt-llm
                """).get(0);
        assertThat(option.path("feasible").asBoolean()).isFalse();
        assertThat(option.path("problems").toString()).contains("trt-llm runs on NVIDIA GPUs only");
    }

    /** Llama 3.1 8B estimated on "HARDWARE ENGINE QUANTIZATION". */
    private static JsonNode llama8b(String setup) throws IOException {
        String[] s = setup.split(" ");
        return json(
                "--hardware", s[0], "--model", "meta/llama-3.1-8b-instruct", "--engine", s[1], "--quantization", s[2]);
    }

    @Test
    void anEngineServesOnlyTheFormatsItsFilesHold(@TempDir Path dir) throws IOException {
        // llama.cpp and Ollama read GGUF, TensorRT-LLM reads no GGUF, and its FP8 needs FP8 tensor cores
        Map<String, String> cannot = Map.of(
                "nvidia/rtx-4090 llama.cpp awq",
                        "llama.cpp reads GGUF files (ggml's types), which have no awq format: choose q4_k_m",
                "nvidia/rtx-4090 ollama fp8",
                        "ollama reads GGUF files (ggml's types), which have no fp8 format: choose q8_0",
                "nvidia/rtx-4090 llama.cpp int8", "no int8 format: choose q8_0",
                "nvidia/h100-sxm trt-llm q4_k_m", "trt-llm reads no GGUF format such as q4_k_m",
                "nvidia/a100-80gb-sxm trt-llm fp8", "trt-llm runs fp8 on Ada, Hopper and Blackwell GPUs only");
        for (var e : cannot.entrySet()) {
            JsonNode r = llama8b(e.getKey());
            assertThat(r.path("serves").asBoolean()).as(e.getKey()).isFalse();
            assertThat(r.path("tokens_per_second").asDouble()).as(e.getKey()).isZero();
            assertThat(r.path("problems").get(0).asText()).as(e.getKey()).contains(e.getValue());
        }
        // ggml's own 4-bit floats and the 16-bit ones serve; vLLM reads GGUF; TensorRT-LLM's FP8 on Ada serves
        for (String serving : List.of(
                "nvidia/rtx-4090 llama.cpp nvfp4",
                "nvidia/rtx-4090 ollama mxfp4",
                "nvidia/rtx-4090 llama.cpp bf16",
                "nvidia/rtx-4090 vllm q4_k_m",
                "nvidia/l40s trt-llm fp8",
                "nvidia/a100-80gb-sxm trt-llm int8")) {
            JsonNode r = llama8b(serving);
            assertThat(r.path("serves").asBoolean()).as(serving).isTrue();
            assertThat(r.path("problems")).as(serving).isEmpty();
        }
        // where llama.cpp or Ollama serves, stated or the default on Apple hardware, a model defaults to Q4_K_M,
        // what Ollama's library serves (deepseek-r1:671b is 404 GB), a model released in FP8 or BF16 alike; one
        // released narrower keeps its format; the batching servers keep the released FP8
        assertThat(json("--hardware", "apple/mac-studio-m3-ultra-512gb", "--model", "deepseek/deepseek-r1")
                        .path("quantization")
                        .asText())
                .isEqualTo("q4_k_m");
        assertThat(json(
                                "--hardware",
                                "nvidia/h200-sxm",
                                "--gpus",
                                "8",
                                "--model",
                                "deepseek/deepseek-r1",
                                "--engine",
                                "ollama")
                        .path("quantization")
                        .asText())
                .isEqualTo("q4_k_m");
        assertThat(json("--hardware", "apple/mac-studio-m4-max-128gb", "--model", "openai/gpt-oss-120b")
                        .path("quantization")
                        .asText())
                .isEqualTo("mxfp4");
        // a Mac Studio and a Mac mini take the same default: the format, not the box's class, decides the speed
        for (String mac : List.of("apple/mac-studio-m2-ultra", "apple/mac-mini-m4-pro-64gb")) {
            assertThat(json("--hardware", mac, "--model", "meta/llama-3.1-8b-instruct")
                            .path("quantization")
                            .asText())
                    .as(mac)
                    .isEqualTo("q4_k_m");
        }
        assertThat(json("--hardware", "nvidia/h200-sxm", "--gpus", "8", "--model", "deepseek/deepseek-r1")
                        .path("quantization")
                        .asText())
                .isEqualTo("fp8");
        // a scenario's option says the same, and takes the same default
        JsonNode options = evaluated(dir, 500, 300, """
                  - id: awq
                    self_hosted:
                      hardware: nvidia/rtx-4090
                      count: 1
                      model: meta/llama-3.1-8b-instruct
                      engine: llama.cpp
                      quantization: awq
                  - id: ollama
                    self_hosted:
                      hardware: nvidia/h200-sxm
                      count: 8
                      model: deepseek/deepseek-r1
                      engine: ollama
                """);
        assertThat(options.get(0).path("feasible").asBoolean()).isFalse();
        assertThat(options.get(0).path("problems").toString()).contains("llama.cpp reads GGUF files");
        // its capacity gives the reason, not a latency or a bound of something that does not run
        assertThat(options.get(0).path("capacity").path("detail").asText())
                .contains("at awq on 1 GPU (llama.cpp) cannot serve: llama.cpp reads GGUF files")
                .doesNotContain("TTFT")
                .doesNotContain("-bound");
        assertThat(options.get(1).path("capacity").path("detail").asText()).contains("deepseek/deepseek-r1 at q4_k_m");
        assertThat(options.get(1).path("problems").toString()).doesNotContain("GGUF");
        // an option that cannot serve is not told to bench a throughput it does not have; one that serves is
        CliRun again = CliRun.of("evaluate", dir.resolve("s.yaml").toString(), "-f", "json");
        List<String> warnings = new ArrayList<>();
        JSON.readTree(again.out()).path("warnings").forEach(w -> warnings.add(w.asText()));
        assertThat(warnings)
                .noneMatch(w -> w.startsWith("awq: throughput is the serving model's estimate"))
                .anyMatch(w -> w.startsWith("ollama: throughput is the serving model's estimate"));
        // the workbook gives the same reason beside the greyed figures, and none for an option that serves
        Path workbook = dir.resolve("s.xlsx");
        CliRun xlsx = CliRun.of("evaluate", dir.resolve("s.yaml").toString(), "-f", "xlsx", "-o", workbook.toString());
        assertThat(xlsx.exitCode()).as(xlsx.err()).isZero();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(workbook))) {
            var summary = book.getSheet("Summary");
            assertThat(summary.getRow(0).getCell(11).getStringCellValue()).isEqualTo("Why not comparable");
            assertThat(summary.getRow(1).getCell(0).getStringCellValue()).isEqualTo("awq");
            assertThat(summary.getRow(1).getCell(11).getStringCellValue())
                    .isEqualTo(options.get(0).path("problems").get(0).asText());
            assertThat(summary.getRow(2).getCell(0).getStringCellValue()).isEqualTo("ollama");
            assertThat(summary.getRow(2).getCell(11)).isNull();
        }
    }

    @Test
    void tensorRtLlmServingFp8OrNvfp4WeightsDefaultsToAnFp8KvCache(@TempDir Path dir) throws IOException {
        // NVIDIA's FP8 and FP4 checkpoints carry an FP8 KV cache, and TensorRT-LLM takes the checkpoint's:
        // 5,500-token streams of Llama 70B on two H100s, which an FP16 cache holds 47 of
        String[] point = {
            "--hardware", "nvidia/h100-sxm", "--gpus", "2", "--model", "meta/llama-3.3-70b-instruct",
            "--quantization", "fp8", "--engine", "trt-llm", "--concurrency", "100",
            "--input-tokens", "5000", "--output-tokens", "500"
        };
        JsonNode byDefault = json(point);
        assertThat(byDefault.path("kv_precision").asText()).isEqualTo("fp8");
        String[] fp16 = java.util.Arrays.copyOf(point, point.length + 2);
        fp16[point.length] = "--kv-precision";
        fp16[point.length + 1] = "fp16";
        JsonNode stated = json(fp16);
        assertThat(stated.path("kv_precision").asText()).isEqualTo("fp16");
        // half the bytes a token: about twice the streams, and more tokens a second
        assertThat(byDefault.path("streams").asInt())
                .isGreaterThan(stated.path("streams").asInt() * 19 / 10);
        assertThat(byDefault.path("tokens_per_second").asDouble())
                .isGreaterThan(stated.path("tokens_per_second").asDouble());
        // vLLM's FP8 weights and TensorRT-LLM's BF16 keep the FP16 cache
        assertThat(json(
                                "--hardware",
                                "nvidia/h100-sxm",
                                "--model",
                                "meta/llama-3.1-8b-instruct",
                                "--quantization",
                                "fp8",
                                "--engine",
                                "vllm")
                        .path("kv_precision")
                        .asText())
                .isEqualTo("fp16");
        assertThat(json("--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruct", "--engine", "trt-llm")
                        .path("kv_precision")
                        .asText())
                .isEqualTo("fp16");
        // a scenario's option takes the same default, and a stated one wins
        String option = """
                  - id: %s
                    rented:
                      offer: runpod/h100-sxm
                      count: 2
                      model: meta/llama-3.3-70b-instruct
                      quantization: fp8
                      engine: trt-llm
                %s""";
        JsonNode options = evaluated(
                dir,
                5000,
                500,
                option.formatted("trt", "") + option.formatted("trt-fp16", "      kv_precision: fp16\n"));
        assertThat(options.get(0)
                        .path("capacity")
                        .path("estimate")
                        .path("kv_precision")
                        .asText())
                .isEqualTo("fp8");
        assertThat(options.get(1)
                        .path("capacity")
                        .path("estimate")
                        .path("kv_precision")
                        .asText())
                .isEqualTo("fp16");
    }

    @Test
    void jsonMatchesTheSchemaAndTheSameFiguresAsAnEvaluation(@TempDir Path dir) throws IOException {
        JsonNode r = json(
                "--hardware",
                "nvidia/rtx-4090",
                "--model",
                "meta/llama-3.1-8b-instruct",
                "--input-tokens",
                "500",
                "--output-tokens",
                "500");
        // a consumer card defaults to q4_k_m on llama.cpp, one stream, one card
        assertThat(r.path("quantization").asText()).isEqualTo("q4_k_m");
        assertThat(r.path("engine").asText()).isEqualTo("llama.cpp");
        assertThat(r.path("gpus").asInt()).isEqualTo(1);
        assertThat(r.path("concurrency").asInt()).isEqualTo(1);
        assertThat(r.path("serves").asBoolean()).isTrue();
        assertThat(r.path("accuracy").path("group").asText()).isEqualTo("consumer-single-stream");
        // the group's error as a range of this replica's tok/s: four in five publishers' runs inside it
        JsonNode accuracy = r.path("accuracy");
        double tokens = r.path("tokens_per_second").asDouble();
        assertThat(accuracy.path("low_factor").asDouble()).isLessThan(1);
        assertThat(accuracy.path("high_factor").asDouble()).isGreaterThan(1);
        assertThat(r.path("tokens_per_second_range").path("low").asDouble())
                .isCloseTo(tokens * accuracy.path("low_factor").asDouble(), within(0.1));
        assertThat(r.path("tokens_per_second_range").path("high").asDouble())
                .isCloseTo(tokens * accuracy.path("high_factor").asDouble(), within(0.1));
        assertThat(accuracy.path("within_30_pct_by_publisher").asDouble()).isBetween(0.0, 100.0);
        assertThat(r.path("nearest")).hasSize(5);
        assertThat(r.path("nearest").get(0).path("model").asText()).isEqualTo("meta/llama-3.1-8b-instruct");
        // what evaluate estimates for the same option, at the same operating point, is the same figure
        double estimated = r.path("tokens_per_second").asDouble();
        assertThat(estimated).isGreaterThan(50).isLessThan(250);
        JsonNode evaluated =
                evaluated(dir, 500, 500, """
                  - id: box
                    self_hosted:
                      hardware: nvidia/rtx-4090
                      count: 1
                      model: meta/llama-3.1-8b-instruct
                """).get(0).path("capacity").path("estimate");
        assertThat(evaluated.path("tokens_per_second_per_replica").asDouble()).isEqualTo(estimated);
        assertThat(evaluated.path("streams").asInt())
                .isEqualTo(r.path("streams").asInt());
    }

    @Test
    void aMixtureOfExpertsAtOneStreamOnABatchingServerCarriesItsCellsWiderErrorInEveryFormat(@TempDir Path dir)
            throws IOException {
        String[] one = {"--hardware", "nvidia/h100-sxm", "--model", "openai/gpt-oss-20b", "--engine", "vllm"};
        JsonNode alone = json(concat(one, "--concurrency", "1"));
        JsonNode batched = json(concat(one, "--concurrency", "16"));
        JsonNode cell = alone.path("accuracy");
        JsonNode group = batched.path("accuracy");
        // the group stays the issue's, the figures are the cell's: fewer runs, a wider range
        assertThat(cell.path("group").asText()).isEqualTo("moe");
        assertThat(cell.path("cell").asText()).isEqualTo("moe-one-stream-server");
        assertThat(group.path("group").asText()).isEqualTo("moe");
        assertThat(group.path("cell").isNull()).isTrue();
        assertThat(cell.path("runs").asInt()).isLessThan(group.path("runs").asInt());
        assertThat(cell.path("publishers").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(cell.path("within_30_pct").asDouble())
                .isLessThan(group.path("within_30_pct").asDouble());
        double rate = alone.path("tokens_per_second").asDouble();
        assertThat(alone.path("tokens_per_second_range").path("low").asDouble())
                .isCloseTo(rate * cell.path("low_factor").asDouble(), within(rate * 0.0005 + 0.05));
        // llama.cpp at one stream is not in the cell
        assertThat(json("--hardware", "nvidia/rtx-4090", "--model", "openai/gpt-oss-20b", "--concurrency", "1")
                        .path("accuracy")
                        .path("cell")
                        .isNull())
                .isTrue();
        // the table says the same figures under the cell's label
        CliRun table = CliRun.of(concat(new String[] {"estimate"}, concat(one, "--concurrency", "1")));
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().replaceAll("\\s+", " "))
                .contains("Measured error of its group, " + cell.path("label").asText() + ": "
                        + Math.round(cell.path("within_30_pct").asDouble()) + " % of "
                        + cell.path("runs").asInt() + " published runs");
        // and evaluate's estimated option carries the same accuracy object, field for field
        JsonNode evaluated =
                evaluated(dir, 1000, 500, """
                  - id: one-stream
                    self_hosted:
                      hardware: nvidia/h100-sxm
                      count: 1
                      model: openai/gpt-oss-20b
                      engine: vllm
                      concurrency: 1
                """).get(0).path("capacity").path("estimate");
        assertThat(evaluated.path("accuracy")).isEqualTo(cell);
    }

    @Test
    void aBatchingServerAboveSixtyFourStreamsCarriesItsGroupsManyStreamsCellInEstimateAndEvaluate(@TempDir Path dir)
            throws IOException {
        String[] moe = {
            "--hardware", "nvidia/h100-sxm", "--gpus", "8", "--model", "openai/gpt-oss-120b", "--engine", "sglang"
        };
        JsonNode many = json(concat(moe, "--concurrency", "128")).path("accuracy");
        JsonNode at64 = json(concat(moe, "--concurrency", "64")).path("accuracy");
        assertThat(many.path("group").asText()).isEqualTo("moe");
        assertThat(many.path("cell").asText()).isEqualTo("moe-many-streams-server");
        assertThat(at64.path("cell").isNull()).isTrue();
        assertThat(many.path("within_30_pct").asDouble())
                .isLessThan(at64.path("within_30_pct").asDouble());
        JsonNode dense = json(
                        "--hardware",
                        "nvidia/h100-sxm",
                        "--gpus",
                        "4",
                        "--model",
                        "meta/llama-3.3-70b-instruct",
                        "--quantization",
                        "fp8",
                        "--engine",
                        "vllm",
                        "--concurrency",
                        "256")
                .path("accuracy");
        assertThat(dense.path("group").asText()).isEqualTo("multi-gpu");
        assertThat(dense.path("cell").asText()).isEqualTo("multi-gpu-many-streams-server");
        assertThat(dense.path("publishers").asInt()).isGreaterThanOrEqualTo(5);
        // an option served at 128 streams carries the same figures in evaluate, under the same names
        JsonNode evaluated =
                evaluated(dir, 1000, 500, """
                  - id: many-streams
                    self_hosted:
                      hardware: nvidia/h100-sxm
                      count: 8
                      model: openai/gpt-oss-120b
                      engine: sglang
                      concurrency: 128
                """).get(0).path("capacity").path("estimate");
        assertThat(evaluated.path("accuracy").path("cell").asText()).isEqualTo("moe-many-streams-server");
        assertThat(evaluated.path("accuracy").path("runs")).isEqualTo(many.path("runs"));
    }

    @Test
    void evaluateGivesAnEstimatesErrorAndRangeUnderTheNamesAndValuesEstimateGives() throws IOException {
        CliRun evaluate = CliRun.of("evaluate", "scenarios/offline-field.yaml", "-f", "json");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        JsonNode l40s = null;
        for (JsonNode o : JSON.readTree(evaluate.out()).path("options"))
            if (o.path("id").asText().equals("rented-l40s"))
                l40s = o.path("capacity").path("estimate");
        assertThat(l40s).as("offline-field's rented L40S is estimated").isNotNull();
        // estimate at an operating point of the same group: the same accuracy object, field for field
        JsonNode alone = json("--hardware", "nvidia/l40s", "--model", "google/gemma-3-27b-it", "--quantization", "fp8");
        assertThat(alone.path("accuracy").path("group").asText()).isEqualTo("datacenter-dense");
        assertThat(l40s.path("accuracy")).isEqualTo(alone.path("accuracy"));
        // and the replica's rate times the group's factors, as estimate's tokens_per_second_range (the factors
        // are written to three decimals, the range from the unrounded ones)
        double rate = l40s.path("tokens_per_second_per_replica").asDouble();
        JsonNode range = l40s.path("tokens_per_second_per_replica_range");
        var rounding = within(rate * 0.0005 + 0.05);
        assertThat(range.path("low").asDouble())
                .isCloseTo(rate * l40s.path("accuracy").path("low_factor").asDouble(), rounding)
                .isLessThan(rate);
        assertThat(range.path("high").asDouble())
                .isCloseTo(rate * l40s.path("accuracy").path("high_factor").asDouble(), rounding)
                .isGreaterThan(rate);
    }

    @Test
    void runsHeldOutOfTheFitAreMarkedAmongTheNearest() throws IOException {
        // the Qwen team's AWQ runs on an A100 are batch 5, held out of the fit (methodology §11.7)
        String[] args = {
            "--hardware", "nvidia/a100-80gb-sxm", "--model", "qwen/qwen2.5-7b-instruct", "--quantization", "awq"
        };
        JsonNode r = json(args);
        JsonNode heldOut = null;
        for (JsonNode n : r.path("nearest")) if (n.path("held_out").asBoolean()) heldOut = n;
        assertThat(heldOut).as("a held-out run among the nearest").isNotNull();
        assertThat(heldOut.path("id").asText()).startsWith("b5-");
        String[] table = new String[args.length + 1];
        table[0] = "estimate";
        System.arraycopy(args, 0, table, 1, args.length);
        CliRun run = CliRun.of(table);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("† held out of the fit: a check of the model out of sample (docs/methodology.md §11.7)")
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "%.1f†",
                        heldOut.path("measured_tokens_per_second").asDouble()))
                // these ids stay unique only at full length: the runs are numbered and each id given in full
                .contains("  #1 " + r.path("nearest").get(0).path("id").asText())
                .contains(heldOut.path("id").asText());
        assertThat(run.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        // runs the model is fitted on carry no mark
        JsonNode fitted = json("--hardware", "nvidia/rtx-4090", "--model", "meta/llama-3.1-8b-instruct");
        for (JsonNode n : fitted.path("nearest"))
            assertThat(n.path("held_out").asBoolean()).isFalse();
    }

    @Test
    void seventyBillionAtQ4OnTwoConsumerCardsFitsWithTheLayerSplit() throws IOException {
        JsonNode r = json(
                "--hardware",
                "nvidia/rtx-3090",
                "--model",
                "meta/llama-3.1-70b-instruct",
                "--quantization",
                "q4_k_m",
                "--gpus",
                "2",
                "--input-tokens",
                "0",
                "--output-tokens",
                "512");
        assertThat(r.path("serves").asBoolean()).isTrue();
        assertThat(r.path("parallelism").asText()).isEqualTo("pipeline");
        // published at 16.6 tok/s (llama-bench tg512, two RTX 3090s)
        assertThat(r.path("tokens_per_second").asDouble()).isBetween(16.57 * 0.7, 16.57 * 1.3);
    }

    @Test
    void aModelThatDoesNotFitIsSaidSoAndDeliversNothing() throws IOException {
        JsonNode r = json(
                "--hardware",
                "nvidia/l40s-1x-server",
                "--model",
                "meta/llama-3.3-70b-instruct",
                "--quantization",
                "bf16");
        assertThat(r.path("serves").asBoolean()).isFalse();
        assertThat(r.path("tokens_per_second").asDouble()).isZero();
        assertThat(r.path("tokens_per_second_range").isNull()).isTrue();
        JsonNode wide = json(
                "--hardware",
                "nvidia/l40s-1x-server",
                "--model",
                "meta/llama-3.3-70b-instruct",
                "--quantization",
                "fp8",
                "--gpus",
                "2");
        assertThat(wide.path("problems").get(0).asText())
                .startsWith("a replica of 2 GPUs would span 2 separate nvidia/l40s-1x-server servers");
    }

    @Test
    void twoUnifiedMemoryComputersAreTwoMachinesNotOneReplica(@TempDir Path dir) throws IOException {
        // a DGX Spark's GPU shares the machine's memory: two of them are two computers, as two Macs are
        for (String computer : List.of("nvidia/dgx-spark", "apple/mac-studio-m2-ultra")) {
            JsonNode two = json("--hardware", computer, "--gpus", "2", "--model", "meta/llama-3.1-70b-instruct");
            assertThat(two.path("serves").asBoolean()).as(computer).isFalse();
            assertThat(two.path("problems").get(0).asText())
                    .as(computer)
                    .startsWith("a replica of 2 GPUs would span 2 separate " + computer + " computers");
        }
        // an owned pair serves as two replicas of one machine each, not one of two
        JsonNode estimate =
                evaluated(dir, 500, 300, """
                  - id: sparks
                    self_hosted:
                      hardware: nvidia/dgx-spark
                      count: 2
                      model: meta/llama-3.1-8b-instruct
                """).get(0).path("capacity").path("estimate");
        assertThat(estimate.path("gpus_per_replica").asInt()).isEqualTo(1);
    }

    @Test
    void aModelThatDoesNotFitNamesTheWidestNarrowerFormatItsEngineReadsThatWould(@TempDir Path dir) throws IOException {
        // DeepSeek-R1 at q8_0 under llama.cpp on a Mac (713.6 GB of 412.3 usable); q6_k and q5_k_m miss too,
        // q4_k_m fits
        String[] r1AtQ8 = {
            "--hardware", "apple/mac-studio-m3-ultra-512gb", "--model", "deepseek/deepseek-r1", "--quantization", "q8_0"
        };
        JsonNode mac = json(r1AtQ8);
        assertThat(mac.path("serves").asBoolean()).isFalse();
        assertThat(mac.path("fits_at").path("quantization").asText()).isEqualTo("q4_k_m");
        double needed = mac.path("fits_at").path("needed_gb").asDouble();
        assertThat(needed)
                .isLessThanOrEqualTo(mac.path("memory").path("usable_gb").asDouble());
        // asked for, it serves and needs what was said
        JsonNode there = json(
                "--hardware",
                "apple/mac-studio-m3-ultra-512gb",
                "--model",
                "deepseek/deepseek-r1",
                "--quantization",
                "q4_k_m");
        assertThat(there.path("serves").asBoolean()).isTrue();
        assertThat(there.path("fits_at").isNull()).isTrue();
        JsonNode memory = there.path("memory");
        assertThat(memory.path("weights_gb").asDouble()
                        + memory.path("overhead_gb").asDouble()
                        + memory.path("kv_per_stream_gb").asDouble())
                .isCloseTo(needed, org.assertj.core.data.Offset.offset(0.06));
        // a batching server on H100s: fp8 misses, H100 has no FP4 cores for nvfp4, awq fits
        JsonNode h100 = json("--hardware", "nvidia/h100-sxm", "--gpus", "4", "--model", "meta/llama-3.1-405b-instruct");
        assertThat(h100.path("fits_at").path("quantization").asText()).isEqualTo("awq");
        // TensorRT-LLM on an A100 cannot run fp8, so a 70B at bf16 on two A100s is offered awq, not fp8
        JsonNode a100 = json(
                "--hardware",
                "nvidia/a100-80gb-sxm",
                "--gpus",
                "1",
                "--model",
                "meta/llama-3.1-70b-instruct",
                "--engine",
                "trt-llm");
        assertThat(a100.path("fits_at").path("quantization").asText()).isEqualTo("awq");
        JsonNode vllm =
                json("--hardware", "nvidia/a100-80gb-sxm", "--gpus", "1", "--model", "meta/llama-3.1-70b-instruct");
        assertThat(vllm.path("fits_at").path("quantization").asText()).isEqualTo("fp8");
        // nothing narrower holds 405B on one 24 GB card; and a model that fits is offered nothing
        assertThat(json("--hardware", "nvidia/rtx-4090", "--model", "meta/llama-3.1-405b-instruct")
                        .path("fits_at")
                        .isNull())
                .isTrue();
        assertThat(json("--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruct")
                        .path("fits_at")
                        .isNull())
                .isTrue();
        // the table says it after the figures, and an evaluation's reason says the same
        CliRun table = CliRun.of(concat(new String[] {"estimate"}, r1AtQ8));
        assertThat(table.out().replaceAll("\\s+", " "))
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "At q4_k_m, a format llama.cpp reads, it needs %.1f GB and fits: --quantization q4_k_m.",
                        needed));
        JsonNode options = evaluated(dir, 500, 500, """
                  - id: mac
                    self_hosted:
                      hardware: apple/mac-studio-m3-ultra-512gb
                      count: 1
                      model: deepseek/deepseek-r1
                      quantization: q8_0
                """);
        assertThat(options.get(0).path("feasible").asBoolean()).isFalse();
        assertThat(options.get(0).path("problems").toString())
                .contains("deepseek/deepseek-r1 at q8_0 does not fit in memory")
                .contains("(at q4_k_m, a format llama.cpp reads, it needs ")
                .contains("and fits: quantization: q4_k_m)");
        // its capacity line gives what it needs and has, not the latency of a replica that cannot hold it
        assertThat(options.get(0).path("capacity").path("detail").asText())
                .matches(
                        "0\\.0 tok/s per replica: deepseek/deepseek-r1 at q8_0 on 1 GPU \\(llama\\.cpp\\) does not fit in"
                                + " memory \\(it needs 71\\d\\.\\d GB, the replica offers "
                                + String.format(
                                        java.util.Locale.ROOT,
                                        "%.1f",
                                        mac.path("memory").path("usable_gb").asDouble())
                                + " GB usable\\)")
                .doesNotContain("TTFT");
    }

    @Test
    void llamaCppsTensorSplitIsEstimatedWithACautionInEstimateAndEvaluate(@TempDir Path dir) throws IOException {
        String[] two = {
            "estimate", "--hardware", "nvidia/rtx-3090", "--gpus", "2", "--model", "meta/llama-3.1-70b-instruct"
        };
        CliRun tensor = CliRun.of(concat(two, "--parallelism", "tensor"));
        assertThat(tensor.exitCode()).as(tensor.err()).isZero();
        assertThat(tensor.err())
                .contains("aichoose: warning: llama.cpp's tensor split across 2 GPUs is estimated as a batching "
                        + "server's tensor parallelism, which it is not")
                .contains("ggml-org/llama.cpp#22729");
        CliRun layer = CliRun.of(two);
        assertThat(layer.exitCode()).as(layer.err()).isZero();
        assertThat(layer.err()).doesNotContain("tensor split");
        Path scenario = dir.resolve("split.yaml");
        Files.writeString(scenario, """
                name: two cards
                horizon_months: 12
                workload: {queries_per_month: 10000, input_tokens_per_query: 500, output_tokens_per_query: 200}
                options:
                  - id: rows
                    self_hosted:
                      {hardware: nvidia/rtx-3090, count: 2, model: meta/llama-3.1-70b-instruct, parallelism: tensor}
                  - id: layers
                    self_hosted: {hardware: nvidia/rtx-3090, count: 2, model: meta/llama-3.1-70b-instruct}
                """);
        CliRun run = CliRun.of("evaluate", scenario.toString(), "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String warnings = JSON.readTree(run.out()).path("warnings").toString();
        assertThat(warnings).contains("rows: llama.cpp's tensor split across 2 GPUs");
        assertThat(warnings).doesNotContain("layers: llama.cpp's tensor split");
    }

    @Test
    void latencyTargetsOneStreamMissesOnTheSmallestReplicaTakeAWiderOne(@TempDir Path dir) throws IOException {
        // Llama 70B fits two H100s, where one stream decodes at about 34 ms a token: a 25 ms target needs more GPUs
        String[] seventy = {"--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-70b-instruct"};
        JsonNode two = json(concat(seventy, "--gpus", "2", "--slo", "tpot=25ms"));
        assertThat(two.path("serves").asBoolean()).isFalse();
        JsonNode wider = json(concat(seventy, "--slo", "tpot=25ms"));
        assertThat(wider.path("serves").asBoolean()).as(wider.toString()).isTrue();
        assertThat(wider.path("gpus").asInt()).isGreaterThan(2);
        assertThat(wider.path("tpot_ms").asDouble()).isLessThanOrEqualTo(25);
        // a target no replica of one chassis meets says what the widest one takes
        JsonNode none = json(concat(seventy, "--slo", "tpot=5ms"));
        assertThat(none.path("serves").asBoolean()).isFalse();
        assertThat(none.path("problems").get(0).asText())
                .contains("on a replica of 2 GPUs; on 8 GPUs, the widest replica it may span, a TTFT of");
        // evaluate takes the same step within the option's GPUs
        String slo = """
                name: one operating point
                horizon_months: 12
                workload:
                  queries_per_month: 100000
                  input_tokens_per_query: 1000
                  output_tokens_per_query: 500
                  slo: {tpot_ms: 25}
                options:
                  - id: eight
                    self_hosted: {hardware: nvidia/h100-sxm, count: 8, model: meta/llama-3.1-70b-instruct}
                  - id: two
                    self_hosted:
                      {hardware: nvidia/h100-sxm, count: 2, model: meta/llama-3.1-70b-instruct, concurrency: 4}
                """;
        Path scenario = dir.resolve("slo.yaml");
        Files.writeString(scenario, slo);
        CliRun run = CliRun.of("evaluate", scenario.toString(), "-f", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode options = JSON.readTree(run.out()).path("options");
        assertThat(options.get(0).path("feasible").asBoolean())
                .as(options.get(0).toString())
                .isTrue();
        assertThat(options.get(0)
                        .path("capacity")
                        .path("estimate")
                        .path("gpus_per_replica")
                        .asInt())
                .isEqualTo(wider.path("gpus").asInt());
        assertThat(options.get(1).path("feasible").asBoolean()).isFalse();
        // two GPUs hold its four streams but are too slow for the target, and the option has no more
        assertThat(options.get(1).path("problems").toString())
                .contains("at no concurrency: one stream alone has a TTFT of")
                .contains("on a replica of 2 GPUs");
    }

    @Test
    void latencyTargetsPickTheHighestConcurrencyThatMeetsThem() throws IOException {
        JsonNode loose =
                json("--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruct", "--slo", "tpot=40ms");
        JsonNode tight =
                json("--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruct", "--slo", "tpot=15ms");
        int many = loose.path("slo_concurrency").asInt();
        int few = tight.path("slo_concurrency").asInt();
        assertThat(few).isPositive().isLessThan(many);
        assertThat(tight.path("tpot_ms").asDouble()).isLessThanOrEqualTo(15);
        JsonNode none =
                json("--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruct", "--slo", "tpot=1ms");
        assertThat(none.path("slo_concurrency").isNull()).isTrue();
        assertThat(none.path("serves").asBoolean()).isFalse();
        assertThat(none.path("problems").get(0).asText())
                .startsWith("the estimate meets the latency targets (TPOT ≤ 1.0 ms) at no concurrency: one stream "
                        + "alone has a TTFT of");
    }

    @Test
    void aOneTokenRequestWaitsForTheOtherStreamsPromptsBeforeItsOnlyToken() throws IOException {
        // 4,000-token prompts answered with one token each (a classifier): each request's latency is its TTFT,
        // and with b streams each finishes one request a cycle, so TTFT is at least b ÷ tok/s
        String[] classify = {
            "--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruct",
            "--input-tokens", "4000", "--output-tokens", "1"
        };
        JsonNode at32 = json(concat(classify, "--concurrency", "32"));
        double cycleMs = 1000
                * at32.path("streams").asInt()
                / at32.path("tokens_per_second").asDouble();
        // (the report rounds both figures: within 1 %)
        assertThat(at32.path("ttft_ms").asDouble()).isGreaterThanOrEqualTo(cycleMs * 0.99);
        // so a TTFT target holds the streams to those whose prompts together fit in it
        JsonNode slo = json(concat(classify, "--slo", "ttft=500ms"));
        int streams = slo.path("slo_concurrency").asInt();
        assertThat(streams).isPositive();
        assertThat(slo.path("ttft_ms").asDouble()).isLessThanOrEqualTo(500);
        assertThat(1000 * streams / slo.path("tokens_per_second").asDouble()).isLessThanOrEqualTo(500 * 1.01);
    }

    @Test
    void aRequestLongerThanTheModelsContextCannotBeServedAsEvaluateSays(@TempDir Path dir) throws IOException {
        JsonNode tooLong = json(
                "--hardware",
                "nvidia/l4",
                "--model",
                "microsoft/phi-3-mini-4k-instruct",
                "--input-tokens",
                "6000",
                "--output-tokens",
                "500");
        assertThat(tooLong.path("serves").asBoolean()).isFalse();
        String words = "a request of 6,500 tokens exceeds microsoft/phi-3-mini-4k-instruct's context of 4,096 tokens";
        assertThat(tooLong.path("problems").toString()).contains(words);
        // evaluate says the same of an option serving it to the same requests
        JsonNode evaluated = evaluated(dir, 6000, 500, """
                  - id: phi
                    self_hosted:
                      hardware: nvidia/l4
                      count: 1
                      model: microsoft/phi-3-mini-4k-instruct
                """).get(0);
        assertThat(evaluated.path("feasible").asBoolean()).isFalse();
        assertThat(evaluated.toString()).contains(words);
        // the context itself is a request it serves
        assertThat(json(
                                "--hardware",
                                "nvidia/l4",
                                "--model",
                                "microsoft/phi-3-mini-4k-instruct",
                                "--input-tokens",
                                "3596",
                                "--output-tokens",
                                "500")
                        .path("serves")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void streamsBeyondTheEnginesDefaultNameTheSettingAndWhatTheDefaultServes() throws IOException {
        String[] point = {
            "--hardware",
            "nvidia/rtx-4090",
            "--model",
            "meta/llama-3.1-8b-instruct",
            "--input-tokens",
            "500",
            "--output-tokens",
            "300"
        };
        for (String[] engine : List.of(
                new String[] {"ollama", "1", "OLLAMA_NUM_PARALLEL=8"},
                new String[] {"llama.cpp", "4", "--parallel 8 (LM Studio: Max Concurrent Predictions 8)"},
                new String[] {"lm-studio", "4", "--parallel 8 (LM Studio: Max Concurrent Predictions 8)"})) {
            JsonNode busy = json(concat(point, "--engine", engine[0], "--concurrency", "8"));
            JsonNode at = busy.path("engine_default");
            assertThat(at.path("streams").asInt()).as(engine[0]).isEqualTo(Integer.parseInt(engine[1]));
            assertThat(at.path("needs").asText()).as(engine[0]).isEqualTo(engine[2]);
            // what a server started without the setting serves is the estimate at the default's streams
            JsonNode plain = json(concat(point, "--engine", engine[0], "--concurrency", engine[1]));
            assertThat(at.path("tokens_per_second").asDouble())
                    .as(engine[0])
                    .isEqualTo(plain.path("tokens_per_second").asDouble())
                    .isLessThan(busy.path("tokens_per_second").asDouble());
            assertThat(at.path("tpot_ms").asDouble())
                    .isEqualTo(plain.path("tpot_ms").asDouble());
            assertThat(plain.path("engine_default").isNull())
                    .as("within the default, nothing to set")
                    .isTrue();
        }
        CliRun table =
                CliRun.of(concat(new String[] {"estimate"}, concat(point, "--engine", "ollama", "--concurrency", "8")));
        assertThat(table.out().replaceAll("\\s+", " "))
                .contains(
                        "Engine setting: ollama decodes 1 request at a time unless its server is told more: 8 streams "
                                + "need OLLAMA_NUM_PARALLEL=8; started without it, the replica serves 1 stream at");

        // vLLM's default depends on the card: 1,024 on one of 70 GiB or more other than an A100, else 256
        String[] many = {
            "--model",
            "meta/llama-3.1-8b-instruct",
            "--concurrency",
            "300",
            "--input-tokens",
            "100",
            "--output-tokens",
            "100"
        };
        assertThat(json(concat(many, "--hardware", "nvidia/a100-80gb-sxm", "--engine", "vllm"))
                        .path("engine_default")
                        .path("streams")
                        .asInt())
                .isEqualTo(256);
        assertThat(json(concat(many, "--hardware", "nvidia/l40s", "--engine", "vllm"))
                        .path("engine_default")
                        .path("streams")
                        .asInt())
                .isEqualTo(256);
        assertThat(json(concat(many, "--hardware", "nvidia/h100-sxm", "--engine", "vllm"))
                        .path("engine_default")
                        .isNull())
                .as("300 streams are within the H100's 1,024")
                .isTrue();
        assertThat(json(concat(many, "--hardware", "nvidia/l40s", "--engine", "sglang"))
                        .path("engine_default")
                        .isNull())
                .as("SGLang sizes its batch by the memory the estimate already holds to")
                .isTrue();
    }

    @Test
    void anEngineNoRunMeasuredOnTheMakersGpusIsSaidToBeUnchecked() throws IOException {
        String[] llama = {"--model", "meta/llama-3.1-8b-instruct"};
        JsonNode vllmOnMac = json(concat(llama, "--hardware", "apple/mac-studio-m2-ultra", "--engine", "vllm"));
        assertThat(vllmOnMac.path("unmeasured").asText())
                .startsWith("no published run of vllm, nor of the engines that share its fitted figures (sglang, "
                        + "trt-llm), on Apple GPUs is in the table")
                .contains("vllm-metal");
        assertThat(json(concat(llama, "--hardware", "apple/mac-studio-m2-ultra", "--engine", "sglang"))
                        .path("unmeasured")
                        .asText())
                .contains("on Apple GPUs")
                .doesNotContain("vllm-metal");
        // measured there: llama.cpp and Ollama on a Mac, the servers and Ollama's family on AMD, vLLM on NVIDIA
        for (String[] measured : List.of(
                new String[] {"apple/mac-studio-m2-ultra", "llama.cpp"},
                new String[] {"apple/mac-studio-m2-ultra", "ollama"},
                new String[] {"amd/mi300x", "vllm"},
                new String[] {"amd/mi300x", "ollama"},
                new String[] {"nvidia/h100-sxm", "vllm"})) {
            assertThat(json(concat(llama, "--hardware", measured[0], "--engine", measured[1]))
                            .path("unmeasured")
                            .isNull())
                    .as(String.join(" ", measured))
                    .isTrue();
        }
        CliRun table = CliRun.of(concat(
                new String[] {"estimate"},
                concat(llama, "--hardware", "apple/mac-studio-m2-ultra", "--engine", "vllm")));
        assertThat(table.out().replaceAll("\\s+", " "))
                .contains("Unchecked: no published run of vllm, nor of the engines that share its fitted figures");
    }

    @Test
    void aTensorSplitThatDoesNotDivideTheHeadsCannotServeAndSaysWhatWould(@TempDir Path dir) throws IOException {
        JsonNode three = json("--hardware", "nvidia/h100-sxm", "--gpus", "3", "--model", "meta/llama-3.1-70b-instruct");
        assertThat(three.path("serves").asBoolean()).isFalse();
        assertThat(three.path("problems").get(0).asText())
                .isEqualTo("vllm splits a tensor-parallel replica's attention heads evenly among its GPUs, and "
                        + "meta/llama-3.1-70b-instruct's 64 heads do not divide among 3 (vLLM refuses it: \"Total "
                        + "number of attention heads (64) must be divisible by tensor parallel size (3)\"): choose 2, "
                        + "4 or 8 GPUs, or pipeline parallelism");
        assertThat(json(
                                "--hardware",
                                "nvidia/h100-sxm",
                                "--gpus",
                                "3",
                                "--parallelism",
                                "pipeline",
                                "--model",
                                "meta/llama-3.1-70b-instruct")
                        .path("serves")
                        .asBoolean())
                .as("a layer split splits no heads")
                .isTrue();
        assertThat(json("--hardware", "nvidia/rtx-3090", "--gpus", "3", "--model", "meta/llama-3.1-70b-instruct")
                        .path("serves")
                        .asBoolean())
                .as("llama.cpp on three consumer cards")
                .isTrue();
        JsonNode options = evaluated(dir, 500, 500, """
                  - id: three
                    self_hosted:
                      hardware: nvidia/h100-sxm
                      count: 3
                      model: meta/llama-3.1-70b-instruct
                      gpus_per_replica: 3
                """);
        assertThat(options.get(0).path("feasible").asBoolean()).isFalse();
        assertThat(options.get(0).path("problems").toString()).contains("64 heads do not divide among 3");
        assertThat(options.get(0).path("problems").toString()).doesNotContain("but the option has only");
        // a stated replica wider than the option's GPUs is said too: the GPUs the heads allow need them as well
        JsonNode one = evaluated(dir, 500, 500, """
                  - id: one
                    self_hosted:
                      hardware: nvidia/h100-sxm
                      model: meta/llama-3.1-70b-instruct
                      gpus_per_replica: 3
                """).get(0);
        assertThat(one.path("problems").toString())
                .contains("64 heads do not divide among 3")
                .contains("a replica spans 3 GPUs (gpus_per_replica), but the option has only 1");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void badFlagsAreUsageErrorsWithASuggestion(@TempDir Path dir) {
        CliRun typo = CliRun.of("estimate", "--hardware", "nvidia/h100-sxn", "--model", "meta/llama-3.1-8b-instruct");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err())
                .contains(
                        "--hardware nvidia/h100-sxn: no such GPU or system in the catalog (did you mean 'nvidia/h100-sxm'?)");
        CliRun model = CliRun.of("estimate", "--hardware", "nvidia/h100-sxm", "--model", "meta/llama-3.1-8b-instruc");
        assertThat(model.exitCode()).isEqualTo(2);
        assertThat(model.err()).contains("did you mean 'meta/llama-3.1-8b-instruct'?");
        CliRun offer = CliRun.of("estimate", "--hardware", "runpod/h100-sxm", "--model", "meta/llama-3.1-8b-instruct");
        assertThat(offer.exitCode()).isEqualTo(2);
        assertThat(offer.err()).contains("is a cloud offer: give its GPU, nvidia/h100-sxm");
        CliRun both = CliRun.of(
                "estimate",
                "--hardware",
                "nvidia/h100-sxm",
                "--model",
                "meta/llama-3.1-8b-instruct",
                "--concurrency",
                "8",
                "--slo",
                "tpot=50ms");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give --concurrency or --slo, not both");
        CliRun engine = CliRun.of(
                "estimate",
                "--hardware",
                "nvidia/h100-sxm",
                "--model",
                "meta/llama-3.1-8b-instruct",
                "--engine",
                "vlm");
        assertThat(engine.exitCode()).isEqualTo(2);
        assertThat(engine.err()).contains("did you mean 'vllm'?");
        CliRun missing = CliRun.of("estimate", "--model", "meta/llama-3.1-8b-instruct");
        assertThat(missing.exitCode()).isEqualTo(2);
        CliRun written = CliRun.of(
                "estimate",
                "--hardware",
                "nvidia/h100-sxm",
                "--model",
                "meta/llama-3.1-8b-instruct",
                "-o",
                dir.resolve("e.json").toString());
        assertThat(written.exitCode()).isZero();
        assertThat(dir.resolve("e.json")).exists();
    }
}
