package dev.aichoose.serving;

import dev.aichoose.model.KvPrecision;
import dev.aichoose.model.OpenModel;

/**
 * A model's KV cache (docs/methodology.md §11.3), from its architecture: grouped-query attention
 * caches K and V for each KV head on each layer; latent attention (MLA) one compressed latent a
 * layer; a sliding-window layer at most its window; a KV-free layer nothing.
 *
 * @param bytesPerLayerToken bytes one layer caches for one token
 * @param fullLayers layers that cache the whole context
 * @param slidingLayers layers that cache at most {@code window} tokens
 * @param kvHeads KV heads a layer splits across tensor-parallel GPUs (1 for MLA, whose latent is not split)
 */
public record KvCache(double bytesPerLayerToken, int fullLayers, int slidingLayers, double window, int kvHeads) {

    public static KvCache of(OpenModel model, KvPrecision precision) {
        OpenModel.Architecture a = model.architecture();
        double element = precision.bytesPerElement();
        boolean latent = a.attention() == OpenModel.Attention.MLA && a.kvLoraRank() != null;
        double perLayer = latent
                ? (a.kvLoraRank() + (a.qkRopeHeadDim() == null ? 0 : a.qkRopeHeadDim())) * element
                : 2.0 * model.kvHeads() * model.headDim() * element;
        int sliding = a.slidingWindow() == null ? 0 : Math.min(a.slidingWindowLayers(), model.layers());
        int full = Math.max(0, model.layers() - sliding - a.kvFreeLayers());
        return new KvCache(
                perLayer,
                full,
                sliding,
                a.slidingWindow() == null ? 0 : a.slidingWindow(),
                latent ? 1 : model.kvHeads());
    }

    /** Bytes one stream caches at a context of {@code tokens} tokens. */
    public double bytes(double tokens) {
        return bytesPerLayerToken * (fullLayers * tokens + slidingLayers * Math.min(tokens, window));
    }

    /** Distinct KV shards over {@code gpus} tensor-parallel GPUs: one a KV head, at most one a GPU. */
    public int shards(int gpus) {
        return Math.max(1, Math.min(gpus, kvHeads));
    }
}
