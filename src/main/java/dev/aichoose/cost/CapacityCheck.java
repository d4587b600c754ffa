package dev.aichoose.cost;

import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Defaults;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult.Capacity;
import dev.aichoose.model.OptionResult.CapacitySource;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Workload;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What owned or rented hardware delivers against what the load needs (docs/methodology.md §11):
 * the throughput and its source, whether the model fits, and the month the load outgrows it.
 */
final class CapacityCheck {
    private final Scenario scenario;
    private final Catalog catalog;
    private final Workload workload;

    CapacityCheck(Scenario scenario, Catalog catalog) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.workload = scenario.workload();
    }

    /**
     * The hardware's capacity carrying {@code share} of the queries. {@code fixedProblems} hold
     * whatever the share cannot change (the model does not fit, a replica needs more GPUs than there
     * are, the latency targets are missed); {@code outgrown} says when the load outgrows it.
     */
    record Check(Capacity capacity, List<String> fixedProblems, Optional<String> outgrown) {
        List<String> problems() {
            List<String> all = new ArrayList<>(fixedProblems);
            outgrown.ifPresent(all::add);
            return List.copyOf(all);
        }

        /** The largest share of the queries the hardware carries through the horizon (infinite for no limit). */
        double maxShare(double peakAtFullShare) {
            if (!fixedProblems.isEmpty()) return 0;
            Double available = capacity.availableTokensPerSecond();
            if (available == null || peakAtFullShare <= 0) return Double.POSITIVE_INFINITY;
            return available / peakAtFullShare;
        }
    }

    /** The check for an owned or rented option; empty for an API. */
    Optional<Check> check(Option option, double share) {
        return switch (option) {
            case Option.Api a -> Optional.empty();
            case Option.SelfHosted s -> {
                Gpu gpu = catalog.gpus().get(s.hardware());
                yield Optional.of(hardware(gpu, gpu.gpusPerSystem(), s.count(), s.serving(), share));
            }
            case Option.Rented r -> {
                CloudOffer offer = catalog.cloudOffers().get(r.offer());
                yield Optional.of(hardware(catalog.gpus().get(offer.gpu()), offer.gpus(), r.count(), r.serving(), share));
            }
            case Option.Hybrid h -> throw new IllegalArgumentException("a hybrid's capacity is its legs'");
        };
    }

    /** Peak generated tokens per second for a month's queries: average rate times the peak factor. */
    double requiredTokensPerSecond(double queriesInMonth) {
        return queriesInMonth * workload.generatedTokensPerQuery() / (Assumptions.HOURS_PER_MONTH * 3600)
                * workload.peakToAverage();
    }

    /** Peak tokens per second in the busiest month with all the queries. */
    double peakAtFullShare() {
        return requiredTokensPerSecond(workload.queriesInMonth(workload.busiestMonth(scenario.horizonMonths())));
    }

    /** Throughput one unit delivers by roofline (used to size the default set). */
    Roofline roofline(Gpu gpu, int gpusPerUnit, Option.Serving serving) {
        double generated = workload.generatedTokensPerQuery();
        return Roofline.estimate(gpu, gpusPerUnit, catalog.openModels().get(serving.model()),
                serving.quantization(), workload.inputTokensPerQuery() + generated,
                workload.inputTokensPerQuery() + generated / 2, streamsTarget(serving));
    }

    private static int streamsTarget(Option.Serving serving) {
        return serving.concurrency() != null ? serving.concurrency()
                : serving.quantization().gguf() ? Defaults.GGUF_CONCURRENCY : Defaults.SERVER_CONCURRENCY;
    }

    private Check hardware(Gpu gpu, int gpusPerUnit, int units, Option.Serving serving, double share) {
        List<String> problems = new ArrayList<>();
        OpenModel model = catalog.openModels().get(serving.model());
        double generated = workload.generatedTokensPerQuery();
        double context = workload.inputTokensPerQuery() + generated;
        int perReplica = serving.gpusPerReplica() != null ? serving.gpusPerReplica() : gpusPerUnit;
        int replicas = units * gpusPerUnit / perReplica;
        if (replicas == 0) {
            problems.add("a replica spans " + perReplica + " GPUs (gpus_per_replica), but the option has only "
                    + units * gpusPerUnit);
        }
        Roofline roofline = Roofline.estimate(gpu, perReplica, model, serving.quantization(), context,
                workload.inputTokensPerQuery() + generated / 2, streamsTarget(serving));
        if (context > model.contextTokens()) {
            problems.add("a request of " + Figures.wholeCount(context) + " tokens exceeds " + model.id() + "'s context of "
                    + Figures.wholeCount(model.contextTokens()) + " tokens");
        }
        boolean measuredOrGiven = serving.measured() != null || serving.tokensPerSecond() != null;
        if (!roofline.fits() && !measuredOrGiven) {
            problems.add(String.format(Locale.ROOT,
                    "%s at %s does not fit in memory: it needs %.1f GB (weights %.1f GB, runtime %.1f GB, KV cache for "
                            + "one %s-token request %.2f GB) and a replica on %s × %d offers %.1f GB usable "
                            + "(%.0f%% of %.0f GB); spread it over more GPUs with gpus_per_replica, or quantize further",
                    model.id(), serving.quantization().id(), roofline.neededGbForOneStream(), roofline.weightsGb(),
                    Defaults.RUNTIME_OVERHEAD_GB, Figures.wholeCount(context), roofline.kvGbPerStream(), gpu.id(), perReplica,
                    roofline.usableVramGb(), Defaults.USABLE_VRAM_SHARE * 100, gpu.vramGb() * perReplica));
        }
        double perUnit;
        CapacitySource source;
        String detail;
        if (serving.measured() != null) {
            perUnit = serving.measured().tokensPerSecond();
            source = CapacitySource.BENCH;
            detail = String.format(Locale.ROOT, "measured %.1f tok/s per replica (%s, %s, %s)", perUnit,
                    serving.measured().file(), serving.measured().startedAt(), serving.measured().run());
        } else if (serving.tokensPerSecond() != null) {
            perUnit = serving.tokensPerSecond();
            source = CapacitySource.GIVEN;
            detail = String.format(Locale.ROOT, "given %.1f tok/s per replica", perUnit);
        } else {
            perUnit = roofline.fits() ? roofline.tokensPerSecond() : 0;
            source = CapacitySource.ESTIMATE;
            detail = String.format(Locale.ROOT,
                    "roofline estimate %.1f tok/s per replica of %d GPU%s: %s at %s, %d stream%s, %s-bound", perUnit,
                    perReplica, perReplica == 1 ? "" : "s", model.id(),
                    serving.quantization().id(), Math.max(roofline.streams(), 0), roofline.streams() == 1 ? "" : "s",
                    roofline.computeBoundTokensPerSecond() != null
                            && roofline.computeBoundTokensPerSecond() < roofline.memoryBoundTokensPerSecond()
                            ? "compute" : "memory-bandwidth");
        }
        if (!roofline.fits() && measuredOrGiven) {
            // a measurement (or the user's own figure) outranks the memory estimate, which overstates
            // KV for sliding-window and latent attention
            detail += String.format(Locale.ROOT, " (the memory estimate says it would not fit in %.1f GB; "
                    + "the %s figure overrides it)", roofline.usableVramGb(), source.id());
        }
        double available = perUnit * replicas;
        double peak = 0;
        Integer outgrown = null;
        for (int m = 1; m <= scenario.horizonMonths(); m++) {
            double required = requiredTokensPerSecond(share * workload.queriesInMonth(m));
            peak = Math.max(peak, required);
            if (outgrown == null && required > available && (roofline.fits() || measuredOrGiven)) outgrown = m;
        }
        Optional<String> outgrownProblem = Optional.empty();
        if (serving.measured() != null && serving.measured().tokensPerSecond() == 0) {
            problems.add("the bench result " + serving.measured().file() + " has " + serving.measured().run()
                    + ": this hardware does not meet the scenario's latency targets");
        } else if (outgrown != null) {
            double required = requiredTokensPerSecond(share * workload.queriesInMonth(outgrown));
            int replicasNeeded = perUnit > 0 ? (int) Math.ceil(peak / perUnit) : 0;
            outgrownProblem = Optional.of(String.format(Locale.ROOT,
                    "the load outgrows the hardware in month %d: it needs %.1f tok/s at peak and %d replica%s "
                            + "%.1f (%s); about %d replica%s would carry the whole horizon",
                    outgrown, required, replicas, replicas == 1 ? " delivers" : "s deliver", available, source.id(),
                    replicasNeeded, replicasNeeded == 1 ? "" : "s"));
        }
        return new Check(new Capacity(peak, available, source, detail), List.copyOf(problems), outgrownProblem);
    }
}
