package dev.aichoose.model;

import java.util.Locale;

/** How an API request is served and billed: the provider's standard queue, or a tier priced apart. */
public enum ServiceTier {
    STANDARD,
    BATCH,
    FLEX,
    PRIORITY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
