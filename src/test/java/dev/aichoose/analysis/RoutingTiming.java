package dev.aichoose.analysis;

import dev.aichoose.cost.CostEngine;
import dev.aichoose.model.Option;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Scenario;
import dev.aichoose.testing.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long {@code routes: auto} takes for the sizes people write: 8 classes (9 with default) over
 * 12 options, and how the time grows with classes. Run by bench/routing.sh; not a test.
 */
public final class RoutingTiming {
    private RoutingTiming() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        for (int classes : new int[] {2, 4, 8, 11}) {
            Scenario s = Fixtures.scenario(scenario(classes, 12));
            List<Option> candidates = s.options().stream()
                    .filter(o -> !(o instanceof Option.Hybrid))
                    .toList();
            CostEngine engine = new CostEngine(s, Fixtures.catalog(), candidates);
            List<OptionResult> alone = candidates.stream().map(engine::evaluate).toList();
            double[] route = time(
                    runs,
                    () -> AutoRouting.route(
                            s.trafficClasses(), candidates, alone, engine.feasibility(), engine::legTco));
            double[] evaluate =
                    time(Math.max(20, runs / 10), () -> Evaluator.evaluate(s, Fixtures.catalog(), Fixtures.AS_OF));
            System.out.printf(
                    Locale.ROOT,
                    "%2d classes + default × 12 options: routing median %.2f ms, p95 %.2f ms;"
                            + " whole evaluate median %.2f ms%n",
                    classes,
                    route[0],
                    route[1],
                    evaluate[0]);
        }
    }

    /** Median and 95th percentile in milliseconds, after as many warm-up runs. */
    private static double[] time(int runs, Runnable work) {
        for (int i = 0; i < runs; i++) work.run();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], ms[(int) (runs * 0.95)]};
    }

    static String scenario(int classCount, int optionCount) {
        StringBuilder y = new StringBuilder("""
                name: routing timing
                horizon_months: 36
                workload:
                  queries_per_month: 200000
                  input_tokens_per_query: 1500
                  output_tokens_per_query: 400
                  monthly_growth: 0.03
                  classes:
                """);
        for (int i = 0; i < classCount; i++) {
            y.append("    - {name: c")
                    .append(i)
                    .append(", share: ")
                    .append(0.9 / classCount)
                    .append(i % 3 == 0 ? ", sensitive: true" : "")
                    .append(i % 4 == 1 ? ", quality: frontier" : "")
                    .append("}\n");
        }
        y.append("options:\n");
        List<String> apis = List.of(
                "openai/gpt-5-mini",
                "openai/gpt-5.6",
                "anthropic/claude-opus-4-8",
                "deepinfra/llama-3.3-70b",
                "google/gemini-3.1-pro-preview");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < optionCount; i++) {
            switch (i % 3) {
                case 0 -> rows.add("  - {id: o" + i + ", api: {model: " + apis.get(i / 3 % apis.size()) + "}}");
                case 1 ->
                    rows.add("  - {id: o" + i + ", self_hosted: {hardware: nvidia/rtx-4090, count: " + (1 + i / 3)
                            + ", model: meta/llama-3.1-8b-instruct, tokens_per_second: 60}}");
                default ->
                    rows.add("  - {id: o" + i + ", rented: {offer: runpod/h100-sxm, count: " + (1 + i / 3)
                            + ", model: meta/llama-3.3-70b-instruct, quantization: fp8}}");
            }
        }
        rows.forEach(r -> y.append(r).append('\n'));
        y.append("  - {id: auto, hybrid: {routes: auto}}\n");
        return y.toString();
    }
}
