package dev.aichoose.rules;

/** The comparisons a rule can make, longest symbol first so that parsing finds ">=" before ">". */
public enum Comparison {
    GE(">="),
    LE("<="),
    EQ("=="),
    GT(">"),
    LT("<");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        return switch (this) {
            case GE -> value >= threshold;
            case LE -> value <= threshold;
            // figures are money and percentages: equal to the cent, not to the last binary digit
            case EQ -> Math.abs(value - threshold) < 0.005;
            case GT -> value > threshold;
            case LT -> value < threshold;
        };
    }
}
