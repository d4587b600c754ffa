/**
 * What every reader shares: opening an input file within its kind's limit ({@link
 * dev.aichoose.input.InputFiles}, {@link dev.aichoose.input.InputKind}), YAML read into nodes that keep
 * their line and column ({@link dev.aichoose.input.NodeParser}, {@link dev.aichoose.input.Fields}),
 * problems reported as {@code file:line:col: message} ({@link dev.aichoose.input.Diagnostic}, {@link
 * dev.aichoose.input.InputException}), and the one git runner for {@code PATH@REV} ({@link
 * dev.aichoose.input.Git}). It depends on nothing else of the program, so load, bench, diff and catalog
 * all stand on it.
 */
package dev.aichoose.input;
