package dev.aichoose.model;

/**
 * A slice of the traffic: its share of queries and what may serve it. A {@code sensitive} class is
 * never sent to a third-party API; an {@code onPremises} class stays on owned hardware (no API, no
 * rented GPU); {@code quality} is the tier of model it needs (the profile's {@code quality_need}
 * unless the class says otherwise). {@code complexity} is descriptive: it implies no tier.
 */
public record WorkloadClass(
        String name, double share, boolean sensitive, Complexity complexity, Quality quality, boolean onPremises) {

    public WorkloadClass {
        if (quality == null) quality = Quality.STANDARD;
        if (complexity == null) complexity = Complexity.ROUTINE;
    }

    /** A class with the standard tier and no placement rule beyond {@code sensitive}. */
    public WorkloadClass(String name, double share, boolean sensitive, Complexity complexity) {
        this(name, share, sensitive, complexity, Quality.STANDARD, false);
    }

    public enum Complexity {
        ROUTINE,
        COMPLEX
    }
}
