package dev.aichoose.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The queries an option carries: classes of the workload, each with its share of all queries and
 * its token shape (docs/methodology.md §2, §6). Classes of the same shape travel as one slice, so a
 * workload whose classes all take the workload's shape is one slice, priced exactly as before
 * classes had shapes of their own.
 */
public record Traffic(List<Slice> slices) {

    public Traffic {
        slices = List.copyOf(slices);
    }

    /** Classes of one shape and the share of all queries they hold together. */
    public record Slice(List<String> classes, double share, TokenShape shape) {
        public Slice {
            classes = List.copyOf(classes);
        }
    }

    /** The classes in order, each with its share and shape; slices of one shape merge, shares summed in order. */
    public static Traffic of(List<String> classes, List<Double> shares, List<TokenShape> shapes) {
        List<Slice> slices = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            TokenShape shape = shapes.get(i);
            int at = -1;
            for (int j = 0; j < slices.size(); j++) if (slices.get(j).shape().equals(shape)) at = j;
            if (at < 0) {
                slices.add(new Slice(List.of(classes.get(i)), shares.get(i), shape));
            } else {
                Slice s = slices.get(at);
                List<String> names = new ArrayList<>(s.classes());
                names.add(classes.get(i));
                slices.set(at, new Slice(names, s.share() + shares.get(i), shape));
            }
        }
        return new Traffic(slices);
    }

    /** The share of all queries carried. */
    public double share() {
        double share = 0;
        for (Slice s : slices) share += s.share();
        return share;
    }

    /** Generated tokens for each query of the whole workload: {@code Σ share × (O + R)}. */
    public double generatedTokensPerQuery() {
        double tokens = 0;
        for (Slice s : slices) tokens += s.share() * s.shape().generatedTokensPerQuery();
        return tokens;
    }

    /** Input tokens for each query of the whole workload: {@code Σ share × I}. */
    public double inputTokensPerQuery() {
        double tokens = 0;
        for (Slice s : slices) tokens += s.share() * s.shape().inputTokensPerQuery();
        return tokens;
    }

    /** The longest request carried: what a context window and a replica's memory must hold. */
    public TokenShape longest() {
        TokenShape longest = slices.getFirst().shape();
        for (Slice s : slices) if (s.shape().requestTokens() > longest.requestTokens()) longest = s.shape();
        return longest;
    }

    /**
     * The average query carried, weighted by queries: what a replica's throughput is estimated at.
     * Cache shares are weighted by input tokens, so that the mean query reads and writes what the
     * slices do together.
     */
    public TokenShape mean() {
        if (slices.size() == 1) return slices.getFirst().shape();
        double share = share();
        double in = 0, out = 0, reasoning = 0, cached = 0, written = 0;
        for (Slice s : slices) {
            TokenShape t = s.shape();
            in += s.share() * t.inputTokensPerQuery();
            out += s.share() * t.outputTokensPerQuery();
            reasoning += s.share() * t.reasoningTokensPerQuery();
            cached += s.share() * t.inputTokensPerQuery() * t.cachedInputShare();
            written += s.share() * t.inputTokensPerQuery() * t.cacheWriteShare();
        }
        if (!(share > 0)) return slices.getFirst().shape();
        return new TokenShape(
                in / share, out / share, reasoning / share, in > 0 ? cached / in : 0, in > 0 ? written / in : 0);
    }
}
