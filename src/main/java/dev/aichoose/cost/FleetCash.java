package dev.aichoose.cost;

import dev.aichoose.model.Costing;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult.CostParts;

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
        boolean site = siteRenewed(o, month);
        double hardware = site ? o.extraUpfrontUsd() : 0;
        double credit = site && month > 1 ? o.residualShare() * o.extraUpfrontUsd() : 0;
        for (Fleet.Purchase p : fleet.purchases()) {
            if (p.month() == month) hardware += p.units() * o.unitPriceUsd();
            if (p.month() + o.lifetimeMonths() == month) credit += o.residualShare() * p.units() * o.unitPriceUsd();
        }
        return new CostParts(0, hardware, credit, o.electricityUsdPerMonth(m.units()), o.maintenanceUsdPerMonth(m.units()),
                o.staffUsdPerMonth(), 0);
    }

    public static CostParts rented(Costing.Rent r, Fleet fleet, int month) {
        return new CostParts(0, 0, 0, 0, 0, r.staffUsdPerMonth(),
                r.rentUsdPerMonth(fleet.month(month).units() * fleet.gpusPerUnit()));
    }

    /**
     * Book value at the horizon's end of every purchase still in service, and of the site: straight
     * line from its price down to its residual over its lifetime.
     */
    public static double salvage(Costing.Owned o, Fleet fleet, int horizonMonths) {
        int lifetime = o.lifetimeMonths();
        int lastSite = 1 + lifetime * ((horizonMonths - 1) / lifetime);
        double salvage = bookValue(o, o.extraUpfrontUsd(), horizonMonths - lastSite + 1);
        for (Fleet.Purchase p : fleet.purchases()) {
            if (p.month() + lifetime > horizonMonths) {
                salvage += bookValue(o, p.units() * o.unitPriceUsd(), horizonMonths - p.month() + 1);
            }
        }
        return salvage;
    }

    private static double bookValue(Costing.Owned o, double price, int ageMonths) {
        return price - price * (1 - o.residualShare()) * ageMonths / o.lifetimeMonths();
    }
}
