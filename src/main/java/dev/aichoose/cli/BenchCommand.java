package dev.aichoose.cli;

import dev.aichoose.bench.ApiKey;
import dev.aichoose.bench.BenchOutput;
import dev.aichoose.bench.BenchPlan;
import dev.aichoose.bench.BenchPlanBuilder;
import dev.aichoose.bench.BenchResultFile;
import dev.aichoose.bench.BenchRunner;
import dev.aichoose.bench.BenchTable;
import dev.aichoose.bench.EndpointException;
import dev.aichoose.bench.Load;
import dev.aichoose.bench.Prompt;
import dev.aichoose.bench.Prompts;
import dev.aichoose.bench.RequestLimits;
import dev.aichoose.bench.RequestRecord;
import dev.aichoose.bench.SelfTest;
import dev.aichoose.bench.Shard;
import dev.aichoose.bench.WireApi;
import dev.aichoose.model.BenchResult;
import dev.aichoose.model.Workload;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = BenchMergeCommand.class,
        sortOptions = false,
        description = {
            "Benchmark a streaming chat endpoint (OpenAI-compatible, Ollama native or Anthropic) under load.",
            "Each finished request is appended at once to FILE.requests.jsonl.partial beside -o FILE, moved to "
                    + "FILE's .requests.jsonl when the bench ends. Ctrl-C or SIGTERM stops it; what finished is written.",
        },
        footerHeading = "%nMetrics (client clock; see docs/bench.md):%n",
        footer = {
            "  TTFT  request sent -> first chunk with generated text or reasoning",
            "        (a role-only chunk does not count)",
            "  E2E   request sent -> last chunk with text or the finish signal",
            "        (not the usage chunk, not [DONE])",
            "  TPOT  (E2E - TTFT) / (output tokens - 1), answers of 2+ tokens",
            "  ITL   gaps between successive content chunks, pooled per run",
            "  tokens: the server's usage report, else 4 characters a token,",
            "        labelled token_counts_from: estimate",
            "  goodput: requests per second that met every --slo bound",
            "  percentiles: Commons Math Percentile, estimation type R_7",
            "        (linear interpolation between ranks, as numpy), each with",
            "        its 95%% interval from order statistics (pNN_ci)",
            "  TTFT*, E2E*: from the intended send time (the arrival with --rate)",
            "  dispatch: how late each request began against that time",
        })
public final class BenchCommand extends BaseCommand {

