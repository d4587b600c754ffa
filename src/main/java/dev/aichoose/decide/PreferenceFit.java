package dev.aichoose.decide;

import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Profile;
import dev.aichoose.model.Quality;
import dev.aichoose.model.Recommendation.Answer;
import dev.aichoose.model.Recommendation.Lean;
import dev.aichoose.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How well an option suits what the answers lean towards (docs/methodology.md §13.3). Each option
 * is placed on three axes from 0 (a closed API) to 1 (open weights on hardware you run):
 * <ul>
 *   <li><b>data</b>: whether the data leaves for a model vendor (Q1);
 *   <li><b>weights</b>: whether the weights are yours to tune and keep (Q3, Q5, frontier quality);
 *       open weights served by an API count half-way;
 *   <li><b>operations</b>: whether the team runs it (Q4, enterprise support, time to market,
 *       variable usage).
 * </ul>
 * A hybrid sits at its legs' query-weighted average. An answer leaning open source adds the
 * option's position on its axis, one leaning closed adds one minus it, a neutral one nothing. The
 * volume question is left out: the costs themselves decide that.
 */
public final class PreferenceFit {
    /** Fits this close are equal: shares that add up in a different order must not split a tie. */
    static final double TIE = 1e-9;

    private final List<Pull> pulls;
    private final Map<String, Option> options;
    private final Catalog catalog;
    private final Workload workload;

    enum Axis {
        DATA,
        WEIGHTS,
        OPERATIONS
    }

    /** One answer or factor that leans a way on one axis. */
    record Pull(String label, Axis axis, Lean leans) {}

    PreferenceFit(List<Pull> pulls, Map<String, Option> options, Catalog catalog, Workload workload) {
        this.pulls = List.copyOf(pulls);
        this.options = options;
        this.catalog = catalog;
        this.workload = workload;
    }

    /** The answers and closed-leaning factors of a profile as pulls (Q2 excluded). */
    static List<Pull> pulls(List<Answer> answers, Profile profile) {
        List<Pull> pulls = new ArrayList<>();
        for (Answer a : answers) {
            Axis axis = switch (a.id()) {
                case Q1_DATA_SENSITIVITY -> Axis.DATA;
                case Q2_VOLUME -> null;
                case Q3_CUSTOMIZATION, Q5_VENDOR_INDEPENDENCE -> Axis.WEIGHTS;
                case Q4_TECHNICAL_CAPABILITY -> Axis.OPERATIONS;
            };
            if (axis != null && a.leans() != Lean.NEUTRAL) pulls.add(new Pull(label(a.id()), axis, a.leans()));
        }
        if (profile.qualityNeed() == Quality.FRONTIER)
            pulls.add(new Pull("frontier quality", Axis.WEIGHTS, Lean.CLOSED));
        if (profile.enterpriseSupportRequired())
            pulls.add(new Pull("enterprise support", Axis.OPERATIONS, Lean.CLOSED));
        if (profile.timeToMarket() == Profile.TimeToMarket.CRITICAL) {
            pulls.add(new Pull("critical time to market", Axis.OPERATIONS, Lean.CLOSED));
        }
        if (profile.usagePattern() == Profile.UsagePattern.VARIABLE) {
            pulls.add(new Pull("variable usage", Axis.OPERATIONS, Lean.CLOSED));
        }
        return List.copyOf(pulls);
    }

    /** {@code Q3 customization}: the question's number and subject, as the report lists them. */
    private static String label(dev.aichoose.model.Recommendation.Question q) {
        String id = q.id();
        return id.substring(0, 2).toUpperCase(java.util.Locale.ROOT) + " "
                + id.substring(3).replace('_', ' ');
    }

    List<Pull> pulls() {
        return pulls;
    }

    /** The option's fit: 0 up to the number of pulls. */
    public double of(OptionResult result) {
        return of(result.id());
    }

    /** The fit of the option with this id. */
    public double of(String optionId) {
        Option option = options.get(optionId);
        double fit = 0;
        for (Pull p : pulls) {
            double position = position(option, p.axis());
            fit += p.leans() == Lean.OPEN_SOURCE ? position : 1 - position;
        }
        return fit;
    }

    /** Where an option sits on an axis, 0 (closed API) to 1 (open weights you run). */
    double position(Option option, Axis axis) {
        return switch (option) {
            case Option.Api a -> axis == Axis.WEIGHTS && openWeights(a) ? 0.5 : 0;
            case Option.SelfHosted s -> 1;
            case Option.Rented r -> 1;
            case Option.Hybrid h -> {
                double sum = 0;
                for (var leg : h.legs(workload).entrySet())
                    sum += leg.getValue() * position(options.get(leg.getKey()), axis);
                yield sum;
            }
        };
    }

    private boolean openWeights(Option.Api a) {
        ApiModel m = catalog.apiModels().get(a.model());
        return m != null && m.openWeight();
    }
}
