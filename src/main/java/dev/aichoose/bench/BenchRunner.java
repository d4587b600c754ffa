package dev.aichoose.bench;

import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a {@link BenchPlan}: calibrates synthetic prompts, sends the warm-up, then one run per load
 * level, each request on its own virtual thread. Every finished request goes to the request log
 * at once; {@link #stop()} (Ctrl-C) ends the sweep and the result covers what finished.
 */
public final class BenchRunner {
    /** Live figures for a progress display; read from another thread. */
    public static final class Progress {
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicLong outputTokens = new AtomicLong();
        private volatile long runStartNanos = System.nanoTime();
        private volatile String label = "starting";
        private volatile Integer expected;
        private volatile long deadlineNanos = Long.MAX_VALUE;

        public int done() {
            return done.get();
        }

        public int failed() {
            return failed.get();
        }

        public String label() {
            return label;
        }

        /** Requests the current run will send, when it is bounded by a count. */
        public Integer expected() {
            return expected;
        }

        /** Seconds until the current run ends, from its pace so far or its duration; null when unknown. */
        public Double etaSeconds() {
            long now = System.nanoTime();
            Double byDuration = deadlineNanos == Long.MAX_VALUE ? null : Math.max(0, (deadlineNanos - now) / 1e9);
            int finished = done.get();
            Integer total = expected;
            Double byCount = total == null || finished == 0
                    ? null
                    : (now - runStartNanos) / 1e9 * Math.max(0, total - finished) / finished;
            if (byDuration == null) return byCount;
            return byCount == null ? byDuration : Math.min(byDuration, byCount);
        }

        /** Output tokens per second of finished requests since the current run began. */
        public double tokensPerSecond() {
            double seconds = (System.nanoTime() - runStartNanos) / 1e9;
            return seconds <= 0 ? 0 : outputTokens.get() / seconds;
        }

        void startRun(String label, Integer expected, java.time.Duration duration) {
            done.set(0);
            failed.set(0);
            outputTokens.set(0);
            runStartNanos = System.nanoTime();
            this.expected = expected;
            this.deadlineNanos = duration == null ? Long.MAX_VALUE : runStartNanos + duration.toNanos();
            this.label = label;
        }

        void finished(RequestRecord r) {
            done.incrementAndGet();
            if (r.ok()) outputTokens.addAndGet(r.outputTokens());
            else failed.incrementAndGet();
        }
    }

    private final BenchPlan plan;
    private final Path requestLogFile;
    private final Consumer<String> notices;
    private final Progress progress = new Progress();
    private final AtomicReference<RequestRecord> firstFailure = new AtomicReference<>();
    private final AtomicInteger refusedBeforeAnySuccess = new AtomicInteger();
    private volatile boolean anySucceeded;
    private volatile boolean unreachable;
    private final Consumer<BenchRun> runEnded;
    private volatile boolean stopped;
    /** Released by {@link #stop()}: every wait (an arrival, a 429's retry-after) ends at once. */
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** Requests of the current run abandoned when the grace after its --duration ran out. */
    private final AtomicInteger abandonedAtRunEnd = new AtomicInteger();

    private volatile EndpointClient client;
    private int promptWords;
    private CapacitySearch.Outcome searchOutcome;
    private String calibration = "none";
    /** The calibration's slope; about one token a word until it has measured one. */
    private double tokensPerWord = 1;

    /** {@code requestLogFile} may be null (no JSONL); {@code notices} receives one-line warnings. */
    public BenchRunner(BenchPlan plan, Path requestLogFile, Consumer<String> notices) {
        this(plan, requestLogFile, notices, run -> {});
    }

    /** {@code runEnded} receives each run's summary as it ends (for a progress display). */
    public BenchRunner(BenchPlan plan, Path requestLogFile, Consumer<String> notices, Consumer<BenchRun> runEnded) {
        this.plan = plan;
        this.requestLogFile = requestLogFile;
        this.notices = notices;
        this.runEnded = runEnded;
        this.promptWords = Math.max(1, plan.inputTokens() - PROMPT_PREAMBLE_TOKENS);
    }

    /** "Request N. Continue this text:" costs about this many tokens before the filler words. */
    private static final int PROMPT_PREAMBLE_TOKENS = 8;

    public Progress progress() {
        return progress;
    }

    /** The first request that failed, for a one-line explanation when nothing succeeded. */
    public java.util.Optional<RequestRecord> firstFailure() {
        return java.util.Optional.ofNullable(firstFailure.get());
    }

    /**
     * Whether the bench stopped because the first requests were all refused: nothing listens at
     * the endpoint, and sending the rest would only repeat that.
     */
    public boolean unreachable() {
        return unreachable;
    }

    /** Requests refused in a row, before any success, that stop the bench. */
    static final int REFUSALS_TO_STOP = 3;

    /** Every finished request passes here, calibration and warm-up included. */
    private void observe(RequestRecord r) {
        if (r == null) return;
        if (r.ok()) {
            anySucceeded = true;
        } else if (!anySucceeded && "connection_refused".equals(r.errorKind())) {
            firstFailure.compareAndSet(null, r);
            if (refusedBeforeAnySuccess.incrementAndGet() >= REFUSALS_TO_STOP && !stopped) {
                unreachable = true;
                stop();
            }
        }
    }

    /** Ends the benchmark early: in-flight requests are abandoned and not counted. Safe from any thread. */
    public void stop() {
        stopped = true;
        stopping.countDown();
        EndpointClient c = client;
        if (c != null) c.cancelAll();
    }

    /** Waits {@code nanos} unless the bench is stopped first; true when it was. */
    private boolean waitUnlessStopped(long nanos) {
        if (nanos <= 0) return stopped;
        try {
            return stopping.await(nanos, TimeUnit.NANOSECONDS) || stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    public BenchResult run() {
        String startedAt = Instant.now().toString();
        URI url = WireFormat.resolve(plan.endpoint(), plan.api());
        // OpenAI's own API rejects max_tokens for its reasoning models; everyone else knows max_tokens
        boolean maxCompletionTokens = "api.openai.com".equalsIgnoreCase(url.getHost());
        WireFormat format = WireFormat.of(plan.api(), plan.ignoreEos(), maxCompletionTokens);
        List<BenchRun> runs = new ArrayList<>();
        try (EndpointClient endpoint =
                        new EndpointClient(url, plan.model(), plan.key(), format, plan.timeout(), plan.limits());
                RequestLog log = requestLogFile == null
                        ? null
                        : new RequestLog(requestLogFile, () -> {
                            notices.accept("cannot write " + requestLogFile + ": stopping the bench");
                            stop();
                        })) {
            client = endpoint;
            warmJit(format, plan.limits());
            if (plan.prompts() == null && !stopped) calibrate(endpoint);
            if (plan.warmup() > 0 && !stopped) warmUp(endpoint, log);
            if (plan.startAt() != null && !stopped) awaitStart();
            if (plan.findMax()) {
                runs.addAll(findMax(endpoint, log));
            } else {
                for (int i = 0; i < plan.loads().size() && !stopped; i++) {
                    Load load = plan.loads().get(i);
                    runs.add(runOne(
                            endpoint,
                            log,
                            i + 1,
                            load,
                            "run " + (i + 1) + "/" + plan.loads().size() + " " + label(load)));
                }
                List<BenchRun> judged = Saturation.judgeAll(runs);
                runs.clear();
                runs.addAll(judged);
            }
        } finally {
            client = null;
        }
        return new BenchResult(
                BenchResult.SCHEMA,
                withoutUserInfo(url),
                plan.api().wireName(),
                plan.model(),
                startedAt,
                settings(),
                runs);
    }

    private static String withoutUserInfo(URI url) {
        return url.getUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    /** Answers read through the format's reader before the first request; their traces are dropped. */
    static final int JIT_WARMUP_ANSWERS = 2_000;

    /**
     * Compiles the reading path (line cutting, SSE framing, the format's parser) before anything is
     * measured: interpreted, it cost the first runs CPU that, on a busy machine, delayed every
     * stream's reads. A few hundred milliseconds once, no request sent.
     */
    private static void warmJit(WireFormat format, RequestLimits limits) {
        byte[] answer = format.sampleAnswer(20).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < JIT_WARMUP_ANSWERS; i++) {
            long now = System.nanoTime();
            RequestTrace trace = new RequestTrace(now);
            BodyLines lines = new BodyLines(format.reader(trace, limits), trace, limits.lineBytes());
            lines.bytes(answer, 0, answer.length, now);
            lines.end(now);
        }
    }

    /**
     * Sizes synthetic prompts from the server's own prompt-token count: one request to measure,
     * a second to fit a line (tokens = overhead + per-word × words) that absorbs the chat template.
     */
    private void calibrate(EndpointClient endpoint) {
        int target = plan.inputTokens();
        int words0 = promptWords;
        Integer tokens0 = measurePromptTokens(endpoint, words0);
        if (tokens0 == null) {
            calibration = "failed";
            // a server that refused the probe is the run's own error to report, in one line; one that answered
            // without counting the prompt's tokens is worth a word here
            if (anySucceeded || refusedBeforeAnySuccess.get() == 0) {
                notices.accept(
                        "prompt calibration failed; synthetic prompts are sized by estimate (about one token a word)");
            }
            return;
        }
        int words1 = Math.max(1, (int) Math.round(words0 * (double) target / tokens0));
        Integer tokens1 = words1 == words0 ? tokens0 : measurePromptTokens(endpoint, words1);
        if (tokens1 == null || tokens1.equals(tokens0)) {
            promptWords = words1;
        } else {
            double perWord = (tokens1 - tokens0) / (double) (words1 - words0);
            double overhead = tokens0 - perWord * words0;
            promptWords = perWord > 0 ? Math.max(1, (int) Math.round((target - overhead) / perWord)) : words1;
            if (perWord > 0) tokensPerWord = perWord;
        }
        calibration = "server";
    }

    private Integer measurePromptTokens(EndpointClient endpoint, int words) {
        Prompt probe = new Prompt(Prompts.synthetic(-1 - words, words, plan.seed()), 1);
        RequestRecord r = endpoint.send(
                probe,
                EndpointClientTagBuilder.builder()
                        .run(0)
                        .warmup(true)
                        .concurrency(1)
                        .index(-1)
                        .build());
        observe(r);
        if (r == null
                || !r.ok()
                || !"server".equals(r.tokenCountsFrom())
                || r.inputTokens() == null
                || r.inputTokens() < 1) {
            return null;
        }
        return r.inputTokens();
    }

    private void warmUp(EndpointClient endpoint, RequestLog log) {
        progress.startRun("warm-up", plan.warmup(), null);
        Load first = plan.loads().getFirst();
        // as many at once as the first run will have, so that connections and server batches are warm too
        int streams = Math.min(
                plan.warmup(),
                switch (first) {
                    case Load.Concurrency c -> c.streams();
                    case Load.Rate r -> Math.max(1, (int) Math.ceil(r.perSecond()));
                });
        AtomicInteger issued = new AtomicInteger();
        try (ExecutorService pool = streamThreads(streams)) {
            for (int w = 0; w < streams; w++) {
                pool.execute(() -> {
                    int n;
                    while (!stopped && (n = issued.getAndIncrement()) < plan.warmup()) {
                        RequestRecord r = endpoint.send(
                                prompt(n),
                                EndpointClientTagBuilder.builder()
                                        .run(0)
                                        .warmup(true)
                                        .concurrency(streams)
                                        .index(n)
                                        .build());
                        observe(r);
                        if (r != null && log != null) log.append(r);
                        if (r != null) progress.finished(r);
                    }
                });
            }
        }
    }

    /** A probe meets the SLO only when at most this share of its requests failed: p90s of the few that got through say nothing. */
    static final double FIND_MAX_FAILURE_SHARE = 0.05;

    /**
     * {@code --find-max}: probes load levels (whole streams, or whole multiples of the starting
     * rate) with {@link CapacitySearch}, one recorded run each, and marks the highest that met the
     * SLO at p90 {@code chosen}.
     */
    private List<BenchRun> findMax(EndpointClient endpoint, RequestLog log) {
        Load first = plan.loads().getFirst();
        List<BenchRun> probes = new ArrayList<>();
        Map<Integer, Integer> runAt = new LinkedHashMap<>();
        CapacitySearch.Outcome outcome = CapacitySearch.search(
                first instanceof Load.Concurrency c ? c.streams() : 1,
                CapacitySearch.LIMIT,
                steps -> {
                    Load load = switch (first) {
                        case Load.Concurrency c -> new Load.Concurrency(steps);
                        case Load.Rate r -> new Load.Rate(r.perSecond() * steps);
                    };
                    int number = probes.size() + 1;
                    // a probe that saturated the server met no SLO worth having: the search goes below it
                    BenchRun run = Saturation.judge(
                            runOne(endpoint, log, number, load, "probe " + number + " " + label(load)), probes);
                    probes.add(run);
                    runAt.put(steps, probes.size() - 1);
                    return !stopped
                            && !run.saturatedRun()
                            && run.failureShare() <= FIND_MAX_FAILURE_SHARE
                            && run.meetsP90(plan.slo());
                },
                () -> stopped);
        searchOutcome = outcome;
        if (outcome instanceof CapacitySearch.Outcome.Found found) {
            int i = runAt.get(found.steps());
            probes.set(i, probes.get(i).asChosen());
        }
        return Saturation.judgeAll(probes);
    }

    private static String label(Load load) {
        return switch (load) {
            case Load.Concurrency c -> "concurrency " + c.streams();
            case Load.Rate r -> "rate " + BenchTable.fmt(r.perSecond()) + "/s";
        };
    }

    /**
     * One run at one load level: {@code --repeat N} times in a row, its summary pooling every
     * repeat's requests (docs/bench.md, "Confidence").
     */
    private BenchRun runOne(EndpointClient endpoint, RequestLog log, int run, Load load, String label) {
        List<RequestRecord> all = new ArrayList<>();
        double seconds = 0;
        for (int k = 1; k <= plan.repeat() && !stopped; k++) {
            Integer repeat = plan.repeat() > 1 ? k : null;
            Finished finished = measure(
                    endpoint,
                    log,
                    run,
                    repeat,
                    load,
                    repeat == null ? label : label + " repeat " + k + "/" + plan.repeat());
            all.addAll(finished.records());
            seconds += finished.seconds();
        }
        BenchRun summary = RunSummary.of(all, load, seconds, plan.slo());
        runEnded.accept(summary);
        return summary;
    }

    /** What one repeat of a run finished, and its duration. */
    private record Finished(List<RequestRecord> records, double seconds) {}

    /**
     * Dispatch runs ahead of each arrival by this much: the thread that sends it is started, and its
     * prompt built, before the intended time, and then waits for it, so that what a request's
     * dispatch delay measures is the wake-up, not a thread's start.
     */
    static final long DISPATCH_LEAD_NANOS = 5_000_000;

    private Finished measure(
            EndpointClient endpoint, RequestLog log, int run, Integer repeat, Load load, String label) {
        List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
        Shard shard = plan.shard();
        // a shard's records carry its own share of the load; 'bench merge' adds the shares up
        Integer concurrency = load instanceof Load.Concurrency c ? shard.streams(c.streams()) : null;
        Double rate = load instanceof Load.Rate r ? r.perSecond() / shard.count() : null;
        Integer limit = plan.requests();
        progress.startRun(label, limit == null ? null : shardRequests(limit), plan.duration());
        long start = System.nanoTime();
        RunClock clock = new RunClock(start, epochMillis(Instant.now()));
        long deadline = plan.duration() == null
                ? Long.MAX_VALUE
                : start + plan.duration().toNanos();
        // requests in flight when the duration ends may finish for as long again (at most --deadline), no longer
        long runEnds = plan.duration() == null
                ? Long.MAX_VALUE
                : deadline
                        + Math.min(
                                plan.duration().toNanos(),
                                plan.limits().deadline().toNanos());
        AtomicInteger issued = new AtomicInteger();
        try (ExecutorService pool = streamThreads(
                concurrency != null
                        ? concurrency
                        : (int) Math.min(
                                Integer.MAX_VALUE,
                                Math.ceil(rate * plan.timeout().toSeconds())))) {
            switch (load) {
                case Load.Concurrency c -> {
                    for (int w = 0; w < concurrency; w++) {
                        pool.execute(() -> {
                            // a stream is due to send the moment it is ready: when it started, then when
                            // its last answer ended
                            long ready = System.nanoTime();
                            while (!stopped && System.nanoTime() < deadline) {
                                int n = shard.request(issued.getAndIncrement(), plan.seed());
                                if (limit != null && n >= limit) break;
                                ready = send(
                                        endpoint,
                                        log,
                                        records,
                                        EndpointClientTagBuilder.builder()
                                                .run(run)
                                                .concurrency(concurrency)
                                                .index(n)
                                                .repeat(repeat)
                                                .build(),
                                        prompt(run, repeat, n),
                                        clock,
                                        runEnds,
                                        ready);
                            }
                        });
                    }
                }
                case Load.Rate r -> {
                    // open loop: arrival times are drawn ahead of need and never wait for the server; every
                    // shard draws the whole plan's and sends its own share of them
                    SplittableRandom arrivals = new SplittableRandom(plan.seed() + run);
                    long next = start;
                    for (int n = 0; !stopped && (limit == null || n < limit) && next < deadline; n++) {
                        long intended = next;
                        next += (long) (-Math.log(1 - arrivals.nextDouble()) / r.perSecond() * 1e9);
                        if (!shard.owns(n, plan.seed())) continue;
                        if (waitUnlessStopped(intended - DISPATCH_LEAD_NANOS - System.nanoTime())) break;
                        EndpointClient.Tag tag = EndpointClientTagBuilder.builder()
                                .run(run)
                                .requestRate(rate)
                                .index(n)
                                .repeat(repeat)
                                .build();
                        int index = n;
                        pool.execute(() -> {
                            Prompt prompt = prompt(run, repeat, index);
                            if (waitUnlessStopped(intended - System.nanoTime())) return;
                            send(endpoint, log, records, tag, prompt, clock, runEnds, intended);
                        });
                    }
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int abandoned = abandonedAtRunEnd.getAndSet(0);
        if (abandoned > 0 && !stopped) {
            notices.accept(label + ": abandoned " + abandoned + (abandoned == 1 ? " request" : " requests")
                    + " still running " + BenchTable.fmt((runEnds - deadline) / 1e9)
                    + " s after the --duration ended (not counted)");
        }
        List<RequestRecord> finished = List.copyOf(records);
        // from the records, as 'bench merge' does, so that the two agree to the last digit
        return new Finished(finished, finished.isEmpty() ? elapsed : RunSummary.durationS(finished));
    }

    /** How many of a run's {@code requests} this shard sends. */
    private int shardRequests(int requests) {
        int count = 0;
        for (int j = 0; plan.shard().request(j, plan.seed()) < requests; j++) count++;
        return count;
    }

    /**
     * {@code --start-at}: waits on the wall clock for the instant every shard starts its first run
     * at; one that has passed starts at once, with a notice, since shards then start apart.
     */
    private void awaitStart() {
        long waitMs = java.time.Duration.between(Instant.now(), plan.startAt()).toMillis();
        if (waitMs < 0) {
            notices.accept("--start-at " + plan.startAt() + " had passed by " + BenchTable.fmt(-waitMs / 1000.0)
                    + " s when the warm-up ended: starting at once, apart from any shard that waited for it");
            return;
        }
        progress.startRun("waiting for --start-at " + plan.startAt(), null, java.time.Duration.ofMillis(waitMs));
        waitUnlessStopped(
                java.time.Duration.between(Instant.now(), plan.startAt()).toNanos());
    }

    /**
     * Up to this many streams in flight, each has a platform thread of its own; beyond, virtual
     * threads. Default 256, set with {@code -Daichoose.bench.platformThreadsUpTo=N} (0: always virtual).
     * A platform thread blocked on its socket is woken by the kernel itself, and on a busy machine
     * the scheduler favours a thread that slept: at 100 streams on a 2-core machine under a load
     * average of 20, platform threads read the first chunk about as promptly as a naive
     * thread-per-request client (TTFT error p50 4 ms against 15 to 48 ms on virtual threads,
     * bench/accuracy.sh). But they halve what the harness ingests (harness.sh (a): 31,000 against
     * 57,000 to 62,000 chunks a second, same load), so beyond 256 streams, where ingest is what
     * limits, virtual threads stay. On a quiet machine (load average 0.7) the threshold of 64 left
     * 100 anthropic streams and 200 openai streams on virtual threads, 1.3 to 2.0 ms late at the
     * median (the naive client 0.4 to 0.6) and 6.2 ms at the p99 of 200; with platform threads
     * 0.6 to 0.75 ms and 5.4 ms. Below 64, three runs each of bench/accuracy.sh (openai, load
     * average 7 to 9) gave a TTFT error p50 at 1 stream of 1.17, 1.23, 2.10 ms on platform threads
     * against 1.69, 1.78, 1.94 on virtual ones; at 10 and 40 streams the two were the same within
     * the noise (medians of the runs 1.00 against 0.98 ms, and 2.00 against 1.92).
     */
    static final int PLATFORM_THREADS_UP_TO = Integer.getInteger("aichoose.bench.platformThreadsUpTo", 256);

    private static ExecutorService streamThreads(int inFlight) {
        return inFlight <= PLATFORM_THREADS_UP_TO
                ? Executors.newThreadPerTaskExecutor(Thread.ofPlatform()
                        .name("bench-stream-", 0)
                        .stackSize(256 * 1024)
                        .factory())
                : Executors.newVirtualThreadPerTaskExecutor();
    }

    /** A run's start on the monotonic clock and on the wall clock (epoch milliseconds). */
    private record RunClock(long startNanos, double startEpochMs) {
        RequestRecord place(RequestRecord r) {
            return r.onRunClock(startEpochMs, (System.nanoTime() - startNanos) / 1e6);
        }
    }

    private static double epochMillis(Instant t) {
        return t.getEpochSecond() * 1000.0 + t.getNano() / 1e6;
    }

    /**
     * Sends one request due at {@code intendedNanos} and records it; returns when its answer ended
     * (before it was recorded), the moment its stream was free again.
     */
    private long send(
            EndpointClient endpoint,
            RequestLog log,
            List<RequestRecord> records,
            EndpointClient.Tag tag,
            Prompt prompt,
            RunClock clock,
            long runEnds,
            long intendedNanos) {
        RequestRecord r =
                endpoint.send(prompt, tag, runEnds, new EndpointClient.Schedule(clock.startNanos(), intendedNanos));
        long ended = System.nanoTime();
        observe(r);
        if (plan.respectRetryAfter()) r = waitOutRateLimits(endpoint, prompt, tag, r, runEnds, clock);
        // null without a stop: the request was still running (or waiting) when its run stopped waiting
        if (r == null && !stopped) abandonedAtRunEnd.incrementAndGet();
        // after a stop, failures are the stop's own doing (closed streams), not the endpoint's
        if (r == null || (stopped && !r.ok())) return System.nanoTime();
        if (r.retries() != null) ended = System.nanoTime();
        r = clock.place(r);
        if (log != null) log.append(r);
        records.add(r);
        progress.finished(r);
        if (!r.ok()) firstFailure.compareAndSet(null, r);
        return ended;
    }

    /** At most this many 429 answers are waited out for one request; the next one counts as a failure. */
    static final int MAX_RETRIES = 10;
    /** The longest wait for one 429, whatever the server asks. */
    static final double MAX_WAIT_S = 60;
    /** The wait when a 429 names none. */
    static final double DEFAULT_WAIT_S = 1;

    /**
     * --respect-retry-after: a 429 is waited out (retry-after, capped) and the request sent again. A
     * wait that a stop interrupts, or that would end after its run stops waiting, abandons the
     * request (null): it never finished.
     */
    private RequestRecord waitOutRateLimits(
            EndpointClient endpoint,
            Prompt prompt,
            EndpointClient.Tag tag,
            RequestRecord r,
            long runEnds,
            RunClock clock) {
        int retries = 0;
        double waited = 0;
        while (r != null && !stopped && "http_429".equals(r.errorKind()) && retries < MAX_RETRIES) {
            // RetryAfter gives a finite number of seconds, 0 or more, or none
            double wait = Math.min(MAX_WAIT_S, r.retryAfterS() != null ? r.retryAfterS() : DEFAULT_WAIT_S);
            long waitNanos = (long) (wait * 1e9);
            if (runEnds != Long.MAX_VALUE && runEnds - (System.nanoTime() + waitNanos) < 0) return null;
            if (waitUnlessStopped(waitNanos)) return null;
            retries++;
            waited += wait;
            // a request sent again is due when its wait ends: the wait is the server's asking, not lateness
            r = endpoint.send(prompt, tag, runEnds, new EndpointClient.Schedule(clock.startNanos(), System.nanoTime()));
            observe(r);
        }
        return r == null || retries == 0 ? r : r.afterRetries(retries, waited);
    }

    /**
     * The prompt of request {@code n} of a run (and repeat): numbered the same in every process for
     * the same plan, so that the shards of a plan send between them exactly the prompts one process
     * would, none twice. Warm-up requests come first, then each run's in turn.
     */
    private Prompt prompt(int run, Integer repeat, int n) {
        long stride = plan.requests() != null ? plan.requests() : DURATION_RUN_STRIDE;
        long before = (long) (run - 1) * plan.repeat() + (repeat == null ? 0 : repeat - 1);
        return prompt((int) Math.min(Integer.MAX_VALUE, plan.warmup() + before * stride + n));
    }

    /** Numbers between runs bounded by a duration, whose request counts are not known ahead. */
    static final long DURATION_RUN_STRIDE = 1_000_000;

    private Prompt prompt(int number) {
        if (plan.prompts() != null)
            return plan.prompts().get(number % plan.prompts().size());
        // a drawn length moves the calibrated word count along the calibration's line
        int words = Math.max(
                1, (int) Math.round(promptWords + (plan.inputTokens(number) - plan.inputTokens()) / tokensPerWord));
        return new Prompt(Prompts.synthetic(number, words, plan.seed()), plan.askedTokens(number));
    }

    /** The {@code settings.slo} block: the bounds given, in milliseconds. */
    static Map<String, Object> sloSetting(dev.aichoose.model.Workload.LatencySlo slo) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (slo.ttftMs() != null) m.put("ttft_ms", slo.ttftMs());
        if (slo.tpotMs() != null) m.put("tpot_ms", slo.tpotMs());
        if (slo.e2eMs() != null) m.put("e2e_ms", slo.e2eMs());
        return m;
    }

    /** The settings block of the result: what was asked for; never the key, nor where it came from. */
    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        List<Integer> concurrency = plan.loads().stream()
                .filter(l -> l instanceof Load.Concurrency)
                .map(l -> ((Load.Concurrency) l).streams())
                .toList();
        List<Double> rates = plan.loads().stream()
                .filter(l -> l instanceof Load.Rate)
                .map(l -> ((Load.Rate) l).perSecond())
                .toList();
        if (!concurrency.isEmpty()) s.put("concurrency", concurrency);
        if (!rates.isEmpty()) s.put("request_rate", rates);
        if (plan.requests() != null) s.put("requests", plan.requests());
        if (plan.duration() != null) s.put("duration_s", plan.duration().toMillis() / 1000.0);
        s.put("warmup", plan.warmup());
        s.put("input_tokens", plan.inputTokens());
        if (plan.inputTokensStdev() > 0) s.put("input_tokens_stdev", plan.inputTokensStdev());
        s.put("output_tokens", plan.outputTokens());
        if (plan.outputTokensStdev() > 0) s.put("output_tokens_stdev", plan.outputTokensStdev());
        s.put("max_tokens", plan.askedTokens());
        s.put("ignore_eos", plan.ignoreEos());
        if (!plan.slo().isEmpty()) s.put("slo", sloSetting(plan.slo()));
        s.put(
                "prompts",
                plan.promptsFile() == null ? "synthetic" : plan.promptsFile().toString());
        if (plan.prompts() == null) {
            s.put("prompt_words", promptWords);
            s.put("prompt_calibration", calibration);
        }
        s.put("timeout_s", plan.timeout().toMillis() / 1000.0);
        s.put("deadline_s", plan.limits().deadline().toMillis() / 1000.0);
        s.put("max_response_bytes", plan.limits().responseBytes());
        s.put("seed", plan.seed());
        s.put("respect_retry_after", plan.respectRetryAfter());
        if (plan.repeat() > 1) s.put("repeat", plan.repeat());
        if (!plan.shard().whole()) s.put("shard", plan.shard().toString());
        if (plan.startAt() != null) s.put("start_at", plan.startAt().toString());
        if (searchOutcome != null) {
            Map<String, Object> search = new LinkedHashMap<>();
            search.put("outcome", searchOutcome instanceof CapacitySearch.Outcome.Found ? "found" : "none_meets");
            search.put("probes", searchOutcome.probed().size());
            search.put("limit_reached", searchOutcome instanceof CapacitySearch.Outcome.Found f && f.atLimit());
            search.put("failure_share_max", FIND_MAX_FAILURE_SHARE);
            s.put("find_max", search);
        }
        s.put("stopped_early", stopped);
        return s;
    }
}
