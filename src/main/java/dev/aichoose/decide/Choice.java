package dev.aichoose.decide;

import java.util.Optional;

/**
 * The decision on figures alone (docs/methodology.md §13.4): among the feasible options, the
 * cost-optimal one (lowest TCO; between equal costs, the better fit), the preferred one (best fit;
 * between equal fits, the lower TCO, so it is never dominated), and which of them is recommended:
 * the preferred one while its premium over the cost-optimal one is at most
 * {@code max_premium_share}. The decision's prose and the simulation's draws both come here, so
 * they cannot disagree. Indices are into the arrays given.
 */
public record Choice(int cheapest, int preferred, int pick) {

    /** Empty when no option is feasible. */
    public static Optional<Choice> among(double[] tcoUsd, double[] fit, boolean[] feasible, double maxPremiumShare) {
        int cheapest = -1;
        int preferred = -1;
        for (int j = 0; j < tcoUsd.length; j++) {
            if (!feasible[j]) continue;
            // the first of equals stays, as a stream's min keeps it
            if (cheapest < 0 || cheaper(j, cheapest, tcoUsd, fit)) cheapest = j;
            if (preferred < 0 || preferable(j, preferred, tcoUsd, fit)) preferred = j;
        }
        if (cheapest < 0) return Optional.empty();
        boolean within =
                premiumShare(tcoUsd[preferred] - tcoUsd[cheapest], tcoUsd[cheapest]) <= maxPremiumShare + 1e-12;
        return Optional.of(new Choice(cheapest, preferred, within ? preferred : cheapest));
    }

    /** A premium as a share of the cheapest option's TCO (of one cent when that is zero). */
    public static double premiumShare(double premiumUsd, double cheapestTcoUsd) {
        return premiumUsd <= 0 ? 0 : premiumUsd / Math.max(cheapestTcoUsd, 0.01);
    }

    private static boolean cheaper(int a, int b, double[] tco, double[] fit) {
        int byCost = Double.compare(tco[a], tco[b]);
        return byCost != 0 ? byCost < 0 : Double.compare(fit[b], fit[a]) < 0;
    }

    private static boolean preferable(int a, int b, double[] tco, double[] fit) {
        int byFit = Double.compare(tieBand(fit[a]), tieBand(fit[b]));
        return byFit != 0 ? byFit < 0 : Double.compare(tco[a], tco[b]) < 0;
    }

    /** Fits within {@link PreferenceFit#TIE} of each other are equal; negated, so that the best sorts first. */
    private static double tieBand(double fit) {
        return -Math.round(fit / PreferenceFit.TIE) * PreferenceFit.TIE;
    }
}
