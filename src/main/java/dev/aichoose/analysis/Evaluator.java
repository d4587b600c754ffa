package dev.aichoose.analysis;

import dev.aichoose.cost.CostEngine;
import dev.aichoose.decide.Decider;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Defaults;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.EvaluationBuilder;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Provenance;
import dev.aichoose.model.Scenario;
import dev.aichoose.serving.EngineEvidence;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Scenario and catalogs in, a full evaluation out: costs, breakeven, crossovers, the recommendation. */
public final class Evaluator {
    private Evaluator() {}

    public static Evaluation evaluate(Scenario scenario, Catalog catalog, LocalDate asOf) {
        List<Option> options = optionsOf(scenario, catalog);
        // offer: cheapest is picked once, here; the evaluation's scenario carries the pick, so the
        // simulation's draws, the tornado and the flip points all rent the offer this evaluation chose
        List<Option> picked = OfferChoices.resolve(scenario, catalog, options);
        if (picked != options) {
            options = picked;
            scenario = scenario.with(scenario.workload(), scenario.assumptions(), picked);
        }
        // hybrids route to the other options by id, so one engine serves the automatic ones once resolved
        CostEngine engine = new CostEngine(scenario, catalog, options);
        List<Option> candidates =
                options.stream().filter(o -> !(o instanceof Option.Hybrid)).toList();
        Map<String, OptionResult> alone = new HashMap<>();
        candidates.forEach(o -> alone.put(o.id(), engine.evaluate(o)));
        options = resolveAutoRoutes(scenario, options, candidates, alone, engine);
        List<OptionResult> results = options.stream()
                .map(o -> alone.containsKey(o.id()) ? alone.get(o.id()) : engine.evaluate(o))
                .toList();

        List<Evaluation.Pair> pairs = Pairings.of(options, results, engine);
        Evaluation.Ranking ranking = Standings.of(results);

        List<Evaluation.CatalogUse> used = catalogUses(options, catalog, asOf);
        List<String> warnings = new ArrayList<>(catalog.warnings());
        warnings.addAll(inputWarnings(scenario, catalog, options, used, asOf));
        for (OptionResult r : results) {
            // an estimate that delivers nothing (the replica cannot serve at all) has its reason, not a bench, to give
            if (r.capacity() != null
                    && r.capacity().source() == OptionResult.CapacitySource.ESTIMATE
                    && r.kind() != OptionKind.HYBRID
                    && r.capacity().estimate().map(e -> e.tokensPerSecond() > 0).orElse(true)) {
                warnings.add(r.id() + ": throughput is the serving model's estimate (docs/methodology.md §11.5); run "
                        + "'aichoose bench' and point the option at the result for a measured figure");
            }
        }
        for (int i = 0; i < options.size(); i++) {
            warnings.addAll(estimateWarnings(options.get(i), results.get(i), catalog));
        }
        for (Option o : options) {
            Option.Serving serving =
                    o instanceof Option.SelfHosted s ? s.serving() : o instanceof Option.Rented r ? r.serving() : null;
            if (serving != null && serving.measured() != null) {
                serving.measured()
                        .warnings()
                        .forEach(w ->
                                warnings.add(o.id() + ": " + serving.measured().file() + ": " + w));
            }
        }
        List<String> unstaffed = results.stream()
                .filter(r -> (r.costing() instanceof Costing.Owned o && o.staffUsdPerMonth() == 0)
                        || (r.costing() instanceof Costing.Rent rent && rent.staffUsdPerMonth() == 0))
                .map(OptionResult::id)
                .toList();
        if (!unstaffed.isEmpty()) {
            warnings.add("no operations staff time is costed for " + String.join(", ", unstaffed)
                    + " (set ops_hours_per_month in assumptions or on the option)");
        }
        warnings.addAll(TrendNotes.of(scenario, results));
        Evaluation partial = EvaluationBuilder.builder()
                .scenario(scenario)
                .asOf(asOf)
                .catalog(used)
                .options(results)
                .pairs(pairs)
                .ranking(ranking)
                .warnings(warnings)
                .build();
        return EvaluationBuilder.builder(partial)
                .recommendation(Decider.decide(partial, options, catalog))
                .build();
    }

