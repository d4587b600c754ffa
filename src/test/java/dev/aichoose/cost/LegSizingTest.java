package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Fleet;
import dev.aichoose.model.OptionResult;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A leg of a routing is sized for the classes it carries (issue 19, item 1; docs/methodology.md
 * §11.8): its replica at their mean query, its need from their generated tokens, its memory at the
 * longest of them. Each figure worked out by hand from the serving model's estimate at that shape.
 */
class LegSizingTest {
    /** 90 % classification calls (700 in / 8 out) and 10 % long reasoning (6,000 in / 1,500 out + 2,000). */
    static final String SPLIT = """
            name: legs
            horizon_months: 12
            workload:
              queries_per_month: 90000000
              input_tokens_per_query: 700
              output_tokens_per_query: 8
              peak_to_average: 2
              classes:
                - {name: reasoning, share: 0.1, input_tokens_per_query: 6000, output_tokens_per_query: 1500,
                   reasoning_tokens_per_query: 2000}
            assumptions: {ops_hours_per_month: 0}
            options:
              - id: owned
                self_hosted: {hardware: nvidia/h100-sxm, count: auto, model: meta/llama-3.1-8b-instruct}
              - id: api
                api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}
              - id: short-owned
                hybrid: {routes: [{class: default, option: owned}, {class: reasoning, option: api}]}
              - id: long-owned
                hybrid: {routes: [{class: default, option: api}, {class: reasoning, option: owned}]}
            """;

    private static final double SECONDS_PER_MONTH = 730 * 3600;

    @Test
    void theOwnedLegIsSizedForTheShortClassItCarries() {
        Evaluation e = Fixtures.evaluate(SPLIT);
        OptionResult hybrid = e.option("short-owned");
        // the leg carries 0.9 × 90,000,000 queries of 8 generated tokens, twice the average at the peak:
        // 81,000,000 × 8 / 2,628,000 s × 2 = 493.15 tok/s
        double required = 0.9 * 90_000_000 * 8 / SECONDS_PER_MONTH * 2;
        assertThat(required).isCloseTo(493.15, within(0.005));
        assertThat(hybrid.capacity().requiredTokensPerSecond()).isCloseTo(required, within(1e-9));
        // a replica at the leg's own shape (700 in / 8 out: about 374 tok/s, prefill-bound), not at the
        // mixed mean (1,230 in / 357.2 out, about 2,320 tok/s): 493.15 / (374.2 × 0.9) → 2 cards, where the
        // mixed mean's need of 0.9 × 357.2 tokens a query would have bought 11
        double perReplica = LegSizingFigures.replicaTokensPerSecond(700, 8);
        int cards = LegSizingFigures.units(required, perReplica);
        assertThat(hybrid.capacity().availableTokensPerSecond()).isCloseTo(perReplica * cards, within(1e-6));
        assertThat(hybrid.capacity().detail())
                .contains("owned: " + dev.aichoose.text.Figures.rate(perReplica) + " tok/s per replica");
        assertThat(cards)
                .isLessThan(LegSizingFigures.units(
                        0.9 * 90_000_000 * 357.2 / SECONDS_PER_MONTH * 2,
                        LegSizingFigures.replicaTokensPerSecond(1230, 357.2)));
        // bought in month 1: the cards at $25,000 and the HGX host they go into at $85,000 for every 8
        assertThat(hybrid.upfrontUsd()).isCloseTo(LegSizingFigures.bought(cards), within(0.01));
        // the API carries the reasoning class at its own shape: 9,000,000 × (6,000 × $1 + 3,500 × $4) / 1e6
        assertThat(hybrid.monthly().getFirst().parts().usage()).isCloseTo(180_000, within(0.01));
        assertThat(hybrid.monthly().getFirst().parts().hardware())
                .isCloseTo(LegSizingFigures.bought(cards), within(0.01));
    }

