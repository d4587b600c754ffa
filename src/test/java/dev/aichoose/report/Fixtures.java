package dev.aichoose.report;

import dev.aichoose.model.Evaluation;
import java.time.LocalDate;

/**
 * Evaluations for renderer tests, made by the real engine from scenarios written here: an API, an
 * owned box replaced within the horizon (lifetime 5 months of 12, with residual value and
 * maintenance), rented GPUs, a hybrid, reasoning tokens and prompt caching, so the renderers and
 * the spreadsheet's formulas are checked against what the engine computes, not against a copy of it.
 */
public final class Fixtures {
    private Fixtures() {}

    public static final LocalDate AS_OF = dev.aichoose.testing.Fixtures.AS_OF;

    /** The seed-like scenario; tests change it with {@link String#replace} and evaluate the result. */
    public static final String SEED = """
            name: Startup assistant (fixture)
            horizon_months: 12
            workload:
              queries_per_month: 100000
              input_tokens_per_query: 500
              output_tokens_per_query: 400
              reasoning_tokens_per_query: 100
              monthly_growth: 0.05
              cached_input_share: 0.1
              peak_to_average: 3.0
              classes:
                - {name: client_documents, share: 0.2}
            profile:
              data_sensitivity: medium
              customization: prompting
              technical_capability: some
              vendor_independence: medium
              quality_need: standard
            assumptions:
              electricity_usd_per_kwh: 0.15
              ops_hours_per_month: 4
              ops_usd_per_hour: 50
              discount_rate_annual: 0.08
            options:
              - id: gpt-4
                api: {model: openai/gpt-4, input_usd_per_mtok: 30, output_usd_per_mtok: 60, cached_input_usd_per_mtok: 15}
              - id: rtx-4090-box
                self_hosted:
                  hardware: nvidia/rtx-4090
                  count: 1
                  hardware_usd: 1600
                  host: none
                  extra_upfront_usd: 1400
                  electricity_usd_per_month: 30
                  lifetime_months: 5
                  residual_share: 0.2
                  maintenance_share_annual: 0.075
                  model: meta/llama-3.1-8b-instruct
                  quantization: q4_k_m
                  tokens_per_second: 120
              - id: h100-rented
                rented:
                  offer: runpod/h100-sxm
                  count: 1
                  usd_per_gpu_hour: 2.99
                  model: meta/llama-3.1-8b-instruct
                  quantization: fp8
              - id: split
                hybrid:
                  routes:
                    - {class: client_documents, option: rtx-4090-box}
                    - {class: default, option: gpt-4}
            """;

    public static Evaluation seed() {
        return evaluate(SEED);
    }

    public static Evaluation evaluate(String yaml) {
        return dev.aichoose.testing.Fixtures.evaluate(yaml);
    }
}
