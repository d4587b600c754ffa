package dev.aichoose.cost;

import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Costing;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult.Capacity;
import dev.aichoose.model.OptionResult.CapacitySource;
import dev.aichoose.model.OptionResultCapacityBuilder;
import dev.aichoose.model.Profile;
import dev.aichoose.model.Provenance;
import dev.aichoose.model.Quality;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Traffic;
import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadClass;
import dev.aichoose.text.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hard constraints, class by class (docs/methodology.md §6 and §13.2): every option is checked
 * for every class of traffic it would carry. A {@code sensitive} class is never sent to a
 * third-party API; an {@code on_premises} class, and every class under
 * {@code data_must_stay_on_premises} or {@code offline_required}, stays off APIs and rented GPUs;
 * a {@code frontier} class needs a frontier-tier model; the model fits and the hardware carries
 * the load it is given.
 */
public final class Feasibility {
    private final Catalog catalog;
    private final Workload workload;
    private final Profile profile;
    private final Map<String, Option> options;
    private final CapacityCheck capacity;
    private final HardwarePricing pricing;
    /** The scenario's classes with traffic, default included: read for every option and route. */
    private final List<WorkloadClass> classes;

    Feasibility(Scenario scenario, Catalog catalog, Map<String, Option> options, CapacityCheck capacity) {
        this.catalog = catalog;
        this.workload = scenario.workload();
        this.profile = scenario.profile();
        this.options = options;
        this.capacity = capacity;
        this.pricing = new HardwarePricing(catalog, scenario.assumptions());
        this.classes = scenario.trafficClasses();
    }

    /** An option's problems (none: it is feasible) and its capacity line (none for an API). */
    public record Result(List<String> problems, Optional<Capacity> capacity) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /**
     * How an option would carry some classes as a leg of a routing: free of problems, outgrown (a
     * stated count too small for their volume: one rule broken), or unfit for them whatever their
     * volume (the option's own rules, a request or the model that does not fit, a cold start that
     * misses the latency target: every class it would carry breaks a rule).
     */
    public enum LegFit {
        CARRIES,
        OUTGROWN,
        UNFIT
    }

    Result check(Option option) {
        return switch (option) {
            case Option.Hybrid h -> hybrid(h);
            default -> {
                Traffic all = workload.traffic();
                List<String> problems = new ArrayList<>(optionProblems(option, all));
                for (WorkloadClass c : classes) problems.addAll(classProblems(option, c));
                Optional<CapacityCheck.Check> check = capacity.check(option, all);
                check.ifPresent(c -> problems.addAll(c.problems()));
                yield new Result(problems, check.map(CapacityCheck.Check::capacity));
            }
        };
    }

    /** Whether {@link #check} finds no problem, decided without writing any. */
    boolean feasible(Option option) {
        return switch (option) {
            case Option.Hybrid h -> {
                for (Option.Route route : h.routes()) {
                    WorkloadClass c = classNamed(route.workloadClass());
                    if (c != null && !allowed(options.get(route.option()), c)) yield false;
                }
                for (var leg : h.traffic(workload).entrySet()) {
                    if (!carries(options.get(leg.getKey()), leg.getValue())) yield false;
                }
                yield true;
            }
            default -> {
                for (WorkloadClass c : classes) if (!allowed(option, c)) yield false;
                yield carries(option, workload.traffic());
            }
        };
    }

    /** No rule of the profile or of the option itself is broken, and the hardware carries the traffic. */
    private boolean carries(Option option, Traffic traffic) {
        return optionProblems(option, traffic).isEmpty()
                && !(option instanceof Option.Sized sized && !capacity.carries(sized, traffic));
    }

    private WorkloadClass classNamed(String name) {
        for (WorkloadClass c : classes) if (c.name().equals(name)) return c;
        return null;
    }

    /** Whether {@link #classProblems} finds nothing that keeps the class off the option. */
    private boolean allowed(Option option, WorkloadClass c) {
        if ((c.sensitive() || c.onPremises()) && option instanceof Option.Api) return false;
        if (c.onPremises() && option instanceof Option.Rented) return false;
        if (classContext(option, c).isPresent()) return false;
        return c.quality() != Quality.FRONTIER || tierOf(option).quality() == Quality.FRONTIER;
    }

