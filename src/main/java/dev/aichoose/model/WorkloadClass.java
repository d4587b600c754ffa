package dev.aichoose.model;

/** A slice of the traffic: its share of queries, whether its data may leave the premises, how hard it is. */
public record WorkloadClass(String name, double share, boolean sensitive, Complexity complexity) {
    public enum Complexity {
        ROUTINE,
        COMPLEX
    }
}
