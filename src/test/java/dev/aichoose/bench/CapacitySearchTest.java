package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {
    /** A server that meets the SLO up to {@code capacity} steps and misses it beyond. */
    static CapacitySearch.Outcome against(int capacity, int start, int limit) {
        return CapacitySearch.search(start, limit, steps -> steps <= capacity, () -> false);
    }

    @Test
    void findsTheHighestLevelThatMeetsTheSloInLogarithmicallyManyProbes() {
        for (int capacity = 1; capacity <= 3000; capacity++) {
            CapacitySearch.Outcome outcome = against(capacity, 1, CapacitySearch.LIMIT);
            assertThat(outcome)
                    .as("capacity %d", capacity)
                    .isEqualTo(new CapacitySearch.Outcome.Found(capacity, false, outcome.probed()));
            int log2 = 32 - Integer.numberOfLeadingZeros(capacity); // ceil(log2(capacity + 1))
            // doubling to the first miss (log2 + 1 probes), then bisecting the octave (fewer than log2)
            assertThat(outcome.probed()).as("capacity %d", capacity).hasSizeLessThanOrEqualTo(2 * log2 + 1);
            assertThat(outcome.probed()).doesNotHaveDuplicates();
        }
    }

    @Test
    void doublesThenBisects() {
        assertThat(against(6, 1, CapacitySearch.LIMIT).probed()).containsExactly(1, 2, 4, 8, 6, 7);
        assertThat(against(100, 1, CapacitySearch.LIMIT).probed())
                .containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 96, 112, 104, 100, 102, 101);
    }

    @Test
    void aStartAboveCapacitySearchesDownwards() {
        CapacitySearch.Outcome outcome = against(5, 40, CapacitySearch.LIMIT);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        CapacitySearch.Outcome.Found.class,
                        f -> assertThat(f.steps()).isEqualTo(5));
        assertThat(outcome.probed().getFirst()).isEqualTo(40);
        assertThat(outcome.probed()).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void whenEvenOneStepMissesNoneMeets() {
        assertThat(against(0, 1, CapacitySearch.LIMIT)).isEqualTo(new CapacitySearch.Outcome.NoneMeets(List.of(1)));
        assertThat(against(0, 8, CapacitySearch.LIMIT))
                .isEqualTo(new CapacitySearch.Outcome.NoneMeets(List.of(8, 4, 2, 1)));
    }

    @Test
    void stopsAtTheLimitAndSaysSo() {
        assertThat(against(1_000_000, 1, 100))
                .isEqualTo(new CapacitySearch.Outcome.Found(100, true, List.of(1, 2, 4, 8, 16, 32, 64, 100)));
    }

    @Test
    void aStopEndsTheSearchWithWhatItKnows() {
        List<Integer> seen = new ArrayList<>();
        CapacitySearch.Outcome outcome =
                CapacitySearch.search(1, CapacitySearch.LIMIT, steps -> seen.add(steps), () -> seen.size() >= 3);
        assertThat(outcome).isEqualTo(new CapacitySearch.Outcome.Found(4, false, List.of(1, 2, 4)));
    }
}
