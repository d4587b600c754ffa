package dev.aichoose.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * The summary of one run at one load level, as in bench JSON v1. Exactly one of
 * {@code concurrency} and {@code requestRate} is set. Assembled by name with {@link BenchRunBuilder}:
 * a field a file does not have (older results) is absent (null).
 */
@RecordBuilder
public record BenchRun(
        Integer concurrency,
        Double requestRate,
        RequestCounts requests,
        double durationS,
        double requestThroughput,
        double outputTokensPerSecond,
        double totalTokensPerSecond,
        LatencyStats ttftMs,
        LatencyStats tpotMs,
        LatencyStats itlMs,
        LatencyStats e2eMs,
        TokenStats inputTokens,
        TokenStats outputTokens,
        String tokenCountsFrom,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double goodputRps,
        // named by hand: the snake-case strategy would run "SMax" together as "smax"
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("retry_after_s_max")
        Double retryAfterSMax,
        // added after the first release: requests that opened a connection, and how long opening took
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer newConnections,
        @JsonInclude(JsonInclude.Include.NON_NULL) LatencyStats connectMs,
        // --find-max: the probe the search settled on (absent on every other run)
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean chosen,
        // added with open-loop accounting (absent from older files): what the harness really offered
        @JsonInclude(JsonInclude.Include.NON_NULL) Double achievedRate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double meanInFlight,
        @JsonInclude(JsonInclude.Include.NON_NULL) LatencyStats dispatchDelayMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) LatencyStats ttftFromIntendedMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) LatencyStats e2eFromIntendedMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> outputTokensPerSecondCi,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean saturated,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> warnings,
        @JsonInclude(JsonInclude.Include.NON_NULL) BenchRepeats repeats)
        implements BenchRunBuilder.With {

    public BenchRun {
        if ((concurrency == null) == (requestRate == null)) {
            throw new IllegalArgumentException("a run has either a concurrency or a request rate");
        }
        if (!"server".equals(tokenCountsFrom) && !"estimate".equals(tokenCountsFrom)) {
            throw new IllegalArgumentException("token_counts_from must be server or estimate");
        }
        outputTokensPerSecondCi = outputTokensPerSecondCi == null ? null : List.copyOf(outputTokensPerSecondCi);
        warnings = warnings == null ? null : List.copyOf(warnings);
    }

    /** This run, marked as the one a capacity search chose. */
    public BenchRun asChosen() {
        return withChosen(true);
    }

    /** This run with the saturation verdict and its warnings (docs/bench.md, "Saturation"). */
    public BenchRun judged(boolean saturated, List<String> warnings) {
        return with().saturated(saturated).warnings(warnings).build();
    }

    public boolean chosenBySearch() {
        return Boolean.TRUE.equals(chosen);
    }

    /** Whether the run was judged saturated: more load only queued (docs/bench.md, "Saturation"). */
    public boolean saturatedRun() {
        return Boolean.TRUE.equals(saturated);
    }

    /** The run's warnings; none for results written before they were. */
    public List<String> warningsOrNone() {
        return warnings == null ? List.of() : warnings;
    }

    /**
     * Whether the run completed requests and its p90 TTFT and p90 TPOT meet the targets (a null
     * target does not constrain; a run that never measured a constrained metric does not meet it).
     * p90 because a deployment sized on the median would miss the target for one user in two.
     */
    public boolean meetsP90(Workload.LatencySlo slo) {
        return requests.completed() > 0
                && outputTokensPerSecond > 0
                && atMost(ttftMs, slo.ttftMs())
                && atMost(tpotMs, slo.tpotMs());
    }

    private static boolean atMost(LatencyStats stats, Double boundMs) {
        if (boundMs == null) return true;
        return stats != null && stats.p90() != null && stats.p90() <= boundMs;
    }

    /** Failed requests as a share of all the run sent (0 when it sent none). */
    public double failureShare() {
        int all = requests.completed() + requests.failed();
        return all == 0 ? 0 : requests.failed() / (double) all;
    }

    /** The load level for display and for capacity: the concurrency, or the rate per second. */
    public double loadLevel() {
        return concurrency != null ? concurrency : requestRate;
    }
}
