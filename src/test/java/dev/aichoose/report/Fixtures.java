package dev.aichoose.report;

import dev.aichoose.model.Assumptions;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Evaluation.Breakeven;
import dev.aichoose.model.Evaluation.CatalogUse;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionResult.Capacity;
import dev.aichoose.model.OptionResult.CapacitySource;
import dev.aichoose.model.OptionResult.CostParts;
import dev.aichoose.model.OptionResult.MonthlyCost;
import dev.aichoose.model.Profile;
import dev.aichoose.model.Quality;
import dev.aichoose.model.Recommendation;
import dev.aichoose.model.Recommendation.Answer;
import dev.aichoose.model.Recommendation.Lean;
import dev.aichoose.model.Recommendation.Question;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadClass;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hand-built evaluations for renderer tests. The cash flows follow DESIGN's domain rules, worked
 * out here independently of the engine, so the spreadsheet's formulas have figures to agree with.
 */
public final class Fixtures {
    private Fixtures() {}

    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 24);

    public static Workload workload() {
        // reasoning tokens bill at the output price: the workbook must count them too
        return new Workload(100_000, 500, 400, 100, 0.05, 0.1, 3.0,
                List.of(new WorkloadClass("client_documents", 0.2, true, null)), Workload.LatencySlo.NONE);
    }

    public static Assumptions assumptions() {
        return new Assumptions(0.15, 1.0, 4, 50, 0.08, 0.05, 36, 0.2);
    }

    /** The seed-like example: an API, an owned box replaced within the horizon, rented GPUs and a hybrid. */
    public static Map<String, Costing> costings() {
        Map<String, Costing> c = new LinkedHashMap<>();
        c.put("gpt-4", new Costing.PerToken(30, 15, 60));
        c.put("rtx-4090-box", new Costing.Owned(1, 1600, 1400, 5, 0.2, 30.0, 450, 1.0, 0.15, 0.075, 4, 50));
        c.put("h100-rented", new Costing.Rent(1, 2.99, 730, 4, 50));
        c.put("split", new Costing.Mix(List.of(new Costing.Leg("rtx-4090-box", 0.2), new Costing.Leg("gpt-4", 0.8))));
        return c;
    }

    public static Evaluation seed() {
        return evaluate(workload(), 12, assumptions(), costings());
    }

    public static Evaluation evaluate(Workload w, int horizon, Assumptions a, Map<String, Costing> costings) {
        Map<String, List<CostParts>> parts = new LinkedHashMap<>();
        for (var e : costings.entrySet()) {
            if (!(e.getValue() instanceof Costing.Mix)) parts.put(e.getKey(), parts(w, horizon, e.getValue()));
        }
        Map<String, Double> salvage = new LinkedHashMap<>();
        costings.forEach((id, c) -> {
            if (!(c instanceof Costing.Mix)) salvage.put(id, salvage(c, horizon));
        });
        List<OptionResult> results = new ArrayList<>();
        for (var e : costings.entrySet()) {
            String id = e.getKey();
            Costing c = e.getValue();
            List<CostParts> p;
            double s;
            if (c instanceof Costing.Mix mix) {
                p = new ArrayList<>();
                Set<String> fixedSeen = new LinkedHashSet<>();
                for (int m = 0; m < horizon; m++) p.add(CostParts.ZERO);
                s = 0;
                for (Costing.Leg leg : mix.legs()) {
                    List<CostParts> legParts = parts.get(leg.option());
                    boolean api = costings.get(leg.option()) instanceof Costing.PerToken;
                    if (!api && !fixedSeen.add(leg.option())) continue;
                    if (!api) s += salvage.get(leg.option());
                    for (int m = 0; m < horizon; m++) {
                        CostParts lp = legParts.get(m);
                        p.set(m, p.get(m).plus(api ? new CostParts(lp.usage() * leg.share(), 0, 0, 0, 0, 0, 0) : lp));
                    }
                }
            } else {
                p = parts.get(id);
                s = salvage.get(id);
            }
            results.add(result(id, kindOf(c), w, horizon, a, c, p, s));
        }
        List<Breakeven> breakeven = new ArrayList<>();
        for (OptionResult o : results) {
            if (o.id().equals("gpt-4")) continue;
            breakeven.add(new Breakeven(o.id(), "gpt-4", breakevenMonth(o, results.getFirst())));
        }
        return new Evaluation(scenario(w, horizon, a), AS_OF, catalog(), results, breakeven, List.of(),
                recommendation(), List.of("openai/gpt-4: price is 212 days old (as of 2026-04-26); check the source"));
    }

    private static OptionKind kindOf(Costing c) {
        return switch (c) {
            case Costing.PerToken p -> OptionKind.API;
            case Costing.Owned o -> OptionKind.SELF_HOSTED;
            case Costing.Rent r -> OptionKind.RENTED;
            case Costing.Mix m -> OptionKind.HYBRID;
        };
    }

    private static List<CostParts> parts(Workload w, int horizon, Costing c) {
        List<CostParts> out = new ArrayList<>();
        for (int m = 1; m <= horizon; m++) {
            double q = w.queriesInMonth(m);
            out.add(switch (c) {
                case Costing.PerToken p -> {
                    double i = w.inputTokensPerQuery();
                    double perQuery = (i * (1 - w.cachedInputShare()) * p.inputUsdPerMtok()
                            + i * w.cachedInputShare() * p.cachedInputUsdPerMtok()
                            + w.generatedTokensPerQuery() * p.outputUsdPerMtok()) / 1e6;
                    yield new CostParts(q * perQuery, 0, 0, 0, 0, 0, 0);
                }
                case Costing.Owned o -> {
                    boolean purchase = (m - 1) % o.lifetimeMonths() == 0;
                    yield new CostParts(0, purchase ? o.upfrontUsd() : 0,
                            purchase && m > 1 ? o.residualShare() * o.upfrontUsd() : 0,
                            o.electricityUsdPerMonth(), o.maintenanceUsdPerMonth(), o.staffUsdPerMonth(), 0);
                }
                case Costing.Rent r -> new CostParts(0, 0, 0, 0, 0, r.staffUsdPerMonth(), r.rentUsdPerMonth());
                case Costing.Mix mix -> throw new IllegalArgumentException("a mix is priced from its legs");
            });
        }
        return out;
    }

    private static double salvage(Costing c, int horizon) {
        if (!(c instanceof Costing.Owned o)) return 0;
        int last = 1 + o.lifetimeMonths() * ((horizon - 1) / o.lifetimeMonths());
        int used = horizon - last + 1;
        return o.upfrontUsd() - (o.upfrontUsd() - o.residualShare() * o.upfrontUsd()) * used / o.lifetimeMonths();
    }

    private static OptionResult result(String id, OptionKind kind, Workload w, int horizon, Assumptions a, Costing c,
            List<CostParts> parts, double salvage) {
        List<MonthlyCost> monthly = new ArrayList<>();
        double cumulative = 0;
        double npv = 0;
        double queries = 0;
        for (int m = 1; m <= horizon; m++) {
            double cost = parts.get(m - 1).total();
            cumulative += cost;
            queries += w.queriesInMonth(m);
            npv += cost / Math.pow(1 + a.discountRateAnnual(), m / 12.0);
            monthly.add(new MonthlyCost(m, w.queriesInMonth(m), cost, cumulative, parts.get(m - 1)));
        }
        npv -= salvage / Math.pow(1 + a.discountRateAnnual(), horizon / 12.0);
        double tco = cumulative - salvage;
        Capacity capacity = switch (kind) {
            case API, HYBRID -> null;
            case SELF_HOSTED -> new Capacity(34.5, 120.0, CapacitySource.GIVEN, "120 tokens/s given");
            case RENTED -> new Capacity(34.5, 2100.4, CapacitySource.ESTIMATE, "roofline estimate");
        };
        return new OptionResult(id, kind, id + " option", true, List.of(), parts.getFirst().hardware(), monthly,
                cumulative, salvage, tco, npv, tco / queries, monthly.getLast().costUsd(), capacity, c);
    }

    private static Integer breakevenMonth(OptionResult a, OptionResult b) {
        for (int m = 0; m < a.monthly().size(); m++) {
            if (a.monthly().get(m).cumulativeUsd() <= b.monthly().get(m).cumulativeUsd() + 0.005) return m + 1;
        }
        return null;
    }

    private static Scenario scenario(Workload w, int horizon, Assumptions a) {
        Profile profile = new Profile(Profile.Level.MEDIUM, Profile.Customization.PROMPTING, Profile.Capability.SOME,
                Profile.Level.MEDIUM, false, false, Quality.STANDARD, false, Profile.TimeToMarket.NORMAL,
                Profile.UsagePattern.STEADY);
        return new Scenario("Startup assistant (fixture)", "scenarios/fixture.yaml", horizon, w, profile, a, List.of(),
                false);
    }

    private static List<CatalogUse> catalog() {
        return List.of(
                new CatalogUse("openai/gpt-4", LocalDate.of(2026, 4, 26), "https://openai.com/api/pricing/", 212),
                new CatalogUse("nvidia/rtx-4090", LocalDate.of(2026, 10, 1), "https://www.nvidia.com/", 54),
                new CatalogUse("runpod/h100-sxm", LocalDate.of(2026, 11, 1), "https://www.runpod.io/pricing", 23));
    }

    private static Recommendation recommendation() {
        return new Recommendation(Recommendation.Verdict.OPEN_SOURCE,
                new Recommendation.Recommended("rtx-4090-box", "rtx-4090-box", 0, 0, java.util.Optional.empty()),
                List.of(
                        new Answer(Question.Q1_DATA_SENSITIVITY, Lean.NEUTRAL, "data sensitivity is medium"),
                        new Answer(Question.Q2_VOLUME, Lean.OPEN_SOURCE,
                                "100,000 queries a month; rtx-4090-box breaks even against gpt-4 in month 1"),
                        new Answer(Question.Q3_CUSTOMIZATION, Lean.NEUTRAL, "prompting only"),
                        new Answer(Question.Q4_TECHNICAL_CAPABILITY, Lean.NEUTRAL, "some capability: an easy local runner"),
                        new Answer(Question.Q5_VENDOR_INDEPENDENCE, Lean.NEUTRAL, "vendor independence is medium")),
                List.of(), "Self-host rtx-4090-box: the lowest TCO of the feasible options, and it pays back in month 1.");
    }
}
