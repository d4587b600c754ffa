package dev.aichoose.model;

/** Tokens per completed request; null when nothing completed. */
public record TokenStats(Double mean) {}
