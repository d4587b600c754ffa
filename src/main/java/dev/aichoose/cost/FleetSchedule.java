package dev.aichoose.cost;

import dev.aichoose.model.Fleet;
import dev.aichoose.model.FleetBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the units needed each month into a fleet. Owned units are bought in the month they are
 * first needed, each purchase lives its own lifetime and is retired at its end, and is replaced
 * only as far as the need at that month asks; owned units are kept while they live even when the
 * need falls. Rented units follow the need month by month.
 */
public final class FleetSchedule {
    private FleetSchedule() {}

    /**
     * Owned units bought in the month they are first needed, each purchase replaced at the end of its life.
     *
     * @param needed units needed in each month (index 0 is month 1)
     */
    public static Fleet owned(int[] needed, int lifetimeMonths, boolean auto, int gpusPerUnit) {
        if (lifetimeMonths < 1) throw new IllegalArgumentException("lifetime must be at least a month");
        List<Fleet.Purchase> purchases = new ArrayList<>();
        List<Fleet.Month> months = new ArrayList<>(needed.length);
        int[] retiring = new int[needed.length + 2];
        int inService = 0;
        for (int m = 1; m <= needed.length; m++) {
            int retired = retiring[m];
            inService -= retired;
            int bought = Math.max(0, needed[m - 1] - inService);
            if (bought > 0) {
                purchases.add(new Fleet.Purchase(m, bought));
                inService += bought;
                if (m + lifetimeMonths <= needed.length) retiring[m + lifetimeMonths] += bought;
            }
            months.add(new Fleet.Month(m, inService, bought, retired));
        }
        return FleetBuilder.builder()
                .auto(auto)
                .gpusPerUnit(gpusPerUnit)
                .months(months)
                .purchases(purchases)
                .build();
    }

    /**
     * The hosts owned cards go into: each month as many as hold the cards in service
     * ({@code ceil(cards / cardsPerHost)}), bought and kept as owned units are, with the cards' lifetime.
     */
    public static Fleet hosts(Fleet cards, int cardsPerHost, int lifetimeMonths) {
        int[] needed = new int[cards.months().size()];
        for (Fleet.Month m : cards.months()) {
            needed[m.month() - 1] = (int) (((long) m.units() + cardsPerHost - 1) / cardsPerHost);
        }
        return owned(needed, lifetimeMonths, cards.auto(), 0);
    }

    /**
     * Units held through each commitment of {@code termMonths} from month 1: every month of a term
     * pays for the most any month of it needs.
     */
    public static int[] heldForTerms(int[] needed, int termMonths) {
        int[] held = new int[needed.length];
        for (int start = 0; start < needed.length; start += termMonths) {
            int end = Math.min(needed.length, start + termMonths);
            int most = 0;
            for (int m = start; m < end; m++) most = Math.max(most, needed[m]);
            for (int m = start; m < end; m++) held[m] = most;
        }
        return held;
    }

    /** Rented units: exactly what each month needs, nothing bought. */
    public static Fleet rented(int[] needed, boolean auto, int gpusPerUnit) {
        List<Fleet.Month> months = new ArrayList<>(needed.length);
        for (int m = 1; m <= needed.length; m++) months.add(new Fleet.Month(m, needed[m - 1], 0, 0));
        return FleetBuilder.builder()
                .auto(auto)
                .gpusPerUnit(gpusPerUnit)
                .months(months)
                .purchases(List.of())
                .build();
    }

    /** The same count in every month of the horizon. */
    public static int[] constant(int units, int horizonMonths) {
        int[] needed = new int[horizonMonths];
        java.util.Arrays.fill(needed, units);
        return needed;
    }
}