    /**
     * What an option's estimated replica should be told beyond its figures (docs/methodology.md §11.4,
     * §11.7): the engine setting a load above the engine's own default needs, and an engine no run of the
     * table measured on its GPU's maker's GPUs.
     */
    private static List<String> estimateWarnings(Option o, OptionResult r, Catalog catalog) {
        if (r.capacity() == null
                || r.capacity().source() != OptionResult.CapacitySource.ESTIMATE
                || r.capacity().estimate().isEmpty()) {
            return List.of();
        }
        Gpu gpu = gpuOf(o, catalog);
        OptionResult.Estimate e = r.capacity().estimate().get();
        Optional<Engine> engine = Engine.byId(e.engine());
        if (gpu == null || engine.isEmpty()) return List.of();
        List<String> warnings = new ArrayList<>();
        if (e.tokensPerSecond() > 0) {
            engine.get()
                    .defaultStreamsBelow(gpu, e.streams())
                    .ifPresent(d -> warnings.add(o.id() + ": " + d.words(e.streams())
                            + " on each of its servers, the load its capacity is estimated at (docs/methodology.md "
                            + "§11.4)"));
        }
        EngineEvidence.unmeasured(catalog, engine.get(), gpu)
                .ifPresent(words -> warnings.add(o.id() + ": " + words + " (docs/methodology.md §11.7)"));
        EngineEvidence.llamaCppTensorSplit(
                        engine.get(),
                        Parallelism.TENSOR.id().equals(e.parallelism()) ? Parallelism.TENSOR : Parallelism.PIPELINE,
                        e.gpus())
                .ifPresent(words -> warnings.add(o.id() + ": " + words));
        return warnings;
    }

    /** The GPU an owned or rented option runs on, if the catalog has it. */
    private static Gpu gpuOf(Option o, Catalog catalog) {
        String hardware = o instanceof Option.SelfHosted s
                ? s.hardware()
                : o instanceof Option.Rented rented && rented.offer() != null
                        ? Optional.ofNullable(catalog.cloudOffers().get(rented.offer()))
                                .map(CloudOffer::gpu)
                                .orElse(null)
                        : null;
        return hardware == null ? null : catalog.gpus().get(hardware);
    }

    /** The scenario's options, or the default set when it lists none. */
    static List<Option> optionsOf(Scenario scenario, Catalog catalog) {
        return scenario.optionsFromDefaults() ? DefaultOptions.build(scenario, catalog) : scenario.options();
    }

    /**
     * Replaces each {@code routes: auto} hybrid with the cheapest feasible routing over the other
     * options (docs/methodology.md §6.1). When none is feasible the routing that breaks the fewest
     * rules stands, and its evaluation lists them.
     */
    static List<Option> resolveAutoRoutes(
            Scenario scenario,
            List<Option> options,
            List<Option> candidates,
            Map<String, OptionResult> alone,
            CostEngine engine) {
        if (options.stream().noneMatch(o -> o instanceof Option.Hybrid h && h.auto())) return options;
        List<OptionResult> candidateResults =
                candidates.stream().map(o -> alone.get(o.id())).toList();
        List<Option> resolved = new ArrayList<>(options.size());
        for (Option o : options) {
            if (o instanceof Option.Hybrid h && h.auto()) {
                var routing = AutoRouting.route(
                        scenario.trafficClasses(), candidates, candidateResults, engine.feasibility(), engine::legTco);
                resolved.add(new Option.Hybrid(h.id(), routing.routes(), true));
            } else {
                resolved.add(o);
            }
        }
        return List.copyOf(resolved);
    }

    /**
     * The warnings a scenario's inputs raise before anything is computed: its implausible values,
     * the default option set, and catalog entries dated after the evaluation or older than
     * {@link Defaults#STALE_AFTER_DAYS} days whose price the evaluation takes. {@code evaluate}
     * and {@code validate} both say these, after the catalog's own warnings.
     */
    public static List<String> inputWarnings(Scenario scenario, Catalog catalog, LocalDate asOf) {
        List<Option> options =
                scenario.optionsFromDefaults() ? DefaultOptions.build(scenario, catalog) : scenario.options();
        return inputWarnings(scenario, catalog, options, catalogUses(options, catalog, asOf), asOf);
    }

