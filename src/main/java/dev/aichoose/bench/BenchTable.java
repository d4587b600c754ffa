package dev.aichoose.bench;

import dev.aichoose.model.BenchResult;
import dev.aichoose.model.BenchRun;
import dev.aichoose.model.LatencyStats;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a result as plain-text tables, one per run; it formats and never computes. */
public final class BenchTable {
    private BenchTable() {}

    public static String render(BenchResult result) {
        StringBuilder s = new StringBuilder();
        s.append(result.api())
                .append(' ')
                .append(result.model())
                .append(" at ")
                .append(result.endpoint())
                .append(" (started ")
                .append(result.startedAt())
                .append(")\n");
        if (result.runs().isEmpty()) s.append("no run finished\n");
        result.findMax()
                .ifPresent(search -> s.append(
                        switch (search) {
                            case BenchResult.FindMax.Found f ->
                                result.runs().stream()
                                        .filter(BenchRun::chosenBySearch)
                                        .findFirst()
                                        .map(r -> "find-max: " + level(r) + " is the highest load meeting the SLO ("
                                                + result.runs().size() + " probes)\n")
                                        .orElse("");
                            case BenchResult.FindMax.NoneMeets n ->
                                "find-max: no load meets the SLO ("
                                        + result.runs().size() + " probes)\n";
                        }));
        for (BenchRun run : result.runs()) {
            s.append('\n');
            s.append(
                            run.concurrency() != null
                                    ? "concurrency " + run.concurrency()
                                    : "rate " + fmt(run.requestRate()) + "/s")
                    .append(": ")
                    .append(run.requests().completed())
                    .append(" completed, ")
                    .append(run.requests().failed())
                    .append(" failed");
            if (!run.requests().errors().isEmpty())
                s.append(" (").append(errors(run.requests().errors())).append(')');
            if (run.retryAfterSMax() != null)
                s.append(", server asked to retry after up to ")
                        .append(fmt(run.retryAfterSMax()))
                        .append(" s");
            s.append(", ").append(fmt(run.durationS())).append(" s");
            if (run.chosenBySearch()) s.append(" (chosen: the highest load meeting the SLO)");
            if (run.saturatedRun()) s.append(" (saturated: not capacity)");
            s.append('\n');
            s.append(String.format(Locale.ROOT, "  %-8s %10s %10s %10s %10s%n", "ms", "mean", "p50", "p90", "p99"));
            row(s, "TTFT", run.ttftMs());
            row(s, "TPOT", run.tpotMs());
            row(s, "ITL", run.itlMs());
            row(s, "E2E", run.e2eMs());
            // from the intended send time: what a user arriving on schedule waited (free of coordinated omission)
            if (run.ttftFromIntendedMs() != null) row(s, "TTFT*", run.ttftFromIntendedMs());
            if (run.e2eFromIntendedMs() != null) row(s, "E2E*", run.e2eFromIntendedMs());
            if (run.dispatchDelayMs() != null) row(s, "dispatch", run.dispatchDelayMs());
            s.append("  throughput: ")
                    .append(fmt(run.requestThroughput()))
                    .append(" req/s, ")
                    .append(fmt(run.outputTokensPerSecond()))
                    .append(" output tok/s, ")
                    .append(fmt(run.totalTokensPerSecond()))
                    .append(" total tok/s");
            if (run.goodputRps() != null)
                s.append(", goodput ").append(fmt(run.goodputRps())).append(" req/s");
            s.append('\n');
            if (run.outputTokensPerSecondCi() != null) {
                s.append("  output tok/s 95% interval: ")
                        .append(fmt(run.outputTokensPerSecondCi().get(0)))
                        .append(" to ")
                        .append(fmt(run.outputTokensPerSecondCi().get(1)))
                        .append('\n');
            }
            if (run.achievedRate() != null || run.meanInFlight() != null) {
                s.append("  offered: ");
                if (run.achievedRate() != null)
                    s.append(fmt(run.achievedRate())).append(" req/s sent");
                if (run.meanInFlight() != null)
                    s.append(run.achievedRate() != null ? ", " : "")
                            .append(fmt(run.meanInFlight()))
                            .append(" in flight on average");
                s.append(" (* from the intended send time)\n");
            }
            if (run.repeats() != null) {
                s.append("  repeats: ").append(run.repeats().count());
                Double cv = run.repeats().cv().get("output_tokens_per_second");
                if (cv != null) s.append(String.format(Locale.ROOT, ", output tok/s CV %.1f%%", cv * 100));
                s.append('\n');
            }
            s.append("  tokens per request: input ")
                    .append(fmt(run.inputTokens().mean()))
                    .append(", output ")
                    .append(fmt(run.outputTokens().mean()))
                    .append(" (counts from ")
                    .append(run.tokenCountsFrom())
                    .append(")\n");
            if (run.newConnections() != null) {
                s.append("  connections opened: ").append(run.newConnections());
                if (run.connectMs() != null) {
                    s.append(", connect ms p50 ")
                            .append(fmt(run.connectMs().p50()))
                            .append(" p99 ")
                            .append(fmt(run.connectMs().p99()));
                }
                s.append(" (not in TTFT)\n");
            }
            for (String warning : run.warningsOrNone())
                s.append("  warning: ").append(warning).append('\n');
        }
        return s.toString();
    }

    private static String level(BenchRun run) {
        return run.concurrency() != null ? "concurrency " + run.concurrency() : "rate " + fmt(run.requestRate()) + "/s";
    }

    /** One line for a run that just ended: load, outcome, throughput, TTFT and TPOT p50. */
    public static String oneLine(BenchRun run) {
        return (run.concurrency() != null
                        ? "concurrency " + run.concurrency()
                        : "rate " + fmt(run.requestRate()) + "/s")
                + ": " + run.requests().completed() + " completed, "
                + run.requests().failed() + " failed"
                + (run.requests().errors().isEmpty()
                        ? ""
                        : " (" + errors(run.requests().errors()) + ")")
                + ", " + fmt(run.outputTokensPerSecond()) + " output tok/s, TTFT p50 "
                + fmt(run.ttftMs().p50())
                + " ms, TPOT p50 " + fmt(run.tpotMs().p50()) + " ms";
    }

    private static void row(StringBuilder s, String name, LatencyStats stats) {
        s.append(String.format(
                Locale.ROOT,
                "  %-8s %10s %10s %10s %10s%n",
                name,
                fmt(stats.mean()),
                fmt(stats.p50()),
                fmt(stats.p90()),
                fmt(stats.p99())));
    }

    private static String errors(Map<String, Integer> errors) {
        return errors.entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    public static String fmt(Double v) {
        if (v == null) return "-";
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
