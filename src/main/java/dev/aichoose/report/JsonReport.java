package dev.aichoose.report;

import static dev.aichoose.text.Figures.cents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Recommendation;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The evaluation report, JSON v1 (docs/schemas/evaluation.schema.json): small output records through {@link Json}. */
public final class JsonReport implements Renderer.Text<Evaluation> {
    public static final String SCHEMA = "aichoose.evaluation/v1";

    @Override
    public void render(Evaluation e, Writer out) throws IOException {
        Json.write(document(e), out);
    }

    /** Jackson's own UTF-8 writer: a thousand options' report is 29 MB, and a Writer would encode it again. */
    @Override
    public void renderUtf8(Evaluation e, OutputStream out) throws IOException {
        Json.write(document(e), out);
    }

    record Document(
            String schema,
            ScenarioRef scenario,
            int horizonMonths,
            String asOf,
            List<CatalogEntry> catalog,
            String baseline,
            List<ClassOut> classes,
            List<OptionOut> options,
            List<BreakevenOut> breakeven,
            List<CrossoverOut> crossovers,
            RecommendationOut recommendation,
            List<String> warnings,
            @JsonInclude(JsonInclude.Include.NON_NULL) SimulationSection.Out simulation) {}

    record ScenarioRef(String name, String file) {}

    record CatalogEntry(String id, String asOf, String source, long ageDays) {}

    /** A class with traffic, {@code default} included: its share of queries and its query's shape. */
    record ClassOut(
            @JsonProperty("class") String workloadClass,
            BigDecimal share,
            BigDecimal inputTokensPerQuery,
            BigDecimal outputTokensPerQuery,
            BigDecimal reasoningTokensPerQuery,
            BigDecimal cachedInputShare,
            BigDecimal cacheWriteShare) {}

    /** What a query of one class costs on the API that carries it, at the class's own shape and month 1's prices. */
    record ClassCostOut(
            @JsonProperty("class") String workloadClass,
            String option,
            BigDecimal share,
            BigDecimal costPerQueryUsd,
            @JsonProperty("month_1_usage_usd") BigDecimal month1UsageUsd) {}

    record OptionOut(
            String id,
            String kind,
            String category,
            String description,
            boolean feasible,
            Integer rank,
            List<String> problems,
            BigDecimal upfrontUsd,
            MonthsOut monthly,
            BigDecimal totalCashUsd,
            BigDecimal salvageUsd,
            BigDecimal tcoUsd,
            BigDecimal npvUsd,
            BigDecimal costPerQueryUsd,
            BigDecimal steadyMonthlyUsd,
            CapacityOut capacity,
            CostingOut costing,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<RouteOut> routing,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClassCostOut> classCosts,
            @JsonInclude(JsonInclude.Include.NON_NULL) FleetOut fleet,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal peakUtilisation) {}

    /**
     * Owned or rented units in service each month, {@code month, units, gpus, purchased, retired}:
     * purchased and retired are owned units bought and sold off. Written straight to the generator,
     * as the monthly cash is: a thousand options' months are a million figures.
     */
    @JsonSerialize(using = FleetSerializer.class)
    record FleetOut(Fleet fleet) {}

    /**
     * Each month's {@code month, queries, cost_usd, cumulative_usd} and {@code parts}: {@code usage_usd,
     * hardware_usd, residual_credit_usd, electricity_usd, maintenance_usd, staff_usd, rent_usd,
     * colocation_usd, recurring_usd}.
     */
    @JsonSerialize(using = MonthsSerializer.class)
    record MonthsOut(List<OptionResult.MonthlyCost> months) {}

    /** One class of a hybrid's routing. */
    record RouteOut(@JsonProperty("class") String workloadClass, String option) {}

    record CapacityOut(
            BigDecimal requiredTokensPerSecond,
            BigDecimal availableTokensPerSecond,
            String source,
            String detail,
            @JsonInclude(JsonInclude.Include.NON_NULL) EstimateOut estimate) {}

