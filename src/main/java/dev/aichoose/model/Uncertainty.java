package dev.aichoose.model;

import java.util.List;
import java.util.Optional;

/** The scenario's {@code uncertainty:} section: a range on each input that is not known for sure. */
public record Uncertainty(List<Input> inputs) {
    public static final Uncertainty NONE = new Uncertainty(List.of());

    public Uncertainty {
        inputs = List.copyOf(inputs);
    }

    /**
     * One uncertain number: {@code path} as the scenario writes it, the field it names, and for an
     * option field the option's id.
     */
    public record Input(String path, UncertainField field, Optional<String> option, Distribution distribution) {}
}
