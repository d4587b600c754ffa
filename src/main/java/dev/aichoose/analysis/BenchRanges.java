package dev.aichoose.analysis;

import dev.aichoose.model.Distribution;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.UncertainField;
import dev.aichoose.model.Uncertainty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ranges a simulation adds for measured throughput (docs/methodology.md, "Ranges on the
 * inputs"; docs/bench.md, "Confidence"): an owned or rented option whose capacity is a bench
 * result's run with a throughput interval gets its own throughput factor, drawn from a PERT range
 * from low ÷ measured to high ÷ measured, most likely 1, unless the scenario puts a range on
 * throughput itself ({@code factors.throughput}, or that option's {@code tokens_per_second} or
 * {@code throughput}).
 */
public final class BenchRanges {
    private BenchRanges() {}

    /** The path under which an option's measured interval is drawn and reported. */
    public static String path(String option) {
        return "options." + option + ".throughput";
    }

    /** {@code given} (the scenario's ranges and any added before), then one for each measured option. */
    public static List<Uncertainty.Input> inputs(Evaluation base, List<Uncertainty.Input> given) {
        List<Uncertainty.Input> inputs = new ArrayList<>(given);
        if (inputs.stream()
                .anyMatch(in ->
                        in.field() == UncertainField.THROUGHPUT && in.option().isEmpty())) return inputs;
        for (OptionResult r : base.options()) {
            if (r.kind() == OptionKind.HYBRID
                    || r.capacity() == null
                    || r.capacity().source() != OptionResult.CapacitySource.BENCH) continue;
            Optional<Option.Measured.Throughput> measured = measured(base, r.id());
            if (measured.isEmpty() || measured.get().tokensPerSecondCi() == null) continue;
            if (inputs.stream().anyMatch(in -> in.option().equals(Optional.of(r.id())) && ownsThroughput(in))) continue;
            Option.Measured.Throughput t = measured.get();
            if (!(t.tokensPerSecond() > 0)) continue;
            double low = clamp(t.tokensPerSecondCi().get(0) / t.tokensPerSecond());
            double high = clamp(t.tokensPerSecondCi().get(1) / t.tokensPerSecond());
            if (!(low < high) || low > 1 || high < 1) continue;
            inputs.add(new Uncertainty.Input(
                    path(r.id()), UncertainField.THROUGHPUT, Optional.of(r.id()), new Distribution.Pert(low, 1, high)));
        }
        return inputs;
    }

    private static boolean ownsThroughput(Uncertainty.Input in) {
        return in.field() == UncertainField.THROUGHPUT
                || in.field() == UncertainField.OWNED_TOKENS_PER_SECOND
                || in.field() == UncertainField.RENTED_TOKENS_PER_SECOND;
    }

    private static Optional<Option.Measured.Throughput> measured(Evaluation base, String id) {
        return base.scenario().options().stream()
                .filter(o -> o.id().equals(id))
                .findFirst()
                .flatMap(o -> switch (o) {
                    case Option.SelfHosted s -> Optional.ofNullable(s.serving().measured());
                    case Option.Rented rented ->
                        Optional.ofNullable(rented.serving().measured());
                    case Option.Api a -> Optional.empty();
                    case Option.Hybrid h -> Optional.empty();
                })
                .filter(m -> m instanceof Option.Measured.Throughput)
                .map(m -> (Option.Measured.Throughput) m);
    }

    private static double clamp(double factor) {
        return Math.min(UncertainField.THROUGHPUT.max(), Math.max(UncertainField.THROUGHPUT.min(), factor));
    }
}
