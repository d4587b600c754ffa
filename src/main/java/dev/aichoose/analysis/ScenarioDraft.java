package dev.aichoose.analysis;

import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Assumptions;
import dev.aichoose.model.AssumptionsBuilder;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.Host;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.UncertainField;
import dev.aichoose.model.Uncertainty;
import dev.aichoose.model.Workload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario and catalogs with some uncertain inputs set to other values: what one simulation
 * draw, one tornado end or one flip-point probe evaluates. Built from values, never re-parsed; a
 * value equal to the base gives back the base figures exactly.
 */
final class ScenarioDraft {
    /** For an option with no uncertain number of its own; never written to. */
    private static final EnumMap<UncertainField, Double> NO_VALUES = new EnumMap<>(UncertainField.class);

    private final Scenario scenario;
    private final Catalog catalog;
    private final List<Uncertainty.Input> inputs;
    private final double[] base;

    ScenarioDraft(Scenario scenario, Catalog catalog) {
        // a draft of a scenario as written rents the offers its evaluation picks (offer: cheapest)
        List<Option> picked = OfferChoices.resolve(scenario, catalog, scenario.options());
        if (picked != scenario.options()) scenario = scenario.with(scenario.workload(), scenario.assumptions(), picked);
        this.scenario = scenario;
        this.catalog = scenario.optionsFromDefaults() ? catalog : used(scenario, catalog);
        this.inputs = scenario.uncertainty().inputs();
        this.base = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) base[i] = baseValue(inputs.get(i));
    }

    List<Uncertainty.Input> inputs() {
        return inputs;
    }

    /** Each input's value in the scenario as written (the resolved one where the option leaves it to a default). */
    double[] base() {
        return base.clone();
    }

    /** The scenario and catalogs with input i at {@code values[i]}. */
    Point at(double[] values) {
        Workload w = scenario.workload();
        double[] wv = {
            w.queriesPerMonth(),
            w.inputTokensPerQuery(),
            w.outputTokensPerQuery(),
            w.reasoningTokensPerQuery(),
            w.monthlyGrowth(),
            w.cachedInputShare(),
            w.peakToAverage()
        };
        Assumptions a = scenario.assumptions();
        double[] av = {
            a.electricityUsdPerKwh(),
            a.pue(),
            a.opsHoursPerMonth(),
            a.opsUsdPerHour(),
            a.discountRateAnnual(),
            a.maintenanceShareAnnual(),
            a.lifetimeMonths(),
            a.residualShare(),
            a.apiPriceChangeAnnual(),
            a.gpuRentChangeAnnual()
        };
        double apiFactor = 1;
        double hardwareFactor = 1;
        double throughputFactor = 1;
        Map<String, EnumMap<UncertainField, Double>> byOption = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Uncertainty.Input in = inputs.get(i);
            double v = in.field().whole() ? Math.rint(values[i]) : values[i];
            switch (in.field()) {
                case QUERIES_PER_MONTH -> wv[0] = v;
                case INPUT_TOKENS_PER_QUERY -> wv[1] = v;
                case OUTPUT_TOKENS_PER_QUERY -> wv[2] = v;
                case REASONING_TOKENS_PER_QUERY -> wv[3] = v;
                case MONTHLY_GROWTH -> wv[4] = v;
                case CACHED_INPUT_SHARE -> wv[5] = v;
                case PEAK_TO_AVERAGE -> wv[6] = v;
                case ELECTRICITY_USD_PER_KWH -> av[0] = v;
                case PUE -> av[1] = v;
                case OPS_HOURS_PER_MONTH -> av[2] = v;
                case OPS_USD_PER_HOUR -> av[3] = v;
                case DISCOUNT_RATE_ANNUAL -> av[4] = v;
                case MAINTENANCE_SHARE_ANNUAL -> av[5] = v;
                case LIFETIME_MONTHS -> av[6] = v;
                case RESIDUAL_SHARE -> av[7] = v;
                case API_PRICE_CHANGE_ANNUAL -> av[8] = v;
                case GPU_RENT_CHANGE_ANNUAL -> av[9] = v;
                case API_PRICES -> apiFactor = v;
                case HARDWARE_PRICES -> hardwareFactor = v;
                case THROUGHPUT -> {
                    // an option's own factor (the estimate's measured error) or every option's
                    if (in.option().isPresent()) {
                        byOption.computeIfAbsent(in.option().get(), k -> new EnumMap<>(UncertainField.class))
                                .put(in.field(), v);
                    } else {
                        throughputFactor = v;
                    }
                }
                case HARDWARE_USD,
                        EXTRA_UPFRONT_USD,
                        ELECTRICITY_USD_PER_MONTH,
                        POWER_W,
                        SELF_HOSTED_LIFETIME_MONTHS,
                        SELF_HOSTED_RESIDUAL_SHARE,
                        SELF_HOSTED_MAINTENANCE_SHARE_ANNUAL,
                        SELF_HOSTED_OPS_HOURS_PER_MONTH,
                        SELF_HOSTED_TOKENS_PER_SECOND,
                        USD_PER_GPU_HOUR,
                        HOURS_PER_MONTH,
                        RENTED_OPS_HOURS_PER_MONTH,
                        RENTED_TOKENS_PER_SECOND,
                        INPUT_USD_PER_MTOK,
                        OUTPUT_USD_PER_MTOK,
                        CACHED_INPUT_USD_PER_MTOK ->
                    byOption.computeIfAbsent(in.option().orElseThrow(), k -> new EnumMap<>(UncertainField.class))
                            .put(in.field(), v);
            }
        }
        Workload workload = w.with()
                .queriesPerMonth(wv[0])
                .inputTokensPerQuery(wv[1])
                .outputTokensPerQuery(wv[2])
                .reasoningTokensPerQuery(wv[3])
                .monthlyGrowth(wv[4])
                .cachedInputShare(wv[5])
                .peakToAverage(wv[6])
                .build();
        Assumptions assumptions = AssumptionsBuilder.builder()
                .electricityUsdPerKwh(av[0])
                .pue(av[1])
                .opsHoursPerMonth(av[2])
                .opsUsdPerHour(av[3])
                .discountRateAnnual(av[4])
                .maintenanceShareAnnual(av[5])
                .lifetimeMonths((int) av[6])
                .residualShare(av[7])
                .planningUtilisation(a.planningUtilisation())
                .apiPriceChangeAnnual(av[8])
                .gpuRentChangeAnnual(av[9])
                .powerLoadFactor(a.powerLoadFactor())
                .colocationUsdPerKwMonth(a.colocationUsdPerKwMonth())
                .spotInterruptionsPerMonth(a.spotInterruptionsPerMonth())
                .build();
        List<Option> options = new ArrayList<>(scenario.options().size());
        for (Option o : scenario.options()) {
            options.add(option(o, byOption.getOrDefault(o.id(), NO_VALUES), throughputFactor));
        }
        return new Point(scenario.with(workload, assumptions, options), scaled(catalog, apiFactor, hardwareFactor));
    }

    /**
     * Only the catalog entries the scenario's options name: the engine looks entries up by id, so
     * the figures are the same, and a draw that scales prices copies a handful of entries rather than
     * every catalog. (The default option set searches the whole catalog, so it keeps it.)
     */
    private static Catalog used(Scenario scenario, Catalog c) {
        Map<String, ApiModel> models = new LinkedHashMap<>();
        Map<String, Gpu> gpus = new LinkedHashMap<>();
        Map<String, dev.aichoose.model.CloudOffer> offers = new LinkedHashMap<>();
        Map<String, dev.aichoose.model.OpenModel> open = new LinkedHashMap<>();
        for (Option o : scenario.options()) {
            switch (o) {
                case Option.Api a -> copy(c.apiModels(), a.model(), models);
                case Option.SelfHosted h -> {
                    copy(c.gpus(), h.hardware(), gpus);
                    copy(c.openModels(), h.serving().model(), open);
                }
                case Option.Rented r -> {
                    copy(c.cloudOffers(), r.offer(), offers);
                    if (c.cloudOffers().containsKey(r.offer()))
                        copy(c.gpus(), c.cloudOffers().get(r.offer()).gpu(), gpus);
                    copy(c.openModels(), r.serving().model(), open);
                }
                case Option.Hybrid h -> {}
            }
        }
        // hosts are few, and a card names its own: every one is kept
        return c.with(models, gpus, offers, open);
    }

    private static <T> void copy(Map<String, T> from, String id, Map<String, T> to) {
        T entry = from.get(id);
        if (entry != null) to.put(id, entry);
    }

    /** A scenario and the catalogs it is priced with. */
    record Point(Scenario scenario, Catalog catalog) {}

    private static Option option(Option o, EnumMap<UncertainField, Double> v, double everyOption) {
        double throughput = everyOption * v.getOrDefault(UncertainField.THROUGHPUT, 1.0);
        return switch (o) {
            case Option.Api a ->
                v.isEmpty()
                        ? a
                        : a.with()
                                .inputUsdPerMtok(v.getOrDefault(UncertainField.INPUT_USD_PER_MTOK, a.inputUsdPerMtok()))
                                .outputUsdPerMtok(
                                        v.getOrDefault(UncertainField.OUTPUT_USD_PER_MTOK, a.outputUsdPerMtok()))
                                .cachedInputUsdPerMtok(v.getOrDefault(
                                        UncertainField.CACHED_INPUT_USD_PER_MTOK, a.cachedInputUsdPerMtok()))
                                .build();
            case Option.SelfHosted s ->
                v.isEmpty() && throughput == 1
                        ? s
                        : s.with()
                                .hardwareUsd(v.getOrDefault(UncertainField.HARDWARE_USD, s.hardwareUsd()))
                                .extraUpfrontUsd(v.getOrDefault(UncertainField.EXTRA_UPFRONT_USD, s.extraUpfrontUsd()))
                                .electricityUsdPerMonth(v.getOrDefault(
                                        UncertainField.ELECTRICITY_USD_PER_MONTH, s.electricityUsdPerMonth()))
                                .powerW(v.getOrDefault(UncertainField.POWER_W, s.powerW()))
                                .lifetimeMonths(
                                        v.containsKey(UncertainField.SELF_HOSTED_LIFETIME_MONTHS)
                                                ? Integer.valueOf((int)
                                                        (double) v.get(UncertainField.SELF_HOSTED_LIFETIME_MONTHS))
                                                : s.lifetimeMonths())
                                .residualShare(
                                        v.getOrDefault(UncertainField.SELF_HOSTED_RESIDUAL_SHARE, s.residualShare()))
                                .maintenanceShareAnnual(v.getOrDefault(
                                        UncertainField.SELF_HOSTED_MAINTENANCE_SHARE_ANNUAL,
                                        s.maintenanceShareAnnual()))
                                .opsHoursPerMonth(v.getOrDefault(
                                        UncertainField.SELF_HOSTED_OPS_HOURS_PER_MONTH, s.opsHoursPerMonth()))
                                .serving(serving(
                                        s.serving(), v.get(UncertainField.SELF_HOSTED_TOKENS_PER_SECOND), throughput))
                                .build();
            case Option.Rented r ->
                v.isEmpty() && throughput == 1
                        ? r
                        : r.with()
                                .hoursPerMonth(v.getOrDefault(UncertainField.HOURS_PER_MONTH, r.hoursPerMonth()))
                                .usdPerGpuHour(v.getOrDefault(UncertainField.USD_PER_GPU_HOUR, r.usdPerGpuHour()))
                                .opsHoursPerMonth(
                                        v.getOrDefault(UncertainField.RENTED_OPS_HOURS_PER_MONTH, r.opsHoursPerMonth()))
                                .serving(serving(
                                        r.serving(), v.get(UncertainField.RENTED_TOKENS_PER_SECOND), throughput))
                                .build();
            case Option.Hybrid h -> h;
        };
    }

    /** The serving with a drawn throughput of its own and the throughput factor; the same object when neither changes. */
    private static Option.Serving serving(Option.Serving s, Double given, double factor) {
        if (factor == 1 && given == null) return s;
        Option.Serving drawn = given != null ? s.withTokensPerSecond(given) : s;
        // the factor multiplies what a replica delivers, whatever its source
        return factor == 1 ? drawn : drawn.timesThroughput(factor);
    }

    /** The catalogs with their API prices and hardware prices scaled; the same object at 1. */
    private static Catalog scaled(Catalog c, double api, double hardware) {
        if (api == 1 && hardware == 1) return c;
        Map<String, ApiModel> models = c.apiModels();
        if (api != 1) {
            models = new LinkedHashMap<>();
            for (ApiModel m : c.apiModels().values()) {
                models.put(m.id(), m.withPricesTimes(api));
            }
        }
        Map<String, Gpu> gpus = c.gpus();
        if (hardware != 1) {
            gpus = new LinkedHashMap<>();
            for (Gpu g : c.gpus().values()) {
                // a card the sources price only inside a system has no price to scale
                Double price = g.priceUsd() == null ? g.priceUsd() : Double.valueOf(g.priceUsd() * hardware);
                gpus.put(
                        g.id(),
                        g.with()
                                .priceUsd(price)
                                .priceRangeUsd(g.priceRangeUsd().stream()
                                        .map(p -> p * hardware)
                                        .toList())
                                .build());
            }
        }
        Map<String, Host> hosts = c.hosts();
        if (hardware != 1) {
            // a host is hardware bought from the catalog too
            hosts = new LinkedHashMap<>();
            for (Host h : c.hosts().values()) {
                hosts.put(
                        h.id(),
                        new Host(h.id(), h.name(), h.gpuSlots(), h.priceUsd() * hardware, h.powerW(), h.provenance()));
            }
        }
        return c.with(models, gpus, c.cloudOffers(), c.openModels()).withHosts(hosts);
    }

    private double baseValue(Uncertainty.Input in) {
        Workload w = scenario.workload();
        Assumptions a = scenario.assumptions();
        Option o = in.option()
                .flatMap(id -> scenario.options().stream()
                        .filter(x -> x.id().equals(id))
                        .findFirst())
                .orElse(null);
        return switch (in.field()) {
            case QUERIES_PER_MONTH -> w.queriesPerMonth();
            case INPUT_TOKENS_PER_QUERY -> w.inputTokensPerQuery();
            case OUTPUT_TOKENS_PER_QUERY -> w.outputTokensPerQuery();
            case REASONING_TOKENS_PER_QUERY -> w.reasoningTokensPerQuery();
            case MONTHLY_GROWTH -> w.monthlyGrowth();
            case CACHED_INPUT_SHARE -> w.cachedInputShare();
            case PEAK_TO_AVERAGE -> w.peakToAverage();
            case ELECTRICITY_USD_PER_KWH -> a.electricityUsdPerKwh();
            case PUE -> a.pue();
            case OPS_HOURS_PER_MONTH -> a.opsHoursPerMonth();
            case OPS_USD_PER_HOUR -> a.opsUsdPerHour();
            case DISCOUNT_RATE_ANNUAL -> a.discountRateAnnual();
            case MAINTENANCE_SHARE_ANNUAL -> a.maintenanceShareAnnual();
            case LIFETIME_MONTHS -> a.lifetimeMonths();
            case RESIDUAL_SHARE -> a.residualShare();
            case API_PRICE_CHANGE_ANNUAL -> a.apiPriceChangeAnnual();
            case GPU_RENT_CHANGE_ANNUAL -> a.gpuRentChangeAnnual();
            case API_PRICES, HARDWARE_PRICES, THROUGHPUT -> 1;
            case HARDWARE_USD ->
                ((Option.SelfHosted) o).hardwareUsd() != null
                        ? ((Option.SelfHosted) o).hardwareUsd()
                        : catalog.gpus().get(((Option.SelfHosted) o).hardware()).priceUsd();
            case EXTRA_UPFRONT_USD -> ((Option.SelfHosted) o).extraUpfrontUsd();
            case ELECTRICITY_USD_PER_MONTH -> ((Option.SelfHosted) o).electricityUsdPerMonth();
            case POWER_W -> {
                Option.SelfHosted s = (Option.SelfHosted) o;
                Gpu g = catalog.gpus().get(s.hardware());
                yield s.powerW() != null ? s.powerW() : g.tdpW() * g.gpusPerSystem();
            }
            case SELF_HOSTED_LIFETIME_MONTHS -> or(((Option.SelfHosted) o).lifetimeMonths(), a.lifetimeMonths());
            case SELF_HOSTED_RESIDUAL_SHARE -> or(((Option.SelfHosted) o).residualShare(), a.residualShare());
            case SELF_HOSTED_MAINTENANCE_SHARE_ANNUAL ->
                or(((Option.SelfHosted) o).maintenanceShareAnnual(), a.maintenanceShareAnnual());
            case SELF_HOSTED_OPS_HOURS_PER_MONTH ->
                or(((Option.SelfHosted) o).opsHoursPerMonth(), a.opsHoursPerMonth());
            case SELF_HOSTED_TOKENS_PER_SECOND ->
                ((Option.SelfHosted) o).serving().tokensPerSecond();
            case USD_PER_GPU_HOUR ->
                ((Option.Rented) o).usdPerGpuHour() != null
                        ? ((Option.Rented) o).usdPerGpuHour()
                        : catalog.cloudOffers().get(((Option.Rented) o).offer()).usdPerGpuHour();
            case HOURS_PER_MONTH -> ((Option.Rented) o).hoursPerMonth();
            case RENTED_OPS_HOURS_PER_MONTH -> or(((Option.Rented) o).opsHoursPerMonth(), a.opsHoursPerMonth());
            case RENTED_TOKENS_PER_SECOND -> ((Option.Rented) o).serving().tokensPerSecond();
            case INPUT_USD_PER_MTOK -> ((Option.Api) o).inputUsdPerMtok();
            case OUTPUT_USD_PER_MTOK -> ((Option.Api) o).outputUsdPerMtok();
            case CACHED_INPUT_USD_PER_MTOK -> ((Option.Api) o).cachedInputUsdPerMtok();
        };
    }

    private static double or(Number own, double fallback) {
        return own != null ? own.doubleValue() : fallback;
    }
}
