package dev.aichoose.model;

import java.util.List;

/**
 * What the system must serve. {@code reasoningTokensPerQuery} bill at the output price and count
 * as generated tokens; {@code classes} split the traffic for hybrid routing (the rest is "default").
 */
public record Workload(
        double queriesPerMonth,
        double inputTokensPerQuery,
        double outputTokensPerQuery,
        double reasoningTokensPerQuery,
        double monthlyGrowth,
        double cachedInputShare,
        double peakToAverage,
        List<WorkloadClass> classes,
        LatencySlo slo) {

    public Workload {
        classes = List.copyOf(classes);
    }

    /** Queries in month m (1-based): compounding growth. */
    public double queriesInMonth(int month) {
        return queriesPerMonth * Math.pow(1 + monthlyGrowth, month - 1);
    }

    /** Tokens generated per query: visible output plus reasoning. */
    public double generatedTokensPerQuery() {
        return outputTokensPerQuery + reasoningTokensPerQuery;
    }

    /** Share of the traffic left to the implicit "default" class. */
    public double defaultShare() {
        return 1 - classes.stream().mapToDouble(WorkloadClass::share).sum();
    }

    public static final String DEFAULT_CLASS = "default";

    /** The share of all queries in a class by name; {@code default} is the rest. */
    public double shareOf(String className) {
        if (className.equals(DEFAULT_CLASS)) return Math.max(0, defaultShare());
        return classes.stream().filter(c -> c.name().equals(className)).mapToDouble(WorkloadClass::share).sum();
    }

    /** The busiest month of the horizon: the last when traffic grows, the first when it shrinks. */
    public int busiestMonth(int horizonMonths) {
        return monthlyGrowth > 0 ? horizonMonths : 1;
    }

    /** Latency targets the deployment must meet; either may be null. */
    public record LatencySlo(Double ttftMs, Double tpotMs) {
        public static final LatencySlo NONE = new LatencySlo(null, null);
    }
}
