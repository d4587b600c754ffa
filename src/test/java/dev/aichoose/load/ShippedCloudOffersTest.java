package dev.aichoose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.Provenance;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped rented-GPU catalog: its ids are a contract, and every price says when it held. */
class ShippedCloudOffersTest {
    /**
     * Every id pricing/cloud-offers.yaml has shipped, as of the 2026-12-06 refresh. Scenarios and price books
     * name offers by id (issue 19 bills runpod/h100-serverless-flex per busy second), so a refresh changes a
     * row's price, date and source, never removes the row.
     */
    private static final List<String> SHIPPED_IDS = List.of(
            "runpod/h100-sxm",
            "runpod/h100-sxm-community",
            "lambda/h100-sxm",
            "lambda/h100-sxm-reserved",
            "vast/h100-spot",
            "coreweave/h100-sxm",
            "aws/p5-h100",
            "gcp/a3-highgpu-h100",
            "runpod/h100-serverless-flex",
            "runpod/h100-serverless-active",
            "runpod/h200",
            "coreweave/h200",
            "aws/p5en-h200",
            "gcp/a3-ultragpu-h200",
            "runpod/h200-serverless",
            "runpod/b200",
            "lambda/b200",
            "runpod/b200-serverless",
            "coreweave/a100-80gb",
            "aws/p4de-a100-80gb",
            "gcp/a2-ultragpu-1g",
            "lambda/a100-80gb-sxm",
            "runpod/a100-80gb-serverless",
            "aws/g6e-l40s",
            "coreweave/l40s",
            "runpod/l40s",
            "runpod/l40s-spot",
            "runpod/l40s-serverless",
            "runpod/l4",
            "runpod/l4-spot",
            "runpod/rtx-4090",
            "runpod/rtx-4090-spot",
            "runpod/rtx-4090-serverless",
            "spheron/rtx-4090",
            "runpod/rtx-5090",
            "runpod/rtx-5090-spot",
            "runpod/rtx-3090",
            "runpod/rtx-3090-spot");

    private static final Map<String, CloudOffer> SHIPPED =
            CatalogLoader.parse(List.of()).cloudOffers();

    @Test
    void everyIdEverShippedIsStillThere() {
        assertThat(SHIPPED).containsKeys(SHIPPED_IDS.toArray(String[]::new));
    }

    @Test
    void everySourceSaysWhenItsPriceHeld() {
        assertThat(SHIPPED.values())
                .allSatisfy(o -> assertThat(saysWhen(o.provenance()))
                        .as(
                                "%s: source %s does not state its as_of %s",
                                o.id(), o.provenance().source(), o.provenance().asOf())
                        .isTrue());
    }

    @Test
    void placeholdersAndPeriodsLongerThanAMonthAreNotDates() {
        // the rows the 2026-12-06 refresh replaced
        assertThat(saysWhen(new Provenance(
                        LocalDate.parse("2026-01-01"),
                        "docs.runpod.io/serverless/pricing (undated; 2026-01-01 placeholder)")))
                .isFalse();
        assertThat(saysWhen(new Provenance(LocalDate.parse("2026-01-01"), "disintermediate.global (Q1 2026)")))
                .isFalse();
        assertThat(saysWhen(new Provenance(LocalDate.parse("2026-01-01"), "mercatus-ai.com (2026)")))
                .isFalse();
        // an undated page is dated the day it was read, and says so
        assertThat(saysWhen(new Provenance(
                        LocalDate.parse("2026-12-06"),
                        "docs.runpod.io/serverless/pricing (page undated; read 2026-12-06)")))
                .isTrue();
        assertThat(saysWhen(new Provenance(LocalDate.parse("2026-12-01"), "a page (undated; read 2026-12-06)")))
                .isFalse();
        // a source dated only to the month gives the month's first day
        assertThat(saysWhen(
                        new Provenance(LocalDate.parse("2026-04-01"), "techplained (\"Last updated: April 2026\")")))
                .isTrue();
        assertThat(saysWhen(
                        new Provenance(LocalDate.parse("2026-04-02"), "techplained (\"Last updated: April 2026\")")))
                .isFalse();
    }

    /**
     * Whether a source states when its price held: the as_of day itself, or, for a source dated only to the
     * month, that month (as_of is then the month's first day). A placeholder is not a date, and an undated
     * page must say on which day it was read.
     */
    private static boolean saysWhen(Provenance p) {
        String source = p.source();
        LocalDate day = p.asOf();
        if (source.toLowerCase(Locale.ROOT).contains("placeholder")) return false;
        if (source.contains("undated")) return source.contains("read " + day);
        if (source.contains(day.toString())) return true;
        if (day.getDayOfMonth() != 1) return false;
        String month = day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String year = " " + day.getYear();
        return source.contains(month + year)
                || source.contains(month.substring(0, 3) + year)
                || source.contains(YearMonth.from(day).toString());
    }
}
