package dev.aichoose.cli;

import dev.aichoose.bench.BenchResultFile;
import dev.aichoose.load.BenchSource;
import dev.aichoose.model.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads bench results for scenarios: the run that meets the scenario's latency targets. */
final class BenchFiles {
    private BenchFiles() {}

    static final BenchSource SOURCE = (file, slo) -> {
        var result = BenchResultFile.read(file);
        return result.capacity(slo.ttftMs(), slo.tpotMs())
                .map(c -> new Option.Measured(c.outputTokensPerSecond(), file.toString(), c.startedAt(),
                        "at concurrency " + c.concurrency()))
                // meeting no target is a finding about the hardware, not a broken file: no throughput
                .orElseGet(() -> new Option.Measured(0, file.toString(), result.startedAt(),
                        "no run meets " + targets(slo.ttftMs(), slo.tpotMs())));
    };

    private static String targets(Double ttft, Double tpot) {
        List<String> t = new ArrayList<>();
        if (ttft != null) t.add(String.format(Locale.ROOT, "p90 TTFT ≤ %.0f ms", ttft));
        if (tpot != null) t.add(String.format(Locale.ROOT, "p90 TPOT ≤ %.1f ms", tpot));
        return t.isEmpty() ? "any completed request" : String.join(" and ", t);
    }
}
