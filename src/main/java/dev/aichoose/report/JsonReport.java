package dev.aichoose.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Recommendation;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The evaluation report, JSON v1 (DESIGN.md "Contracts"): built from small output records. */
public final class JsonReport implements Renderer {
    public static final String SCHEMA = "aichoose.evaluation/v1";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void render(Evaluation e, OutputStream out) throws IOException {
        MAPPER.writeValue(out, document(e));
        out.write('\n');
    }

    record Document(String schema, ScenarioRef scenario, int horizonMonths, String asOf, List<CatalogEntry> catalog,
            List<OptionOut> options, List<BreakevenOut> breakeven, List<CrossoverOut> crossovers,
            RecommendationOut recommendation, List<String> warnings,
            @JsonInclude(JsonInclude.Include.NON_NULL) SimulationSection.Out simulation) {}

    record ScenarioRef(String name, String file) {}

    record CatalogEntry(String id, String asOf, String source, long ageDays) {}

    record OptionOut(String id, String kind, String description, boolean feasible, List<String> problems,
            double upfrontUsd, List<MonthOut> monthly, double totalCashUsd, double salvageUsd, double tcoUsd,
            double npvUsd, double costPerQueryUsd, double steadyMonthlyUsd, CapacityOut capacity,
            Map<String, Object> costing,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            List<RouteOut> routing,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            List<FleetMonthOut> fleet,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Double peakUtilisation) {}

    /** Owned or rented units in service in a month; purchased and retired are owned units bought and sold off. */
    record FleetMonthOut(int month, int units, int gpus, int purchased, int retired) {}

    /** One class of a hybrid's routing. */
    record RouteOut(@com.fasterxml.jackson.annotation.JsonProperty("class") String workloadClass, String option) {}

    record MonthOut(int month, double queries, double costUsd, double cumulativeUsd, PartsOut parts) {}

    record PartsOut(double usageUsd, double hardwareUsd, double residualCreditUsd, double electricityUsd,
            double maintenanceUsd, double staffUsd, double rentUsd) {}

    record CapacityOut(double requiredTokensPerSecond, Double availableTokensPerSecond, String source, String detail) {}

    record BreakevenOut(String option, String baseline, Integer month) {}

    record CrossoverOut(String option, String baseline, Double queriesPerMonth) {}

    record RecommendationOut(String verdict, String option, String cheapestOption, Double premiumUsd,
            Double premiumShare,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            AlternativeOut alternative,
            List<QuestionOut> questions, List<String> constraints, String summary) {}

    /** A preferred option declined for its premium over the cheapest feasible one. */
    record AlternativeOut(String option, double premiumUsd, double premiumShare, String reason) {}

    record QuestionOut(String id, String leans, String reason) {}

    record LegOut(String option, double share) {}

    static Document document(Evaluation e) {
        return new Document(SCHEMA, new ScenarioRef(e.scenario().name(), e.scenario().file()),
                e.scenario().horizonMonths(), e.asOf().toString(),
                e.catalog().stream().map(c -> new CatalogEntry(c.id(), c.asOf().toString(), c.source(), c.ageDays()))
                        .toList(),
                e.options().stream().map(JsonReport::option).toList(),
                e.breakeven().stream().map(b -> new BreakevenOut(b.option(), b.baseline(), b.month())).toList(),
                e.crossovers().stream().map(c -> new CrossoverOut(c.option(), c.baseline(),
                        c.queriesPerMonth() == null ? null : cents(c.queriesPerMonth()))).toList(),
                recommendation(e.recommendation()), e.warnings(), e.simulation().map(SimulationSection::json).orElse(null));
    }

