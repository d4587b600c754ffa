package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * One way to serve the workload. The variants are closed: the cost engine handles each. Each
 * variant of many components is assembled by name with its generated builder ({@code
 * OptionApiBuilder}, {@code OptionSelfHostedBuilder}, {@code OptionRentedBuilder}, {@code
 * OptionServingBuilder}, ...); a component not set is null, 0 or false, or the default its record
 * names.
 */
public sealed interface Option {
    String id();

    /**
     * Pay per token. Inline prices override the catalog's, each kind on its own; an inline price is
     * final for every request size and service tier unless the option gives its own
     * {@code longContext} tier (docs/methodology.md §3.1).
     */
    @RecordBuilder
    record Api(
            String id,
            String model,
            Double inputUsdPerMtok,
            Double outputUsdPerMtok,
            Double cachedInputUsdPerMtok,
            boolean batch,
            ServiceTier serviceTier,
            Double cacheWriteUsdPerMtok,
            Double reasoningUsdPerMtok,
            ApiModel.LongContextTier longContext)
            implements Option, OptionApiBuilder.With {

        public Api {
            if (serviceTier == null || (serviceTier == ServiceTier.STANDARD && batch)) {
                serviceTier = batch ? ServiceTier.BATCH : ServiceTier.STANDARD;
            }
            batch = serviceTier == ServiceTier.BATCH;
        }
    }