    /** The serving model's figures behind an estimated capacity (docs/methodology.md §11.5). */
    record EstimateOut(
            BigDecimal tokensPerSecondPerReplica,
            int gpusPerReplica,
            String parallelism,
            String engine,
            String kvPrecision,
            int streams,
            BigDecimal ttftMs,
            BigDecimal tpotMs,
            String bound,
            @JsonInclude(JsonInclude.Include.NON_NULL) EstimateFormat.AccuracyOut accuracy,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> estimatedFigures,
            @JsonInclude(JsonInclude.Include.NON_NULL) EstimateFormat.RangeOut tokensPerSecondPerReplicaRange) {}

    record BreakevenOut(String option, String baseline, Integer month) {}

    record CrossoverOut(String option, String baseline, BigDecimal queriesPerMonth) {}

    record RecommendationOut(
            String verdict,
            String option,
            String cheapestOption,
            BigDecimal premiumUsd,
            BigDecimal premiumShare,
            @JsonInclude(JsonInclude.Include.NON_NULL) AlternativeOut alternative,
            List<QuestionOut> questions,
            List<String> constraints,
            String summary) {}

    /** A preferred option declined for its premium over the cheapest feasible one. */
    record AlternativeOut(String option, BigDecimal premiumUsd, BigDecimal premiumShare, String reason) {}

    record QuestionOut(String id, String leans, String reason) {}

    /** The resolved inputs an option was priced with, by {@code type}. */
    sealed interface CostingOut {}

    record PerTokenOut(
            String type, BigDecimal inputUsdPerMtok, BigDecimal cachedInputUsdPerMtok, BigDecimal outputUsdPerMtok)
            implements CostingOut {}

    record OwnedOut(
            String type,
            int count,
            BigDecimal unitPriceUsd,
            BigDecimal extraUpfrontUsd,
            BigDecimal upfrontUsd,
            BigDecimal hardwareUsd,
            int lifetimeMonths,
            BigDecimal residualShare,
            BigDecimal electricityUsdPerMonth,
            BigDecimal unitPowerW,
            BigDecimal maintenanceShareAnnual,
            BigDecimal maintenanceUsdPerMonth,
            BigDecimal opsHoursPerMonth,
            BigDecimal staffUsdPerMonth,
            @JsonInclude(JsonInclude.Include.NON_NULL) String host,
            int hosts,
            BigDecimal hostPriceUsd,
            BigDecimal hostPowerW,
            BigDecimal powerLoadFactor,
            BigDecimal colocationUsdPerMonth,
            List<RecurringOut> recurring,
            BigDecimal recurringUsdPerMonth)
            implements CostingOut {}

    /** A fixed monthly line of an owned or rented option. */
    record RecurringOut(String name, BigDecimal usdPerMonth) {}

    record RentOut(
            String type,
            int gpus,
            BigDecimal usdPerGpuHour,
            BigDecimal hoursPerMonth,
            BigDecimal opsHoursPerMonth,
            BigDecimal staffUsdPerMonth,
            String tier,
            List<RecurringOut> recurring,
            BigDecimal recurringUsdPerMonth,
            @JsonInclude(JsonInclude.Include.NON_NULL) ServerlessOut serverless,
            BigDecimal spotLostShare,
            int termMonths)
            implements CostingOut {}

    /** A serverless flex worker's billing terms and the replica its work is billed at. */
    record ServerlessOut(
            BigDecimal idleTimeoutSeconds,
            BigDecimal billingIncrementSeconds,
            BigDecimal coldStartSeconds,
            BigDecimal replicaTokensPerSecond,
            int gpusPerReplica,
            int gpusPerWorker) {}

    record MixOut(String type, List<LegOut> legs) implements CostingOut {}

    record LegOut(String option, BigDecimal share) {}

