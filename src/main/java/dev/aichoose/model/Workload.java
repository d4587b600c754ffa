package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * What the system must serve. {@code reasoningTokensPerQuery} bill at the reasoning price (the
 * output price where the model lists none) and count as generated tokens; {@code cacheWriteShare}
 * of the input is written to the prompt cache, kept for {@code cacheWriteTtl}; {@code classes} split the traffic for hybrid routing (the rest is "default").
 *
 * <p>Ten numbers of one type: assembled by name with {@link WorkloadBuilder}, never by position. Not
 * set, a share or token count is 0, the cache write TTL 5 minutes.
 */
@RecordBuilder
public record Workload(
        double queriesPerMonth,
        double inputTokensPerQuery,
        double outputTokensPerQuery,
        double reasoningTokensPerQuery,
        double monthlyGrowth,
        double cachedInputShare,
        double peakToAverage,
        List<WorkloadClass> classes,
        LatencySlo slo,
        double cacheWriteShare,
        CacheTtl cacheWriteTtl)
        implements WorkloadBuilder.With {

    public Workload {
        classes = List.copyOf(classes);
        if (cacheWriteTtl == null) cacheWriteTtl = CacheTtl.M5;
    }

    /**
     * The same workload with {@code shape}'s token fields: what a replica serves when the classes'
     * mean query is not the workload's own (docs/methodology.md §11.1).
     */
    public Workload servedAs(TokenShape shape) {
        return with().inputTokensPerQuery(shape.inputTokensPerQuery())
                .outputTokensPerQuery(shape.outputTokensPerQuery())
                .reasoningTokensPerQuery(shape.reasoningTokensPerQuery())
                .cachedInputShare(shape.cachedInputShare())
                .cacheWriteShare(shape.cacheWriteShare())
                .build();
    }

    /** The shape of the default class: the workload's own token fields. */
    public TokenShape shape() {
        return new TokenShape(
                inputTokensPerQuery, outputTokensPerQuery, reasoningTokensPerQuery, cachedInputShare, cacheWriteShare);
    }

    /** A class's shape by name: the fields it states, the workload's for the rest; {@code default}'s is the workload's. */
    public TokenShape shapeOf(String className) {
        for (WorkloadClass c : classes)
            if (c.name().equals(className)) return c.shape().over(shape());
        return shape();
    }

    /** Whether some class with traffic states a shape of its own. */
    public boolean hasClassShapes() {
        for (WorkloadClass c : classes) if (c.share() > 0 && !c.shape().isEmpty()) return true;
        return false;
    }

    /** Every class with traffic, {@code default} last (when it has any): what a single option carries. */
    public List<String> trafficClassNames() {
        List<String> names = new java.util.ArrayList<>();
        for (WorkloadClass c : classes) if (c.share() > 0) names.add(c.name());
        if (defaultShare() > 1e-9) names.add(DEFAULT_CLASS);
        return List.copyOf(names);
    }

    /** All the traffic: every class with its share and shape, in one slice when they share the workload's shape. */
    public Traffic traffic() {
        if (!hasClassShapes()) return new Traffic(List.of(new Traffic.Slice(trafficClassNames(), 1.0, shape())));
        return traffic(trafficClassNames());
    }

    /** The traffic of these classes, in this order. */
    public Traffic traffic(List<String> classNames) {
        return Traffic.of(
                classNames,
                classNames.stream().map(this::shareOf).toList(),
                classNames.stream().map(this::shapeOf).toList());
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
        return classes.stream()
                .filter(c -> c.name().equals(className))
                .mapToDouble(WorkloadClass::share)
                .sum();
    }

    /** The busiest month of the horizon: the last when traffic grows, the first when it shrinks. */
    public int busiestMonth(int horizonMonths) {
        return monthlyGrowth > 0 ? horizonMonths : 1;
    }

    /**
     * Latency targets in milliseconds, for a scenario and for {@code aichoose bench --slo}; a null
     * bound does not constrain. Capacity planning reads TTFT and TPOT; E2E serves bench goodput.
     * Three bounds of one type: assembled by name with {@code WorkloadLatencySloBuilder}.
     */
    @RecordBuilder
    public record LatencySlo(Double ttftMs, Double tpotMs, Double e2eMs) {
        public static final LatencySlo NONE = new LatencySlo(null, null, null);

        public LatencySlo {
            for (Double v : new Double[] {ttftMs, tpotMs, e2eMs}) {
                if (v != null && !(v >= 0)) throw new IllegalArgumentException("a latency target must be 0 ms or more");
            }
        }

        public boolean isEmpty() {
            return ttftMs == null && tpotMs == null && e2eMs == null;
        }
    }
}
