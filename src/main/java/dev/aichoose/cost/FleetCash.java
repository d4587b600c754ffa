package dev.aichoose.cost;

import dev.aichoose.model.Costing;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult.CostParts;
import dev.aichoose.model.OptionResultCostPartsBuilder;

/**
 * A fleet's cash, month by month. Each owned purchase costs its units at the unit price and returns
 * its residual share when it is retired. The option's extra upfront (the rest of the system,
 * installation) is the site's: bought once in month 1 and again each lifetime, whatever the fleet,
 * as a stated count's upfront always was. Running costs follow the units in service.
 */
public final class FleetCash {
    private FleetCash() {}

    private static boolean siteRenewed(Costing.Owned o, int month) {
        return (month - 1) % o.lifetimeMonths() == 0;
    }

    public static CostParts owned(Costing.Owned o, Fleet fleet, int month) {
        Fleet.Month m = fleet.month(month);
        int hosts = fleet.hostsInService(month);
        boolean site = siteRenewed(o, month);
        double bought = 0;
        double retired = 0;
        for (Fleet.Purchase p : fleet.purchases()) {
            if (p.month() == month) bought += p.units() * o.unitPriceUsd();
            if (p.month() + o.lifetimeMonths() == month) retired += p.units() * o.unitPriceUsd();
        }
        // the hosts the cards go into are bought and retired as their own purchases, at the host's price
        if (fleet.hosts().isPresent()) {
            for (Fleet.Purchase p : fleet.hosts().get().purchases()) {
                if (p.month() == month) bought += p.units() * o.hostPriceUsd();
                if (p.month() + o.lifetimeMonths() == month) retired += p.units() * o.hostPriceUsd();
            }
        }
        double hardware = site ? bought + o.extraUpfrontUsd() : bought;
        double credit = o.residualShare() * (site && month > 1 ? retired + o.extraUpfrontUsd() : retired);
        return OptionResultCostPartsBuilder.builder()
                .hardware(hardware)
                .residualCredit(credit)
                .electricity(o.electricityUsdPerMonth(m.units(), hosts))
                .maintenance(o.maintenanceUsdPerMonth(m.units(), hosts))
                .staff(o.staffUsdPerMonth())
                .colocation(o.colocationUsdPerMonth(m.units(), hosts))
                .recurring(o.recurringUsdPerMonth())
                .build();
    }

    public static CostParts rented(Costing.Rent r, Fleet fleet, int month, double rentFactor) {
        return OptionResultCostPartsBuilder.builder()
                .staff(r.staffUsdPerMonth())
                .rent(r.rentUsdPerMonth(fleet.month(month).units() * fleet.gpusPerUnit()) * rentFactor)
                .recurring(r.recurringUsdPerMonth())
                .build();
    }

    /**
     * A serverless flex worker's month: the worker-hours {@code billed} (docs/methodology.md §5.2), each
     * of the worker's GPUs at the hourly price.
     */
    public static CostParts serverless(
            Costing.Rent r, Fleet fleet, int month, double rentFactor, Costing.Billed billed) {
        return OptionResultCostPartsBuilder.builder()
                .staff(r.staffUsdPerMonth())
                .rent(billed.workerHours() * fleet.gpusPerUnit() * r.usdPerGpuHour() * rentFactor)
                .recurring(r.recurringUsdPerMonth())
                .build();
    }

    /**
     * Book value at the horizon's end of every purchase still in service, cards and hosts, and of
     * the site: straight line from its price down to its residual over its lifetime.
     */
    public static double salvage(Costing.Owned o, Fleet fleet, int horizonMonths) {
        int lifetime = o.lifetimeMonths();
        int lastSite = 1 + lifetime * ((horizonMonths - 1) / lifetime);
        // units bought with the site's last renewal are valued together with it, as one upfront
        double withSite = 0;
        double salvage = 0;
        for (Fleet.Purchase p : fleet.purchases()) {
            if (p.month() + lifetime <= horizonMonths) continue;
            if (p.month() == lastSite) {
                withSite += p.units() * o.unitPriceUsd();
            } else {
                salvage += bookValue(o, p.units() * o.unitPriceUsd(), horizonMonths - p.month() + 1);
            }
        }
        if (fleet.hosts().isPresent()) {
            for (Fleet.Purchase p : fleet.hosts().get().purchases()) {
                if (p.month() + lifetime <= horizonMonths) continue;
                if (p.month() == lastSite) {
                    withSite += p.units() * o.hostPriceUsd();
                } else {
                    salvage += bookValue(o, p.units() * o.hostPriceUsd(), horizonMonths - p.month() + 1);
                }
            }
        }
        return bookValue(o, withSite + o.extraUpfrontUsd(), horizonMonths - lastSite + 1) + salvage;
    }

    private static double bookValue(Costing.Owned o, double price, int ageMonths) {
        return price - (price - o.residualShare() * price) * ageMonths / o.lifetimeMonths();
    }
}
