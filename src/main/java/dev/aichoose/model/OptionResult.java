package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * One option over the horizon: its cash flows, totals and capacity. Eight figures of one type:
 * assembled by name with {@link OptionResultBuilder}.
 */
@RecordBuilder
public record OptionResult(
        String id,
        OptionKind kind,
        String description,
        boolean feasible,
        List<String> problems,
        double upfrontUsd,
        List<MonthlyCost> monthly,
        double totalCashUsd,
        double salvageUsd,
        double tcoUsd,
        double npvUsd,
        double costPerQueryUsd,
        double steadyMonthlyUsd,
        Capacity capacity,
        Costing costing,
        List<Option.Route> routing,
        List<ClassCost> classCosts,
        java.util.Set<OptionKind> servedBy) {

    public OptionResult {
        problems = List.copyOf(problems);
        monthly = List.copyOf(monthly);
        routing = List.copyOf(routing);
        classCosts = List.copyOf(classCosts);
        servedBy = servedBy == null || servedBy.isEmpty()
                ? java.util.Set.of(kind)
                : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(servedBy));
    }

    /**
     * What the option is, by what serves its traffic (docs/methodology.md §13.4): closed when only
     * APIs do, open source when only owned or rented hardware does, a hybrid only when it mixes the
     * two. A routing across two APIs is closed, not a hybrid.
     */
    public Recommendation.Verdict category() {
        boolean api = servedBy.contains(OptionKind.API);
        boolean open = servedBy.stream().anyMatch(OptionKind::openSource);
        if ((api && open) || servedBy.contains(OptionKind.HYBRID)) return Recommendation.Verdict.HYBRID;
        return api ? Recommendation.Verdict.CLOSED : Recommendation.Verdict.OPEN_SOURCE;
    }

    /** Whether only APIs serve it: an API, or a routing across APIs. */
    public boolean closed() {
        return category() == Recommendation.Verdict.CLOSED;
    }

    /**
     * What a query of one class costs on the API that carries it, at the class's own shape
     * (docs/methodology.md §3.2): an API option's every class, a hybrid's classes routed to an API.
     * {@code share} is the class's share of all queries; {@code prices} the API's effective prices for
     * its shape (a long-context tier follows the class's input); {@code month1UsageUsd} what the class
     * costs there in month 1.
     */
    public record ClassCost(
            String workloadClass,
            String option,
            double share,
            double costPerQueryUsd,
            double month1UsageUsd,
            Costing.PerToken prices) {}

    /** All the queries of the horizon, Σ Q_m: what {@code costPerQueryUsd} divides the TCO by (methodology §8). */
    public double queriesOverHorizon() {
        return monthly.stream().mapToDouble(MonthlyCost::queries).sum();
    }

    /** One month's cash: {@code costUsd} is the sum of the parts; month 1 includes upfront. */
    public record MonthlyCost(int month, double queries, double costUsd, double cumulativeUsd, CostParts parts) {}

    /**
     * Where a month's cash goes. {@code hardware} is purchases (upfront and replacements, hosts
     * included), {@code residualCredit} the resale value that comes back at a replacement (a negative
     * cost), {@code colocation} rack space by the kW, {@code recurring} the option's fixed monthly lines.
     */
    @RecordBuilder
    public record CostParts(
            double usage,
            double hardware,
            double residualCredit,
            double electricity,
            double maintenance,
            double staff,
            double rent,
            double colocation,
            double recurring) {
        public static final CostParts ZERO = new CostParts(0, 0, 0, 0, 0, 0, 0, 0, 0);

        public double total() {
            return usage
                    + hardware
                    - residualCredit
                    + electricity
                    + maintenance
                    + staff
                    + rent
                    + colocation
                    + recurring;
        }

        public CostParts plus(CostParts o) {
            return new CostParts(
                    usage + o.usage,
                    hardware + o.hardware,
                    residualCredit + o.residualCredit,
                    electricity + o.electricity,
                    maintenance + o.maintenance,
                    staff + o.staff,
                    rent + o.rent,
                    colocation + o.colocation,
                    recurring + o.recurring);
        }
    }

    /**
     * Peak generated tokens/s needed (in the busiest month) against what the hardware delivers in
     * that month; {@code fleet} is the owned or rented fleet month by month (empty for a hybrid,
     * whose legs each have their own); {@code estimate} the serving model's figures when the
     * throughput is its estimate.
     */
    @RecordBuilder
    public record Capacity(
            double requiredTokensPerSecond,
            Double availableTokensPerSecond,
            CapacitySource source,
            String detail,
            java.util.Optional<Fleet> fleet,
            java.util.Optional<Estimate> estimate) {

        /** Unset by a builder: no fleet (a hybrid's legs have their own), no estimate (a measured figure). */
        public Capacity {
            if (fleet == null) fleet = java.util.Optional.empty();
            if (estimate == null) estimate = java.util.Optional.empty();
        }
    }

    /**
     * An estimated replica (docs/methodology.md §11.5): what it delivers and how, and the measured error
     * of the group its operating point belongs to ({@code accuracy}, absent when the table has no run in it);
     * {@code estimatedFigures}, the hardware entry's figures it rests on that the catalog lists as estimates.
     */
    public record Estimate(
            double tokensPerSecond,
            int gpus,
            String parallelism,
            String engine,
            String kvPrecision,
            int streams,
            double ttftMs,
            double tpotMs,
            String bound,
            java.util.Optional<ServingCalibration.GroupAccuracy> accuracy,
            java.util.List<String> estimatedFigures) {}

    public enum CapacitySource {
        BENCH,
        GIVEN,
        ESTIMATE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
