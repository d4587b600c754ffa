package dev.aichoose.cost;

import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Costing;
import dev.aichoose.model.CostingOwnedBuilder;
import dev.aichoose.model.CostingRentBuilder;
import dev.aichoose.model.Defaults;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Host;
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
        Host host = host(s, gpu);
        double hostPowerW =
                s.server().hostPowerW() != null ? s.server().hostPowerW() : host != null ? host.powerW() : 0;
        // a whole server is built on its host: its price is in the server's, its power is added to the GPUs'
        boolean builtOn = wholeMachine(gpu);
        return CostingOwnedBuilder.builder()
                .count(s.count())
                .unitPriceUsd(s.hardwareUsd() != null ? s.hardwareUsd() : gpu.priceUsd())
                .extraUpfrontUsd(s.extraUpfrontUsd())
                .lifetimeMonths(s.lifetimeMonths() != null ? s.lifetimeMonths() : assumptions.lifetimeMonths())
                .residualShare(share(s.residualShare(), assumptions.residualShare()))
                .flatElectricityUsdPerMonth(s.electricityUsdPerMonth())
                .unitPowerW(
                        s.powerW() != null ? s.powerW() : gpu.tdpW() * gpu.gpusPerSystem() + (builtOn ? hostPowerW : 0))
                .pue(assumptions.pue())
                .electricityUsdPerKwh(assumptions.electricityUsdPerKwh())
                .maintenanceShareAnnual(share(s.maintenanceShareAnnual(), assumptions.maintenanceShareAnnual()))
                .opsHoursPerMonth(opsHours(s.opsHoursPerMonth()))
                .opsUsdPerHour(assumptions.opsUsdPerHour())
                .host(host == null ? null : host.id())
                .cardsPerHost(host == null || builtOn ? 0 : host.gpuSlots())
                .hostPriceUsd(
                        host == null || builtOn
                                ? 0
                                : s.server().hostUsd() != null ? s.server().hostUsd() : host.priceUsd())
                .hostPowerW(builtOn ? 0 : hostPowerW)
                .powerLoadFactor(assumptions.powerLoadFactor())
                .colocationUsdPerKwMonth(assumptions.colocationUsdPerKwMonth())
                .recurring(s.recurring())
                .build();
    }

    /** A server (class: system) or a computer of several GPUs: bought whole, its host inside it. */
    static boolean wholeMachine(Gpu gpu) {
        return gpu.isSystem() || gpu.gpusPerSystem() > 1;
    }

    /** The host the option's hardware goes into (or, for a server, is built on): the option's, else the catalog's. */
    private Host host(Option.SelfHosted s, Gpu gpu) {
        String id = s.server().host() != null ? s.server().host() : gpu.host();
        if (id == null || id.equals(Option.Server.NONE)) return null;
        return catalog.hosts().get(id);
    }

    Costing.Rent rent(Option.Rented r) {
        CloudOffer offer = catalog.cloudOffers().get(r.offer());
        CloudOffer.Billing b = offer.billing();
        Option.Rental terms = r.rental();
        Costing.Serverless serverless = offer.serverless() && !Boolean.TRUE.equals(b.alwaysOn())
                ? Costing.Serverless.terms(
                        first(
                                terms.idleTimeoutSeconds(),
                                b.idleTimeoutSeconds(),
                                Defaults.SERVERLESS_IDLE_TIMEOUT_SECONDS),
                        first(null, b.billingIncrementSeconds(), Defaults.SERVERLESS_BILLING_INCREMENT_SECONDS),
                        first(null, b.coldStartSeconds(), Defaults.WORKER_START_SECONDS))
                : null;
        double lost = 0;
        if (offer.spot()) {
            double perMonth = terms.interruptionsPerMonth() != null
                    ? terms.interruptionsPerMonth()
                    : b.interruptionsPerMonth() != null
                            ? b.interruptionsPerMonth()
                            : Double.isNaN(assumptions.spotInterruptionsPerMonth())
                                    ? Defaults.SPOT_INTERRUPTIONS_PER_MONTH
                                    : assumptions.spotInterruptionsPerMonth();
            double restart = first(terms.restartSeconds(), null, Defaults.WORKER_START_SECONDS);
            lost = Math.min(0.99, perMonth * restart / (Assumptions.HOURS_PER_MONTH * 3600));
        }
        int term = offer.reserved()
                ? terms.termMonths() != null
                        ? terms.termMonths()
                        : b.termMonths() != null ? b.termMonths() : Defaults.RESERVED_TERM_MONTHS
                : 0;
        return CostingRentBuilder.builder()
                .gpus(r.count() * offer.gpus())
                .usdPerGpuHour(r.usdPerGpuHour() != null ? r.usdPerGpuHour() : offer.usdPerGpuHour())
                .hoursPerMonth(r.hoursPerMonth())
                .opsHoursPerMonth(opsHours(r.opsHoursPerMonth()))
                .opsUsdPerHour(assumptions.opsUsdPerHour())
                .recurring(r.recurring())
                .tier(offer.tier())
                .serverless(serverless)
                .lostShare(lost)
                .termMonths(term)
                .build();
    }

    private static double first(Double own, Double catalog, double fallback) {
        return own != null ? own : catalog != null ? catalog : fallback;
    }

    private double opsHours(Double own) {
        return own != null ? own : assumptions.opsHoursPerMonth();
    }

    private static double share(Double own, double fallback) {
        return own != null ? own : fallback;
    }
}