    @Test
    void carryingTheLongClassNeedsMoreUnitsThanTheShort() {
        Evaluation e = Fixtures.evaluate(SPLIT);
        // the long leg: 0.1 × 90,000,000 × 3,500 / 2,628,000 × 2 = 23,972.60 tok/s at (6,000 in / 3,500 out)
        double required = 0.1 * 90_000_000 * 3500 / SECONDS_PER_MONTH * 2;
        assertThat(required).isCloseTo(23_972.60, within(0.005));
        assertThat(e.option("long-owned").capacity().requiredTokensPerSecond()).isCloseTo(required, within(1e-9));
        // about 1,401 tok/s a replica at that shape: 23,972.60 / (1,401.3 × 0.9) → 20 cards in 3 hosts
        double perReplica = LegSizingFigures.replicaTokensPerSecond(6000, 3500);
        int longCards = LegSizingFigures.units(required, perReplica);
        assertThat(e.option("long-owned").capacity().availableTokensPerSecond())
                .isCloseTo(perReplica * longCards, within(1e-6));
        assertThat(e.option("long-owned").upfrontUsd()).isCloseTo(LegSizingFigures.bought(longCards), within(0.01));
        int shortCards = LegSizingFigures.units(
                0.9 * 90_000_000 * 8 / SECONDS_PER_MONTH * 2, LegSizingFigures.replicaTokensPerSecond(700, 8));
        assertThat(longCards).isGreaterThan(shortCards);
        assertThat(e.option("long-owned").upfrontUsd())
                .isGreaterThan(e.option("short-owned").upfrontUsd());
    }

    @Test
    void aLegCarryingAllTheTrafficIsTheOptionAlone() {
        Evaluation e = Fixtures.evaluate(SPLIT + """
                  - id: all-owned
                    hybrid: {routes: [{class: default, option: owned}, {class: reasoning, option: owned}]}
                """);
        // the mean query: 0.9 × 8 + 0.1 × 3,500 = 357.2 generated tokens, at 0.9 × 700 + 0.1 × 6,000 = 1,230 in
        double required = 90_000_000 * 357.2 / SECONDS_PER_MONTH * 2;
        assertThat(e.option("owned").capacity().requiredTokensPerSecond()).isCloseTo(required, within(1e-6));
        assertThat(e.option("all-owned").tcoUsd()).isCloseTo(e.option("owned").tcoUsd(), within(1e-6));
        double perReplica = LegSizingFigures.replicaTokensPerSecond(1230, 357.2);
        Fleet fleet = e.option("owned").capacity().fleet().orElseThrow();
        assertThat(fleet.month(1).units()).isEqualTo(LegSizingFigures.units(required, perReplica));
        assertThat(e.option("owned").upfrontUsd())
                .isCloseTo(LegSizingFigures.bought(LegSizingFigures.units(required, perReplica)), within(0.01));
    }

    /** Classification calls, and 10 % documents of 100,000 tokens in: an RTX 4090 holds the 8B model's KV for the first. */
    static final String DOCUMENTS = """
            name: documents
            horizon_months: 12
            workload:
              queries_per_month: 10000000
              input_tokens_per_query: 700
              output_tokens_per_query: 8
              classes:
                - {name: documents, share: 0.1, input_tokens_per_query: 100000, output_tokens_per_query: 2000}
            assumptions: {ops_hours_per_month: 0}
            options:
              - id: box
                self_hosted: {hardware: nvidia/rtx-4090, count: 2, model: meta/llama-3.1-8b-instruct,
                              quantization: bf16}
              - id: api
                api: {model: m, input_usd_per_mtok: 1, output_usd_per_mtok: 4}
              - id: short-box
                hybrid: {routes: [{class: default, option: box}, {class: documents, option: api}]}
              - id: long-box
                hybrid: {routes: [{class: default, option: api}, {class: documents, option: box}]}
              - id: routed
                hybrid: {routes: auto}
            """;

    @Test
    void memoryHoldsTheLongestRequestALegCarries() {
        Evaluation e = Fixtures.evaluate(DOCUMENTS);
        // the 8B model's KV: 2 × 32 layers × 8 heads × 128 × 2 bytes = 131,072 bytes a token. On 24 GB × 0.9
        // usable less 16.1 GB of weights and the engine's overhead, the mean request (10,837 tokens, 1.4 GB)
        // fits; one document (102,000 tokens, 13.4 GB) does not
        assertThat(e.option("box").feasible()).isFalse();
        assertThat(e.option("box").problems())
                .anySatisfy(p -> assertThat(p)
                        .startsWith("class 'documents': one request of 102,000 tokens does not fit in memory"));
        assertThat(e.option("short-box").feasible()).isTrue();
        // carrying the documents alone the replica is estimated at their shape: one card holds none of them
        assertThat(e.option("long-box").feasible()).isFalse();
        assertThat(e.option("long-box").problems())
                .anySatisfy(p -> assertThat(p).startsWith("via box: ").contains("to fit in memory"));
        // routes: auto sends the documents to the API and keeps the short calls on the box it owns
        assertThat(e.option("routed").feasible()).isTrue();
        assertThat(e.option("routed").routing())
                .containsExactly(
                        new dev.aichoose.model.Option.Route("documents", "api"),
                        new dev.aichoose.model.Option.Route("default", "box"));
    }
}
