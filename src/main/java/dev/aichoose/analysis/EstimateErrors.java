package dev.aichoose.analysis;

import dev.aichoose.model.Distribution;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.UncertainField;
import dev.aichoose.model.Uncertainty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ranges a simulation adds for estimated throughput (docs/methodology.md §17.1): an owned or
 * rented option whose capacity is the serving model's estimate gets its own throughput factor, drawn
 * from its group's measured error (the 10th to 90th percentile of measured ÷ estimated, most likely
 * at their median), unless the scenario gives a range on throughput itself ({@code factors.throughput}).
 */
public final class EstimateErrors {
    private EstimateErrors() {}

    /** The path under which an option's estimate error is drawn and reported. */
    public static String path(String option) {
        return "options." + option + ".throughput";
    }

    /** The scenario's own ranges, then one for each estimated option. */
    public static List<Uncertainty.Input> inputs(Evaluation base) {
        List<Uncertainty.Input> inputs =
                new ArrayList<>(base.scenario().uncertainty().inputs());
        boolean givenByScenario = inputs.stream().anyMatch(in -> in.field() == UncertainField.THROUGHPUT);
        if (givenByScenario) return inputs;
        for (OptionResult r : base.options()) {
            if (r.kind() == OptionKind.HYBRID || r.capacity() == null) continue;
            Optional<ServingCalibration.GroupAccuracy> accuracy =
                    r.capacity().estimate().flatMap(OptionResult.Estimate::accuracy);
            if (accuracy.isEmpty()) continue;
            ServingCalibration.GroupAccuracy a = accuracy.get();
            double low = Math.max(UncertainField.THROUGHPUT.min(), a.lowFactor());
            double high = Math.min(UncertainField.THROUGHPUT.max(), Math.max(low, a.highFactor()));
            double mode = Math.min(high, Math.max(low, 1 / a.publisherMedianRatio()));
            inputs.add(new Uncertainty.Input(
                    path(r.id()),
                    UncertainField.THROUGHPUT,
                    Optional.of(r.id()),
                    new Distribution.Triangular(low, mode, high)));
        }
        return inputs;
    }
}
