package dev.aichoose.model;

import java.util.Locale;

/** The number format of the KV cache: 16-bit (FP16 or BF16, every engine's default) or FP8. */
public enum KvPrecision {
    FP16(2.0),
    FP8(1.0);

    private final double bytesPerElement;

    KvPrecision(double bytesPerElement) {
        this.bytesPerElement = bytesPerElement;
    }

    public double bytesPerElement() {
        return bytesPerElement;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
