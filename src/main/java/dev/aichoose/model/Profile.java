package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * The answers behind the five questions, and the hard constraints. Assembled by name with
 * {@link ProfileBuilder}; {@code maxPremiumShare} is {@value #DEFAULT_MAX_PREMIUM_SHARE} when not set.
 */
@RecordBuilder
public record Profile(
        Level dataSensitivity,
        Customization customization,
        Capability technicalCapability,
        Level vendorIndependence,
        boolean offlineRequired,
        boolean dataMustStayOnPremises,
        Quality qualityNeed,
        boolean enterpriseSupportRequired,
        TimeToMarket timeToMarket,
        UsagePattern usagePattern,

        @RecordBuilder.Initializer("DEFAULT_MAX_PREMIUM_SHARE")
        double maxPremiumShare) {

    /** The premium over the cost-optimal option that a preferred option may cost and still be recommended. */
    public static final double DEFAULT_MAX_PREMIUM_SHARE = 0.10;

    public enum Level {
        LOW,
        MEDIUM,
        HIGH
    }

    public enum Customization {
        NONE,
        PROMPTING,
        FINE_TUNING
    }

    public enum Capability {
        NONE,
        SOME,
        STRONG
    }

    public enum TimeToMarket {
        NORMAL,
        CRITICAL
    }

    public enum UsagePattern {
        STEADY,
        VARIABLE
    }
}
