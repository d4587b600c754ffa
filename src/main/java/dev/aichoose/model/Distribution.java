package dev.aichoose.model;

/**
 * A range on an uncertain input, in the forms a finance reader knows from @RISK or Crystal Ball.
 * Every form may collapse to a single point ({@code low == high}), which then reproduces the
 * deterministic figures exactly. The sampling arithmetic lives in {@code analysis.Distributions}.
 */
public sealed interface Distribution {
    double low();

    double high();

    /** The value the range is centred on for a reader: the mode, or the middle of a uniform range. */
    double likeliest();

    String id();

    /** Every value between low and high equally likely. */
    record Uniform(double low, double high) implements Distribution {
        public Uniform {
            check(low, low, high);
        }

        @Override
        public double likeliest() {
            return (low + high) / 2;
        }

        @Override
        public String id() {
            return "uniform";
        }
    }

    /** Density rising linearly from low to the mode and falling to high. */
    record Triangular(double low, double mode, double high) implements Distribution {
        public Triangular {
            check(low, mode, high);
        }

        @Override
        public double likeliest() {
            return mode;
        }

        @Override
        public String id() {
            return "triangular";
        }
    }

    /** PERT: a Beta distribution with mean (low + 4·mode + high) / 6, tails thinner than the triangle's. */
    record Pert(double low, double mode, double high) implements Distribution {
        public Pert {
            check(low, mode, high);
        }

        @Override
        public double likeliest() {
            return mode;
        }

        @Override
        public String id() {
            return "pert";
        }
    }

    private static void check(double low, double mode, double high) {
        if (!(low <= mode && mode <= high)) {
            throw new IllegalArgumentException("expected low <= mode <= high, got " + low + ", " + mode + ", " + high);
        }
    }
}
