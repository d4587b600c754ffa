package dev.aichoose.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How every human-readable report writes money, counts and percentages, so that the Markdown,
 * HTML and diff outputs agree digit for digit. Locale-independent: a report reads the same on
 * every machine.
 */
public final class Figures {
    private Figures() {}

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    /** Whole dollars and cents: {@code $12,345.67}, {@code -$5.00}. */
    public static String usd(double value) {
        return signed(value, "#,##0.00");
    }

    /** Whole dollars, for headlines and axis labels: {@code $12,346}. */
    public static String usdWhole(double value) {
        return signed(value, "#,##0");
    }

    /** A price per query, small by nature: four significant decimals at least, {@code $0.0450}. */
    public static String usdPerQuery(double value) {
        return Math.abs(value) >= 1 ? usd(value) : signed(value, "0.0000##");
    }

    /** A change in dollars, always signed: {@code +$1,200.00}, {@code -$30.50}, {@code $0.00}. */
    public static String usdChange(double value) {
        return value > 0 && round2(value) != 0 ? "+" + usd(value) : usd(value);
    }

    /** A relative change, always signed; null (no base to compare with) reads {@code n/a}. */
    public static String percentChange(Double changePct) {
        if (changePct == null) return "n/a";
        String s = format(changePct, "#,##0.0") + "%";
        return changePct > 0 && !s.equals("0.0%") ? "+" + s : s;
    }

    /** A count or a volume: {@code 100,000}; fractions only where they exist, {@code 1,050.25}. */
    public static String count(double value) {
        return format(value, "#,##0.##");
    }

    /** A breakeven month: {@code month 3}, or {@code none} within the horizon. */
    public static String month(Integer month) {
        return month == null ? "none" : "month " + month;
    }

    private static String signed(double value, String pattern) {
        double rounded = value;
        String digits = format(Math.abs(rounded), pattern);
        boolean negative = rounded < 0 && !digits.matches("[0.,]+");
        return (negative ? "-$" : "$") + digits;
    }

    private static String format(double value, String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, SYMBOLS);
        f.setRoundingMode(RoundingMode.HALF_UP);
        // through BigDecimal.valueOf so that 0.125 rounds as written, not as its binary neighbour
        return f.format(BigDecimal.valueOf(value));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
