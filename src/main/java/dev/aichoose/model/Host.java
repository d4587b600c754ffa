package dev.aichoose.model;

/**
 * The machine GPUs go into (docs/methodology.md §4.1): chassis, CPUs, memory, networking, power
 * supplies. A card names the host it needs, and owning cards means owning hosts for them, one per
 * {@code gpuSlots} cards; a whole server names the host it is built on, whose price is already in
 * the server's and whose power is added to its GPUs'.
 *
 * @param priceUsd the host without its GPUs
 * @param powerW the host's own maximum draw without its GPUs (CPUs, memory, switches, fans, disks)
 */
public record Host(String id, String name, int gpuSlots, double priceUsd, double powerW, Provenance provenance) {}
