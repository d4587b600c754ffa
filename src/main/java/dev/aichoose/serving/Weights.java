package dev.aichoose.serving;

import dev.aichoose.model.Engine;
import dev.aichoose.model.OpenModel;
import dev.aichoose.model.Quantization;

/**
 * A model's weights at a quantization (docs/methodology.md §11.3): the routed experts of a mixture
 * of experts apart from the rest, because a decode step reads only the experts its tokens are routed
 * to.
 *
 * @param denseParamsB everything but the routed experts (attention, embeddings, shared experts), billions
 * @param denseBytesPerParam their bytes per parameter
 * @param expertBytesPerParam the routed experts' bytes per parameter
 * @param embeddingParamsB of the dense parameters, the input embedding table where it is untied, billions:
 *     held in memory, but a step reads only the rows of its tokens, so it is not counted in the bytes read
 */
public record Weights(
        double denseParamsB,
        double denseBytesPerParam,
        OpenModel.Moe moe,
        double expertBytesPerParam,
        double embeddingParamsB) {

    /**
     * The weights of {@code model} at {@code q}. The 4-bit float formats quantize a mixture of experts'
     * routed experts only, as gpt-oss ships (MXFP4) and NVIDIA's FP4 checkpoints of DeepSeek do (NVFP4):
     * the rest stays at 8 bits where the model ships in FP8, else at 16.
     */
    public static Weights of(OpenModel model, Quantization q) {
        OpenModel.Moe moe = model.architecture().moe();
        double routed = moe == null ? 0 : Math.min(model.paramsB(), moe.routedParamsB());
        double denseBytes = q.bytesPerParam();
        if (moe != null && q.fp4()) {
            denseBytes = model.architecture().nativePrecision() == Quantization.FP8 ? 1.0 : 2.0;
        }
        double dense = model.paramsB() - routed;
        double embedding = Math.min(dense, model.architecture().untiedEmbeddingParamsB());
        return new Weights(dense, denseBytes, moe, q.bytesPerParam(), embedding);
    }

    /**
     * The weights as {@code engine} loads them. llama.cpp's GGUF files of a mixture of experts with
     * 4-bit float experts keep the rest in Q8_0 (34 bytes a block of 32 weights), not 16 bits:
     * ggml-org/gpt-oss-20b-GGUF is 11.27 GiB for 20.91 B parameters (llama-bench's model line in
     * ggml-org/llama.cpp benches/dgx-spark.md@4c7e9893), which is the 19.11 B expert parameters at
     * MXFP4's 4.25 bits and the other 1.79 B at 8.5 bits (11.22 GiB). Ollama converts models itself and
     * its files were not checked, so this applies to llama.cpp alone.
     */
    public static Weights of(OpenModel model, Quantization q, Engine engine) {
        Weights w = of(model, q);
        if (engine == Engine.LLAMA_CPP && w.moe() != null && q.fp4()) {
            return new Weights(
                    w.denseParamsB(),
                    Quantization.Q8_0.bytesPerParam(),
                    w.moe(),
                    w.expertBytesPerParam(),
                    w.embeddingParamsB());
        }
        return w;
    }

    /** Bytes of all the weights: what must fit in memory. */
    public double totalBytes() {
        double routed = moe == null ? 0 : moe.routedParamsB() * expertBytesPerParam;
        return (denseParamsB * denseBytesPerParam + routed) * 1e9;
    }

    /**
     * Bytes a forward pass over {@code tokens} tokens reads: all the weights of a dense model but an
     * untied input embedding table (a row a token, a few kB); for a mixture of experts the rest plus,
     * in each MoE layer, the experts the tokens are routed to, whose expected number with {@code E}
     * experts and {@code k} per token is {@code E·(1−(1−k/E)^tokens)}.
     */
    public double readBytes(double tokens) {
        double bytes = (denseParamsB - embeddingParamsB) * denseBytesPerParam * 1e9;
        if (moe != null)
            bytes += moe.moeLayers() * distinctExperts(tokens) * moe.expertParamsB() * expertBytesPerParam * 1e9;
        return bytes;
    }

    /** The expected number of distinct routed experts {@code tokens} tokens reach in one MoE layer. */
    public double distinctExperts(double tokens) {
        if (moe == null) return 0;
        double e = moe.experts();
        double k = Math.min(moe.expertsPerToken(), e);
        return e * (1 - Math.pow(1 - k / e, Math.max(tokens, 0)));
    }
}