    // required, but checked in validate(): picocli would ask for them under 'bench merge' too
    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "Server base URL (the API's usual path is added) or full URL.")
    String endpoint;

    @Option(names = "--api", paramLabel = "openai|ollama|anthropic", description = "Wire format.")
    WireApi api;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name sent to the server.")
    String model;

    @Option(
            names = "--concurrency",
            split = ",",
            paramLabel = "N",
            description = "Requests in flight; a list is a sweep, one run each (default 1).")
    List<Integer> concurrency;

    @Option(
            names = "--rate",
            split = ",",
            paramLabel = "R",
            description = "Poisson arrivals per second instead of a fixed concurrency; a list is a sweep.")
    List<Double> rate;

    @Option(names = "--requests", paramLabel = "N", description = "Requests per run (default 50 unless --duration).")
    Integer requests;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = BenchDurationConverter.class,
            description = "Length of each run instead of a request count, e.g. 60s.")
    Duration duration;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "0",
            description = "Warm-up requests, excluded from every figure.")
    int warmup;

    @Option(
            names = "--input-tokens",
            paramLabel = "N[:SD]",
            defaultValue = "500",
            converter = BenchLengthConverter.class,
            description = "Synthetic prompt length, calibrated on the server's prompt-token count (default 500); "
                    + "MEAN:SD draws each prompt's length from a normal distribution, seeded by --seed.")
    BenchLengthConverter.Length inputTokens;

    @Option(
            names = "--output-tokens",
            paramLabel = "N[:SD]",
            defaultValue = "500",
            converter = BenchLengthConverter.class,
            description =
                    "Output tokens to ask for (default 500); MEAN:SD draws each request's from a normal distribution.")
    BenchLengthConverter.Length outputTokens;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            description =
                    "Cap sent to the server (max_tokens, max_completion_tokens for api.openai.com, num_predict), default --output-tokens.")
    Integer maxTokens;

    @Option(
            names = "--ignore-eos",
            description = "Also send ignore_eos and min_tokens (vLLM, SGLang) so exactly the asked tokens come back.")
    boolean ignoreEos;

    @Option(
            names = "--slo",
            paramLabel = "ttft=500ms,tpot=50ms",
            converter = BenchSloConverter.class,
            description = "Bounds for goodput: ttft, tpot, e2e.")
    Workload.LatencySlo slo;

    @Option(
            names = "--find-max",
            description =
                    "Search for the highest concurrency (or rate, in whole multiples of --rate) whose p90 TTFT and "
                            + "p90 TPOT meet --slo: doubling from --concurrency (default 1) until a probe misses, then bisecting. "
                            + "Each probe is a run; the one found is marked chosen.")
    boolean findMax;

    @Option(
            names = "--api-key-env",
            paramLabel = "NAME",
            description =
                    "Environment variable holding the API key (default OPENAI_API_KEY or ANTHROPIC_API_KEY; none for ollama).")
    String apiKeyEnv;

    @Option(
            names = "--allow-insecure-key",
            description = "Allow sending the key over plain http to a host other than this machine.")
    boolean allowInsecureKey;

    @Option(
            names = "--prompts",
            paramLabel = "FILE",
            description = "JSONL prompts: {\"prompt\": \"...\", \"output_tokens\": N} a line, used in turn.")
    Path promptsFile;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = BenchDurationConverter.class,
            description =
                    "Limit for connecting, for the response headers, and for silence inside a stream (default 60s).")
    Duration timeout;

    @Option(
            names = "--deadline",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = BenchDurationConverter.class,
            description = "Limit for a whole request, connecting to the last byte, however steadily the server "
                    + "sends (default 10m); a request past it fails as 'deadline'.")
    Duration deadline;

    @Option(
            names = "--max-response",
            paramLabel = "SIZE",
            defaultValue = "64MiB",
            converter = BenchSizeConverter.class,
            description = "Limit for one response body (default 64MiB); a longer one fails as 'too_large'. "
                    + "A line or SSE event is limited to 16MiB.")
    long maxResponse;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for prompts and arrivals.")
    long seed;

    @Option(
            names = "--respect-retry-after",
            description = "Wait out 429 answers (retry-after, at most 60 s each, 10 a request) and send again, "
                    + "recording the wait; by default a 429 is counted as a failure.")
    boolean respectRetryAfter;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            defaultValue = "1",
            description = "Run each load level N times in a row; the run pools them and reports each repeat's "
                    + "throughput and their coefficient of variation (default 1).")
    int repeat;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description = "Run shard I of N of the plan (I from 1): every N-th request, a fixed share of the "
                    + "concurrency or rate, the same split on every machine for the same --seed; "
                    + "'bench merge' joins the shards' files.")
    String shard;

    @Option(
            names = "--start-at",
            paramLabel = "TIME",
            description = "Start the first run at this wall-clock time, ISO-8601 UTC (2026-12-06T18:00:00Z), "
                    + "after calibration and warm-up: a barrier for shards on several machines (clocks kept by NTP).")
    String startAt;

    @Option(
            names = "--self-test",
            description = "Measure the harness's own timing error on this machine against a scripted server "
                    + "inside the process (every wire format, 1 to 100 streams) and exit 0 when the median "
                    + "TTFT error is within 1 ms, 6 when it is not. Takes no --endpoint.")
    boolean selfTest;

    @Option(
            names = "--progress",
            negatable = true,
            description = "Draw progress on stderr: requests done of the run, ETA, and each run's summary as it ends "
                    + "(default: when stderr is a terminal).")
    Boolean progress;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write bench JSON v1 here (and FILE's .requests.jsonl).")
    Path output;

    private URI url;
    private List<Load> loads;
    private ApiKey key;
    private Shard shardPlan = Shard.WHOLE;
    private java.time.Instant start;

    /** Every flag is checked before the first request: a run of many minutes must not fail on a typo at its end. */
    @Override
    protected void validate() {
        if (selfTest) {
            if (endpoint != null || api != null || model != null || output != null)
                throw usageError(
                        "--self-test runs its own scripted server: it takes no --endpoint, --api, --model or -o");
            return;
        }
        if (endpoint == null) throw usageError("Missing required option: '--endpoint=URL'");
        if (api == null) throw usageError("Missing required option: '--api=openai|ollama|anthropic'");
        if (model == null) throw usageError("Missing required option: '--model=NAME'");
        url = endpointUri();
        if (concurrency != null && rate != null) throw usageError("--concurrency and --rate exclude each other");
        if (requests != null && duration != null) throw usageError("--requests and --duration exclude each other");
        if (requests != null && requests < 1) throw usageError("--requests must be at least 1");
        if (warmup < 0) throw usageError("--warmup must be 0 or more");
        if (maxTokens != null && maxTokens < 1) throw usageError("--max-tokens must be at least 1");
        loads = new ArrayList<>();
        if (rate != null) {
            for (Double r : rate) {
                if (r == null || !(r > 0) || r.isInfinite()) throw usageError("--rate values must be above 0");
                loads.add(new Load.Rate(r));
            }
        } else {
            for (Integer c : concurrency == null ? List.of(1) : concurrency) {
                if (c == null || c < 1) throw usageError("--concurrency values must be at least 1");
                loads.add(new Load.Concurrency(c));
            }
        }
        if (findMax) {
            if (slo == null || (slo.ttftMs() == null && slo.tpotMs() == null)) {
                throw usageError(
                        "--find-max needs --slo with a ttft or tpot bound (example: --slo ttft=500ms,tpot=50ms)");
            }
            if (loads.size() > 1)
                throw usageError("--find-max starts from one --concurrency or --rate value, not a list");
        }
        if (repeat < 1) throw usageError("--repeat must be at least 1");
        if (shard != null) {
            try {
                shardPlan = Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                throw usageError("--shard: " + e.getMessage());
            }
            if (findMax) throw usageError("--find-max cannot be split into shards: each would search on its own");
            for (Load load : loads) {
                if (load instanceof Load.Concurrency c && c.streams() < shardPlan.count())
                    throw usageError("--concurrency " + c.streams() + " is fewer streams than the " + shardPlan.count()
                            + " shards: each shard needs one at least");
            }
        }
        if (startAt != null) {
            try {
                start = java.time.OffsetDateTime.parse(startAt).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw usageError(
                        "--start-at: expected an ISO-8601 time such as 2026-12-06T18:00:00Z, not '" + startAt + "'");
            }
            if (start.isAfter(java.time.Instant.now().plus(java.time.Duration.ofHours(24))))
                throw usageError("--start-at " + startAt + " is more than 24 hours ahead");
        }
        key = new BenchKeyPolicy(apiKeyEnv, allowInsecureKey, System::getenv).key(api, url);
        // before a run of many minutes, as every command checks its -o: not at the end
        CommandOutput.checkFile("-o", output);
        if (output != null && promptsFile != null) {
            for (Path written : List.of(output, BenchResultFile.requestLogBeside(output))) {
                if (sameFile(written, promptsFile))
                    throw usageError("-o " + output + " would overwrite the --prompts file " + promptsFile);
            }
        }
    }

    /** Whether two paths name one file: the same file on disk, or the same path before it exists. */
    static boolean sameFile(Path a, Path b) {
        try {
            if (java.nio.file.Files.exists(a) && java.nio.file.Files.exists(b))
                return java.nio.file.Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            // compared as paths below
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Runs the bench. Ctrl-C or SIGTERM stops it ({@link BenchStopOnSignal}): what finished is written
     * and the output released before the process ends with the signal's status.
     */
    @Override
    protected ExitCode execute() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (selfTest) return selfTest(out);
        BenchPlan plan = plan();
        BenchOutput files;
        try {
            files = output == null ? null : BenchOutput.claim(output);
        } catch (BenchOutput.Busy busy) {
            throw usageError(busy.getMessage());
        }
        BenchProgress shown = new BenchProgress(err);
        BenchRunner runner = new BenchRunner(
                plan, files == null ? null : files.recordsBeingWritten(), shown::notice, shown::runEnded);
        try (BenchStopOnSignal signal = new BenchStopOnSignal(runner::stop)) {
            try {
                return runAndReport(runner, shown, files, out, err);
            } finally {
                if (files != null) files.close();
            }
        }
    }

    private ExitCode runAndReport(
            BenchRunner runner, BenchProgress shown, BenchOutput files, PrintWriter out, PrintWriter err) {
        BenchResult result;
        shown.draw(BenchProgress.wanted(progress), runner.progress());
        try {
            result = runner.run();
        } finally {
            shown.close();
        }
        boolean anySucceeded = result.runs().stream().anyMatch(r -> r.requests().completed() > 0);
        Path resultFile = null;
        if (files != null) {
            BenchOutput.Placed placed = files.place(result, anySucceeded);
            resultFile = placed.result();
            if (placed.kept() != null) {
                err.println("aichoose: no request succeeded: " + placed.kept() + " (an earlier result) is kept; "
                        + "this bench wrote " + placed.result() + " and " + placed.records());
            } else {
                err.println("aichoose: wrote " + placed.result() + " and " + placed.records());
            }
            err.flush();
        }
        out.print(BenchTable.render(result));
        out.flush();
        if (runner.unreachable()) {
            throw new EndpointException("nothing answers at " + result.endpoint()
                    + ": the first requests were refused"
                    + runner.firstFailure().map(BenchCommand::describe).orElse("")
                    + (resultFile == null ? "" : "; what ran is in " + resultFile));
        }
        if (!result.runs().isEmpty() && !anySucceeded) {
            throw new EndpointException(nothingSucceeded(result, runner, resultFile));
        }
        return ExitCode.OK;
    }

    /** {@code --self-test}: the report on stdout; a failure is one line on stderr and exit 7. */
    private static ExitCode selfTest(PrintWriter out) {
        SelfTest.Verdict verdict = SelfTest.run(line -> {
            out.println(line);
            out.flush();
        });
        if (!verdict.passed()) throw new SelfTestFailedException(verdict.message());
        return ExitCode.OK;
    }

    private static String nothingSucceeded(BenchResult result, BenchRunner runner, Path written) {
        int failed = result.runs().stream().mapToInt(r -> r.requests().failed()).sum();
        String first = runner.firstFailure().map(BenchCommand::describe).orElse("");
        return "no request to " + result.endpoint() + " succeeded (" + failed + " failed" + first + ")"
                + (written == null ? "" : "; results so far are in " + written);
    }

    private static String describe(RequestRecord r) {
        String detail = r.errorDetail() == null ? "" : r.errorDetail().replaceAll("\\s+", " ");
        if (detail.length() > 160) detail = detail.substring(0, 160) + "…";
        return "; first: " + r.errorKind() + (detail.isEmpty() ? "" : " " + detail);
    }

    private BenchPlan plan() {
        int asked = maxTokens != null ? maxTokens : outputTokens.mean();
        List<Prompt> prompts = promptsFile == null ? null : Prompts.read(promptsFile, asked);
        return BenchPlanBuilder.builder()
                .endpoint(url)
                .api(api)
                .model(model)
                .loads(loads)
                .requests(duration == null && requests == null ? Integer.valueOf(50) : requests)
                .duration(duration)
                .warmup(warmup)
                .inputTokens(inputTokens.mean())
                .outputTokens(outputTokens.mean())
                .maxTokens(maxTokens)
                .ignoreEos(ignoreEos)
                .slo(slo)
                .key(key)
                .timeout(timeout)
                .prompts(prompts)
                .promptsFile(promptsFile)
                .seed(seed)
                .respectRetryAfter(respectRetryAfter)
                .findMax(findMax)
                .inputTokensStdev(inputTokens.stdev())
                .outputTokensStdev(outputTokens.stdev())
                .limits(RequestLimits.of(deadline, maxResponse))
                .repeat(repeat)
                .shard(shardPlan)
                .startAt(start)
                .build();
    }

    private URI endpointUri() {
        try {
            URI url = new URI(endpoint);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || url.getHost() == null) {
                throw usageError("--endpoint must be an http:// or https:// URL with a host, not '" + endpoint + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw usageError("--endpoint is not a URL: '" + endpoint + "'");
        }
    }
}
