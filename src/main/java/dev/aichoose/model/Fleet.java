package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The units (cards, systems or instances) an owned or rented option runs each month. Owned units
 * come in purchases ({@link Purchase}), each with its own lifetime; rented units follow the need.
 *
 * @param auto whether aichoose sized the fleet ({@code count: auto}) or the scenario stated it
 * @param gpusPerUnit GPUs in one unit
 * @param peakUtilisation the highest share of its throughput the fleet runs at in any month's peak
 *     hour; empty when its replicas deliver nothing (the model does not fit)
 * @param sizing how aichoose sized it, for reports that rebuild the schedule; empty for a stated count
 * @param hosts owned cards' hosts (one per host's slots of the cards in service), each purchase its
 *     own; empty when the units need no host of their own
 *
 * <p>Assembled by name with {@link FleetBuilder}; not set, the peak utilisation, the sizing and the
 * hosts are empty.
 */
@RecordBuilder
public record Fleet(
        boolean auto,
        int gpusPerUnit,
        List<Month> months,
        List<Purchase> purchases,
        OptionalDouble peakUtilisation,
        java.util.Optional<Sizing> sizing,
        java.util.Optional<Fleet> hosts)
        implements FleetBuilder.With {

    /**
     * The figures a sized fleet follows: units in month m = max(minimumUnits, ceil(ceil(required_m /
     * (replicaTokensPerSecond × planningUtilisation)) × gpusPerReplica / gpusPerUnit)), where required_m
     * is the peak tok/s of {@code share} of month m's queries.
     */
    public record Sizing(
            double share,
            double replicaTokensPerSecond,
            int gpusPerReplica,
            int minimumUnits,
            double planningUtilisation) {}

    public Fleet {
        months = List.copyOf(months);
        purchases = List.copyOf(purchases);
        if (peakUtilisation == null) peakUtilisation = OptionalDouble.empty();
        if (sizing == null) sizing = java.util.Optional.empty();
        if (hosts == null) hosts = java.util.Optional.empty();
    }

    public Fleet withPeakUtilisation(double utilisation) {
        return withPeakUtilisation(OptionalDouble.of(utilisation));
    }

    public Fleet withSizing(Sizing how) {
        return withSizing(java.util.Optional.of(how));
    }

    /** The same units in the hosts they go into, bought and retired as their own purchases. */
    public Fleet withHosts(Fleet hostFleet) {
        return withHosts(java.util.Optional.of(hostFleet));
    }

    /** Hosts in service in month m: none when the units need none of their own. */
    public int hostsInService(int month) {
        return hosts.map(h -> h.month(month).units()).orElse(0);
    }

    /** Month m (1-based). */
    public Month month(int month) {
        return months.get(month - 1);
    }

    /** The most units in service in any month. */
    public int peakUnits() {
        return months.stream().mapToInt(Month::units).max().orElse(0);
    }

    /** The first month with the most units in service. */
    public int peakMonth() {
        int peak = peakUnits();
        return months.stream()
                .filter(m -> m.units() == peak)
                .findFirst()
                .map(Month::month)
                .orElse(1);
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