    private static List<String> inputWarnings(
            Scenario scenario,
            Catalog catalog,
            List<Option> options,
            List<Evaluation.CatalogUse> used,
            LocalDate asOf) {
        Set<String> pricedFromCatalog = pricedFromCatalog(options);
        List<String> warnings = new ArrayList<>(scenario.warnings());
        if (scenario.optionsFromDefaults()) {
            warnings.add("the scenario lists no options, so it is compared with the default set (docs/methodology.md)");
        }
        for (Option o : options) {
            if (o instanceof Option.Rented r) billedApart(r, catalog).ifPresent(warnings::add);
        }
        for (var use : used) {
            if (use.ageDays() < 0) {
                warnings.add("catalog entry " + use.id() + " is dated " + use.asOf() + ", " + -use.ageDays()
                        + " days after the evaluation date " + asOf + ": its figures may not have held then");
            }
            // only a price taken from the catalog can be stale; inline prices and model specs are the user's
            if (use.ageDays() > Defaults.STALE_AFTER_DAYS && pricedFromCatalog.contains(use.id())) {
                warnings.add("catalog entry " + use.id() + " is " + use.ageDays() + " days old (as of " + use.asOf()
                        + "); check its price at " + use.source()
                        + (catalog.apiModels().containsKey(use.id())
                                ? ", or refresh it: aichoose catalog import litellm FILE -o prices.yaml, then --pricing prices.yaml"
                                : ", and override it in a price book (--pricing) if it has moved"));
            }
        }
        return warnings;
    }

    /**
     * A rented option whose offer bills storage or egress apart from its hourly price, and that adds
     * no {@code recurring} line for them: its cost is the GPU rent alone. No uplift is applied (a rule
     * of thumb is not a price), but the warning quotes the catalog's note with its source so the
     * size of what is missing is on the page (docs/methodology.md §5.5).
     */
    static Optional<String> billedApart(Option.Rented rented, Catalog catalog) {
        CloudOffer offer = rented.offer() == null ? null : catalog.cloudOffers().get(rented.offer());
        if (offer == null || !rented.recurring().isEmpty()) return Optional.empty();
        List<String> apart = offer.billing().billedApart();
        if (apart.isEmpty()) return Optional.empty();
        String what = String.join(" and ", apart);
        return Optional.of(rented.id() + ": " + offer.id() + " bills " + what + " apart from its hourly price and the"
                + " option adds no rented.recurring line, so its cost is the GPU rent alone; " + STICKER_NOTE
                + ": price the " + what + " it needs and add "
                + (apart.size() == 1 ? "it" : "each") + " as recurring: [{name: " + apart.get(0)
                + ", usd_per_month: N}] (docs/methodology.md §5.5)");
    }

    /**
     * The catalog header's rule of thumb, quoted and never applied: GPU rates are about 60-70 % of a
     * cloud bill (mercatus-ai.com/blog/cloud-gpu-pricing, May 2026).
     */
    private static final String STICKER_NOTE = "a cloud GPU bill commonly runs 30-50 % above the GPU sticker"
            + " (mercatus-ai.com/blog/cloud-gpu-pricing, May 2026), which aichoose does not add";

    /** The ids whose price the engine took from the catalog rather than from the scenario. */
    private static Set<String> pricedFromCatalog(List<Option> options) {
        Set<String> ids = new LinkedHashSet<>();
        for (Option o : options) {
            switch (o) {
                case Option.Api a -> {
                    if (a.inputUsdPerMtok() == null || a.outputUsdPerMtok() == null) ids.add(a.model());
                }
                case Option.SelfHosted s -> {
                    if (s.hardwareUsd() == null) ids.add(s.hardware());
                }
                case Option.Rented r -> {
                    if (r.usdPerGpuHour() == null && r.offer() != null) ids.add(r.offer());
                }
                case Option.Hybrid h -> {}
            }
        }
        return ids;
    }

    /** The catalog entries the options drew on, in order of first use. */
    private static List<Evaluation.CatalogUse> catalogUses(List<Option> options, Catalog catalog, LocalDate asOf) {
        Set<String> ids = new LinkedHashSet<>();
        for (Option o : options) {
            switch (o) {
                case Option.Api a -> ids.add(a.model());
                case Option.SelfHosted s -> {
                    ids.add(s.hardware());
                    ids.add(s.serving().model());
                }
                case Option.Rented r -> {
                    if (r.offer() == null) {
                        // an offer: cheapest not yet picked (validate): the hardware it asks for
                        ids.add(r.choice().hardware());
                        ids.add(r.serving().model());
                        continue;
                    }
                    ids.add(r.offer());
                    CloudOffer offer = catalog.cloudOffers().get(r.offer());
                    if (offer != null) ids.add(offer.gpu());
                    ids.add(r.serving().model());
                }
                case Option.Hybrid h -> {}
            }
        }
        List<Evaluation.CatalogUse> uses = new ArrayList<>();
        for (String id : ids) {
            catalog.provenanceOf(id)
                    .ifPresent((Provenance p) -> uses.add(new Evaluation.CatalogUse(
                            id, p.asOf(), p.source(), ChronoUnit.DAYS.between(p.asOf(), asOf))));
        }
        return uses;
    }
}
