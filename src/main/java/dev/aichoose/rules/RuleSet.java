package dev.aichoose.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks rules against measured metrics. A metric with several values is breached if any value breaches. */
public final class RuleSet {
    private RuleSet() {}

    public static List<Breach> check(List<Rule> rules, Map<String, List<Measure>> measures) {
        List<Breach> breaches = new ArrayList<>();
        for (Rule rule : rules) {
            Optional<Measure> first = measures.getOrDefault(rule.metric(), List.of()).stream()
                    .filter(m -> rule.breachedBy(m.value()))
                    .findFirst();
            first.ifPresent(m -> breaches.add(new Breach(rule, m)));
        }
        return List.copyOf(breaches);
    }
}