    static Document document(Evaluation e) {
        // the ranking's own look-up walks its list, once per option: a thousand options make it a million steps
        Map<String, Integer> ranks = new HashMap<>();
        List<String> byTco = e.ranking().byTco();
        for (int i = 0; i < byTco.size(); i++) ranks.put(byTco.get(i), i + 1);
        return new Document(
                SCHEMA,
                new ScenarioRef(e.scenario().name(), e.scenario().file()),
                e.scenario().horizonMonths(),
                e.asOf().toString(),
                e.catalog().stream()
                        .map(c -> new CatalogEntry(c.id(), c.asOf().toString(), c.source(), c.ageDays()))
                        .toList(),
                e.ranking().baseline().orElse(null),
                classes(e.scenario().workload()),
                e.options().stream().map(o -> option(o, ranks.get(o.id()))).toList(),
                e.pairs().stream()
                        .map(p -> new BreakevenOut(p.option(), p.baseline(), p.breakevenMonth()))
                        .toList(),
                e.pairs().stream()
                        .map(p -> new CrossoverOut(
                                p.option(),
                                p.baseline(),
                                p.crossoverQueriesPerMonth() == null
                                        ? null
                                        : Figures.upTo(p.crossoverQueriesPerMonth(), 0)))
                        .toList(),
                recommendation(e.recommendation()),
                e.warnings(),
                e.simulation().map(SimulationSection::json).orElse(null));
    }

    private static EstimateOut estimate(OptionResult.Estimate e) {
        return new EstimateOut(
                Figures.tenths(e.tokensPerSecond()),
                e.gpus(),
                e.parallelism(),
                e.engine(),
                e.kvPrecision(),
                e.streams(),
                Figures.tenths(e.ttftMs()),
                Figures.upTo(e.tpotMs(), 2),
                e.bound(),
                e.accuracy().map(EstimateFormat::accuracy).orElse(null),
                e.estimatedFigures(),
                e.tokensPerSecond() > 0
                        ? e.accuracy()
                                .map(a -> EstimateFormat.range(e.tokensPerSecond(), a))
                                .orElse(null)
                        : null);
    }

    /** All the queries of the horizon, the divisor of the option's cost per query (methodology §7). */
    static double queriesOverHorizon(OptionResult o) {
        return o.monthly().stream()
                .mapToDouble(OptionResult.MonthlyCost::queries)
                .sum();
    }

    private static OptionOut option(OptionResult o, Integer rank) {
        var c = o.capacity();
        return new OptionOut(
                o.id(),
                o.kind().id(),
                o.category().id(),
                o.description(),
                o.feasible(),
                rank,
                o.problems(),
                cents(o.upfrontUsd()),
                new MonthsOut(o.monthly()),
                cents(o.totalCashUsd()),
                cents(o.salvageUsd()),
                cents(o.tcoUsd()),
                cents(o.npvUsd()),
                Figures.perQueryToTheCent(o.costPerQueryUsd(), o.queriesOverHorizon()),
                cents(o.steadyMonthlyUsd()),
                c == null
                        ? null
                        : new CapacityOut(
                                Figures.tenths(c.requiredTokensPerSecond()),
                                c.availableTokensPerSecond() == null
                                        ? null
                                        : Figures.tenths(c.availableTokensPerSecond()),
                                c.source().id(),
                                c.detail(),
                                c.estimate().map(JsonReport::estimate).orElse(null)),
                costing(o.costing(), c == null ? java.util.Optional.empty() : c.fleet()),
                o.kind() == dev.aichoose.model.OptionKind.HYBRID
                        ? o.routing().stream()
                                .map(r -> new RouteOut(r.workloadClass(), r.option()))
                                .toList()
                        : null,
                o.classCosts().stream()
                        .map(x -> new ClassCostOut(
                                x.workloadClass(),
                                x.option(),
                                plain(x.share()),
                                Figures.perQuery(x.costPerQueryUsd()),
                                cents(x.month1UsageUsd())))
                        .toList(),
                c == null ? null : c.fleet().map(FleetOut::new).orElse(null),
                c == null
                        ? null
                        : c.fleet()
                                .filter(f -> f.peakUtilisation().isPresent())
                                .map(f -> Figures.upTo(f.peakUtilisation().getAsDouble(), 4))
                                .orElse(null));
    }

