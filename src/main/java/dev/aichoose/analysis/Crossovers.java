package dev.aichoose.analysis;

import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/** The volume at which two steady-state monthly costs meet, found by Brent's method. */
public final class Crossovers {
    /** Search up to a trillion queries a month; beyond that nobody is deciding with this tool. */
    static final double MAX_QUERIES_PER_MONTH = 1e12;

    private Crossovers() {}

    /**
     * The monthly volume at which two options' monthly costs meet.
     *
     * @param difference option's monthly cost minus the baseline's, as a function of monthly queries
     * @return the root in [0, MAX], or empty when the costs never meet there
     */
    public static OptionalDouble volume(DoubleUnaryOperator difference) {
        double lo = 0;
        double hi = MAX_QUERIES_PER_MONTH;
        double atLo = difference.applyAsDouble(lo);
        double atHi = difference.applyAsDouble(hi);
        if (atLo == 0) return OptionalDouble.of(0);
        if (Math.signum(atLo) == Math.signum(atHi)) return OptionalDouble.empty();
        BrentSolver solver = new BrentSolver(1e-9, 1e-6);
        return OptionalDouble.of(solver.solve(10_000, difference::applyAsDouble, lo, hi));
    }
}
