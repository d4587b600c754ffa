package dev.aichoose.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * The bracketing search behind {@code --find-max}: the highest whole number of steps (streams, or
 * multiples of the starting rate) whose probe meets the SLO. The load doubles from the start until
 * a probe fails, then the gap between the last pass and the first failure is bisected, so finding
 * a level L takes about 2·log2(L) probes, not L. A start that fails is bracketed from 0 (the
 * search goes down). Assumes what every server shows, that more load never lowers latency.
 */
final class CapacitySearch {
    /** The most steps probed: 10,000 streams, the most the harness is measured to hold. */
    static final int LIMIT = 10_000;

    /** What the search found, with every level it probed in order. */
    sealed interface Outcome {
        List<Integer> probed();

        /** {@code steps} is the highest level that met the SLO; {@code atLimit} when the search stopped at {@link #LIMIT}. */
        record Found(int steps, boolean atLimit, List<Integer> probed) implements Outcome {
            public Found {
                probed = List.copyOf(probed);
            }
        }

        /** Not even one step met the SLO. */
        record NoneMeets(List<Integer> probed) implements Outcome {
            public NoneMeets {
                probed = List.copyOf(probed);
            }
        }
    }

    private CapacitySearch() {}

    /** Runs {@code meets} at each level probed; {@code stopped} ends the search early with what it knows. */
    static Outcome search(int start, int limit, IntPredicate meets, BooleanSupplier stopped) {
        if (start < 1 || limit < start) throw new IllegalArgumentException("1 <= start <= limit");
        List<Integer> probed = new ArrayList<>();
        int pass = 0; // the highest level known to meet the SLO; 0 stands for "none yet"
        int fail = -1; // the lowest level known to miss it; -1 while growing
        int next = start;
        boolean atLimit = false;
        while (!stopped.getAsBoolean()) {
            probed.add(next);
            if (meets.test(next)) {
                pass = next;
            } else {
                fail = next;
            }
            if (fail < 0) {
                if (pass == limit) {
                    atLimit = true;
                    break;
                }
                next = (int) Math.min(limit, 2L * pass);
            } else {
                if (fail - pass <= 1) break;
                next = pass + (fail - pass) / 2;
            }
        }
        return pass == 0 ? new Outcome.NoneMeets(probed) : new Outcome.Found(pass, atLimit, probed);
    }
}
