package dev.aichoose.model;

import java.util.List;

/**
 * The units (cards, systems or instances) an owned or rented option runs each month. Owned units
 * come in purchases ({@link Purchase}), each with its own lifetime; rented units follow the need.
 *
 * @param auto whether aichoose sized the fleet ({@code count: auto}) or the scenario stated it
 * @param gpusPerUnit GPUs in one unit
 */
public record Fleet(boolean auto, int gpusPerUnit, List<Month> months, List<Purchase> purchases) {

    public Fleet {
        months = List.copyOf(months);
        purchases = List.copyOf(purchases);
    }

    /** Month m (1-based). */
    public Month month(int month) {
        return months.get(month - 1);
    }

    /** The most units in service in any month. */
    public int peakUnits() {
        return months.stream().mapToInt(Month::units).max().orElse(0);
    }

    /**
     * One month of the fleet: units in service, units bought this month (owned: new and replacement
     * purchases) and units that reached the end of their lifetime this month and were sold off.
     */
    public record Month(int month, int units, int purchased, int retired) {}

    /**
     * Units bought together in one month. They serve {@code lifetimeMonths} months and are retired
     * (their residual value credited) in month {@code month + lifetimeMonths}, if that falls within
     * the horizon; otherwise their book value at the horizon is salvage.
     */
    public record Purchase(int month, int units) {}
}
