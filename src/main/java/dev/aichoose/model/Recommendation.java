package dev.aichoose.model;

import java.util.List;
import java.util.Optional;

/**
 * The verdict, the option it recommends (or that none is feasible), and the reasoning question by
 * question. {@code verdict} is the kind of the recommended option; with nothing feasible it is the
 * kind the questions lean towards.
 */
public record Recommendation(
        Verdict verdict, Choice choice, List<Answer> questions, List<String> constraints, String summary) {

    public Recommendation {
        questions = List.copyOf(questions);
        constraints = List.copyOf(constraints);
    }

    /** The recommended option's id, when some option is feasible. */
    public Optional<String> recommendedOption() {
        return switch (choice) {
            case Recommended r -> Optional.of(r.option());
            case NoneFeasible n -> Optional.empty();
        };
    }

    /** What the decision picked: one option, or nothing because no option is feasible. */
    public sealed interface Choice permits Recommended, NoneFeasible {}

    /**
     * The recommended option, the cheapest feasible one (the cost-optimal answer), and what the
     * recommended one costs above it ({@code premiumShare} of the cheapest's TCO; 0 when it is the
     * cheapest). {@code alternative} is the option the answers preferred when its premium was too high.
     */
    public record Recommended(
            String option,
            String cheapestOption,
            double premiumUsd,
            double premiumShare,
            Optional<Alternative> alternative)
            implements Choice {}

    /** A preferred option declined for its premium over the cost-optimal one. */
    public record Alternative(String option, double premiumUsd, double premiumShare, String reason) {}

    /** No option is feasible; each option's problems say why. */
    public record NoneFeasible() implements Choice {}

    public enum Verdict {
        OPEN_SOURCE,
        CLOSED,
        HYBRID;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Lean {
        OPEN_SOURCE,
        CLOSED,
        NEUTRAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Question {
        Q1_DATA_SENSITIVITY("How sensitive is the data?"),
        Q2_VOLUME("What is the volume?"),
        Q3_CUSTOMIZATION("Is customization needed?"),
        Q4_TECHNICAL_CAPABILITY("What technical capability does the team have?"),
        Q5_VENDOR_INDEPENDENCE("How much does vendor independence matter?");

        private final String text;

        Question(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Answer(Question id, Lean leans, String reason) {}
}
