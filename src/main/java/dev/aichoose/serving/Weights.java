package dev.aichoose.serving;

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
 */
public record Weights(double denseParamsB, double denseBytesPerParam, OpenModel.Moe moe, double expertBytesPerParam) {

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
        return new Weights(model.paramsB() - routed, denseBytes, moe, q.bytesPerParam());
    }

    /** Bytes of all the weights: what must fit in memory. */
    public double totalBytes() {
        double routed = moe == null ? 0 : moe.routedParamsB() * expertBytesPerParam;
        return (denseParamsB * denseBytesPerParam + routed) * 1e9;
    }

    /**
     * Bytes a forward pass over {@code tokens} tokens reads: all the weights of a dense model; for a
     * mixture of experts the rest plus, in each MoE layer, the experts the tokens are routed to, whose
     * expected number with {@code E} experts and {@code k} per token is {@code E·(1−(1−k/E)^tokens)}.
     */
    public double readBytes(double tokens) {
        double bytes = denseParamsB * denseBytesPerParam * 1e9;
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
