package dev.aichoose.report;

import static dev.aichoose.text.Figures.cents;
import static dev.aichoose.text.Figures.perQuery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Recommendation;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/** The evaluation report, JSON v1 (docs/schemas/evaluation.schema.json): small output records through {@link Json}. */
public final class JsonReport implements Renderer.Text<Evaluation> {
    public static final String SCHEMA = "aichoose.evaluation/v1";

    @Override
    public void render(Evaluation e, Writer out) throws IOException {
        Json.write(document(e), out);
    }

    record Document(String schema, ScenarioRef scenario, int horizonMonths, String asOf, List<CatalogEntry> catalog,
            String baseline, List<OptionOut> options, List<BreakevenOut> breakeven, List<CrossoverOut> crossovers,
            RecommendationOut recommendation, List<String> warnings,
            @JsonInclude(JsonInclude.Include.NON_NULL) SimulationSection.Out simulation) {}

    record ScenarioRef(String name, String file) {}

    record CatalogEntry(String id, String asOf, String source, long ageDays) {}

    record OptionOut(String id, String kind, String description, boolean feasible, Integer rank, List<String> problems,
            BigDecimal upfrontUsd, List<MonthOut> monthly, BigDecimal totalCashUsd, BigDecimal salvageUsd,
            BigDecimal tcoUsd, BigDecimal npvUsd, BigDecimal costPerQueryUsd, BigDecimal steadyMonthlyUsd,
            CapacityOut capacity, CostingOut costing, @JsonInclude(JsonInclude.Include.NON_NULL) List<RouteOut> routing,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<FleetMonthOut> fleet,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal peakUtilisation) {}

    /** Owned or rented units in service in a month; purchased and retired are owned units bought and sold off. */
    record FleetMonthOut(int month, int units, int gpus, int purchased, int retired) {}

    /** One class of a hybrid's routing. */
    record RouteOut(@JsonProperty("class") String workloadClass, String option) {}

    record MonthOut(int month, BigDecimal queries, BigDecimal costUsd, BigDecimal cumulativeUsd, PartsOut parts) {}

    record PartsOut(BigDecimal usageUsd, BigDecimal hardwareUsd, BigDecimal residualCreditUsd, BigDecimal electricityUsd,
            BigDecimal maintenanceUsd, BigDecimal staffUsd, BigDecimal rentUsd) {}

    record CapacityOut(BigDecimal requiredTokensPerSecond, BigDecimal availableTokensPerSecond, String source,
            String detail) {}

    record BreakevenOut(String option, String baseline, Integer month) {}

    record CrossoverOut(String option, String baseline, BigDecimal queriesPerMonth) {}

    record RecommendationOut(String verdict, String option, String cheapestOption, BigDecimal premiumUsd,
            BigDecimal premiumShare, @JsonInclude(JsonInclude.Include.NON_NULL) AlternativeOut alternative,
            List<QuestionOut> questions, List<String> constraints, String summary) {}

    /** A preferred option declined for its premium over the cheapest feasible one. */
    record AlternativeOut(String option, BigDecimal premiumUsd, BigDecimal premiumShare, String reason) {}

    record QuestionOut(String id, String leans, String reason) {}

    /** The resolved inputs an option was priced with, by {@code type}. */
    sealed interface CostingOut {}

    record PerTokenOut(String type, BigDecimal inputUsdPerMtok, BigDecimal cachedInputUsdPerMtok,
            BigDecimal outputUsdPerMtok) implements CostingOut {}

    record OwnedOut(String type, int count, BigDecimal unitPriceUsd, BigDecimal extraUpfrontUsd, BigDecimal upfrontUsd,
            BigDecimal hardwareUsd, int lifetimeMonths, BigDecimal residualShare, BigDecimal electricityUsdPerMonth,
            BigDecimal unitPowerW, BigDecimal maintenanceShareAnnual, BigDecimal maintenanceUsdPerMonth,
            BigDecimal opsHoursPerMonth, BigDecimal staffUsdPerMonth) implements CostingOut {}

    record RentOut(String type, int gpus, BigDecimal usdPerGpuHour, BigDecimal hoursPerMonth,
            BigDecimal opsHoursPerMonth, BigDecimal staffUsdPerMonth) implements CostingOut {}

    record MixOut(String type, List<LegOut> legs) implements CostingOut {}

    record LegOut(String option, BigDecimal share) {}

