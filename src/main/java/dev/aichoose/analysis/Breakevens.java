package dev.aichoose.analysis;

import dev.aichoose.model.OptionResult;

/** The first month in which one option's cumulative cash is at or below another's. */
public final class Breakevens {
    private Breakevens() {}

    /** The first month (1-based) whose cumulative cash is at or below the baseline's; null when none in the horizon. */
    public static Integer month(OptionResult option, OptionResult baseline) {
        for (int i = 0; i < option.monthly().size(); i++) {
            // a cent of tolerance, so that equal cash flows computed in a different order still meet
            if (option.monthly().get(i).cumulativeUsd()
                    <= baseline.monthly().get(i).cumulativeUsd() + 0.005) {
                return i + 1;
            }
        }
        return null;
    }
}
