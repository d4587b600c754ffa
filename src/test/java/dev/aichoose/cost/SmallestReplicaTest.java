package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Catalog;
import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.OptionServingBuilder;
import dev.aichoose.model.Quantization;
import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadBuilder;
import dev.aichoose.serving.Chassis;
import dev.aichoose.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code gpus_per_replica: auto}: the fewest GPUs (a power of two, inside one chassis) holding weights,
 * the engine's overhead and the KV cache at the concurrency (docs/methodology.md §11.9).
 */
class SmallestReplicaTest {
    private static final Catalog CATALOG = Fixtures.catalog();
    private static final Gpu H100 = CATALOG.gpus().get("nvidia/h100-sxm");

    /** The replica {@code gpus_per_replica: auto} picks for {@code streams} streams of {@code context} tokens. */
    private static Replica auto(Gpu gpu, String model, Quantization q, double context, int streams) {
        Workload w = WorkloadBuilder.builder()
                .queriesPerMonth(1000)
                .inputTokensPerQuery(context - 1)
                .outputTokensPerQuery(1)
                .peakToAverage(1)
                .classes(List.of())
                .slo(Workload.LatencySlo.NONE)
                .build();
        var serving = OptionServingBuilder.builder()
                .model(model)
                .quantization(q)
                .concurrency(streams)
                .autoReplica(true)
                .build();
        return Replica.of(
                w,
                Chassis.cards(gpu),
                CATALOG.openModels().get(model),
                serving,
                Integer.MAX_VALUE,
                CATALOG.calibration());
    }

    @Test
    void seventyBillionAtFp8NeedsTwoH100sForThirtyTwoStreams() {
        // one H100 (80 GiB = 85.9 GB): 77.3 GB usable − 70.6 GB weights − 1.07 GB overhead leaves 5.6 GB,
        // seventeen 1,000-token streams of 0.33 GB each
        assertThat(auto(H100, "meta/llama-3.3-70b-instruct", Quantization.FP8, 1000, 1)
                        .gpus())
                .isEqualTo(1);
        assertThat(auto(H100, "meta/llama-3.3-70b-instruct", Quantization.FP8, 1000, 17)
                        .gpus())
                .isEqualTo(1);
        assertThat(auto(H100, "meta/llama-3.3-70b-instruct", Quantization.FP8, 1000, 18)
                        .gpus())
                .isEqualTo(2);
        // at BF16 the weights alone are 141.2 GB: two cards leave 11.3 GB (34 streams), so they hold 32
        assertThat(auto(H100, "meta/llama-3.3-70b-instruct", Quantization.BF16, 1000, 32)
                        .gpus())
                .isEqualTo(2);
        assertThat(auto(H100, "meta/llama-3.3-70b-instruct", Quantization.BF16, 1000, 64)
                        .gpus())
                .isEqualTo(4);
    }

    @Test
    void aReplicaNeverSpansMoreThanOneChassis() {
        // Maverick's 400 B parameters at BF16 are 800 GB: a box of eight H100s offers 618 GB usable
        Replica maverick = auto(H100, "meta/llama-4-maverick-17b-128e", Quantization.BF16, 1000, 1);
        assertThat(maverick.estimate().fits()).isFalse();
        assertThat(maverick.delivers()).isFalse();
        // at FP8 (400 GB) eight cards hold it
        assertThat(auto(H100, "meta/llama-4-maverick-17b-128e", Quantization.FP8, 1000, 1)
                        .gpus())
                .isEqualTo(8);
    }

    @Test
    void aSmallModelTakesOneGpu() {
        assertThat(auto(H100, "meta/llama-3.1-8b-instruct", Quantization.BF16, 4000, 32)
                        .gpus())
                .isEqualTo(1);
    }

    /** 70B at FP8 on single H100 cards, 1,100-token requests and 64 streams, and no {@code gpus_per_replica}. */
    private static Evaluation cards(String count) {
        return cards(count, 1_000_000);
    }

    private static Evaluation cards(String count, int queriesPerMonth) {
        return Fixtures.evaluate("""
                name: replicas
                horizon_months: 12
                workload: {queries_per_month: %d, input_tokens_per_query: 800, output_tokens_per_query: 300}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - id: box
                    self_hosted: {hardware: nvidia/h100-sxm, count: %s, model: meta/llama-3.3-70b-instruct,
                                  quantization: fp8, concurrency: 64}
                """.formatted(queriesPerMonth, count));
    }

    @Test
    void aCardThatHoldsTheWeightsButFewStreamsIsJoinedWithAnotherWhenTheOptionHasIt() {
        // one card holds 18 streams (15 at their full 1,100 tokens, 18 as vLLM pages their KV: 950 held on
        // average, methodology §11.4); the server runs 64, which two cards hold
        String four = cards("4").option("box").capacity().detail();
        assertThat(four).contains("on 2 GPUs (tensor parallel, vllm)", "64 streams");
        // a sized fleet for a load one card does not carry: replicas of two cards carry it with fewer cards
        String auto = cards("auto", 100_000_000).option("box").capacity().detail();
        assertThat(auto).contains("on 2 GPUs (tensor parallel, vllm)", "64 streams");
        // one card has no second to join: it serves the streams it holds rather than none
        String one = cards("1").option("box").capacity().detail();
        assertThat(one).contains("on 1 GPU (vllm)", "18 streams");
        // four cards are two replicas of two, each serving four times the streams of one card
        double fourCards = cards("4").option("box").capacity().availableTokensPerSecond();
        assertThat(fourCards)
                .isGreaterThan(4 * cards("1").option("box").capacity().availableTokensPerSecond());
    }

    @Test
    void aSizedFleetKeepsOneCardReplicasWhereTheyCarryTheLoadWithFewerCards() {
        // a million queries a month: one card serving the 18 streams it holds carries them, so the sized
        // fleet is the one card a stated count of 1 serves them with, not the two a replica of 64 streams spans
        OptionResult small = cards("auto").option("box");
        assertThat(small.capacity().detail()).contains("on 1 GPU (vllm)", "18 streams");
        assertThat(small.capacity().fleet().orElseThrow().peakUnits()).isEqualTo(1);
        // a hundred million: replicas of two cards, each serving more than twice one card's tokens, carry
        // it with fewer cards than one-card replicas would
        OptionResult large = cards("auto", 100_000_000).option("box");
        assertThat(large.capacity().detail()).contains("on 2 GPUs (tensor parallel, vllm)", "64 streams");
        int oneCardReplicas = (int) Math.ceil(large.capacity().requiredTokensPerSecond()
                / (cards("1", 100_000_000).option("box").capacity().availableTokensPerSecond()
                        * dev.aichoose.model.Defaults.PLANNING_UTILISATION));
        assertThat(large.capacity().fleet().orElseThrow().peakUnits()).isLessThan(oneCardReplicas);
    }
}