    static final class MonthsSerializer extends StdSerializer<MonthsOut> {
        private static final SerializedString MONTH = new SerializedString("month");
        private static final SerializedString QUERIES = new SerializedString("queries");
        private static final SerializedString COST = new SerializedString("cost_usd");
        private static final SerializedString CUMULATIVE = new SerializedString("cumulative_usd");
        private static final SerializedString PARTS = new SerializedString("parts");
        private static final SerializedString USAGE = new SerializedString("usage_usd");
        private static final SerializedString HARDWARE = new SerializedString("hardware_usd");
        private static final SerializedString RESIDUAL = new SerializedString("residual_credit_usd");
        private static final SerializedString ELECTRICITY = new SerializedString("electricity_usd");
        private static final SerializedString MAINTENANCE = new SerializedString("maintenance_usd");
        private static final SerializedString STAFF = new SerializedString("staff_usd");
        private static final SerializedString RENT = new SerializedString("rent_usd");
        private static final SerializedString COLOCATION = new SerializedString("colocation_usd");
        private static final SerializedString RECURRING = new SerializedString("recurring_usd");

        MonthsSerializer() {
            super(MonthsOut.class);
        }

        @Override
        public void serialize(MonthsOut value, JsonGenerator g, SerializerProvider provider) throws IOException {
            PlainDecimals d = new PlainDecimals();
            g.writeStartArray();
            for (OptionResult.MonthlyCost m : value.months()) {
                g.writeStartObject();
                g.writeFieldName(MONTH);
                g.writeNumber(m.month());
                g.writeFieldName(QUERIES);
                int queries = d.upToHundredths(m.queries());
                g.writeNumber(d.buffer(), 0, queries);
                cents(g, d, COST, m.costUsd());
                cents(g, d, CUMULATIVE, m.cumulativeUsd());
                OptionResult.CostParts p = m.parts();
                g.writeFieldName(PARTS);
                g.writeStartObject();
                cents(g, d, USAGE, p.usage());
                cents(g, d, HARDWARE, p.hardware());
                cents(g, d, RESIDUAL, p.residualCredit());
                cents(g, d, ELECTRICITY, p.electricity());
                cents(g, d, MAINTENANCE, p.maintenance());
                cents(g, d, STAFF, p.staff());
                cents(g, d, RENT, p.rent());
                cents(g, d, COLOCATION, p.colocation());
                cents(g, d, RECURRING, p.recurring());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }

        private static void cents(JsonGenerator g, PlainDecimals d, SerializedString name, double usd)
                throws IOException {
            g.writeFieldName(name);
            int length = d.cents(usd);
            g.writeNumber(d.buffer(), 0, length);
        }
    }

    static final class FleetSerializer extends StdSerializer<FleetOut> {
        private static final SerializedString MONTH = new SerializedString("month");
        private static final SerializedString UNITS = new SerializedString("units");
        private static final SerializedString GPUS = new SerializedString("gpus");
        private static final SerializedString PURCHASED = new SerializedString("purchased");
        private static final SerializedString RETIRED = new SerializedString("retired");

        FleetSerializer() {
            super(FleetOut.class);
        }

        @Override
        public void serialize(FleetOut value, JsonGenerator g, SerializerProvider provider) throws IOException {
            Fleet f = value.fleet();
            g.writeStartArray();
            for (Fleet.Month m : f.months()) {
                g.writeStartObject();
                field(g, MONTH, m.month());
                field(g, UNITS, m.units());
                field(g, GPUS, m.units() * f.gpusPerUnit());
                field(g, PURCHASED, m.purchased());
                field(g, RETIRED, m.retired());
                g.writeEndObject();
            }
            g.writeEndArray();
        }

        private static void field(JsonGenerator g, SerializedString name, int value) throws IOException {
            g.writeFieldName(name);
            g.writeNumber(value);
        }
    }

    /**
     * The option's costing. An owned fleet aichoose sized ({@code count: auto}) is described as bought in
     * month 1: its units then, their hosts, and what they cost and draw, so that {@code upfront_usd} here is
     * the option's own; the months after are in {@code fleet}.
     */
    private static CostingOut costing(Costing costing, java.util.Optional<Fleet> fleet) {
        if (costing instanceof Costing.Owned o
                && fleet.filter(Fleet::auto).isPresent()
                && !fleet.get().months().isEmpty()) {
            return costing(o.withCount(fleet.get().month(1).units()));
        }
        return costing(costing);
    }

