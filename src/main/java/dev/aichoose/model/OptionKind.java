package dev.aichoose.model;

public enum OptionKind {
    API,
    SELF_HOSTED,
    RENTED,
    HYBRID;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Open-source kinds run open-weight models on hardware the team controls. */
    public boolean openSource() {
        return this == SELF_HOSTED || this == RENTED;
    }
}
