package dev.aichoose.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aichoose.model.Evaluation;
import dev.aichoose.model.OptionResult;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal table lays its columns out from their content: nothing runs together, ids stay unique. */
class TableLayoutTest {
    /** Ten billion queries a month on two rented fleets whose ids share a long head. */
    static final String HUGE = Fixtures.SEED
            .replace("queries_per_month: 100000", "queries_per_month: 10000000000")
            .replace("id: h100-rented", "id: h100-rented-runpod-secure-cloud")
            .replace(
                    "  - id: split\n",
                    "  - id: h100-rented-runpod-community-cloud\n"
                            + "    rented: {offer: runpod/h100-sxm, count: 1, usd_per_gpu_hour: 1.99, model: meta/llama-3.1-8b-instruct}\n"
                            + "  - id: split\n");

    @Test
    void figuresOfAnyMagnitudeNeverRunTogetherAndTheTableFitsAHundredColumns() throws IOException {
        Evaluation e = Fixtures.evaluate(HUGE);
        String out = CrossFormatTest.text(new TableReport(), e);
        assertThat(out.lines())
                .allSatisfy(
                        l -> assertThat(l.codePointCount(0, l.length())).as(l).isLessThanOrEqualTo(100));
        assertThat(out).doesNotContainPattern("\\d\\$").doesNotContainPattern("\\d—");
        OptionResult api = e.option("gpt-4");
        assertThat(api.tcoUsd()).as("the test's point: a figure of ten digits").isGreaterThan(1e9);
        assertThat(out).contains(Figures.usd(api.tcoUsd())).contains("(total cash left out to fit 100 columns");
    }

    @Test
    void idsAreShortenedOnlyWhereTheyStayUnique() throws IOException {
        String out = CrossFormatTest.text(new TableReport(), Fixtures.evaluate(HUGE));
        Map<String, List<String>> rows = CrossFormatTest.tableRows(out);
        assertThat(rows.keySet()).hasSize(5).doesNotHaveDuplicates();
        List<String> fleets =
                rows.keySet().stream().filter(k -> k.startsWith("h1")).toList();
        // shortened as little as the width allows, each still telling its fleet apart
        assertThat(fleets).containsExactlyInAnyOrder("h100-rented-runpod-se…", "h100-rented-runpod-co…");
        assertThat(rows).containsKey("rtx-4090-box");
    }

    @Test
    void shorteningKeepsIdsApartOrDoesNotShortenAtAll() {
        var ids = List.of("h100-rented-runpod-secure", "h100-rented-runpod-community", "gpt-4");
        Map<String, String> at16 = Tables.shorten(ids, 16);
        assertThat(at16).isNotNull();
        assertThat(at16.values())
                .doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(Tables.length(v)).isLessThanOrEqualTo(16));
        assertThat(at16.get("gpt-4")).isEqualTo("gpt-4");
        assertThat(at16.get("h100-rented-runpod-secure")).endsWith("e").contains("…");
        assertThat(Tables.shorten(List.of("aaaaaaaaaa1", "aaaaaaaaaa2"), 10))
                .containsEntry("aaaaaaaaaa1", "aaaaaaaa…1");
        assertThat(Tables.shorten(List.of("abc-x-def", "abc-y-def"), 4))
                .as("nothing unique fits")
                .isNull();
    }
}
