package dev.aichoose.model;

/**
 * What one query of a class of traffic looks like in tokens: input, visible output and reasoning
 * per query, and the shares of the input read from and written to the provider's prompt cache
 * (docs/methodology.md §2). The workload's own fields are the shape of the default class; a class
 * may set any of them for itself.
 */
public record TokenShape(
        double inputTokensPerQuery,
        double outputTokensPerQuery,
        double reasoningTokensPerQuery,
        double cachedInputShare,
        double cacheWriteShare) {

    /** Tokens generated per query: visible output plus reasoning. */
    public double generatedTokensPerQuery() {
        return outputTokensPerQuery + reasoningTokensPerQuery;
    }

    /** The length of one request: its input and everything it generates. */
    public double requestTokens() {
        return inputTokensPerQuery + generatedTokensPerQuery();
    }
}
