package dev.aichoose.load;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.Fields;
import dev.aichoose.input.InputException;
import dev.aichoose.input.InputFiles;
import dev.aichoose.input.InputKind;
import dev.aichoose.input.Node;
import dev.aichoose.input.NodeParser;
import dev.aichoose.input.Problems;
import dev.aichoose.input.Suggestions;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Assumptions;
import dev.aichoose.model.AssumptionsBuilder;
import dev.aichoose.model.BillTag;
import dev.aichoose.model.CacheTtl;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Defaults;
import dev.aichoose.model.Engine;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionApiBuilder;
import dev.aichoose.model.OptionRentedBuilder;
import dev.aichoose.model.OptionSelfHostedBuilder;
import dev.aichoose.model.OptionServingBuilder;
import dev.aichoose.model.Parallelism;
import dev.aichoose.model.Profile;
import dev.aichoose.model.ProfileBuilder;
import dev.aichoose.model.Quality;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.ScenarioBuilder;
import dev.aichoose.model.ServiceTier;
import dev.aichoose.model.UncertainField;
import dev.aichoose.model.Uncertainty;
import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadBuilder;
import dev.aichoose.model.WorkloadClass;
import dev.aichoose.model.WorkloadClassBuilder;
import dev.aichoose.model.WorkloadLatencySloBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a scenario file (format v1), checks it against the catalogs, and reports every problem at once. */
public final class ScenarioLoader {
    private static final Set<String> KINDS = Set.of("api", "self_hosted", "rented", "hybrid");
    /** {@code hybrid: {routes: auto}} leaves the routing to the evaluation. */
    static final String AUTO_ROUTES = "auto";
    /** Auto routing is exact and its cost grows as 3^classes (docs/methodology.md §6.1). */
    public static final int MAX_AUTO_CLASSES = 12;
    /** An option's {@code reconcile:} section: which lines of a provider's bill are its own. */
    static final String RECONCILE = "reconcile";
    /**
     * The most options times months a scenario may ask for: each option is priced month by month, and
     * the reports hold every month (1,000 options over 600 months are a 280 MB JSON report and a workbook
     * of 7 million formulas). docs/reports.md, "Limits on input files".
     */
    public static final int MAX_OPTION_MONTHS = 600_000;
    /** The most options one scenario lists (10,000 over 60 months are a 290 MB JSON report). */
    public static final int MAX_OPTIONS = 10_000;

    private final Catalog catalog;
    private final BenchSource bench;
    private final Map<String, Path> benchOverrides;
    /** The workload whose options are being read: a bench's lengths are checked against it. */
    private Workload servedLengths;
    /** Bench results given to every option that one option did not take, and why. */
    private final List<String> benchNotes = new ArrayList<>();

    /**
     * @param benchOverrides bench files given on the command line: by option id, or under {@code "*"}
     *     for every owned or rented option that states no throughput of its own
     */
    public ScenarioLoader(Catalog catalog, BenchSource bench, Map<String, Path> benchOverrides) {
        this.catalog = catalog;
        this.bench = bench;
        this.benchOverrides = Map.copyOf(benchOverrides);
    }

    public Scenario load(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (Reader reader = InputFiles.open(file, InputKind.SCENARIO)) {
            return parse(file.toString(), reader, dir);
        } catch (IOException e) {
            throw new InputException(new Diagnostic(file.toString(), 0, 0, "cannot read: " + e.getMessage()));
        }
    }

    /** A number Fields returned, or null where it recorded a problem and returned NaN. */
    private static Double reported(Double value) {
        return value == null || value.isNaN() ? null : value;
    }

    /** Parses scenario text; {@code dir} resolves relative bench paths. */
    public Scenario parse(String file, Reader reader, Path dir) {
        Problems problems = new Problems(file);
        Node root = NodeParser.parseYaml(file, reader);
        Fields top = Fields.of(problems, root, "").orElse(null);
        if (top == null) throw new InputException(problems.all());

        String name = top.text("name");
        int horizon = top.integer("horizon_months", Defaults.HORIZON_MONTHS, 1, 600);
        // the profile is read first for its quality_need, the default tier of every class; diagnostics
        // keep their order by position, not by the order fields are read
        Profile profile = top.mapping("profile").map(this::profile).orElseGet(ScenarioLoader::defaultProfile);
        Workload workload = top.requiredMapping("workload")
                .map(w -> workload(w, profile.qualityNeed()))
                .orElse(null);
        Assumptions assumptions =
                top.mapping("assumptions").map(this::assumptions).orElseGet(ScenarioLoader::defaultAssumptions);
        // 'options:' with nothing after it is the empty list written the YAML way, not the key left out
        Node.Entry optionsEntry = ((Node.Mapping) top.node()).entries().get("options");
        boolean hasOptions = optionsEntry != null;
        List<Node> optionNodes = top.list("options");
        if (hasOptions
                && optionNodes.isEmpty()
                && (!top.has("options") || optionsEntry.value() instanceof Node.Sequence)) {
            problems.at(
                    optionsEntry.value(),
                    "options: the list is empty; list at least one option, or leave 'options' out for the default set");
        }
        if (optionNodes.size() > MAX_OPTIONS || (long) optionNodes.size() * horizon > MAX_OPTION_MONTHS) {
            problems.at(
                    optionsEntry.value(),
                    String.format(
                            java.util.Locale.ROOT,
                            "options: %,d options over %,d months; a scenario may list at most %,d options and %,d"
                                    + " option-months (1,000 options over 600 months, 10,000 over 60): evaluate fewer"
                                    + " options at a time (docs/reports.md, \"Limits on input files\")",
                            optionNodes.size(),
                            horizon,
                            MAX_OPTIONS,
                            MAX_OPTION_MONTHS));
            throw new InputException(problems.all());
        }
        List<Option> options = new ArrayList<>();
        Map<String, Node> idNodes = new LinkedHashMap<>();
        Map<String, Node> optionMappings = new LinkedHashMap<>();
        List<PendingRoute> routes = new ArrayList<>();
        Map<String, Node> autoNodes = new LinkedHashMap<>();
        Map<String, BillTag> billTags = new LinkedHashMap<>();
        Workload.LatencySlo slo = workload == null ? Workload.LatencySlo.NONE : workload.slo();
        servedLengths = workload;
        benchNotes.clear();
        for (int i = 0; i < optionNodes.size(); i++) {
            Node node = optionNodes.get(i);
            Fields.of(problems, node, "options[" + i + "]").ifPresent(f -> {
                Optional<Option> option = option(f, routes, autoNodes, dir, slo, billTags);
                option.ifPresent(o -> {
                    if (idNodes.containsKey(o.id())) {
                        problems.at(
                                f.raw("id").orElse(node),
                                f.pathOf("id") + ": duplicate option id '" + o.id() + "' (first at line "
                                        + idNodes.get(o.id()).line() + ")");
                    } else {
                        idNodes.put(o.id(), f.raw("id").orElse(node));
                        optionMappings.put(o.id(), node);
                        options.add(o);
                    }
                });
            });
        }
        Uncertainty uncertainty = top.mapping("uncertainty")
                .map(u -> UncertaintyReader.read(u, options, !hasOptions, dir))
                .orElse(Uncertainty.NONE);
        top.finish();
        if (workload != null) checkRoutes(problems, workload, options, routes, autoNodes);
        problems.throwIfAny();
        return ScenarioBuilder.builder()
                .name(name)
                .file(file)
                .horizonMonths(horizon)
                .workload(workload)
                .profile(profile)
                .assumptions(assumptions)
                .options(options)
                .optionsFromDefaults(!hasOptions)
                .uncertainty(uncertainty)
                .warnings(warnings(ImplausibleInputs.of(file, options, optionMappings)))
                .billTags(billTags)
                .build();
    }

