package dev.aichoose.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.diff.Snapshot.BreakevenMonth;
import dev.aichoose.diff.Snapshot.OptionFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTest {
    static OptionFigures option(String id, double tco) {
        return new OptionFigures(id, "api", true, List.of(), tco, tco, tco / 1000, tco / 2, List.of());
    }

    @Test
    void optionsOnOneSideOnlyHaveNoChangeAndNoPercentage() {
        Snapshot a = new Snapshot(
                "A",
                "s",
                2,
                "closed",
                "x",
                "",
                List.of(option("x", 100), option("gone", 50)),
                List.of(new BreakevenMonth("box", "x", 2)));
        Snapshot b =
                new Snapshot("B", "s", 2, "closed", "x", "", List.of(option("x", 150), option("new", 0)), List.of());
        Diff d = Diff.between(a, b);
        assertThat(d.options()).extracting(Diff.OptionChange::id).containsExactly("x", "new", "gone");
        Diff.OptionChange x = d.options().getFirst();
        assertThat(x.tco().usd()).isEqualTo(50);
        assertThat(x.tco().pct()).isEqualTo(50);
        assertThat(x.monthly().before()).isEqualTo(50);
        assertThat(d.options().get(1).tco().usd()).isNull();
        assertThat(d.options().get(2).tco().pct()).isNull();
        assertThat(d.breakeven()).singleElement().satisfies(c -> {
            assertThat(c.inBefore()).isTrue();
            assertThat(c.inAfter()).isFalse();
            assertThat(c.changed()).isTrue();
        });
        assertThat(d.plan().verdictChanged()).isFalse();
        assertThat(new Change(0.0, 5.0).pct()).as("no base, no percentage").isNull();
        assertThat(new Change(-10.0, -5.0).pct())
                .as("relative to the size of the base")
                .isEqualTo(50);
    }

    @Test
    void anOptionThatBecomesInfeasibleIsNotComparedAndTheVerdictSaysWhy() {
        Snapshot a = new Snapshot(
                "A",
                "s",
                2,
                "open_source",
                "box",
                "",
                List.of(option("api", 300), option("box", 100)),
                List.of(new BreakevenMonth("box", "api", 1)));
        OptionFigures outgrown = new OptionFigures(
                "box",
                "self_hosted",
                false,
                List.of("needs 900 tokens/s in month 2, has 300"),
                100,
                100,
                0.1,
                50,
                List.of());
        Snapshot b = new Snapshot(
                "B",
                "s",
                2,
                "closed",
                "api",
                "Closed: api costs $300.",
                List.of(option("api", 300), outgrown),
                List.of());
        Diff d = Diff.between(a, b);
        Diff.OptionChange box = d.options().get(1);
        assertThat(box.feasibleBefore()).isTrue();
        assertThat(box.feasibleAfter()).isFalse();
        assertThat(box.feasibilityChanged()).isTrue();
        assertThat(box.tco().usd())
                .as("an infeasible side is not comparable, not 0 %")
                .isNull();
        assertThat(box.tco().pct()).isNull();
        assertThat(box.problemsAfter()).containsExactly("needs 900 tokens/s in month 2, has 300");
        assertThat(d.plan().reason()).isEqualTo("box became infeasible: needs 900 tokens/s in month 2, has 300");
        assertThat(Diff.between(a, a).plan().reason())
                .as("no change, no reason")
                .isNull();
    }
}
