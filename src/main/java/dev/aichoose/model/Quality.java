package dev.aichoose.model;

/** How capable a model is, for the scenario's quality need. */
public enum Quality {
    STANDARD,
    FRONTIER
}
