package dev.aichoose.model;

import java.util.List;
import java.util.Optional;

/**
 * What {@code evaluate --simulate N} found: each option's TCO over the draws, how often it was the
 * cheapest feasible option, how well the recommendation held, the tornado of what moves the gap
 * between the recommended option and the runner-up, and the flip points where the recommendation
 * changes (docs/methodology.md, "How sure is the answer?").
 *
 * @param recommended the deterministic evaluation's recommended option; empty when nothing was feasible
 * @param runnerUp the cheapest feasible option other than the recommended one, which the tornado measures against
 * @param baseGapUsd the runner-up's TCO less the recommended option's, at the base values
 * @param histogramLowUsd the left edge of every option's TCO histogram; bins are {@code histogramBinUsd} wide
 * @param rivals the best feasible option of each other kind (or the one {@code --versus} names), each
 *     with its own tornado and the inputs' values where it would overtake the recommended option
 */
public record Simulation(
        int draws,
        long seed,
        List<OptionSpread> options,
        double pNoneFeasible,
        Optional<String> recommended,
        Optional<Double> recommendationHoldsShare,
        Optional<Double> expectedRegretUsd,
        Optional<String> runnerUp,
        Optional<Double> baseGapUsd,
        List<TornadoBar> tornado,
        List<FlipPoint> flipPoints,
        double histogramLowUsd,
        double histogramBinUsd,
        List<Rival> rivals) {

    public Simulation {
        options = List.copyOf(options);
        tornado = List.copyOf(tornado);
        flipPoints = List.copyOf(flipPoints);
        rivals = List.copyOf(rivals);
    }

    /**
     * The question asked of the recommendation: against the best feasible option of each other kind
     * (owned, rented, API), or the option {@code --versus} names. {@code baseGapUsd} is the rival's TCO
     * less the recommended option's at the base values; the tornado's bars are that gap with each
     * input at its low and high value; {@code flips} say, input by input, where the gap crosses zero:
     * the value at which the rival would cost less (or no longer less) than the recommended option.
     */
    public record Rival(
            String option, OptionKind kind, double baseGapUsd, List<TornadoBar> tornado, List<GapFlip> flips) {
        public Rival {
            tornado = List.copyOf(tornado);
            flips = List.copyOf(flips);
        }
    }

    /** The nearest value of an input, moving {@code direction} from its base, where a rival's gap changes sign. */
    public record GapFlip(String input, Optional<Double> value, Optional<Direction> direction) {}

    /** One option's TCO over the draws; {@code histogram} counts draws per bin. */
    public record OptionSpread(
            String id,
            double meanUsd,
            double p5Usd,
            double p50Usd,
            double p95Usd,
            double pCheapest,
            double pFeasible,
            List<Integer> histogram) {
        public OptionSpread {
            histogram = List.copyOf(histogram);
        }
    }

    /** One input at its low and high value with every other at base: the gap (runner-up less recommended). */
    public record TornadoBar(String input, double base, double low, double high, double gapLowUsd, double gapHighUsd) {
        public double swingUsd() {
            return Math.abs(gapHighUsd - gapLowUsd);
        }
    }

    public enum Direction {
        BELOW,
        ABOVE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Where one input, moved from its base with every other held, changes the recommendation:
     * {@code flip} empty when it does not within the range. {@code from} and the flip's {@code to}
     * are option ids, empty for "nothing feasible".
     */
    public record FlipPoint(String input, Optional<String> from, Optional<Flip> flip) {}

    /** The value at which the recommendation becomes {@code to}, moving {@code direction} from the base. */
    public record Flip(double value, Optional<String> to, Direction direction) {}
}
