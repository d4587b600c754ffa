package dev.aichoose.bench;

/** Tokens per completed request; null when nothing completed. */
public record TokenStats(Double mean) {}
