package dev.aichoose.model;

/** The answers behind the five questions, and the hard constraints. */
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
        UsagePattern usagePattern) {

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