    private Result hybrid(Option.Hybrid h) {
        List<String> problems = new ArrayList<>();
        for (Option.Route route : h.routes()) {
            Option target = options.get(route.option());
            WorkloadClass c = classes.stream()
                    .filter(x -> x.name().equals(route.workloadClass()))
                    .findFirst()
                    .orElse(null);
            if (c != null) problems.addAll(classProblems(target, c));
        }
        double required = 0;
        double available = 0;
        CapacitySource source = null;
        List<String> details = new ArrayList<>();
        for (var leg : h.traffic(workload).entrySet()) {
            Option target = options.get(leg.getKey());
            List<String> legProblems = new ArrayList<>(optionProblems(target, leg.getValue()));
            Optional<CapacityCheck.Check> check = capacity.check(target, leg.getValue());
            if (check.isPresent()) {
                Capacity c = check.get().capacity();
                legProblems.addAll(check.get().problems());
                required += c.requiredTokensPerSecond();
                available += c.availableTokensPerSecond() == null ? 0 : c.availableTokensPerSecond();
                source = source == null || c.source() == CapacitySource.ESTIMATE ? c.source() : source;
                details.add(leg.getKey() + ": " + c.detail());
            }
            legProblems.forEach(p -> problems.add("via " + target.id() + ": " + p));
        }
        Optional<Capacity> total = source == null
                ? Optional.empty()
                : Optional.of(OptionResultCapacityBuilder.builder()
                        .requiredTokensPerSecond(required)
                        .availableTokensPerSecond(available)
                        .source(source)
                        .detail(String.join("; ", details))
                        .build());
        return new Result(problems, total);
    }

    /**
     * The option as a leg of an automatic routing carrying these classes, each at its own shape: its
     * fleet planned for them, its memory checked at the longest, its cold starts at their rate.
     */
    public LegFit leg(Option option, List<String> classNames) {
        Traffic traffic = workload.traffic(classNames);
        if (!optionProblems(option, traffic).isEmpty()) return LegFit.UNFIT;
        if (!(option instanceof Option.Sized sized)) return LegFit.CARRIES;
        return switch (capacity.fit(sized, traffic)) {
            case CARRIES -> LegFit.CARRIES;
            case OUTGROWN -> LegFit.OUTGROWN;
            case UNFIT -> LegFit.UNFIT;
        };
    }

    /** Rules of the whole profile and of the option itself, for the traffic it carries. */
    private List<String> optionProblems(Option option, Traffic traffic) {
        List<String> problems = new ArrayList<>();
        switch (option) {
            case Option.Api a -> {
                if (profile.offlineRequired())
                    problems.add("offline operation is required, and an API is reached over the internet");
                if (profile.dataMustStayOnPremises())
                    problems.add("data must stay on the premises, and an API sends it to " + providerOf(a));
                // with shapes per class, each class's request is checked against the context on its own
                if (!workload.hasClassShapes())
                    contextProblem(a, workload.shape()).ifPresent(problems::add);
            }
            case Option.SelfHosted s -> {}
            case Option.Rented r -> {
                if (profile.offlineRequired())
                    problems.add("offline operation is required, and rented GPUs are reached over the internet");
                if (profile.dataMustStayOnPremises())
                    problems.add("data must stay on the premises, and rented GPUs sit in the provider's data centre");
                rentalProblems(r, traffic).ifPresent(problems::add);
            }
            case Option.Hybrid h -> throw new IllegalArgumentException("a hybrid is checked route by route");
        }
        return problems;
    }

    /** The share of requests a serverless worker may keep waiting for a cold start: a p99 latency target. */
    static final double MAX_COLD_SHARE = 0.01;

    /**
     * How the offer is sold against the latency targets (docs/methodology.md §5.2, §5.3): spot capacity
     * is taken back without warning, so it carries no latency target unless the scenario accepts it; a
     * serverless worker's cold start keeps a request waiting, so it must not miss the TTFT target for more
     * than 1 % of requests at month 1's rate of the traffic it carries (a leg's classes arrive less often
     * than all the queries, and find a cold worker more often).
     */
    private Optional<String> rentalProblems(Option.Rented r, Traffic traffic) {
        Workload.LatencySlo slo = workload.slo();
        if (slo == null || (slo.ttftMs() == null && slo.tpotMs() == null)) return Optional.empty();
        Costing.Rent rent = pricing.rent(r);
        if (CloudOffer.SPOT.equals(rent.tier()) && !r.rental().spotCarriesLatency()) {
            return Optional.of(r.offer() + " is spot capacity, taken back without warning, and workload.slo sets a "
                    + "latency target: spot alone does not carry it (spot_carries_latency: true accepts it)");
        }
        Costing.Serverless cold = rent.serverless();
        if (cold != null && slo.ttftMs() != null && cold.coldStartSeconds() * 1000 > slo.ttftMs()) {
            double queries = traffic.share() * workload.queriesInMonth(1);
            double share = cold.billed(queries, 0, 1).coldShare();
            if (share > MAX_COLD_SHARE) {
                return Optional.of(String.format(
                        java.util.Locale.ROOT,
                        "%s starts a cold worker for %s of requests at month 1's rate (idle timeout %s s), and a cold "
                                + "start of %s s misses the TTFT target of %s ms; keep a worker active or lengthen "
                                + "idle_timeout_seconds",
                        r.id(),
                        Figures.percent(share),
                        Figures.count(cold.idleTimeoutSeconds()),
                        Figures.count(cold.coldStartSeconds()),
                        Figures.count(slo.ttftMs())));
            }
        }
        return Optional.empty();
    }

