package dev.aichoose.catalog;

import dev.aichoose.load.Sanity;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code catalog trend -o FILE}: each GPU's trend as a range a scenario's {@code uncertainty:} section
 * can use, {@code assumptions.gpu_rent_change_annual: {from_trend: FILE, gpu: ID}} (tier on_demand
 * unless it says {@code tier: spot}), resolved to the triangular {low, mode: annual_change, high}.
 */
public final class RentTrendFile {
    private RentTrendFile() {}

    public static void write(RentTrends.Trend t, Writer out) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# aichoose rent trend (catalog trend skypilot): ")
                .append(t.snapshots().size())
                .append(" snapshots");
        if (!t.snapshots().isEmpty()) {
            b.append(", ")
                    .append(t.snapshots().getFirst().date())
                    .append(" to ")
                    .append(t.snapshots().getLast().date());
        }
        b.append(
                ".\n# In a scenario: uncertainty: {assumptions.gpu_rent_change_annual: {from_trend: THIS_FILE, gpu: ID}}\n");
        b.append("# or paste a range below as it stands. low/high: a ")
                .append(Math.round(RentTrends.CONFIDENCE * 100))
                .append("% interval; none with fewer than 3 dates.\n");
        for (RentTrends.Series s : t.series()) {
            if (s.low() == null) continue;
            b.append("#   ")
                    .append(s.gpu())
                    .append(' ')
                    .append(s.tier())
                    .append(": assumptions.gpu_rent_change_annual: {low: ")
                    .append(show(s.low()))
                    .append(", mode: ")
                    .append(show(s.annualChange()))
                    .append(", high: ")
                    .append(show(s.high()))
                    .append("}\n");
        }
        b.append("schema: aichoose.rent-trend/v1\n");
        b.append("snapshots:\n");
        for (RentTrends.Snapshot s : t.snapshots()) {
            b.append("  - {date: ")
                    .append(s.date())
                    .append(", label: ")
                    .append(LayerWriter.quote(s.label()))
                    .append("}\n");
        }
        b.append("trends:\n");
        for (RentTrends.Series s : t.series()) {
            b.append("  - {gpu: ")
                    .append(LayerWriter.quote(s.gpu()))
                    .append(", tier: ")
                    .append(s.tier())
                    .append(", dates: ")
                    .append(s.points().size());
            if (s.annualChange() != null) b.append(", annual_change: ").append(show(s.annualChange()));
            if (s.low() != null)
                b.append(", low: ").append(show(s.low())).append(", high: ").append(show(s.high()));
            b.append("}\n");
        }
        out.write(b.toString());
    }

    /** Six decimals: a rate of change to a ten-thousandth of a percent. */
    private static String show(double v) {
        return Sanity.show(Math.round(v * 1e6) / 1e6);
    }
}
