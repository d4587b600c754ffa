package dev.aichoose.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How every human-readable output writes money, counts and percentages: the engine's messages,
 * the recommendation's reasons and every report draw on this one class, so they agree digit for
 * digit. Locale-independent: a report reads the same on every machine.
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

    /** Whole dollars from $100 up, cents below: {@code $4,500}, {@code $30.00}; for terminal columns and reasons. */
    public static String usdCompact(double amount) {
        double abs = Math.abs(amount);
        String body = abs >= 100 || abs == 0 ? format(abs, "#,##0") : format(abs, "#,##0.00");
        return (amount < 0 && Math.round(abs * 100) != 0 ? "-$" : "$") + body;
    }

    /** Small amounts such as a cost per query, to four significant figures: {@code $0.001133}. */
    public static String usdSignificant(double amount) {
        if (amount == 0) return "$0";
        double abs = Math.abs(amount);
        int digits = Math.max(2, 3 - (int) Math.floor(Math.log10(abs)));
        String body = String.format(Locale.ROOT, "%." + Math.min(digits, 8) + "f", abs);
        return (amount < 0 ? "-$" : "$") + body;
    }

    /** A share as a percentage to one decimal: {@code 0.35} → {@code 35.0 %}; large shares keep separators. */
    public static String percent(double share) {
        return format(share * 100, "#,##0.0") + " %";
    }

    /** A whole count with thousands separators: {@code 100,000}. */
    public static String wholeCount(double n) {
        return format(n, "#,##0");
    }

    /** A probability or a share of draws: {@code 83.4%}. */
    public static String share(double value) {
        return format(value * 100, "0.0") + "%";
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