    private static OptionOut option(OptionResult o) {
        var c = o.capacity();
        return new OptionOut(o.id(), o.kind().id(), o.description(), o.feasible(), o.problems(), cents(o.upfrontUsd()),
                o.monthly().stream().map(m -> new MonthOut(m.month(), cents(m.queries()), cents(m.costUsd()),
                        cents(m.cumulativeUsd()), parts(m.parts()))).toList(),
                cents(o.totalCashUsd()), cents(o.salvageUsd()), cents(o.tcoUsd()), cents(o.npvUsd()),
                precise(o.costPerQueryUsd()), cents(o.steadyMonthlyUsd()),
                c == null ? null : new CapacityOut(cents(c.requiredTokensPerSecond()),
                        c.availableTokensPerSecond() == null ? null : cents(c.availableTokensPerSecond()),
                        c.source().id(), c.detail()),
                costing(o.costing()),
                o.kind() == dev.aichoose.model.OptionKind.HYBRID
                        ? o.routing().stream().map(r -> new RouteOut(r.workloadClass(), r.option())).toList() : null,
                c == null ? null : c.fleet().map(f -> f.months().stream().map(m -> new FleetMonthOut(m.month(), m.units(),
                        m.units() * f.gpusPerUnit(), m.purchased(), m.retired())).toList()).orElse(null),
                c == null ? null : c.fleet().filter(f -> f.peakUtilisation().isPresent())
                        .map(f -> precise(f.peakUtilisation().getAsDouble())).orElse(null));
    }

    private static PartsOut parts(OptionResult.CostParts p) {
        return new PartsOut(cents(p.usage()), cents(p.hardware()), cents(p.residualCredit()), cents(p.electricity()),
                cents(p.maintenance()), cents(p.staff()), cents(p.rent()));
    }

    private static Map<String, Object> costing(Costing costing) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (costing) {
            case Costing.PerToken p -> {
                m.put("type", "per_token");
                m.put("input_usd_per_mtok", precise(p.inputUsdPerMtok()));
                m.put("cached_input_usd_per_mtok", precise(p.cachedInputUsdPerMtok()));
                m.put("output_usd_per_mtok", precise(p.outputUsdPerMtok()));
            }
            case Costing.Owned o -> {
                m.put("type", "owned");
                m.put("count", o.count());
                m.put("unit_price_usd", cents(o.unitPriceUsd()));
                m.put("extra_upfront_usd", cents(o.extraUpfrontUsd()));
                m.put("upfront_usd", cents(o.upfrontUsd()));
                m.put("hardware_usd", cents(o.hardwareUsd()));
                m.put("lifetime_months", o.lifetimeMonths());
                m.put("residual_share", o.residualShare());
                m.put("electricity_usd_per_month", cents(o.electricityUsdPerMonth()));
                m.put("unit_power_w", o.unitPowerW());
                m.put("maintenance_share_annual", o.maintenanceShareAnnual());
                m.put("maintenance_usd_per_month", cents(o.maintenanceUsdPerMonth()));
                m.put("ops_hours_per_month", o.opsHoursPerMonth());
                m.put("staff_usd_per_month", cents(o.staffUsdPerMonth()));
            }
            case Costing.Rent r -> {
                m.put("type", "rent");
                m.put("gpus", r.gpus());
                m.put("usd_per_gpu_hour", r.usdPerGpuHour());
                m.put("hours_per_month", r.hoursPerMonth());
                m.put("ops_hours_per_month", r.opsHoursPerMonth());
                m.put("staff_usd_per_month", cents(r.staffUsdPerMonth()));
            }
            case Costing.Mix x -> {
                m.put("type", "mix");
                m.put("legs", x.legs().stream().map(l -> new LegOut(l.option(), l.share())).toList());
            }
        }
        return m;
    }

    private static RecommendationOut recommendation(Recommendation r) {
        String option = null;
        String cheapest = null;
        Double premium = null;
        Double share = null;
        AlternativeOut alternative = null;
        if (r.choice() instanceof Recommendation.Recommended c) {
            option = c.option();
            cheapest = c.cheapestOption();
            premium = cents(c.premiumUsd());
            share = precise(c.premiumShare());
            alternative = c.alternative().map(a -> new AlternativeOut(a.option(), cents(a.premiumUsd()),
                    precise(a.premiumShare()), a.reason())).orElse(null);
        }
        return new RecommendationOut(r.verdict().id(), option, cheapest, premium, share, alternative,
                r.questions().stream().map(q -> new QuestionOut(q.id().id(), q.leans().id(), q.reason())).toList(),
                r.constraints(), r.summary());
    }

    /** Money and rates to the cent; the engine keeps full precision. */
    static double cents(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Per-query costs and per-token prices: 10 decimal places. */
    static double precise(double v) {
        return Math.round(v * 1e10) / 1e10;
    }
}
