package dev.aichoose.model;

import java.time.LocalDate;

/** Where a figure from the world came from, and when it was true. */
public record Provenance(LocalDate asOf, String source) {}
