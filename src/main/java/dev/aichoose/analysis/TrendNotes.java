package dev.aichoose.analysis;

import dev.aichoose.model.OptionKind;
import dev.aichoose.model.OptionResult;
import dev.aichoose.model.Scenario;
import java.util.ArrayList;
import java.util.List;

/** What a report says when a price trend is left at zero: a flat price is an assumption too. */
final class TrendNotes {
    private TrendNotes() {}

    static List<String> of(Scenario scenario, List<OptionResult> results) {
        List<String> notes = new ArrayList<>();
        var a = scenario.assumptions();
        if (a.apiPriceChangeAnnual() == 0 && results.stream().anyMatch(r -> r.kind() == OptionKind.API)) {
            notes.add(
                    "API prices are held flat over the horizon (assumptions.api_price_change_annual is 0), although "
                            + "prices for the same capability have fallen 9× to 900× a year (Epoch AI, March 2025) and about "
                            + "10× a year (a16z, November 2024); set a trend or a range (docs/methodology.md, \"Price trends\")");
        }
        if (a.gpuRentChangeAnnual() == 0 && results.stream().anyMatch(r -> r.kind() == OptionKind.RENTED)) {
            notes.add("GPU rent is held flat over the horizon (assumptions.gpu_rent_change_annual is 0); "
                    + "set a trend or a range (docs/methodology.md, \"Price trends\")");
        }
        return notes;
    }
}
