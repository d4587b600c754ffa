package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a user sees for a bad date, an early --as-of, and numbers written with separators. */
class MessagesTest {
    static final String SEED = "scenarios/seed-example.yaml";

    @Test
    void aBadDateIsOneLineThatSaysWhatADateLooksLike() {
        for (String bad : new String[] {"24/11/2026", "2026-13-01", "tomorrow"}) {
            CliRun run = CliRun.of("evaluate", SEED, "--as-of", bad);
            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err())
                    .as(bad)
                    .contains("write YYYY-MM-DD, e.g. 2026-11-24")
                    .doesNotContain("java.")
                    .doesNotContain("Exception");
        }
        assertThat(CliRun.of("evaluate", SEED, "--as-of", "2026-02-30").err()).contains("'2026-02-30' is no such date");
        assertThat(CliRun.of("diff", SEED, SEED, "--as-of", "x").err()).contains("write YYYY-MM-DD");
    }

    @Test
    void anAsOfBeforeACatalogEntryIsSaidSoNotANegativeAge() {
        CliRun table = CliRun.of("evaluate", SEED, "--as-of", "2024-01-01");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out())
                .doesNotContainPattern("-\\d+ days")
                .containsPattern(
                        "catalog entry openai/gpt-4 is dated 2026-01-10, 740 days after the evaluation date 2024-01-01");
        CliRun md = CliRun.of("evaluate", SEED, "--as-of", "2024-01-01", "-f", "md");
        assertThat(md.out()).doesNotContainPattern("-\\d+ days").contains("740 days after the evaluation date");
    }

    @Test
    void budgetNumbersMayUseThousandsSeparators() {
        // the seed's recommended option costs $1,360 over 12 months
        CliRun comma =
                CliRun.of("evaluate", SEED, "--as-of", "2026-11-24", "-f", "json", "--fail-if", "tco_usd > 1,000");
        assertThat(comma.exitCode()).as(comma.err()).isEqualTo(5);
        assertThat(comma.err()).contains("--fail-if 'tco_usd > 1,000' breached: tco_usd is $1,360");
        CliRun two = CliRun.of(
                "evaluate",
                SEED,
                "--as-of",
                "2026-11-24",
                "-f",
                "json",
                "--fail-if",
                "tco_usd > 1,500,upfront_usd > $2,000");
        assertThat(two.exitCode()).as(two.err()).isEqualTo(5);
        assertThat(two.err()).contains("'upfront_usd > $2,000' breached").doesNotContain("'tco_usd > 1,500' breached");
        CliRun holds =
                CliRun.of("evaluate", SEED, "--as-of", "2026-11-24", "-f", "json", "--fail-if", "tco_usd > 1,360.01");
        assertThat(holds.exitCode()).as(holds.err()).isZero();
        CliRun bad = CliRun.of("evaluate", SEED, "--fail-if", "tco_usd > 1,00");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("grouped with _, or with , in threes");
    }
}
