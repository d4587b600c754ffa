package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import dev.aichoose.testing.RandomScenarios;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Over random valid scenarios (seeded): a recurring cost never lowers any option's TCO, and a class's
 * shape moves only that class's figures (issue 19's property tests).
 */
class RunningCostPropertiesTest {
    private static final int CASES = 40;

    @Test
    void addingARecurringCostNeverLowersATco() {
        RandomScenarios scenarios = new RandomScenarios(1919, Fixtures.catalog());
        Random random = new Random(19);
        int raised = 0;
        for (int i = 0; i < CASES; i++) {
            String yaml = scenarios.next();
            String line = "recurring: [{name: rack, usd_per_month: " + (1 + random.nextInt(5000)) + "}], ";
            String withLine =
                    yaml.replace("self_hosted: {", "self_hosted: {" + line).replace("rented: {", "rented: {" + line);
            Evaluation before = Fixtures.evaluate(yaml);
            Evaluation after = Fixtures.evaluate(withLine);
            for (OptionResult o : before.options()) {
                double was = o.tcoUsd();
                double now = after.option(o.id()).tcoUsd();
                assertThat(now).as("%s in%n%s", o.id(), withLine).isGreaterThanOrEqualTo(was - 1e-9 * Math.abs(was));
                if (now > was) raised++;
            }
        }
        // the property is not vacuous: the lines reach options' costs
        assertThat(raised).isGreaterThan(CASES / 2);
    }

    @Test
    void aClassShapeChangeMovesOnlyThatClassesFigures() {
        RandomScenarios scenarios = new RandomScenarios(2019, Fixtures.catalog());
        int moved = 0;
        int seen = 0;
        while (seen < CASES) {
            String yaml = scenarios.next();
            if (!yaml.contains("{name: c0, share: ")) continue;
            seen++;
            String changed = yaml.replace("{name: c0, share: ", "{name: c0, output_tokens_per_query: 7777, share: ");
            Evaluation before = Fixtures.evaluate(yaml);
            Evaluation after = Fixtures.evaluate(changed);
            for (OptionResult o : before.options()) {
                OptionResult a = after.option(o.id());
                // routes: auto chooses every class's leg together (an owned leg's fixed costs are shared),
                // so a dearer class may move the others: it is checked by AutoRoutingTest, not here
                if (yaml.contains("{id: " + o.id() + ", hybrid: {routes: auto}}")) continue;
                List<OptionResult.ClassCost> others = o.classCosts().stream()
                        .filter(c -> !c.workloadClass().equals("c0"))
                        .toList();
                assertThat(a.classCosts().stream()
                                .filter(c -> !c.workloadClass().equals("c0"))
                                .toList())
                        .as("%s: the other classes' costs in%n%s", o.id(), changed)
                        .isEqualTo(others);
                boolean carriesC0 = o.classCosts().stream()
                        .anyMatch(c -> c.workloadClass().equals("c0") && c.share() > 0 && c.costPerQueryUsd() > 0);
                if (carriesC0 && a.tcoUsd() != o.tcoUsd()) moved++;
            }
        }
        // the class's own figures do move for the APIs that carry it
        assertThat(moved).isGreaterThan(0);
    }
}
