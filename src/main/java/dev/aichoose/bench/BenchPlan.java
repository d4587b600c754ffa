package dev.aichoose.bench;

import dev.aichoose.model.Workload;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a benchmark needs, decided before the first request. Either a request count or a
 * duration bounds each run; {@code key} may be null (no authentication). Assembled by name with
 * {@link BenchPlanBuilder}: what is not set is a plain sweep of the load levels given, once per
 * level on one machine, starting at once, with the default bounds on each request, counting 429
 * answers as failures.
 */
@RecordBuilder
public record BenchPlan(
        URI endpoint,
        WireApi api,
        String model,
        List<Load> loads,
        Integer requests,
        Duration duration,
        int warmup,
        int inputTokens,
        int outputTokens,
        Integer maxTokens,
        boolean ignoreEos,
        Workload.LatencySlo slo,
        ApiKey key,
        Duration timeout,
        List<Prompt> prompts,
        Path promptsFile,
        long seed,
        boolean respectRetryAfter,
        boolean findMax,
        double inputTokensStdev,
        double outputTokensStdev,
        RequestLimits limits,
        @RecordBuilder.Initializer("ONCE") int repeat,
        Shard shard,
        java.time.Instant startAt)
        implements BenchPlanBuilder.With {
    /** Each load level run once: the builder's default for {@code repeat}. */
    public static final int ONCE = 1;

    public BenchPlan {
        if (loads == null || loads.isEmpty()) throw new IllegalArgumentException("at least one load level");
        loads = List.copyOf(loads);
        if ((requests == null) == (duration == null)) throw new IllegalArgumentException("either requests or duration");
        if (requests != null && requests < 1) throw new IllegalArgumentException("requests must be at least 1");
        if (duration != null && (duration.isNegative() || duration.isZero()))
            throw new IllegalArgumentException("duration must be positive");
        if (warmup < 0) throw new IllegalArgumentException("warmup must be 0 or more");
        if (inputTokens < 1 || outputTokens < 1) throw new IllegalArgumentException("token counts must be at least 1");
        if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("max tokens must be at least 1");
        prompts = prompts == null ? null : List.copyOf(prompts);
        slo = slo == null ? Workload.LatencySlo.NONE : slo;
        if (findMax && loads.size() != 1)
            throw new IllegalArgumentException("a capacity search starts from one load level");
        if (findMax && slo.ttftMs() == null && slo.tpotMs() == null) {
            throw new IllegalArgumentException("a capacity search needs a TTFT or TPOT target");
        }
        if (!(inputTokensStdev >= 0) || !(outputTokensStdev >= 0))
            throw new IllegalArgumentException("a standard deviation is 0 or more");
        limits = limits == null ? RequestLimits.DEFAULT : limits;
        if (repeat < 1) throw new IllegalArgumentException("repeat must be at least 1");
        shard = shard == null ? Shard.WHOLE : shard;
        if (!shard.whole() && findMax)
            throw new IllegalArgumentException("a capacity search cannot be split into shards");
        for (Load load : loads) {
            if (load instanceof Load.Concurrency c && shard.streams(c.streams()) < 1)
                throw new IllegalArgumentException("concurrency " + c.streams() + " has no stream for shard " + shard);
        }
    }

    /** What is asked of the server per request: --max-tokens when given, else --output-tokens (its mean, when drawn). */
    public int askedTokens() {
        return maxTokens != null ? maxTokens : outputTokens;
    }

    /** What request {@code n} asks for: --max-tokens when given, else its draw from --output-tokens. */
    public int askedTokens(int n) {
        return maxTokens != null
                ? maxTokens
                : TokenLengths.draw(outputTokens, outputTokensStdev, seed, n, TokenLengths.OUTPUT);
    }

    /** The prompt length, in tokens, that request {@code n} is to have. */
    public int inputTokens(int n) {
        return TokenLengths.draw(inputTokens, inputTokensStdev, seed, n, TokenLengths.INPUT);
    }

    /** Whether the endpoint's host is this machine, where a key in clear text never leaves it. */
    public static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null) return false;
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.equalsIgnoreCase("localhost")) return true;
        // only literal addresses: resolving a name would ask the network what the user meant
        if (host.matches("127(\\.\\d{1,3}){3}")) return true;
        return host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }
}
