package dev.aichoose.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.cost.CostEngine;
import dev.aichoose.model.Option;
import dev.aichoose.model.Scenario;
import dev.aichoose.model.WorkloadClass;
import dev.aichoose.testing.Fixtures;
import dev.aichoose.testing.RandomScenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Over random valid scenarios whose classes have shapes of their own (seeded; the failing scenario
 * is printed): changing one class's output tokens never moves what an option costs carrying classes
 * that do not include it, fleet and API alike, and never what a hybrid's owned or rented legs cost
 * when the class goes to an API.
 */
class LegShapePropertiesTest {
    private static final int SCENARIOS = 120;
    private static final Pattern FIRST_CLASS = Pattern.compile("(- \\{name: c0, [^}]*)}");

    @Test
    void aClassShapeMovesOnlyTheLegsThatCarryIt() {
        RandomScenarios random = new RandomScenarios(19, Fixtures.catalog(), true);
        int compared = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            String yaml = random.next();
            Matcher m = FIRST_CLASS.matcher(yaml);
            if (!m.find()) continue;
            String line = m.group(1);
            // the class's output tokens, stated or not, become 3,001 a query
            String changed = line.contains("output_tokens_per_query: ")
                    ? line.replaceFirst("output_tokens_per_query: [0-9.]+", "output_tokens_per_query: 3001")
                    : line + ", output_tokens_per_query: 3001";
            String yaml2 = yaml.replace(line + "}", changed + "}");
            Scenario before = Fixtures.scenario(yaml);
            Scenario after = Fixtures.scenario(yaml2);
            List<Option> options = OfferChoices.resolve(before, Fixtures.catalog(), before.options()).stream()
                    .filter(o -> !(o instanceof Option.Hybrid))
                    .toList();
            if (options.isEmpty()) continue;
            List<String> others = before.trafficClasses().stream()
                    .map(WorkloadClass::name)
                    .filter(n -> !n.equals("c0"))
                    .toList();
            if (others.isEmpty()) continue;
            CostEngine engineBefore = new CostEngine(before, Fixtures.catalog(), options);
            CostEngine engineAfter = new CostEngine(after, Fixtures.catalog(), options);
            for (Option o : options) {
                double tcoBefore = engineBefore.legTco(o, others);
                double tcoAfter = engineAfter.legTco(o, others);
                assertThat(tcoAfter)
                        .as("%s carrying %s moved when c0's output changed:%n%s", o.id(), others, yaml)
                        .isEqualTo(tcoBefore);
                compared++;
            }
            // a written hybrid: c0 to an API, the rest to one owned or rented option; its hardware cash stays
            Option api = options.stream()
                    .filter(o -> o instanceof Option.Api)
                    .findFirst()
                    .orElse(null);
            Option sized = options.stream()
                    .filter(o -> o instanceof Option.Sized)
                    .findFirst()
                    .orElse(null);
            if (api == null || sized == null) continue;
            List<Option.Route> routes = new ArrayList<>();
            routes.add(new Option.Route("c0", api.id()));
            for (String c : others) routes.add(new Option.Route(c, sized.id()));
            Option.Hybrid split = new Option.Hybrid("split", routes, false);
            List<Option> withSplit = new ArrayList<>(options);
            withSplit.add(split);
            var b = new CostEngine(before, Fixtures.catalog(), withSplit).evaluate(split);
            var a = new CostEngine(after, Fixtures.catalog(), withSplit).evaluate(split);
            assertThat(a.upfrontUsd()).as(yaml).isEqualTo(b.upfrontUsd());
            assertThat(a.salvageUsd()).as(yaml).isEqualTo(b.salvageUsd());
            for (int k = 0; k < b.monthly().size(); k++) {
                var pb = b.monthly().get(k).parts();
                var pa = a.monthly().get(k).parts();
                // the month's total less its API usage: the rounding of that subtraction aside, unchanged
                double hardware = pb.total() - pb.usage();
                assertThat(pa.total() - pa.usage())
                        .as(yaml)
                        .isCloseTo(hardware, within(1e-9 * Math.max(1, pb.total())));
            }
            if (b.capacity() != null) {
                assertThat(a.capacity().requiredTokensPerSecond())
                        .as(yaml)
                        .isEqualTo(b.capacity().requiredTokensPerSecond());
            }
        }
        assertThat(compared).isGreaterThan(SCENARIOS / 4);
    }
}
