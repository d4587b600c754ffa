package dev.aichoose.model;

import java.util.List;

/** One way to serve the workload. The variants are closed: the cost engine handles each. */
public sealed interface Option {
    String id();

    /** Pay per token. Inline prices override the catalog's. */
    record Api(String id, String model, Double inputUsdPerMtok, Double outputUsdPerMtok, Double cachedInputUsdPerMtok,
            boolean batch) implements Option {}

    /** Hardware bought and run on premises. Null fields fall back to the catalog or the assumptions. */
    record SelfHosted(
            String id,
            String hardware,
            int count,
            Double hardwareUsd,
            double extraUpfrontUsd,
            Double electricityUsdPerMonth,
            Double powerW,
            Integer lifetimeMonths,
            Double residualShare,
            Double maintenanceShareAnnual,
            Double opsHoursPerMonth,
            Serving serving) implements Option {}

    /** GPUs rented by the hour. */
    record Rented(
            String id,
            String offer,
            int count,
            double hoursPerMonth,
            Double usdPerGpuHour,
            Double opsHoursPerMonth,
            Serving serving) implements Option {}

    /**
     * Classes of the workload routed to other options. With {@code auto} the scenario left the routes
     * to aichoose: as loaded they are empty, and the evaluation replaces them with the cheapest
     * feasible routing over the scenario's other options.
     */
    record Hybrid(String id, List<Route> routes, boolean auto) implements Option {
        public Hybrid {
            routes = List.copyOf(routes);
        }

        public Hybrid(String id, List<Route> routes) {
            this(id, routes, false);
        }

        /** Each routed option and the share of all queries it carries, in route order. */
        public java.util.Map<String, Double> legs(Workload workload) {
            java.util.Map<String, Double> legs = new java.util.LinkedHashMap<>();
            for (Route r : routes) legs.merge(r.option(), workload.shareOf(r.workloadClass()), Double::sum);
            return legs;
        }

        /** An automatic hybrid before its routes are chosen. */
        public static Hybrid auto(String id) {
            return new Hybrid(id, List.of(), true);
        }
    }

    record Route(String workloadClass, String option) {}

    /**
     * What runs on owned or rented hardware and how fast: a bench result, a given figure (per model
     * replica), or neither (a roofline estimate). A replica spans {@code gpusPerReplica} GPUs
     * (tensor parallel); by default all the GPUs of one unit (a card, a system, an instance).
     */
    record Serving(String model, Quantization quantization, Double tokensPerSecond, Measured measured,
            Integer concurrency, Integer gpusPerReplica) {}

    /** Throughput taken from a bench result: the run chosen for the scenario's latency targets. */
    record Measured(double tokensPerSecond, String file, String startedAt, String run) {}
}
