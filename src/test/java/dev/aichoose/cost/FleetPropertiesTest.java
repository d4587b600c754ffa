package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Quantization;
import dev.aichoose.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Over random valid owned and rented options (the README's bounds, seeded): an option sized with
 * {@code count: auto} is feasible whenever some stated count within the bounds is, and its TCO never
 * falls when the load rises.
 */
class FleetPropertiesTest {
    private static final int CASES = 250;
    private static final int MAX_COUNT = 100_000;

    private final Catalog catalog = Fixtures.catalog();
    private final Random random = new Random(20261201);

    /** {@code workload} holds {@code @Q} for the monthly queries, {@code option} {@code @COUNT} for the count. */
    private record Case(double queries, String workload, String option) {
        String yaml(String count, double loadFactor) {
            return """
                    name: property
                    %s
                    options:
                      - id: x
                        %s
                    """.formatted(workload.replace("@Q", num(queries * loadFactor)), option.replace("@COUNT", count));
        }
    }

    private OptionResult evaluate(Case c, String count, double loadFactor) {
        return Fixtures.evaluate(c.yaml(count, loadFactor)).options().getFirst();
    }

    @Test
    void aSizedFleetIsFeasibleAndNoLargerWheneverAStatedCountIs() {
        int stated = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = next();
            // feasibility grows with the count, so the largest count decides whether any count is feasible;
            // a few counts below it are checked as well
            List<String> counts = new ArrayList<>(List.of(String.valueOf(MAX_COUNT)));
            for (int k = 0; k < 3; k++) counts.add(String.valueOf((int) logUniform(1, MAX_COUNT)));
            OptionResult auto = evaluate(c, "auto", 1);
            for (String count : counts) {
                OptionResult fixed = evaluate(c, count, 1);
                if (!fixed.feasible()) continue;
                stated++;
                assertThat(auto.feasible())
                        .as(
                                "count %s is feasible, so auto must be:%n%s%nauto: %s",
                                count, c.yaml(count, 1), auto.problems())
                        .isTrue();
                // both are held to the planning utilisation, so auto never buys more than a count that carries the load
                assertThat(auto.capacity().fleet().orElseThrow().peakUnits())
                        .as("count %s is feasible:%n%s", count, c.yaml(count, 1))
                        .isLessThanOrEqualTo(Integer.parseInt(count));
            }
        }
        // the property is not vacuous: many draws have a feasible stated count
        assertThat(stated).isGreaterThan(CASES / 4);
    }

    @Test
    void aSizedFleetNeverCostsLessWhenTheLoadRises() {
        int grew = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = next();
            double factor = 1 + random.nextDouble() * (random.nextBoolean() ? 0.2 : 5);
            OptionResult base = evaluate(c, "auto", 1);
            OptionResult more = evaluate(c, "auto", factor);
            assertThat(more.tcoUsd())
                    .as("load × %s:%n%s", factor, c.yaml("auto", factor))
                    .isGreaterThanOrEqualTo(base.tcoUsd() - 1e-9 * Math.abs(base.tcoUsd()));
            if (more.tcoUsd() > base.tcoUsd() + 0.005) grew++;
        }
        // not vacuous: a fifth or more of the draws need more units under the larger load
        assertThat(grew).isGreaterThan(CASES / 5);
    }

    private Case next() {
        double queries = logUniform(1, 1e8);
        StringBuilder w = new StringBuilder();
        w.append("horizon_months: ").append(1 + random.nextInt(60)).append('\n');
        w.append("workload: {queries_per_month: @Q");
        w.append(", input_tokens_per_query: ").append(num(random.nextInt(5) == 0 ? 0 : logUniform(1, 20_000)));
        w.append(", output_tokens_per_query: ").append(num(logUniform(1, 5_000)));
        w.append(", monthly_growth: ").append(num(random.nextInt(3) == 0 ? 0 : -0.3 + 0.5 * random.nextDouble()));
        w.append(", peak_to_average: ").append(num(1 + random.nextDouble() * 9)).append("}\n");
        w.append("assumptions: {planning_utilisation: ")
                .append(num(0.1 + 0.9 * random.nextDouble()))
                .append(", lifetime_months: ")
                .append(1 + random.nextInt(72))
                .append(", residual_share: ")
                .append(num(random.nextDouble() * 0.5))
                .append(", ops_hours_per_month: ")
                .append(num(random.nextInt(2) == 0 ? 0 : random.nextDouble() * 50))
                .append("}");
        StringBuilder o = new StringBuilder();
        if (random.nextBoolean()) {
            o.append("self_hosted: {hardware: ")
                    .append(pick(catalog.gpus().values().stream()
                            .filter(g -> g.priceUsd() != null)
                            .map(dev.aichoose.model.Gpu::id)
                            .toList()))
                    .append(", count: @COUNT");
            if (random.nextInt(3) == 0) o.append(", extra_upfront_usd: ").append(num(random.nextDouble() * 20_000));
            if (random.nextInt(4) == 0)
                o.append(", electricity_usd_per_month: ").append(num(random.nextDouble() * 500));
        } else {
            o.append("rented: {offer: ")
                    .append(pick(catalog.cloudOffers().keySet()))
                    .append(", count: @COUNT");
        }
        // models up to 130 B parameters: the largest (405 B, 671 B) fit few of the catalog's chassis at any
        // quantization, and a draw that is infeasible at every load says nothing about sizing
        o.append(", model: ")
                .append(pick(catalog.openModels().values().stream()
                        .filter(m -> m.paramsB() <= 130)
                        .map(dev.aichoose.model.OpenModel::id)
                        .toList()));
        if (random.nextBoolean()) {
            o.append(", quantization: ")
                    .append(pick(List.of(Quantization.values())).name().toLowerCase(Locale.ROOT));
        }
        if (random.nextInt(3) == 0) o.append(", tokens_per_second: ").append(num(logUniform(1, 20_000)));
        if (random.nextInt(4) == 0) o.append(", concurrency: ").append(1 + random.nextInt(64));
        if (random.nextInt(4) == 0) {
            o.append(", gpus_per_replica: ")
                    .append(random.nextBoolean() ? "auto" : String.valueOf(1 << random.nextInt(5)));
        }
        o.append("}");
        return new Case(queries, w.toString(), o.toString());
    }

    private double logUniform(double min, double max) {
        return Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
    }

    private <T> T pick(java.util.Collection<T> values) {
        List<T> list = List.copyOf(values);
        return list.get(random.nextInt(list.size()));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}
