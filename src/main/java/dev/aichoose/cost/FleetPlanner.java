package dev.aichoose.cost;

import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Workload;

/**
 * The fleet an owned or rented option runs when it carries a share of the queries: a stated count
 * in every month, or with {@code count: auto} the units each month's peak needs
 * (docs/methodology.md §11.8).
 */
public final class FleetPlanner {
    private final Scenario scenario;
    private final Catalog catalog;
    private final Workload workload;

    public FleetPlanner(Scenario scenario, Catalog catalog) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.workload = scenario.workload();
    }

    /** A sized option's unit, its replica, and each month's peak need. */
    public record Plan(Fleet fleet, Replica replica, double[] requiredTokensPerSecond) {}

    /** Peak generated tokens per second for a month's queries: average rate times the peak factor. */
    public double requiredTokensPerSecond(double queriesInMonth) {
        return queriesInMonth * workload.generatedTokensPerQuery() / (Assumptions.HOURS_PER_MONTH * 3600)
                * workload.peakToAverage();
    }

    public Gpu gpu(Option.Sized option) {
        return switch (option) {
            case Option.SelfHosted s -> catalog.gpus().get(s.hardware());
            case Option.Rented r -> catalog.gpus().get(catalog.cloudOffers().get(r.offer()).gpu());
        };
    }

    public int gpusPerUnit(Option.Sized option) {
        return switch (option) {
            case Option.SelfHosted s -> catalog.gpus().get(s.hardware()).gpusPerSystem();
            case Option.Rented r -> {
                CloudOffer offer = catalog.cloudOffers().get(r.offer());
                yield offer.gpus();
            }
        };
    }

    public Replica replica(Option.Sized option) {
        return Replica.of(workload, gpu(option), gpusPerUnit(option), catalog.openModels().get(option.serving().model()),
                option.serving());
    }

    /** @param lifetimeMonths each owned purchase's lifetime (ignored for rented hardware) */
    public Plan plan(Option.Sized option, double share, int lifetimeMonths) {
        int horizon = scenario.horizonMonths();
        double[] required = new double[horizon];
        for (int m = 1; m <= horizon; m++) required[m - 1] = requiredTokensPerSecond(share * workload.queriesInMonth(m));
        Replica replica = replica(option);
        int perUnit = gpusPerUnit(option);
        int[] units;
        if (option.autoCount() && replica.delivers()) {
            // never fewer units than hold one replica, so that an idle month still serves
            int minimum = Math.max(option.count(), FleetSizing.unitsFor(1, replica.gpus(), perUnit));
            units = FleetSizing.unitsNeeded(required, replica.tokensPerSecond(), replica.gpus(), perUnit,
                    scenario.assumptions().planningUtilisation(), minimum);
        } else {
            units = FleetSchedule.constant(option.count(), horizon);
        }
        Fleet fleet = option instanceof Option.SelfHosted
                ? FleetSchedule.owned(units, lifetimeMonths, option.autoCount(), perUnit)
                : FleetSchedule.rented(units, option.autoCount(), perUnit);
        if (replica.delivers()) {
            fleet = fleet.withPeakUtilisation(FleetSizing.peakUtilisation(required, units, replica.tokensPerSecond(),
                    replica.gpus(), perUnit));
        }
        return new Plan(fleet, replica, required);
    }
}
