package dev.aichoose.cost;

import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Option;

/** Owned and rented hardware's resolved prices: the option's own figures, else the catalog's and the assumptions'. */
final class HardwarePricing {
    private final Catalog catalog;
    private final Assumptions assumptions;

    HardwarePricing(Catalog catalog, Assumptions assumptions) {
        this.catalog = catalog;
        this.assumptions = assumptions;
    }

    Costing.Owned owned(Option.SelfHosted s) {
        Gpu gpu = catalog.gpus().get(s.hardware());
        return new Costing.Owned(
                s.count(),
                s.hardwareUsd() != null ? s.hardwareUsd() : gpu.priceUsd(),
                s.extraUpfrontUsd(),
                s.lifetimeMonths() != null ? s.lifetimeMonths() : assumptions.lifetimeMonths(),
                share(s.residualShare(), assumptions.residualShare()),
                s.electricityUsdPerMonth(),
                unitPowerW(s, gpu),
                assumptions.pue(),
                assumptions.electricityUsdPerKwh(),
                share(s.maintenanceShareAnnual(), assumptions.maintenanceShareAnnual()),
                opsHours(s.opsHoursPerMonth()),
                assumptions.opsUsdPerHour());
    }

    Costing.Rent rent(Option.Rented r) {
        CloudOffer offer = catalog.cloudOffers().get(r.offer());
        return new Costing.Rent(
                r.count() * offer.gpus(),
                r.usdPerGpuHour() != null ? r.usdPerGpuHour() : offer.usdPerGpuHour(),
                r.hoursPerMonth(),
                opsHours(r.opsHoursPerMonth()),
                assumptions.opsUsdPerHour());
    }

    /** Power per unit of {@code count}: the option's figure, or the catalog TDP of every GPU in it. */
    private static double unitPowerW(Option.SelfHosted s, Gpu gpu) {
        return s.powerW() != null ? s.powerW() : gpu.tdpW() * gpu.gpusPerSystem();
    }

    private double opsHours(Double own) {
        return own != null ? own : assumptions.opsHoursPerMonth();
    }

    private static double share(Double own, double fallback) {
        return own != null ? own : fallback;
    }
}