    /**
     * Hardware bought and run on premises. Null fields fall back to the catalog or the assumptions.
     * With {@code autoCount} ({@code count: auto}) aichoose buys units as the load needs them, never
     * fewer than {@code count}; otherwise {@code count} units are the whole fleet. {@code server} is
     * the host the cards go into; {@code recurring} the fixed monthly lines the option pays.
     */
    @RecordBuilder
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
            Serving serving,
            boolean autoCount,
            Server server,
            List<RecurringCost> recurring)
            implements Sized, OptionSelfHostedBuilder.With {

        public SelfHosted {
            if (server == null) server = Server.CATALOG;
            recurring = recurring == null ? List.of() : List.copyOf(recurring);
        }

        @Override
        public SelfHosted autoSized() {
            return with().count(1).autoCount(true).build();
        }
    }

    /**
     * The host owned cards go into (docs/methodology.md §4.1): {@code host} names a catalog host, or
     * is {@link #NONE} for none (the cards go into machines the team has, or {@code extra_upfront_usd}
     * prices them); null takes the card's own catalog host. {@code hostUsd} and {@code hostPowerW}
     * override the host's price and power.
     */
    record Server(String host, Double hostUsd, Double hostPowerW) {
        public static final String NONE = "none";
        public static final Server CATALOG = new Server(null, null, null);
    }

    /** A fixed monthly line an owned or rented option pays whatever its load: rack space, a licence, storage. */
    record RecurringCost(String name, double usdPerMonth) {}

    /**
     * GPUs rented by the hour; {@code count} instances, or as many as the load needs ({@code autoCount}).
     * With a {@code choice} ({@code offer: cheapest}) the evaluation picks the offer: until then
     * {@code offer} is null, and after it names the pick (docs/methodology.md §5.1). {@code rental}
     * holds the terms the offer is billed on where the scenario states them; {@code recurring} the
     * fixed monthly lines it adds (storage, egress, a support plan).
     */
    @RecordBuilder
    record Rented(
            String id,
            String offer,
            int count,
            double hoursPerMonth,
            Double usdPerGpuHour,
            Double opsHoursPerMonth,
            Serving serving,
            boolean autoCount,
            OfferChoice choice,
            Rental rental,
            List<RecurringCost> recurring)
            implements Sized, OptionRentedBuilder.With {

        public Rented {
            if (rental == null) rental = Rental.CATALOG;
            recurring = recurring == null ? List.of() : List.copyOf(recurring);
        }

        /** The same option renting {@code picked}, one of {@code candidates} offers that matched its choice. */
        public Rented pick(String picked, int candidates) {
            return with().offer(picked).choice(choice.picked(candidates)).build();
        }

        @Override
        public Rented autoSized() {
            return with().count(1).autoCount(true).build();
        }
    }

    /**
     * How a rented offer is billed, where the scenario says so rather than the catalog (null: the
     * catalog's, else the defaults of docs/methodology.md §5): a reservation's {@code termMonths}; a
     * serverless worker's {@code idleTimeoutSeconds}; a spot instance's {@code interruptionsPerMonth}
     * and {@code restartSeconds}; {@code spotCarriesLatency} accepts spot capacity alone for a class
     * with a latency target.
     */
    record Rental(
            Integer termMonths,
            Double idleTimeoutSeconds,
            Double interruptionsPerMonth,
            Double restartSeconds,
            boolean spotCarriesLatency) {
        public static final Rental CATALOG = new Rental(null, null, null, null, false);
    }

    /**
     * {@code offer: cheapest}: rent whichever catalog offer of {@code hardware} on {@code tier}, from one
     * of {@code providers} (all when empty) in a region {@code region} matches (any when null), gives the
     * option its lowest TCO. {@code candidates} is how many matched, once the evaluation has picked; null before.
     */
    record OfferChoice(
            String hardware, String tier, List<String> providers, java.util.regex.Pattern region, Integer candidates) {
        public OfferChoice {
            providers = List.copyOf(providers);
        }

        public boolean picked() {
            return candidates != null;
        }

        OfferChoice picked(int n) {
            return new OfferChoice(hardware, tier, providers, region, n);
        }

        /** Whether the catalog offer is one this choice may rent. */
        public boolean matches(CloudOffer offer) {
            return offer.gpu().equals(hardware)
                    && offer.tier().equals(tier)
                    && (providers.isEmpty() || providers.contains(offer.provider()))
                    && (region == null
                            || (offer.region() != null
                                    && region.matcher(offer.region()).matches()));
        }

        /** What the choice asks for, in the scenario's terms: "nvidia/h100-sxm on_demand from lambda, runpod in us-.*". */
        public String describe() {
            return hardware + " " + tier + (providers.isEmpty() ? "" : " from " + String.join(", ", providers))
                    + (region == null ? "" : " in " + region.pattern());
        }
    }

    /** Owned or rented hardware: a count of units serving one model. */
    sealed interface Sized extends Option permits SelfHosted, Rented {
        int count();

        boolean autoCount();

        Serving serving();

        /** The same option with its count left to aichoose (at least one unit). */
        Option autoSized();
    }

    /**
     * Classes of the workload routed to other options. With {@code auto} the scenario left the routes
     * to aichoose: as loaded they are empty, and the evaluation replaces them with the cheapest
     * feasible routing over the scenario's other options.
     */
    record Hybrid(String id, List<Route> routes, boolean auto) implements Option {
        public Hybrid {
            routes = List.copyOf(routes);
        }

        /** Each routed option and the share of all queries it carries, in route order. */
        public java.util.Map<String, Double> legs(Workload workload) {
            java.util.Map<String, Double> legs = new java.util.LinkedHashMap<>();
            for (Route r : routes) legs.merge(r.option(), workload.shareOf(r.workloadClass()), Double::sum);
            return legs;
        }

        /** Each routed option and the traffic it carries: its classes, in route order, with their shapes. */
        public java.util.Map<String, Traffic> traffic(Workload workload) {
            java.util.Map<String, List<String>> classes = new java.util.LinkedHashMap<>();
            for (Route r : routes)
                classes.computeIfAbsent(r.option(), k -> new java.util.ArrayList<>())
                        .add(r.workloadClass());
            java.util.Map<String, Traffic> traffic = new java.util.LinkedHashMap<>();
            classes.forEach((option, names) -> traffic.put(option, workload.traffic(names)));
            return traffic;
        }

        /** An automatic hybrid before its routes are chosen. */
        public static Hybrid auto(String id) {
            return new Hybrid(id, List.of(), true);
        }
    }

    record Route(String workloadClass, String option) {}

    /**
     * What runs on owned or rented hardware and how fast: a bench result, a given figure (per model
     * replica), or neither (the serving model's estimate). A replica spans {@code gpusPerReplica} GPUs
     * of one chassis; by default all the GPUs of one unit (a card, a system, an instance), or when
     * the model does not fit there, the smallest replica that holds it; with {@code autoReplica}
     * ({@code gpus_per_replica: auto}) always the smallest replica that holds the model and the KV
     * cache of its concurrency. {@code engine}, {@code kvPrecision} and {@code parallelism} are null
     * when the scenario leaves them to their defaults (docs/methodology.md §11.4);
     * {@code throughputFactor} multiplies whatever the replica delivers (1 but in a simulation's draw).
     */
    @RecordBuilder
    record Serving(
            String model,
            Quantization quantization,
            Double tokensPerSecond,
            Measured measured,
            Integer concurrency,
            Integer gpusPerReplica,
            boolean autoReplica,
            Engine engine,
            KvPrecision kvPrecision,
            Parallelism parallelism,
            @RecordBuilder.Initializer("AS_DELIVERED") double throughputFactor)
            implements OptionServingBuilder.With {

        /** {@code throughputFactor} when not set: the replica's throughput as it is. */
        public static final double AS_DELIVERED = 1;

        /** The same serving with its throughput times {@code factor} (a simulation's draw). */
        public Serving timesThroughput(double factor) {
            return withThroughputFactor(throughputFactor * factor);
        }
    }

    /**
     * What a bench result says at the scenario's latency targets: the throughput of the run chosen,
     * or that no run met them. {@code warnings} say why the figure deserves less trust (another
     * model than the option's, failures, estimated token counts, a bench stopped early, other prompt
     * lengths); {@code recorded} what the bench recorded of its setup and the chosen run's lengths.
     */
    sealed interface Measured {
        String file();

        String startedAt();

        /** The model the bench talked to, as the server named it. */
        String model();

        List<String> warnings();

        Recorded recorded();

        Measured withWarning(String warning);

        /**
         * What a bench result recorded about itself, each null when it did not: the hardware and
         * quantization it measured ({@code settings.hardware}, {@code settings.quantization}), and the
         * mean prompt and output tokens of the run chosen.
         */
        record Recorded(String hardware, String quantization, Double inputTokens, Double outputTokens) {
            public static final Recorded NOTHING = new Recorded(null, null, null, null);
        }

        /**
         * The throughput of the run chosen ({@code run} says which, e.g. "at concurrency 16"), with its
         * 95 % interval {@code [low, high]} from the run's per-second series when the bench had one.
         */
        @RecordBuilder
        record Throughput(
                double tokensPerSecond,
                String file,
                String startedAt,
                String run,
                String model,
                List<String> warnings,
                Recorded recorded,
                List<Double> tokensPerSecondCi)
                implements Measured, OptionMeasuredThroughputBuilder.With {
            public Throughput {
                warnings = List.copyOf(warnings);
                if (recorded == null) recorded = Recorded.NOTHING;
                tokensPerSecondCi = tokensPerSecondCi == null ? null : List.copyOf(tokensPerSecondCi);
            }

            @Override
            public Throughput withWarning(String warning) {
                return withWarnings(plus(warnings, warning));
            }
        }

        /** No run met the targets ({@code targets} names them): as measured, this hardware does not. */
        @RecordBuilder
        record NoRunMeets(
                String file, String startedAt, String targets, String model, List<String> warnings, Recorded recorded)
                implements Measured, OptionMeasuredNoRunMeetsBuilder.With {
            public NoRunMeets {
                warnings = List.copyOf(warnings);
                if (recorded == null) recorded = Recorded.NOTHING;
            }

            @Override
            public NoRunMeets withWarning(String warning) {
                return withWarnings(plus(warnings, warning));
            }
        }

        private static List<String> plus(List<String> list, String item) {
            List<String> all = new java.util.ArrayList<>(list);
            all.add(item);
            return all;
        }
    }
}
