package dev.aichoose.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.Gpu;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Quantization;
import dev.aichoose.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** {@code gpus_per_replica: auto}: the fewest GPUs (a power of two) holding weights, runtime and KV at the concurrency. */
class SmallestReplicaTest {
    private static final Gpu H100 = Fixtures.catalog().gpus().get("nvidia/h100-sxm");

    private static OpenModel model(String id) {
        return Fixtures.catalog().openModels().get(id);
    }

    @Test
    void seventyBillionAtFp8NeedsTwoH100sForThirtyTwoStreams() {
        OpenModel llama70 = model("meta/llama-3.3-70b-instruct");
        // 1 GPU: 72 GB usable − 70.6 GB weights − 1 GB runtime leaves 0.4 GB, one 1,000-token stream of 0.33 GB
        assertThat(Roofline.smallestReplica(H100, llama70, Quantization.FP8, 1000, 1))
                .isEqualTo(1);
        // 32 streams need 10.5 GB of KV: 2 GPUs leave 72.4 GB
        assertThat(Roofline.smallestReplica(H100, llama70, Quantization.FP8, 1000, 32))
                .isEqualTo(2);
        // at BF16 the weights alone are 141.2 GB: 2 GPUs leave 1.8 GB (5 streams), 4 GPUs hold 32
        assertThat(Roofline.smallestReplica(H100, llama70, Quantization.BF16, 1000, 32))
                .isEqualTo(4);
    }

    @Test
    void aReplicaMaySpanMoreGpusThanOneSystemHas() {
        // Maverick's 400 B parameters at BF16 are 800 GB: 8 H100s offer 576 GB usable, 16 offer 1,152
        assertThat(Roofline.smallestReplica(H100, model("meta/llama-4-maverick-17b-128e"), Quantization.BF16, 1000, 1))
                .isEqualTo(16);
    }

    @Test
    void aSmallModelTakesOneGpu() {
        assertThat(Roofline.smallestReplica(H100, model("meta/llama-3.1-8b-instruct"), Quantization.BF16, 4000, 32))
                .isEqualTo(1);
    }

    /** 70B at FP8 on single H100 cards, 1,100-token requests, and no {@code gpus_per_replica}. */
    private static Evaluation cards(String count) {
        return Fixtures.evaluate("""
                name: replicas
                horizon_months: 12
                workload: {queries_per_month: 1000000, input_tokens_per_query: 800, output_tokens_per_query: 300}
                options:
                  - {id: api, api: {model: openai/gpt-5-mini}}
                  - id: box
                    self_hosted: {hardware: nvidia/h100-sxm, count: %s, model: meta/llama-3.3-70b-instruct,
                                  quantization: fp8}
                """.formatted(count));
    }

    @Test
    void aCardThatHoldsTheWeightsButFewStreamsIsJoinedWithAnotherWhenTheOptionHasIt() {
        // one card fits one stream (0.4 GB of KV room); a server runs 32, which two cards hold
        String four = cards("4").option("box").capacity().detail();
        assertThat(four).contains("per replica of 2 GPUs", "32 streams");
        String auto = cards("auto").option("box").capacity().detail();
        assertThat(auto).contains("per replica of 2 GPUs", "32 streams");
        // one card has no second to join: it serves its one stream, slowly, rather than not at all
        String one = cards("1").option("box").capacity().detail();
        assertThat(one).contains("per replica of 1 GPU:", "1 stream,");
        double perReplicaOfTwo = cards("4").option("box").capacity().availableTokensPerSecond() / 2;
        assertThat(perReplicaOfTwo)
                .isGreaterThan(10 * cards("1").option("box").capacity().availableTokensPerSecond());
    }
}