    static Document document(Evaluation e) {
        return new Document(SCHEMA, new ScenarioRef(e.scenario().name(), e.scenario().file()),
                e.scenario().horizonMonths(), e.asOf().toString(),
                e.catalog().stream().map(c -> new CatalogEntry(c.id(), c.asOf().toString(), c.source(), c.ageDays()))
                        .toList(),
                e.ranking().baseline().orElse(null),
                e.options().stream().map(o -> option(o, e.ranking().rank(o.id()).orElse(null))).toList(),
                e.pairs().stream().map(p -> new BreakevenOut(p.option(), p.baseline(), p.breakevenMonth())).toList(),
                e.pairs().stream().map(p -> new CrossoverOut(p.option(), p.baseline(),
                        p.crossoverQueriesPerMonth() == null ? null : Figures.upTo(p.crossoverQueriesPerMonth(), 0)))
                        .toList(),
                recommendation(e.recommendation()), e.warnings(),
                e.simulation().map(SimulationSection::json).orElse(null));
    }

    private static OptionOut option(OptionResult o, Integer rank) {
        var c = o.capacity();
        return new OptionOut(o.id(), o.kind().id(), o.description(), o.feasible(), rank, o.problems(),
                cents(o.upfrontUsd()),
                o.monthly().stream().map(m -> new MonthOut(m.month(), Figures.upTo(m.queries(), 2), cents(m.costUsd()),
                        cents(m.cumulativeUsd()), parts(m.parts()))).toList(),
                cents(o.totalCashUsd()), cents(o.salvageUsd()), cents(o.tcoUsd()), cents(o.npvUsd()),
                perQuery(o.costPerQueryUsd()), cents(o.steadyMonthlyUsd()),
                c == null ? null : new CapacityOut(Figures.tenths(c.requiredTokensPerSecond()),
                        c.availableTokensPerSecond() == null ? null : Figures.tenths(c.availableTokensPerSecond()),
                        c.source().id(), c.detail()),
                costing(o.costing()),
                o.kind() == dev.aichoose.model.OptionKind.HYBRID
                        ? o.routing().stream().map(r -> new RouteOut(r.workloadClass(), r.option())).toList() : null,
                c == null ? null : c.fleet().map(f -> f.months().stream().map(m -> new FleetMonthOut(m.month(), m.units(),
                        m.units() * f.gpusPerUnit(), m.purchased(), m.retired())).toList()).orElse(null),
                c == null ? null : c.fleet().filter(f -> f.peakUtilisation().isPresent())
                        .map(f -> Figures.upTo(f.peakUtilisation().getAsDouble(), 4)).orElse(null));
    }

    private static PartsOut parts(OptionResult.CostParts p) {
        return new PartsOut(cents(p.usage()), cents(p.hardware()), cents(p.residualCredit()), cents(p.electricity()),
                cents(p.maintenance()), cents(p.staff()), cents(p.rent()));
    }

    private static CostingOut costing(Costing costing) {
        return switch (costing) {
            case null -> null;
            case Costing.PerToken p -> new PerTokenOut("per_token", plain(p.inputUsdPerMtok()),
                    plain(p.cachedInputUsdPerMtok()), plain(p.outputUsdPerMtok()));
            case Costing.Owned o -> new OwnedOut("owned", o.count(), cents(o.unitPriceUsd()), cents(o.extraUpfrontUsd()),
                    cents(o.upfrontUsd()), cents(o.hardwareUsd()), o.lifetimeMonths(), plain(o.residualShare()),
                    cents(o.electricityUsdPerMonth()), plain(o.unitPowerW()), plain(o.maintenanceShareAnnual()),
                    cents(o.maintenanceUsdPerMonth()), plain(o.opsHoursPerMonth()), cents(o.staffUsdPerMonth()));
            case Costing.Rent r -> new RentOut("rent", r.gpus(), plain(r.usdPerGpuHour()), plain(r.hoursPerMonth()),
                    plain(r.opsHoursPerMonth()), cents(r.staffUsdPerMonth()));
            case Costing.Mix x -> new MixOut("mix",
                    x.legs().stream().map(l -> new LegOut(l.option(), plain(l.share()))).toList());
        };
    }

    private static RecommendationOut recommendation(Recommendation r) {
        String option = null;
        String cheapest = null;
        BigDecimal premium = null;
        BigDecimal share = null;
        AlternativeOut alternative = null;
        if (r.choice() instanceof Recommendation.Recommended c) {
            option = c.option();
            cheapest = c.cheapestOption();
            premium = cents(c.premiumUsd());
            share = Figures.upTo(c.premiumShare(), 4);
            alternative = c.alternative().map(a -> new AlternativeOut(a.option(), cents(a.premiumUsd()),
                    Figures.upTo(a.premiumShare(), 4), a.reason())).orElse(null);
        }
        return new RecommendationOut(r.verdict().id(), option, cheapest, premium, share, alternative,
                r.questions().stream().map(q -> new QuestionOut(q.id().id(), q.leans().id(), q.reason())).toList(),
                r.constraints(), r.summary());
    }

    /** An input as given (a price, a share): no rounding beyond the binary noise. */
    private static BigDecimal plain(double v) {
        return Figures.upTo(v, 10);
    }
}
