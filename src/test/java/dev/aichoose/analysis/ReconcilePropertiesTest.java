package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Actuals;
import dev.aichoose.model.Actuals.Charge;
import dev.aichoose.model.Actuals.Match;
import dev.aichoose.model.Actuals.Origin;
import dev.aichoose.model.Actuals.Source;
import dev.aichoose.model.ActualsChargeBuilder;
import dev.aichoose.model.ActualsUsageBuilder;
import dev.aichoose.model.Costing;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Reconciliation;
import dev.aichoose.model.Workload;
import dev.aichoose.testing.Fixtures;
import dev.aichoose.testing.RandomScenarios;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whatever the scenario, a bill that is exactly the plan (the planned queries, of the planned
 * shape, billed what the engine predicts; the planned GPU-hours at the planned rate) has every part
 * zero and no difference, to the cent; and the parts always add up to the difference.
 */
class ReconcilePropertiesTest {
    private static final int SCENARIOS = 40;
    private static final YearMonth START = YearMonth.of(2026, 1);

    @Test
    void actualsEqualToThePlanGiveNoDifferenceAndNoParts() {
        RandomScenarios random = new RandomScenarios(71, Fixtures.catalog());
        int rows = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            String yaml = random.next();
            Evaluation e = Fixtures.evaluate(yaml);
            Actuals plan = asPlanned(e);
            Reconciliation r = Reconciler.reconcile(e, Fixtures.catalog(), plan, START, List.of());
            for (Reconciliation.Row row : r.months()) {
                var c = row.cents();
                assertThat(List.of(c.delta(), c.volume(), c.mix(), c.price(), c.unmodelled()))
                        .as("%s month %d of%n%s", row.option(), row.month(), yaml)
                        .allSatisfy(p -> assertThat(p).isZero());
                assertThat(c.billed()).isEqualByComparingTo(c.predicted());
                rows++;
            }
            assertThat(r.unmapped()).isEmpty();
        }
        assertThat(rows).as("rows reconciled").isGreaterThan(SCENARIOS);
    }

    /** Three months (or the horizon) of each API and rented option, as the plan has them, in the usage CSV's terms. */
    static Actuals asPlanned(Evaluation e) {
        Workload w = e.scenario().workload();
        List<Actuals.Line> lines = new ArrayList<>();
        for (OptionResult o : e.options()) {
            if (o.kind() != OptionKind.API && o.kind() != OptionKind.RENTED) continue;
            for (int m = 1; m <= Math.min(3, e.scenario().horizonMonths()); m++) {
                YearMonth month = START.plusMonths(m - 1);
                Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant to = month.plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
                Origin at = new Origin("plan.csv", m + 1, 1, "row " + m);
                Match match = new Match(null, Map.of(), o.id());
                var parts = o.monthly().get(m - 1).parts();
                if (o.kind() == OptionKind.API) {
                    double q = w.queriesInMonth(m);
                    double in = q * w.inputTokensPerQuery();
                    lines.add(ActualsUsageBuilder.builder()
                            .origin(at)
                            .source(Source.CSV)
                            .start(from)
                            .end(to)
                            .match(match)
                            .requests(q)
                            .inputTokens(in)
                            .cachedInputTokens(in * w.cachedInputShare())
                            .cacheWriteTokens(in * w.cacheWriteShare())
                            .outputTokens(q * w.generatedTokensPerQuery())
                            .build());
                    lines.add(ActualsChargeBuilder.builder()
                            .origin(at)
                            .source(Source.CSV)
                            .start(from)
                            .end(to)
                            .match(match)
                            .usd(parts.usage())
                            .kind(Charge.Kind.TOKENS)
                            .label("cost_usd")
                            .build());
                } else {
                    Costing.Rent rent = (Costing.Rent) o.costing();
                    double hours = parts.rent()
                            / (rent.usdPerGpuHour() * e.scenario().assumptions().gpuRentFactor(m));
                    lines.add(ActualsChargeBuilder.builder()
                            .origin(at)
                            .source(Source.FOCUS)
                            .start(from)
                            .end(to)
                            .match(match)
                            .usd(parts.rent())
                            .kind(Charge.Kind.USAGE)
                            .label("GPU")
                            .hours(hours)
                            .perGpu(true)
                            .build());
                }
            }
        }
        return Actuals.covering(lines);
    }
}
