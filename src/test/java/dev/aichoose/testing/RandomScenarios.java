package dev.aichoose.testing;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Quantization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random scenarios that are valid by the README's bounds: every field drawn from its documented
 * range (volumes and token counts log-uniformly, so that tiny and huge both occur), classes with
 * every placement rule and quality tier, options of every kind from the shipped catalogs, and
 * hybrids both written out and {@code routes: auto}. Seeded, so a failure reproduces.
 */
public final class RandomScenarios {
    private final Random random;
    private final Catalog catalog;
    // a second stream, so that scenarios with class shapes are the same scenarios as without, shaped
    private final Random shapes;

    public RandomScenarios(long seed, Catalog catalog) {
        this(seed, catalog, false);
    }

    /** @param classShapes whether about half the classes state a token shape of their own */
    public RandomScenarios(long seed, Catalog catalog, boolean classShapes) {
        this.random = new Random(seed);
        this.catalog = catalog;
        this.shapes = classShapes ? new Random(seed + 1) : null;
    }

    /** One scenario as YAML. */
    public String next() {
        StringBuilder y = new StringBuilder("name: random\n");
        y.append("horizon_months: ")
                .append(random.nextInt(20) == 0 ? 1 + random.nextInt(600) : 1 + random.nextInt(60))
                .append('\n');
        y.append("workload:\n");
        y.append("  queries_per_month: ").append(num(logUniform(1, 1e9))).append('\n');
        y.append("  input_tokens_per_query: ")
                .append(num(random.nextInt(10) == 0 ? 0 : logUniform(1, 200_000)))
                .append('\n');
        y.append("  output_tokens_per_query: ")
                .append(num(logUniform(1, 20_000)))
                .append('\n');
        if (random.nextBoolean())
            y.append("  reasoning_tokens_per_query: ")
                    .append(num(logUniform(1, 5000)))
                    .append('\n');
        double growth = random.nextInt(3) == 0
                ? 0
                : random.nextInt(10) == 0 ? -0.5 + 1.5 * random.nextDouble() : -0.05 + 0.15 * random.nextDouble();
        y.append("  monthly_growth: ").append(num(growth)).append('\n');
        y.append("  cached_input_share: ").append(num(random.nextDouble())).append('\n');
        y.append("  peak_to_average: ").append(num(1 + random.nextDouble() * 9)).append('\n');
        List<String> classes = new ArrayList<>();
        int classCount = random.nextInt(5);
        if (classCount > 0) {
            y.append("  classes:\n");
            double left = 1;
            for (int i = 0; i < classCount; i++) {
                double share = i == classCount - 1 && random.nextBoolean() ? left : left * random.nextDouble();
                share = Math.floor(share * 1000) / 1000;
                left -= share;
                String name = "c" + i;
                classes.add(name);
                y.append("    - {name: ").append(name).append(", share: ").append(num(share));
                if (random.nextInt(3) == 0) y.append(", sensitive: true");
                if (random.nextInt(5) == 0) y.append(", on_premises: true");
                if (random.nextInt(4) == 0)
                    y.append(", quality: ").append(random.nextBoolean() ? "frontier" : "standard");
                if (random.nextInt(3) == 0) y.append(", complexity: complex");
                if (shapes != null && shapes.nextBoolean()) {
                    y.append(", input_tokens_per_query: ")
                            .append(num(Math.floor(Math.exp(Math.log(10) + shapes.nextDouble() * Math.log(20_000)))));
                    y.append(", output_tokens_per_query: ")
                            .append(num(Math.floor(Math.exp(shapes.nextDouble() * Math.log(4_000)))));
                    if (shapes.nextBoolean())
                        y.append(", reasoning_tokens_per_query: ").append(num(shapes.nextInt(5_000)));
                }
                y.append("}\n");
            }
        }
        y.append("profile:\n");
        y.append("  data_sensitivity: ").append(pick("low", "medium", "high")).append('\n');
        y.append("  customization: ")
                .append(pick("none", "prompting", "fine_tuning"))
                .append('\n');
        y.append("  technical_capability: ")
                .append(pick("none", "some", "strong"))
                .append('\n');
        y.append("  vendor_independence: ")
                .append(pick("low", "medium", "high"))
                .append('\n');
        y.append("  offline_required: ").append(random.nextInt(8) == 0).append('\n');
        y.append("  data_must_stay_on_premises: ")
                .append(random.nextInt(8) == 0)
                .append('\n');
        y.append("  quality_need: ")
                .append(random.nextInt(5) == 0 ? "frontier" : "standard")
                .append('\n');
        y.append("  enterprise_support: ").append(random.nextBoolean()).append('\n');
        y.append("  time_to_market: ").append(pick("normal", "critical")).append('\n');
        y.append("  usage_pattern: ").append(pick("steady", "variable")).append('\n');
        if (random.nextBoolean()) {
            y.append("  max_premium_share: ")
                    .append(num(random.nextInt(10) == 0 ? 100 : random.nextDouble()))
                    .append('\n');
        }
        y.append("assumptions:\n");
        y.append("  electricity_usd_per_kwh: ")
                .append(num(random.nextDouble() * 0.5))
                .append('\n');
        y.append("  pue: ").append(num(1 + random.nextDouble())).append('\n');
        y.append("  ops_hours_per_month: ")
                .append(num(random.nextInt(3) == 0 ? 0 : random.nextDouble() * 100))
                .append('\n');
        y.append("  discount_rate_annual: ")
                .append(num(random.nextDouble() * 0.2))
                .append('\n');
        y.append("  lifetime_months: ").append(1 + random.nextInt(72)).append('\n');
        y.append("  residual_share: ").append(num(random.nextDouble() * 0.5)).append('\n');
        if (random.nextInt(6) == 0) return y.toString(); // the default option set

        y.append("options:\n");
        List<String> plain = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String id = "o" + i;
            plain.add(id);
            switch (random.nextInt(3)) {
                case 0 -> {
                    String model = pick(catalog.apiModels().keySet());
                    y.append("  - {id: ").append(id).append(", api: {model: ").append(model);
                    if (random.nextInt(6) == 0) {
                        y.append(", input_usd_per_mtok: ")
                                .append(num(random.nextDouble() * 20))
                                .append(", output_usd_per_mtok: ")
                                .append(num(random.nextDouble() * 60));
                    }
                    y.append("}}\n");
                }
                case 1 ->
                    y.append("  - {id: ")
                            .append(id)
                            .append(", self_hosted: {hardware: ")
                            // hardware one can buy: a card the sources price only inside a server needs hardware_usd
                            .append(pick(catalog.gpus().values().stream()
                                    .filter(g -> g.priceUsd() != null)
                                    .map(dev.aichoose.model.Gpu::id)
                                    .toList()))
                            .append(", count: ")
                            .append(count())
                            .append(serving())
                            .append("}}\n");
                default ->
                    y.append("  - {id: ")
                            .append(id)
                            .append(", rented: {offer: ")
                            .append(offer(id))
                            .append(", count: ")
                            .append(count())
                            .append(serving())
                            .append("}}\n");
            }
        }
        int hybrids = random.nextInt(3);
        List<String> routed = new ArrayList<>(classes);
        routed.add("default");
        for (int i = 0; i < hybrids; i++) {
            if (random.nextBoolean()) {
                y.append("  - {id: h").append(i).append(", hybrid: {routes: auto}}\n");
            } else {
                y.append("  - id: h").append(i).append("\n    hybrid:\n      routes:\n");
                for (String c : routed) {
                    y.append("        - {class: ")
                            .append(c)
                            .append(", option: ")
                            .append(pick(plain))
                            .append("}\n");
                }
            }
        }
        return y.toString();
    }

    /**
     * A catalog offer, or about one time in four {@code cheapest} of a GPU and tier some offer has;
     * decided from the ids rather than drawn, so the scenarios of every seed stay as they were.
     */
    private String offer(String option) {
        String id = pick(catalog.cloudOffers().keySet());
        if (Math.floorMod((option + id).hashCode(), 4) != 0) return id;
        var o = catalog.cloudOffers().get(id);
        return "cheapest, hardware: " + o.gpu() + ", tier: " + o.tier();
    }

    /** A stated count, or one time in three {@code auto}. */
    private String count() {
        return random.nextInt(3) == 0 ? "auto" : String.valueOf(1 + random.nextInt(8));
    }

    private String serving() {
        StringBuilder s =
                new StringBuilder(", model: ").append(pick(catalog.openModels().keySet()));
        if (random.nextBoolean()) {
            s.append(", quantization: ")
                    .append(pick(List.of(Quantization.values())).name().toLowerCase(Locale.ROOT));
        }
        if (random.nextInt(3) == 0) s.append(", tokens_per_second: ").append(num(logUniform(1, 20_000)));
        if (random.nextInt(4) == 0) s.append(", concurrency: ").append(1 + random.nextInt(64));
        if (random.nextInt(6) == 0) s.append(", gpus_per_replica: auto");
        // the serving model's own fields, now and then (docs/methodology.md §11.5)
        if (random.nextInt(5) == 0) s.append(", engine: ").append(pick(dev.aichoose.model.Engine.ids()));
        if (random.nextInt(6) == 0) s.append(", kv_precision: ").append(pick("fp16", "fp8"));
        if (random.nextInt(8) == 0) s.append(", parallelism: ").append(pick("tensor", "pipeline"));
        return s.toString();
    }

    private double logUniform(double min, double max) {
        return Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(java.util.Collection<T> values) {
        List<T> list = List.copyOf(values);
        return list.get(random.nextInt(list.size()));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}
