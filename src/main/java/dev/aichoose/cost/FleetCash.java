package dev.aichoose.cost;

import dev.aichoose.model.Costing;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult.CostParts;

/**
 * A fleet's cash, month by month. Each owned purchase costs its units at the unit price plus the
 * option's extra upfront (the rest of the system, installation), and returns its residual share
 * when it is retired; running costs follow the units in service.
 */
public final class FleetCash {
    private FleetCash() {}

    /** What one purchase of {@code units} units costs. */
    public static double purchaseUsd(Costing.Owned o, int units) {
        return units * o.unitPriceUsd() + o.extraUpfrontUsd();
    }

    public static CostParts owned(Costing.Owned o, Fleet fleet, int month) {
        Fleet.Month m = fleet.month(month);
        double hardware = 0;
        double credit = 0;
        for (Fleet.Purchase p : fleet.purchases()) {
            if (p.month() == month) hardware += purchaseUsd(o, p.units());
            if (p.month() + o.lifetimeMonths() == month) credit += o.residualShare() * purchaseUsd(o, p.units());
        }
        return new CostParts(0, hardware, credit, o.electricityUsdPerMonth(m.units()), o.maintenanceUsdPerMonth(m.units()),
                o.staffUsdPerMonth(), 0);
    }

    public static CostParts rented(Costing.Rent r, Fleet fleet, int month) {
        return new CostParts(0, 0, 0, 0, 0, r.staffUsdPerMonth(),
                r.rentUsdPerMonth(fleet.month(month).units() * fleet.gpusPerUnit()));
    }

    /**
     * Book value at the horizon's end of every purchase still in service: straight line from its
     * price down to its residual over its lifetime.
     */
    public static double salvage(Costing.Owned o, Fleet fleet, int horizonMonths) {
        double salvage = 0;
        for (Fleet.Purchase p : fleet.purchases()) {
            if (p.month() + o.lifetimeMonths() <= horizonMonths) continue;
            double price = purchaseUsd(o, p.units());
            int age = horizonMonths - p.month() + 1;
            salvage += price - price * (1 - o.residualShare()) * age / o.lifetimeMonths();
        }
        return salvage;
    }
}
