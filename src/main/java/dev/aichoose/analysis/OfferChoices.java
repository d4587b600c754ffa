package dev.aichoose.analysis;

import dev.aichoose.cost.CostEngine;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code offer: cheapest} (docs/methodology.md §5.1): each matching catalog offer is priced by the
 * cost engine for this workload, the option alone carrying all of it, and the feasible one with the
 * lowest TCO is rented; when none is feasible, the one with the lowest TCO, whose evaluation then
 * says why. The engine's TCO, not the lowest $/GPU-hour: eight GPUs at $2.99 cost more than one at
 * $3.29 for a load one GPU carries, and a billing rule the engine learns (per busy second,
 * interruptions) changes the pick with it. Ties go to the lower $/GPU-hour, then the id.
 */
final class OfferChoices {
    private OfferChoices() {}

    /** The options with every unpicked choice picked; the same list when there is none. */
    static List<Option> resolve(Scenario scenario, Catalog catalog, List<Option> options) {
        if (options.stream().noneMatch(OfferChoices::unpicked)) return options;
        List<Option> out = new ArrayList<>(options.size());
        for (Option o : options) out.add(unpicked(o) ? pick(scenario, catalog, (Option.Rented) o) : o);
        return List.copyOf(out);
    }

    private static boolean unpicked(Option o) {
        return o instanceof Option.Rented r && r.choice() != null && !r.choice().picked();
    }

    private static Option.Rented pick(Scenario scenario, Catalog catalog, Option.Rented r) {
        List<CloudOffer> candidates = catalog.cloudOffers().values().stream()
                .filter(r.choice()::matches)
                .toList();
        if (candidates.isEmpty()) {
            // the loader refuses a choice nothing matches; a catalog changed since is an input error too
            throw new IllegalArgumentException(r.id() + ": no cloud offer matches offer: cheapest for "
                    + r.choice().describe());
        }
        Option.Rented best = null;
        double bestTco = 0;
        boolean bestFeasible = false;
        double bestRate = 0;
        for (CloudOffer c : candidates) {
            Option.Rented variant = r.pick(c.id(), candidates.size());
            CostEngine engine = new CostEngine(scenario, catalog, List.of(variant));
            double tco = engine.tcoUsd(variant);
            boolean feasible = engine.feasible(variant);
            boolean better = best == null
                    || (feasible && !bestFeasible)
                    || (feasible == bestFeasible
                            && (tco < bestTco
                                    || (tco == bestTco
                                            && (c.usdPerGpuHour() < bestRate
                                                    || (c.usdPerGpuHour() == bestRate
                                                            && c.id().compareTo(best.offer()) < 0)))));
            if (better) {
                best = variant;
                bestTco = tco;
                bestFeasible = feasible;
                bestRate = c.usdPerGpuHour();
            }
        }
        return best;
    }
}