    private static CostingOut costing(Costing costing) {
        return switch (costing) {
            case null -> null;
            case Costing.PerToken p ->
                new PerTokenOut(
                        "per_token",
                        plain(p.inputUsdPerMtok()),
                        plain(p.cachedInputUsdPerMtok()),
                        plain(p.outputUsdPerMtok()));
            case Costing.Owned o ->
                new OwnedOut(
                        "owned",
                        o.count(),
                        cents(o.unitPriceUsd()),
                        cents(o.extraUpfrontUsd()),
                        cents(o.upfrontUsd()),
                        cents(o.hardwareUsd()),
                        o.lifetimeMonths(),
                        plain(o.residualShare()),
                        cents(o.electricityUsdPerMonth()),
                        plain(o.unitPowerW()),
                        plain(o.maintenanceShareAnnual()),
                        cents(o.maintenanceUsdPerMonth()),
                        plain(o.opsHoursPerMonth()),
                        cents(o.staffUsdPerMonth()),
                        o.host(),
                        o.hosts(),
                        cents(o.hostPriceUsd()),
                        plain(o.hostPowerW()),
                        plain(o.powerLoadFactor()),
                        cents(o.colocationUsdPerMonth()),
                        recurring(o.recurring()),
                        cents(o.recurringUsdPerMonth()));
            case Costing.Rent r ->
                new RentOut(
                        "rent",
                        r.gpus(),
                        plain(r.usdPerGpuHour()),
                        plain(r.hoursPerMonth()),
                        plain(r.opsHoursPerMonth()),
                        cents(r.staffUsdPerMonth()),
                        r.tier(),
                        recurring(r.recurring()),
                        cents(r.recurringUsdPerMonth()),
                        r.serverless() == null
                                ? null
                                : new ServerlessOut(
                                        plain(r.serverless().idleTimeoutSeconds()),
                                        plain(r.serverless().billingIncrementSeconds()),
                                        plain(r.serverless().coldStartSeconds()),
                                        plain(r.serverless().replicaTokensPerSecond()),
                                        r.serverless().gpusPerReplica(),
                                        r.serverless().gpusPerWorker()),
                        plain(r.lostShare()),
                        r.termMonths());
            case Costing.Mix x ->
                new MixOut(
                        "mix",
                        x.legs().stream()
                                .map(l -> new LegOut(l.option(), plain(l.share())))
                                .toList());
        };
    }

    private static List<RecurringOut> recurring(List<dev.aichoose.model.Option.RecurringCost> lines) {
        return lines.stream()
                .map(l -> new RecurringOut(l.name(), cents(l.usdPerMonth())))
                .toList();
    }

    private static List<ClassOut> classes(dev.aichoose.model.Workload w) {
        return w.trafficClassNames().stream()
                .map(name -> {
                    var shape = w.shapeOf(name);
                    return new ClassOut(
                            name,
                            plain(w.shareOf(name)),
                            plain(shape.inputTokensPerQuery()),
                            plain(shape.outputTokensPerQuery()),
                            plain(shape.reasoningTokensPerQuery()),
                            plain(shape.cachedInputShare()),
                            plain(shape.cacheWriteShare()));
                })
                .toList();
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
            alternative = c.alternative()
                    .map(a -> new AlternativeOut(
                            a.option(), cents(a.premiumUsd()), Figures.upTo(a.premiumShare(), 4), a.reason()))
                    .orElse(null);
        }
        return new RecommendationOut(
                r.verdict().id(),
                option,
                cheapest,
                premium,
                share,
                alternative,
                r.questions().stream()
                        .map(q -> new QuestionOut(q.id().id(), q.leans().id(), q.reason()))
                        .toList(),
                r.constraints(),
                r.summary());
    }

    /** An input as given (a price, a share): no rounding beyond the binary noise. */
    private static BigDecimal plain(double v) {
        return Figures.upTo(v, 10);
    }
}