    /** What keeps one class of traffic off the option: where its data may go, and the model tier it needs. */
    public List<String> classProblems(Option option, WorkloadClass c) {
        List<String> problems = new ArrayList<>();
        String cls = "class '" + c.name() + "' (" + Figures.percent(c.share()) + " of queries)";
        if (c.sensitive() && option instanceof Option.Api a) {
            problems.add(cls + " is sensitive: it is never sent to a third-party API, and " + a.id() + " sends it to "
                    + providerOf(a));
        }
        if (c.onPremises() && !c.sensitive() && option instanceof Option.Api a) {
            problems.add(cls + " must stay on owned hardware (on_premises), and " + a.id() + " is an API");
        }
        if (c.onPremises() && option instanceof Option.Rented r) {
            problems.add(cls + " must stay on owned hardware (on_premises), and " + r.id()
                    + " is rented GPUs in the provider's data centre");
        }
        classContext(option, c).ifPresent(p -> problems.add(cls + ": " + p));
        if (c.quality() == Quality.FRONTIER) {
            Tier tier = tierOf(option);
            if (tier.quality() != Quality.FRONTIER) {
                problems.add(cls + " needs a frontier-tier model, and " + option.id() + " serves " + tier.model()
                        + ", rated " + tier.quality().name().toLowerCase(java.util.Locale.ROOT) + " (" + tier.source()
                        + ")");
            }
        }
        return problems;
    }

    /** A request of this shape that exceeds the API model's context window, in words. */
    private Optional<String> contextProblem(Option.Api a, dev.aichoose.model.TokenShape shape) {
        ApiModel m = catalog.apiModels().get(a.model());
        double request = shape.requestTokens();
        if (m == null || m.contextTokens() == null || request <= m.contextTokens()) return Optional.empty();
        return Optional.of("a request of " + Figures.wholeCount(request) + " tokens exceeds " + a.model()
                + "'s context of " + Figures.wholeCount(m.contextTokens()) + " tokens");
    }

    /**
     * A class of its own shape whose request exceeds the context of the model the option serves: the
     * API's, or the open model an owned or rented option runs (none without class shapes; the workload's
     * own shape is checked with the option's capacity).
     */
    private Optional<String> classContext(Option option, WorkloadClass c) {
        if (!workload.hasClassShapes()) return Optional.empty();
        dev.aichoose.model.TokenShape shape = workload.shapeOf(c.name());
        return switch (option) {
            case Option.Api a -> contextProblem(a, shape);
            case Option.Sized sized -> {
                var m = catalog.openModels().get(sized.serving().model());
                yield m == null ? Optional.empty() : m.contextProblem(shape.requestTokens());
            }
            case Option.Hybrid h -> Optional.empty();
        };
    }

    /** The tier of the model an option serves and where the rating comes from. */
    private record Tier(String model, Quality quality, String source) {}

    private Tier tierOf(Option option) {
        return switch (option) {
            case Option.Api a -> {
                ApiModel m = catalog.apiModels().get(a.model());
                yield m == null
                        ? new Tier(a.model(), Quality.STANDARD, "not in the catalog, so taken as standard")
                        : new Tier(a.model(), m.quality(), "in the API catalog");
            }
            case Option.SelfHosted s -> openTier(s.serving().model());
            case Option.Rented r -> openTier(r.serving().model());
            case Option.Hybrid h -> throw new IllegalArgumentException("a hybrid has no tier of its own");
        };
    }

    private Tier openTier(String id) {
        OpenModel m = catalog.openModels().get(id);
        return new Tier(id, m.quality(), cite(m.qualityProvenance()));
    }

    /** The source's name (what comes before its first colon) and date: the catalog entry has the whole. */
    private static String cite(Provenance p) {
        int colon = p.source().indexOf(": ");
        return (colon > 0 ? p.source().substring(0, colon) : p.source()) + ", as of " + p.asOf();
    }

    private String providerOf(Option.Api a) {
        ApiModel m = catalog.apiModels().get(a.model());
        return m != null ? m.provider() : "the provider";
    }
}
