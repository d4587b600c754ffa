package dev.aichoose.model;

import java.util.List;

/** One option over the horizon: its cash flows, totals and capacity. */
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
        List<Option.Route> routing) {

    public OptionResult {
        problems = List.copyOf(problems);
        monthly = List.copyOf(monthly);
        routing = List.copyOf(routing);
    }

    /** An option that routes nothing (every kind but a hybrid). */
    public OptionResult(
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
            Costing costing) {
        this(
                id,
                kind,
                description,
                feasible,
                problems,
                upfrontUsd,
                monthly,
                totalCashUsd,
                salvageUsd,
                tcoUsd,
                npvUsd,
                costPerQueryUsd,
                steadyMonthlyUsd,
                capacity,
                costing,
                List.of());
    }

    /** All the queries of the horizon, Σ Q_m: what {@code costPerQueryUsd} divides the TCO by (methodology §8). */
    public double queriesOverHorizon() {
        return monthly.stream().mapToDouble(MonthlyCost::queries).sum();
    }

    /** One month's cash: {@code costUsd} is the sum of the parts; month 1 includes upfront. */
    public record MonthlyCost(int month, double queries, double costUsd, double cumulativeUsd, CostParts parts) {}

    /**
     * Where a month's cash goes. {@code hardware} is purchases (upfront and replacements),
     * {@code residualCredit} the resale value that comes back at a replacement (a negative cost).
     */
    public record CostParts(
            double usage,
            double hardware,
            double residualCredit,
            double electricity,
            double maintenance,
            double staff,
            double rent) {
        public static final CostParts ZERO = new CostParts(0, 0, 0, 0, 0, 0, 0);

        public double total() {
            return usage + hardware - residualCredit + electricity + maintenance + staff + rent;
        }

        public CostParts plus(CostParts o) {
            return new CostParts(
                    usage + o.usage,
                    hardware + o.hardware,
                    residualCredit + o.residualCredit,
                    electricity + o.electricity,
                    maintenance + o.maintenance,
                    staff + o.staff,
                    rent + o.rent);
        }
    }

    /**
     * Peak generated tokens/s needed (in the busiest month) against what the hardware delivers in
     * that month; {@code fleet} is the owned or rented fleet month by month (empty for a hybrid,
     * whose legs each have their own); {@code estimate} the serving model's figures when the
     * throughput is its estimate.
     */
    public record Capacity(
            double requiredTokensPerSecond,
            Double availableTokensPerSecond,
            CapacitySource source,
            String detail,
            java.util.Optional<Fleet> fleet,
            java.util.Optional<Estimate> estimate) {

        public Capacity(
                double requiredTokensPerSecond,
                Double availableTokensPerSecond,
                CapacitySource source,
                String detail,
                java.util.Optional<Fleet> fleet) {
            this(requiredTokensPerSecond, availableTokensPerSecond, source, detail, fleet, java.util.Optional.empty());
        }

        public Capacity(
                double requiredTokensPerSecond, Double availableTokensPerSecond, CapacitySource source, String detail) {
            this(requiredTokensPerSecond, availableTokensPerSecond, source, detail, java.util.Optional.empty());
        }
    }

    /**
     * An estimated replica (docs/methodology.md §11.5): what it delivers and how, and the measured error
     * of the group its operating point belongs to ({@code accuracy}, absent when the table has no run in it).
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
            java.util.Optional<ServingCalibration.GroupAccuracy> accuracy) {}

    public enum CapacitySource {
        BENCH,
        GIVEN,
        ESTIMATE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
