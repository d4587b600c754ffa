package dev.aichoose.analysis;

import dev.aichoose.cost.CostEngine;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionApiBuilder;
import dev.aichoose.model.OptionRentedBuilder;
import dev.aichoose.model.OptionSelfHostedBuilder;
import dev.aichoose.model.OptionServingBuilder;
import dev.aichoose.model.Quality;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.Scenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The comparison set for a scenario that lists no options (docs/methodology.md, "Default options"):
 * the cheapest closed API that meets the quality need, the cheapest frontier API, a consumer GPU box,
 * a rented data-centre GPU, and a hybrid when some traffic is sensitive. Hardware is sized by
 * aichoose month by month ({@code count: auto}).
 */
public final class DefaultOptions {
    static final String BOX_GPU = "nvidia/rtx-4090";
    static final String BOX_MODEL = "meta/llama-3.1-8b-instruct";

    static final String RENTED_OFFER = "runpod/h100-sxm";
    static final String RENTED_MODEL = "meta/llama-3.3-70b-instruct";

    private DefaultOptions() {}

    public static List<Option> build(Scenario scenario, Catalog catalog) {
        List<Option> options = new ArrayList<>();
        CostEngine engine = new CostEngine(scenario, catalog, List.of());
        // a query of the workload as it is: each class at its own shape, weighted by its queries
        var traffic = engine.traffic();
        Comparator<ApiModel> byQueryCost = Comparator.comparingDouble(m -> {
            var prices = dev.aichoose.model.Costing.PerToken.inputAndOutput(
                    m.inputUsdPerMtok(),
                    m.cachedInputUsdPerMtok() != null ? m.cachedInputUsdPerMtok() : m.inputUsdPerMtok(),
                    m.outputUsdPerMtok());
            double cost = 0;
            for (var slice : traffic.slices())
                cost += slice.share() * dev.aichoose.cost.ApiPricing.perQuery(prices, slice.shape());
            return cost;
        });
        List<ApiModel> closed = catalog.apiModels().values().stream()
                .filter(m -> !m.openWeight())
                .toList();
        Optional<ApiModel> frontier =
                closed.stream().filter(m -> m.quality() == Quality.FRONTIER).min(byQueryCost);
        Optional<ApiModel> cheapest = scenario.profile().qualityNeed() == Quality.FRONTIER
                ? Optional.empty()
                : closed.stream().min(byQueryCost);
        cheapest.filter(c -> frontier.isEmpty() || !c.id().equals(frontier.get().id()))
                .ifPresent(m -> options.add(OptionApiBuilder.builder()
                        .id("cheapest-api")
                        .model(m.id())
                        .build()));
        frontier.ifPresent(m -> options.add(
                OptionApiBuilder.builder().id("frontier-api").model(m.id()).build()));

        Gpu box = catalog.gpus().get(BOX_GPU);
        Option.SelfHosted boxOption = null;
        if (box != null && catalog.openModels().containsKey(BOX_MODEL)) {
            var serving = OptionServingBuilder.builder()
                    .model(BOX_MODEL)
                    .quantization(Quantization.Q4_K_M)
                    .build();
            // the rest of the box is the card's catalog host, the seed article's $1,400 desktop
            boxOption = OptionSelfHostedBuilder.builder()
                    .id("rtx-4090-box")
                    .hardware(BOX_GPU)
                    .count(1)
                    .serving(serving)
                    .autoCount(true)
                    .build();
            options.add(boxOption);
        }
        var offer = catalog.cloudOffers().get(RENTED_OFFER);
        if (offer != null
                && catalog.openModels().containsKey(RENTED_MODEL)
                && catalog.gpus().containsKey(offer.gpu())) {
            var serving = OptionServingBuilder.builder()
                    .model(RENTED_MODEL)
                    .quantization(Quantization.AWQ)
                    .build();
            options.add(OptionRentedBuilder.builder()
                    .id("h100-rented")
                    .offer(RENTED_OFFER)
                    .count(1)
                    .hoursPerMonth(dev.aichoose.model.Assumptions.HOURS_PER_MONTH)
                    .serving(serving)
                    .autoCount(true)
                    .build());
        }

        // classes that pull different ways: the router picks the cheapest feasible split over the set
        boolean mixed = scenario.workload().classes().stream()
                .anyMatch(c -> c.sensitive()
                        || c.onPremises()
                        || c.quality() != scenario.profile().qualityNeed());
        if (mixed && options.size() > 1) options.add(Option.Hybrid.auto("hybrid-split"));
        return options;
    }
}
