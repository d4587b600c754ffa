package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * A slice of the traffic: its share of queries and what may serve it. A {@code sensitive} class is
 * never sent to a third-party API; an {@code onPremises} class stays on owned hardware (no API, no
 * rented GPU); {@code quality} is the tier of model it needs (the profile's {@code quality_need}
 * unless the class says otherwise). {@code complexity} is descriptive: it implies no tier.
 * {@code shape} holds the token counts the class states for itself; the rest are the workload's.
 * Assembled by name with {@link WorkloadClassBuilder}; not set, the tier is standard, the complexity
 * routine, the class may go anywhere its sensitivity allows, and its shape is the workload's.
 */
@RecordBuilder
public record WorkloadClass(
        String name,
        double share,
        boolean sensitive,
        Complexity complexity,
        Quality quality,
        boolean onPremises,
        Shape shape) {

    public WorkloadClass {
        if (quality == null) quality = Quality.STANDARD;
        if (complexity == null) complexity = Complexity.ROUTINE;
        if (shape == null) shape = Shape.NONE;
    }

    public enum Complexity {
        ROUTINE,
        COMPLEX
    }

    /**
     * The fields of a query's shape a class states for itself ({@code classes[].input_tokens_per_query}
     * and the rest); null where it takes the workload's.
     */
    public record Shape(
            Double inputTokensPerQuery,
            Double outputTokensPerQuery,
            Double reasoningTokensPerQuery,
            Double cachedInputShare,
            Double cacheWriteShare) {
        public static final Shape NONE = new Shape(null, null, null, null, null);

        public boolean isEmpty() {
            return equals(NONE);
        }

        /** This class's shape: each field it states, else the workload's. */
        public TokenShape over(TokenShape workload) {
            return new TokenShape(
                    or(inputTokensPerQuery, workload.inputTokensPerQuery()),
                    or(outputTokensPerQuery, workload.outputTokensPerQuery()),
                    or(reasoningTokensPerQuery, workload.reasoningTokensPerQuery()),
                    or(cachedInputShare, workload.cachedInputShare()),
                    or(cacheWriteShare, workload.cacheWriteShare()));
        }

        private static double or(Double own, double fallback) {
            return own != null ? own : fallback;
        }
    }
}