    private List<String> warnings(List<String> implausible) {
        List<String> all = new ArrayList<>(implausible);
        all.addAll(benchNotes);
        return all;
    }

    // ---- workload

    private Workload workload(Fields f, Quality defaultQuality) {
        // a scenario without traffic has no cost per query to compare
        double queries = f.number("queries_per_month", 1, 1e12);
        double in = f.number("input_tokens_per_query", 0, 10_000_000);
        double out = f.number("output_tokens_per_query", 1, 1_000_000);
        double reasoning = f.number("reasoning_tokens_per_query", 0, 0, 1_000_000);
        double growth = f.number("monthly_growth", 0, -0.5, 1.0);
        double cached = f.number("cached_input_share", 0, 0, 1);
        double written = f.number("cache_write_share", 0, 0, 1);
        if (cached + written > 1 + 1e-9) {
            f.problems()
                    .at(
                            f.raw("cache_write_share").orElse(f.node()),
                            f.pathOf("cache_write_share")
                                    + ": cached_input_share plus cache_write_share is " + round(cached + written)
                                    + "; together they must be at most 1 (the rest is uncached input)");
        }
        CacheTtl ttl = cacheTtl(f);
        double peak = f.number("peak_to_average", Defaults.PEAK_TO_AVERAGE, 1, 100);
        List<WorkloadClass> classes = new ArrayList<>();
        List<Node> classNodes = f.list("classes");
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < classNodes.size(); i++) {
            Node node = classNodes.get(i);
            Fields.of(f.problems(), node, f.pathOf("classes") + "[" + i + "]").ifPresent(c -> {
                String n = c.text("name");
                if (n.equals(Workload.DEFAULT_CLASS)) {
                    f.problems()
                            .at(
                                    c.raw("name").orElse(node),
                                    c.pathOf("name")
                                            + ": 'default' is the implicit class for the rest of the traffic; choose another name");
                } else if (names.containsKey(n)) {
                    f.problems()
                            .at(
                                    c.raw("name").orElse(node),
                                    c.pathOf("name") + ": duplicate class '" + n + "' (first at line " + names.get(n)
                                            + ")");
                }
                names.putIfAbsent(n, node.line());
                double share = c.number("share", 0, 1);
                boolean sensitive = c.flag("sensitive", false);
                WorkloadClass.Complexity complexity =
                        c.choice("complexity", WorkloadClass.Complexity.class, WorkloadClass.Complexity.ROUTINE);
                Quality quality = c.choice("quality", Quality.class, defaultQuality);
                boolean onPremises = c.flag("on_premises", false);
                WorkloadClass.Shape shape = classShape(c, cached, written);
                classes.add(WorkloadClassBuilder.builder()
                        .name(n)
                        .share(share)
                        .sensitive(sensitive)
                        .complexity(complexity)
                        .quality(quality)
                        .onPremises(onPremises)
                        .shape(shape)
                        .build());
                c.finish();
            });
        }
        double sum = classes.stream()
                .mapToDouble(WorkloadClass::share)
                .filter(Double::isFinite)
                .sum();
        if (sum > 1 + 1e-9) {
            f.problems()
                    .at(
                            f.raw("classes").orElse(f.node()),
                            f.pathOf("classes") + ": the shares add up to " + round(sum)
                                    + "; they must add up to at most 1 (the rest is class 'default')");
        }
        Workload.LatencySlo slo = f.mapping("slo")
                .map(s -> {
                    // a target that is not a number (already reported) reads as none, not as NaN (exit 1)
                    var v = WorkloadLatencySloBuilder.builder()
                            .ttftMs(reported(s.optionalNumber("ttft_ms", 1, 600_000)))
                            .tpotMs(reported(s.optionalNumber("tpot_ms", 0.1, 60_000)))
                            .build();
                    s.finish();
                    return v;
                })
                .orElse(Workload.LatencySlo.NONE);
        f.finish();
        return WorkloadBuilder.builder()
                .queriesPerMonth(queries)
                .inputTokensPerQuery(in)
                .outputTokensPerQuery(out)
                .reasoningTokensPerQuery(reasoning)
                .monthlyGrowth(growth)
                .cachedInputShare(cached)
                .peakToAverage(peak)
                .classes(classes)
                .slo(slo)
                .cacheWriteShare(written)
                .cacheWriteTtl(ttl)
                .build();
    }

    /**
     * The token fields a class states for itself, within the workload's own bounds; the class's
     * cached and written shares together (its own or the workload's) stay at most 1.
     */
    private static WorkloadClass.Shape classShape(Fields c, double workloadCached, double workloadWritten) {
        Double cached = c.optionalNumber("cached_input_share", 0, 1);
        Double written = c.optionalNumber("cache_write_share", 0, 1);
        var shape = new WorkloadClass.Shape(
                c.optionalNumber("input_tokens_per_query", 0, 10_000_000),
                c.optionalNumber("output_tokens_per_query", 1, 1_000_000),
                c.optionalNumber("reasoning_tokens_per_query", 0, 1_000_000),
                cached,
                written);
        double both = (cached != null ? cached : workloadCached) + (written != null ? written : workloadWritten);
        if ((cached != null || written != null) && both > 1 + 1e-9) {
            String key = written != null ? "cache_write_share" : "cached_input_share";
            c.problems()
                    .at(
                            c.raw(key).orElse(c.node()),
                            c.pathOf(key) + ": the class's cached_input_share plus cache_write_share is " + round(both)
                                    + "; together they must be at most 1 (the rest is uncached input)");
        }
        return shape;
    }

    private static CacheTtl cacheTtl(Fields f) {
        String ttl = f.text("cache_write_ttl", "5m");
        for (CacheTtl t : CacheTtl.values()) if (t.id().equals(ttl)) return t;
        f.problems()
                .at(
                        f.raw("cache_write_ttl").orElse(f.node()),
                        f.pathOf("cache_write_ttl") + ": expected 5m | 1h, got '" + ttl + "'");
        return CacheTtl.M5;
    }

    private Profile profile(Fields f) {
        Profile p = ProfileBuilder.builder()
                .dataSensitivity(f.choice("data_sensitivity", Profile.Level.class, Profile.Level.MEDIUM))
                .customization(f.choice("customization", Profile.Customization.class, Profile.Customization.PROMPTING))
                .technicalCapability(
                        f.choice("technical_capability", Profile.Capability.class, Profile.Capability.SOME))
                .vendorIndependence(f.choice("vendor_independence", Profile.Level.class, Profile.Level.MEDIUM))
                .offlineRequired(f.flag("offline_required", false))
                .dataMustStayOnPremises(f.flag("data_must_stay_on_premises", false))
                .qualityNeed(f.choice("quality_need", Quality.class, Quality.STANDARD))
                .enterpriseSupportRequired(f.flag("enterprise_support", false))
                .timeToMarket(f.choice("time_to_market", Profile.TimeToMarket.class, Profile.TimeToMarket.NORMAL))
                .usagePattern(f.choice("usage_pattern", Profile.UsagePattern.class, Profile.UsagePattern.STEADY))
                .maxPremiumShare(f.number("max_premium_share", Profile.DEFAULT_MAX_PREMIUM_SHARE, 0, 100))
                .build();
        f.finish();
        return p;
    }

    static Profile defaultProfile() {
        return ProfileBuilder.builder()
                .dataSensitivity(Profile.Level.MEDIUM)
                .customization(Profile.Customization.PROMPTING)
                .technicalCapability(Profile.Capability.SOME)
                .vendorIndependence(Profile.Level.MEDIUM)
                .offlineRequired(false)
                .dataMustStayOnPremises(false)
                .qualityNeed(Quality.STANDARD)
                .enterpriseSupportRequired(false)
                .timeToMarket(Profile.TimeToMarket.NORMAL)
                .usagePattern(Profile.UsagePattern.STEADY)
                .build();
    }

    private Assumptions assumptions(Fields f) {
        Assumptions a = AssumptionsBuilder.builder()
                .electricityUsdPerKwh(f.number("electricity_usd_per_kwh", Defaults.ELECTRICITY_USD_PER_KWH, 0, 5))
                .pue(f.number("pue", Defaults.PUE, 1, 3))
                .opsHoursPerMonth(f.number("ops_hours_per_month", Defaults.OPS_HOURS_PER_MONTH, 0, 10_000))
                .opsUsdPerHour(f.number("ops_usd_per_hour", Defaults.OPS_USD_PER_HOUR, 0, 10_000))
                .discountRateAnnual(f.number("discount_rate_annual", Defaults.DISCOUNT_RATE_ANNUAL, 0, 1))
                .maintenanceShareAnnual(f.number("maintenance_share_annual", Defaults.MAINTENANCE_SHARE_ANNUAL, 0, 1))
                .lifetimeMonths(f.integer("lifetime_months", Defaults.LIFETIME_MONTHS, 1, 240))
                .residualShare(f.number("residual_share", Defaults.RESIDUAL_SHARE, 0, 1))
                .planningUtilisation(f.number("planning_utilisation", Defaults.PLANNING_UTILISATION, 0.1, 1))
                .apiPriceChangeAnnual(f.number(
                        "api_price_change_annual",
                        0,
                        UncertainField.MIN_CHANGE_ANNUAL,
                        UncertainField.MAX_CHANGE_ANNUAL))
                .gpuRentChangeAnnual(f.number(
                        "gpu_rent_change_annual",
                        0,
                        UncertainField.MIN_CHANGE_ANNUAL,
                        UncertainField.MAX_CHANGE_ANNUAL))
                .powerLoadFactor(f.number("power_load_factor", Defaults.POWER_LOAD_FACTOR, 0.01, 1))
                .colocationUsdPerKwMonth(f.number("colocation_usd_per_kw_month", 0, 0, 10_000))
                .spotInterruptionsPerMonth(f.number("spot_interruptions_per_month", Double.NaN, 0, 10_000))
                .build();
        f.finish();
        return a;
    }

    static Assumptions defaultAssumptions() {
        return AssumptionsBuilder.builder()
                .electricityUsdPerKwh(Defaults.ELECTRICITY_USD_PER_KWH)
                .pue(Defaults.PUE)
                .opsHoursPerMonth(Defaults.OPS_HOURS_PER_MONTH)
                .opsUsdPerHour(Defaults.OPS_USD_PER_HOUR)
                .discountRateAnnual(Defaults.DISCOUNT_RATE_ANNUAL)
                .maintenanceShareAnnual(Defaults.MAINTENANCE_SHARE_ANNUAL)
                .lifetimeMonths(Defaults.LIFETIME_MONTHS)
                .residualShare(Defaults.RESIDUAL_SHARE)
                .build();
    }

    // ---- options

    private record PendingRoute(
            String hybrid, String workloadClass, Node classNode, String option, Node optionNode, String path) {}

    private Optional<Option> option(
            Fields f,
            List<PendingRoute> routes,
            Map<String, Node> autoNodes,
            Path dir,
            Workload.LatencySlo slo,
            Map<String, BillTag> billTags) {
        String id = f.text("id");
        List<String> kinds = f.node() instanceof Node.Mapping m
                ? m.entries().keySet().stream().filter(KINDS::contains).toList()
                : List.of();
        f.allow(KINDS);
        if (kinds.size() == 1) billTag(f, kinds.getFirst(), billTags).ifPresent(t -> billTags.put(id, t));
        else f.allow(Set.of(RECONCILE));
        if (kinds.size() != 1) {
            f.problems()
                    .at(
                            f.node(),
                            f.path() + (id.isEmpty() ? "" : " (" + id + ")") + ": "
                                    + (kinds.isEmpty()
                                            ? "say what kind of option this is: one of api, self_hosted, rented, hybrid"
                                            : "give one kind per option, not " + String.join(" and ", kinds)));
            f.finish();
            return Optional.empty();
        }
        String kind = kinds.getFirst();
        String path = "options[" + (id.isEmpty() ? "?" : id) + "]." + kind;
        Optional<Fields> body = f.requiredMapping(kind).flatMap(b -> Fields.of(f.problems(), b.node(), path));
        f.finish();
        if (body.isEmpty()) return Optional.empty();
        Fields b = body.get();
        Option option = switch (kind) {
            case "api" -> api(id, b);
            case "self_hosted" -> selfHosted(id, b, dir, slo);
            case "rented" -> rented(id, b, dir, slo);
            default -> hybrid(id, b, routes, autoNodes);
        };
        b.finish();
        return Optional.of(option);
    }

    /** Where the bills' lines go: {@code reconcile: {tag: "key=value"}}, on an option that a bill can charge. */
    private static Optional<BillTag> billTag(Fields f, String kind, Map<String, BillTag> taken) {
        return f.mapping(RECONCILE).flatMap(r -> {
            String written = r.text("tag");
            r.finish();
            Node at = r.raw("tag").orElse(r.node());
            if (!kind.equals("api") && !kind.equals("rented")) {
                r.problems()
                        .at(
                                r.node(),
                                r.path() + ": only an api or rented option is on a provider's bill; a " + kind
                                        + " option's lines cannot be reconciled");
                return Optional.empty();
            }
            int eq = written.indexOf('=');
            if (eq <= 0) {
                if (!written.isEmpty()) {
                    r.problems()
                            .at(
                                    at,
                                    r.pathOf("tag") + ": expected key=value, e.g. \"team=support\", got '" + written
                                            + "'");
                }
                return Optional.empty();
            }
            BillTag tag = new BillTag(
                    written.substring(0, eq).strip(), written.substring(eq + 1).strip());
            taken.entrySet().stream()
                    .filter(e -> e.getValue().equals(tag))
                    .findFirst()
                    .ifPresent(e -> r.problems()
                            .at(
                                    at,
                                    r.pathOf("tag") + ": option '" + e.getKey() + "' already names " + tag
                                            + "; a bill's line can go to one option only"));
            return Optional.of(tag);
        });
    }

    private Option.Api api(String id, Fields b) {
        String model = b.text("model");
        Double in = b.optionalNumber("input_usd_per_mtok", 0, CatalogLoader.MAX_USD_PER_MTOK);
        Double out = b.optionalNumber("output_usd_per_mtok", 0, CatalogLoader.MAX_USD_PER_MTOK);
        Double cached = b.optionalNumber("cached_input_usd_per_mtok", 0, CatalogLoader.MAX_USD_PER_MTOK);
        boolean batch = b.flag("batch", false);
        ServiceTier tier =
                b.choice("service_tier", ServiceTier.class, batch ? ServiceTier.BATCH : ServiceTier.STANDARD);
        if (batch && tier != ServiceTier.BATCH) {
            b.problems()
                    .at(
                            b.raw("batch").orElse(b.node()),
                            b.pathOf("batch") + ": batch: true contradicts service_tier: " + tier.id()
                                    + "; give one of them");
        }
        Double write = b.optionalNumber("cache_write_usd_per_mtok", 0, CatalogLoader.MAX_USD_PER_MTOK);
        Double reasoning = b.optionalNumber("reasoning_usd_per_mtok", 0, CatalogLoader.MAX_USD_PER_MTOK);
        ApiModel.LongContextTier ownTier = b.mapping("long_context")
                .map(lc -> {
                    var t = new ApiModel.LongContextTier(
                            lc.integer("threshold_tokens", 1000, 100_000_000),
                            lc.text("boundary", "above").equals("at_or_above"),
                            new ApiModel.Rates(
                                    lc.optionalNumber("input_usd_per_mtok", 0, CatalogLoader.MAX_USD_PER_MTOK),
                                    lc.optionalNumber("output_usd_per_mtok", 0, CatalogLoader.MAX_USD_PER_MTOK),
                                    lc.optionalNumber("cached_input_usd_per_mtok", 0, CatalogLoader.MAX_USD_PER_MTOK),
                                    lc.optionalNumber("cache_write_usd_per_mtok", 0, CatalogLoader.MAX_USD_PER_MTOK),
                                    null,
                                    null));
                    lc.finish();
                    return t;
                })
                .orElse(null);
        var entry = catalog.apiModels().get(model);
        if (entry == null && !model.isEmpty() && (in == null || out == null)) {
            unknownId(
                    b,
                    "model",
                    model,
                    catalog.apiModels().keySet(),
                    otherKind(model) + " (or give input_usd_per_mtok and output_usd_per_mtok inline)");
        }
        boolean catalogPriced = in == null || out == null;
        if (entry != null
                && catalogPriced
                && tier != ServiceTier.STANDARD
                && !entry.serviceTiers().containsKey(tier)
                && !(tier == ServiceTier.BATCH && entry.batchDiscount() != null)) {
            String key = batch ? "batch" : "service_tier";
            b.problems()
                    .at(
                            b.raw(key).orElse(b.node()),
                            b.pathOf(key) + ": " + model + " has no " + tier.id() + " price in the catalog");
        }
        return OptionApiBuilder.builder()
                .id(id)
                .model(model)
                .inputUsdPerMtok(in)
                .outputUsdPerMtok(out)
                .cachedInputUsdPerMtok(cached)
                .batch(batch)
                .serviceTier(tier)
                .cacheWriteUsdPerMtok(write)
                .reasoningUsdPerMtok(reasoning)
                .longContext(ownTier)
                .build();
    }

    private Option.SelfHosted selfHosted(String id, Fields b, Path dir, Workload.LatencySlo slo) {
        String hardware = b.text("hardware");
        Gpu gpu = catalog.gpus().get(hardware);
        if (gpu == null && !hardware.isEmpty())
            unknownId(b, "hardware", hardware, catalog.gpus().keySet(), otherKind(hardware));
        if (gpu != null && gpu.priceUsd() == null && !b.has("hardware_usd")) {
            b.problems()
                    .at(
                            b.raw("hardware").orElse(b.node()),
                            b.pathOf("hardware") + ": the catalog has no card price for "
                                    + hardware
                                    + " (the sources price it only inside a server); give hardware_usd, or choose a system"
                                    + Suggestions.hint(
                                            hardware + "-1x-server",
                                            catalog.gpus().keySet()));
        }
        boolean auto = b.auto("count");
        var option = OptionSelfHostedBuilder.builder()
                .id(id)
                .hardware(hardware)
                .count(auto ? 1 : b.integer("count", 1, 1, 100_000))
                .hardwareUsd(b.optionalNumber("hardware_usd", 0, 50_000_000))
                .extraUpfrontUsd(b.number("extra_upfront_usd", 0, 0, 100_000_000))
                .electricityUsdPerMonth(b.optionalNumber("electricity_usd_per_month", 0, 10_000_000))
                .powerW(b.optionalNumber("power_w", 1, 1_000_000))
                .lifetimeMonths(b.optionalInteger("lifetime_months", 1, 240))
                .residualShare(b.optionalNumber("residual_share", 0, 1))
                .maintenanceShareAnnual(b.optionalNumber("maintenance_share_annual", 0, 1))
                .opsHoursPerMonth(b.optionalNumber("ops_hours_per_month", 0, 10_000))
                .serving(serving(id, b, dir, slo, gpu, hardware))
                .autoCount(auto)
                .server(server(b, gpu))
                .recurring(recurring(b))
                .build();
        return option;
    }

    /**
     * The host the cards go into: {@code host: ID} (or {@code none}), and {@code host_usd},
     * {@code host_power_w} over the host's own figures. A whole server is built on its host, so it
     * takes none of these but its power.
     */
    private Option.Server server(Fields b, Gpu gpu) {
        String host = b.has("host") ? b.text("host") : null;
        Double hostUsd = b.optionalNumber("host_usd", 0, 50_000_000);
        Double hostPowerW = b.optionalNumber("host_power_w", 0, 1_000_000);
        if (host != null && !host.equals(Option.Server.NONE) && !catalog.hosts().containsKey(host)) {
            unknownId(b, "host", host, catalog.hosts().keySet(), " (or host: none)");
        }
        boolean whole = gpu != null && (gpu.isSystem() || gpu.gpusPerSystem() > 1);
        if (whole && (host != null || hostUsd != null)) {
            String key = host != null ? "host" : "host_usd";
            b.problems()
                    .at(
                            b.raw(key).orElse(b.node()),
                            b.pathOf(key) + ": " + gpu.id()
                                    + " is a whole server, its host inside it and in its price; "
                                    + "name its card instead to buy cards and hosts apart");
        }
        boolean noHost = Option.Server.NONE.equals(host) || (host == null && (gpu == null || gpu.host() == null));
        if (noHost && !whole && (hostUsd != null || hostPowerW != null) && gpu != null) {
            String key = hostUsd != null ? "host_usd" : "host_power_w";
            b.problems()
                    .at(
                            b.raw(key).orElse(b.node()),
                            b.pathOf(key) + ": " + (host != null ? "host is none" : gpu.id() + " names no host")
                                    + ", so there is no host to price; name one with host: ID");
        }
        return new Option.Server(host, hostUsd, hostPowerW);
    }

    /** {@code recurring: [{name, usd_per_month}]}: fixed monthly lines, each reported as its own. */
    private static List<Option.RecurringCost> recurring(Fields b) {
        List<Option.RecurringCost> lines = new ArrayList<>();
        List<Node> nodes = b.list("recurring");
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Fields.of(b.problems(), node, b.pathOf("recurring") + "[" + i + "]").ifPresent(r -> {
                String name = r.text("name");
                double usd = r.number("usd_per_month", 0, 100_000_000);
                if (names.containsKey(name)) {
                    r.problems()
                            .at(
                                    r.raw("name").orElse(node),
                                    r.pathOf("name") + ": duplicate line '" + name + "' (first at line "
                                            + names.get(name) + ")");
                }
                names.putIfAbsent(name, node.line());
                lines.add(new Option.RecurringCost(name, usd));
                r.finish();
            });
        }
        return lines;
    }

    private Option.Rented rented(String id, Fields b, Path dir, Workload.LatencySlo slo) {
        String offer = b.text("offer");
        Option.OfferChoice choice = offer.equals(CHEAPEST) ? offerChoice(b) : null;
        var entry = catalog.cloudOffers().get(offer);
        if (entry == null && !offer.isEmpty() && choice == null) {
            String other = otherKind(offer);
            unknownId(
                    b,
                    "offer",
                    offer,
                    catalog.cloudOffers().keySet(),
                    other.isEmpty() ? " (or offer: cheapest with hardware)" : other);
        }
        Gpu gpu = choice != null
                ? catalog.gpus().get(choice.hardware())
                : entry == null ? null : catalog.gpus().get(entry.gpu());
        boolean auto = b.auto("count");
        return OptionRentedBuilder.builder()
                .id(id)
                .offer(choice != null ? null : offer)
                .count(auto ? 1 : b.integer("count", 1, 1, 100_000))
                .hoursPerMonth(b.number("hours_per_month", Assumptions.HOURS_PER_MONTH, 1, 744))
                .usdPerGpuHour(b.optionalNumber("usd_per_gpu_hour", 0, 200))
                .opsHoursPerMonth(b.optionalNumber("ops_hours_per_month", 0, 10_000))
                .serving(serving(
                        id, b, dir, slo, gpu, choice != null ? choice.hardware() : entry == null ? null : entry.gpu()))
                .autoCount(auto)
                .choice(choice)
                .rental(new Option.Rental(
                        b.optionalInteger("term_months", 1, 120),
                        b.optionalNumber("idle_timeout_seconds", 0, 86_400),
                        b.optionalNumber("interruptions_per_month", 0, 10_000),
                        b.optionalNumber("restart_seconds", 0, 86_400),
                        b.flag("spot_carries_latency", false)))
                .recurring(recurring(b))
                .build();
    }

    static final String CHEAPEST = "cheapest";

    /**
     * {@code offer: cheapest} with {@code hardware}, {@code tier}, {@code providers} and {@code region}:
     * the offers the evaluation may pick from; none matching is an input error here, where the file
     * and line are known.
     */
    private Option.OfferChoice offerChoice(Fields b) {
        String hardware = b.text("hardware");
        if (!hardware.isEmpty() && !catalog.gpus().containsKey(hardware))
            unknownId(b, "hardware", hardware, catalog.gpus().keySet(), otherKind(hardware));
        String tier = b.text("tier", "on_demand");
        List<String> providers = new ArrayList<>();
        for (Node n : b.list("providers")) {
            if (n instanceof Node.Scalar sc && sc.kind() == Node.ScalarKind.STRING) providers.add(sc.text());
            else b.problems().at(n, b.pathOf("providers") + ": expected provider names, got " + n.describe());
        }
        java.util.regex.Pattern region = null;
        if (b.has("region")) {
            try {
                region = java.util.regex.Pattern.compile(b.text("region"));
            } catch (java.util.regex.PatternSyntaxException e) {
                b.problems()
                        .at(
                                b.raw("region").orElse(b.node()),
                                b.pathOf("region") + ": not a regular expression: " + e.getDescription());
            }
        }
        var choice = new Option.OfferChoice(hardware, tier, providers, region, null);
        if (!hardware.isEmpty()
                && catalog.gpus().containsKey(hardware)
                && catalog.cloudOffers().values().stream().noneMatch(choice::matches)) {
            List<String> ofHardware = catalog.cloudOffers().values().stream()
                    .filter(o -> o.gpu().equals(hardware))
                    .map(o -> o.id() + " (" + o.provider() + ", " + o.tier()
                            + (o.region() == null ? "" : ", " + o.region()) + ")")
                    .toList();
            b.problems()
                    .at(
                            b.raw("offer").orElse(b.node()),
                            b.pathOf("offer") + ": no cloud offer matches offer: cheapest for " + choice.describe()
                                    + (ofHardware.isEmpty()
                                            ? "; the catalog has no offer of " + hardware
                                            : "; offers of " + hardware + ": " + String.join(", ", ofHardware)));
        }
        return choice;
    }

    /**
     * What an owned or rented option serves and how fast. A bench result is used when the option names
     * it ({@code bench:}, {@code --bench ID=FILE}); one given to every option ({@code --bench FILE}) only
     * where its model, and its hardware and quantization where it recorded them, are the option's
     * (docs/bench.md, "Capacity for evaluate").
     *
     * @param gpu the hardware's catalog entry (null when unknown, reported elsewhere)
     * @param hardware its id: the option's hardware, or the offer's GPU
     */
    private Option.Serving serving(String id, Fields b, Path dir, Workload.LatencySlo slo, Gpu gpu, String hardware) {
        String model = b.text("model");
        if (!model.isEmpty() && !catalog.openModels().containsKey(model)) {
            unknownId(b, "model", model, catalog.openModels().keySet(), otherKind(model));
        }
        Engine engine = null;
        if (b.has("engine")) {
            String written = b.text("engine");
            engine = Engine.byId(written).orElse(null);
            if (engine == null) {
                b.problems()
                        .at(
                                b.raw("engine").orElse(b.node()),
                                b.pathOf("engine") + ": '" + written + "' is not one of "
                                        + String.join(" | ", Engine.ids()) + Suggestions.hint(written, Engine.names()));
            }
        }
        Quantization fallback =
                Quantization.defaultFor(gpu, catalog.openModels().get(model), engine);
        Quantization quantization = b.choice("quantization", Quantization.class, fallback);
        Double tps = b.optionalNumber("tokens_per_second", 0.01, 10_000_000);
        Option.Measured measured = null;
        Optional<Node> benchNode = b.raw("bench");
        boolean named = benchOverrides.containsKey(id) || benchNode.isPresent();
        Path benchFile = benchOverrides.containsKey(id)
                ? benchOverrides.get(id)
                : benchNode.isPresent()
                        ? null
                        : tps == null && benchOverrides.containsKey("*") ? benchOverrides.get("*") : null;
        if (benchFile == null && benchNode.isPresent()) {
            String written = b.text("bench");
            if (!written.isEmpty()) benchFile = dir.resolve(written);
        }
        if (tps != null && benchNode.isPresent()) {
            b.problems().at(benchNode.get(), b.pathOf("bench") + ": give tokens_per_second or bench, not both");
        } else if (benchFile != null) {
            try {
                Option.Measured read = bench.read(benchFile, slo);
                Optional<String> elsewhere =
                        named ? Optional.empty() : measuredElsewhere(read, model, quantization, gpu, hardware);
                if (elsewhere.isPresent()) {
                    benchNotes.add(id + ": " + benchFile + ": " + elsewhere.get()
                            + ": not applied (name the option with " + "--bench " + id + "=FILE to apply it anyway)");
                } else {
                    measured = lengths(BenchCapacity.forModel(
                            read, model, catalog.openModels().get(model)));
                }
            } catch (InputException e) {
                Node at = benchNode.orElse(b.node());
                for (Diagnostic d : e.diagnostics()) {
                    b.problems().at(at, b.pathOf("bench") + ": " + d);
                }
            }
        }
        boolean autoReplica = b.auto("gpus_per_replica");
        return OptionServingBuilder.builder()
                .model(model)
                .quantization(quantization)
                .tokensPerSecond(tps)
                .measured(measured)
                .concurrency(b.optionalInteger("concurrency", 1, 4096))
                .gpusPerReplica(autoReplica ? null : b.optionalInteger("gpus_per_replica", 1, 1024))
                .autoReplica(autoReplica)
                .engine(engine)
                .kvPrecision(b.has("kv_precision") ? b.choice("kv_precision", KvPrecision.class) : null)
                .parallelism(b.has("parallelism") ? b.choice("parallelism", Parallelism.class) : null)
                .build();
    }

    /**
     * Why a bench given to every option measured something else than this one: another model, or
     * (where the bench recorded them) other hardware or another quantization; empty when it matches.
     */
    private Optional<String> measuredElsewhere(
            Option.Measured m, String model, Quantization quantization, Gpu gpu, String hardware) {
        if (!BenchCapacity.sameModel(m, model, catalog.openModels().get(model))) {
            return Optional.of("the bench measured the model '" + m.model() + "', not the option's " + model);
        }
        String measuredOn = m.recorded().hardware();
        if (measuredOn != null
                && hardware != null
                && !measuredOn.equals(hardware)
                && !(gpu != null && measuredOn.equals(gpu.card()))) {
            return Optional.of("the bench measured " + measuredOn + ", not the option's " + hardware);
        }
        String format = m.recorded().quantization();
        if (format != null && !format.equalsIgnoreCase(quantization.id())) {
            return Optional.of(
                    "the bench measured " + model + " at " + format + ", not at the option's " + quantization.id());
        }
        return Optional.empty();
    }

    /** A bench whose prompts or outputs differ from the scenario's by more than a quarter says so. */
    private Option.Measured lengths(Option.Measured m) {
        if (m == null || servedLengths == null) return m;
        Option.Measured out = m;
        Double in = m.recorded().inputTokens();
        if (in != null && differs(in, servedLengths.inputTokensPerQuery())) {
            out = out.withWarning(String.format(
                    java.util.Locale.ROOT,
                    "the bench's prompts average %s tokens, the scenario's %s: the measured throughput is for other "
                            + "requests (more than %d %% apart)",
                    dev.aichoose.text.Figures.wholeCount(in),
                    dev.aichoose.text.Figures.wholeCount(servedLengths.inputTokensPerQuery()),
                    Math.round(LENGTH_TOLERANCE * 100)));
        }
        Double outTokens = m.recorded().outputTokens();
        if (outTokens != null && differs(outTokens, servedLengths.generatedTokensPerQuery())) {
            out = out.withWarning(String.format(
                    java.util.Locale.ROOT,
                    "the bench's outputs average %s tokens, the scenario's %s: the measured throughput is for other "
                            + "requests (more than %d %% apart)",
                    dev.aichoose.text.Figures.wholeCount(outTokens),
                    dev.aichoose.text.Figures.wholeCount(servedLengths.generatedTokensPerQuery()),
                    Math.round(LENGTH_TOLERANCE * 100)));
        }
        return out;
    }

    /** How far a bench's mean prompt or output length may be from the scenario's before it warns. */
    static final double LENGTH_TOLERANCE = 0.25;

    private static boolean differs(double bench, double scenario) {
        return scenario > 0 ? Math.abs(bench / scenario - 1) > LENGTH_TOLERANCE : bench > 0;
    }

    private Option.Hybrid hybrid(String id, Fields b, List<PendingRoute> pending, Map<String, Node> autoNodes) {
        if (b.raw("routes").orElse(null) instanceof Node.Scalar s && !s.text().isBlank()) {
            if (s.text().trim().equals(AUTO_ROUTES)) {
                autoNodes.putIfAbsent(id, s);
                return Option.Hybrid.auto(id);
            }
            b.problems()
                    .at(s, b.pathOf("routes") + ": expected a list of {class, option} or 'auto', got " + s.describe());
            return new Option.Hybrid(id, List.of(), false);
        }
        List<Option.Route> routes = new ArrayList<>();
        List<Node> nodes = b.list("routes");
        if (nodes.isEmpty()) b.problems().at(b.node(), b.pathOf("routes") + ": a hybrid needs at least one route");
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Fields.of(b.problems(), node, b.pathOf("routes") + "[" + i + "]").ifPresent(r -> {
                String cls = r.text("class");
                String target = r.text("option");
                routes.add(new Option.Route(cls, target));
                pending.add(new PendingRoute(
                        id,
                        cls,
                        r.raw("class").orElse(node),
                        target,
                        r.raw("option").orElse(node),
                        r.path()));
                r.finish();
            });
        }
        return new Option.Hybrid(id, routes, false);
    }

    private static void checkRoutes(
            Problems problems,
            Workload workload,
            List<Option> options,
            List<PendingRoute> routes,
            Map<String, Node> autoNodes) {
        Map<String, Option> byId = new LinkedHashMap<>();
        options.forEach(o -> byId.put(o.id(), o));
        List<String> classNames =
                new ArrayList<>(workload.classes().stream().map(c -> c.name()).toList());
        classNames.add(Workload.DEFAULT_CLASS);
        Map<String, Map<String, Node>> routedByHybrid = new LinkedHashMap<>();
        for (PendingRoute r : routes) {
            Option target = byId.get(r.option());
            if (!r.option().isEmpty() && target == null) {
                problems.at(
                        r.optionNode(),
                        r.path() + ".option: no option with id '" + r.option() + "'"
                                + Suggestions.hint(r.option(), byId.keySet()));
            } else if (target instanceof Option.Hybrid) {
                problems.at(
                        r.optionNode(),
                        r.path() + ".option: '" + r.option()
                                + "' is a hybrid; route to an api, self_hosted or rented option");
            }
            if (!r.workloadClass().isEmpty() && !classNames.contains(r.workloadClass())) {
                problems.at(
                        r.classNode(),
                        r.path() + ".class: no workload class '" + r.workloadClass() + "'"
                                + Suggestions.hint(r.workloadClass(), classNames));
            }
            Map<String, Node> routed = routedByHybrid.computeIfAbsent(r.hybrid(), k -> new LinkedHashMap<>());
            if (routed.containsKey(r.workloadClass())) {
                problems.at(
                        r.classNode(),
                        r.path() + ".class: class '" + r.workloadClass() + "' is already routed (line "
                                + routed.get(r.workloadClass()).line() + ")");
            }
            routed.putIfAbsent(r.workloadClass(), r.classNode());
        }
        for (Option o : options) {
            if (!(o instanceof Option.Hybrid h)) continue;
            if (h.auto()) {
                checkAuto(problems, workload, options, h, autoNodes.get(h.id()));
                continue;
            }
            Set<String> routed = routedByHybrid.getOrDefault(h.id(), Map.of()).keySet();
            List<String> missing = new ArrayList<>();
            workload.classes().stream()
                    .filter(c -> c.share() > 0 && !routed.contains(c.name()))
                    .forEach(c -> missing.add(c.name()));
            if (workload.defaultShare() > 1e-9 && !routed.contains(Workload.DEFAULT_CLASS)) {
                missing.add(Workload.DEFAULT_CLASS);
            }
            if (!missing.isEmpty() && !routes.isEmpty()) {
                PendingRoute first = routes.stream()
                        .filter(r -> r.hybrid().equals(h.id()))
                        .findFirst()
                        .orElse(null);
                Node at = first == null ? null : first.classNode();
                String message = "options[" + h.id() + "].hybrid.routes: no route for class "
                        + String.join(
                                ", ", missing.stream().map(m -> "'" + m + "'").toList())
                        + "; every class with traffic needs one";
                if (at != null) problems.at(at, message);
            }
        }
    }

    /** Auto routing needs something to route to, and stays exact and fast within its class limit. */
    private static void checkAuto(
            Problems problems, Workload workload, List<Option> options, Option.Hybrid h, Node at) {
        long targets =
                options.stream().filter(o -> !(o instanceof Option.Hybrid)).count();
        long routed = workload.classes().stream().filter(c -> c.share() > 0).count()
                + (workload.defaultShare() > 1e-9 ? 1 : 0);
        if (targets == 0) {
            problems.at(
                    at,
                    "options[" + h.id()
                            + "].hybrid.routes: 'auto' needs at least one api, self_hosted or rented option to route to");
        }
        if (routed > MAX_AUTO_CLASSES) {
            problems.at(
                    at,
                    "options[" + h.id() + "].hybrid.routes: 'auto' routes at most " + MAX_AUTO_CLASSES
                            + " classes with traffic (default included); this workload has " + routed
                            + ": write the routes out, or merge classes");
        }
    }

    /**
     * Where an id unknown in the field it was given in is an id of another catalog, that in words: a cloud
     * offer given as hardware, an API model given as an open model, and the reverse.
     */
    private String otherKind(String value) {
        if (catalog.cloudOffers().containsKey(value)) {
            return "; " + value + " is a cloud offer: rent it with rented: {offer: " + value + "}, or give its GPU, "
                    + catalog.cloudOffers().get(value).gpu();
        }
        if (catalog.gpus().containsKey(value)) {
            return "; " + value + " is a GPU: own it with self_hosted: {hardware: " + value
                    + "}, or rent it with rented: {offer: cheapest, hardware: " + value + "}";
        }
        if (catalog.apiModels().containsKey(value)) {
            return "; " + value + " is an API model: compare it with api: {model: " + value + "}";
        }
        if (catalog.openModels().containsKey(value)) {
            return "; " + value + " is an open-weight model: serve it with self_hosted or rented";
        }
        return "";
    }

    private void unknownId(Fields b, String key, String value, Collection<String> known, String extra) {
        Node at = b.raw(key).orElse(b.node());
        b.problems()
                .at(
                        at,
                        b.pathOf(key) + ": unknown catalog id '" + value + "'" + Suggestions.hint(value, known) + extra
                                + "; 'aichoose catalog list' shows the ids");
    }

    private static String round(double d) {
        return String.valueOf(Math.round(d * 1e6) / 1e6);
    }
}
