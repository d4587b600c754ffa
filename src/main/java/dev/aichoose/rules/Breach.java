package dev.aichoose.rules;

/** A rule and the first measured value that made it true. */
public record Breach(Rule rule, Measure measure) {}
