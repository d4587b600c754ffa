package dev.aichoose.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The one place figures are rounded. Money is rounded to the cent and a cost per query to four
 * significant figures, half up, once: the JSON and CSV reports write those decimals as they are,
 * and every text (the table, Markdown, HTML, diff, the engine's messages, the recommendation's
 * reasons) writes the same decimals, whole dollars from $100 up. So every format agrees digit for
 * digit. Locale-independent: a report reads the same on every machine.
 */
public final class Figures {
    private Figures() {}

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    /** Significant figures of a cost per query. */
    static final int PER_QUERY_SIGNIFICANT = 4;

    // ---- the rounding, for machine formats

    /** Money to the cent, half up: {@code 12345.675 → 12345.68}. */
    public static BigDecimal cents(double usd) {
        return BigDecimal.valueOf(usd).setScale(2, RoundingMode.HALF_UP);
    }

    /** A cost per query (or any small unit price) to four significant figures, never fewer than two decimals. */
    public static BigDecimal perQuery(double usd) {
        if (usd == 0 || !Double.isFinite(usd)) return BigDecimal.ZERO.setScale(2);
        int magnitude = (int) Math.floor(Math.log10(Math.abs(usd)));
        int scale = Math.max(2, PER_QUERY_SIGNIFICANT - 1 - magnitude);
        BigDecimal v = BigDecimal.valueOf(usd).setScale(scale, RoundingMode.HALF_UP);
        // 0.00099996 rounds up to 0.001000: one decimal fewer keeps four significant figures
        return v.precision() > PER_QUERY_SIGNIFICANT && v.scale() > 2 ? v.setScale(scale - 1, RoundingMode.HALF_UP) : v;
    }

    /**
     * A cost per query for the machine formats: as many decimals as it takes for cost per query ×
     * the horizon's queries to give back the TCO to the cent. Rounded half up to {@code d}
     * decimals, {@code d = ⌈log10(queries)⌉ + 3}, so that its rounding error times all the queries
     * stays under $0.0005; never fewer decimals than {@link #perQuery} gives; trailing zeros dropped
     * down to two decimals. {@code 0.016525} over 120,000 queries is {@code 0.01652500}, not
     * {@code 0.01653}.
     */
    public static BigDecimal perQueryToTheCent(double usd, double queries) {
        BigDecimal shown = perQuery(usd);
        if (usd == 0 || !Double.isFinite(usd) || !(queries >= 1) || !Double.isFinite(queries)) return shown;
        int scale = Math.max(shown.scale(), (int) Math.ceil(Math.log10(queries)) + 3);
        BigDecimal v =
                BigDecimal.valueOf(usd).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
        return v.scale() < 2 ? v.setScale(2) : v;
    }

    /** A rate such as tokens per second, to one decimal. */
    public static BigDecimal tenths(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }

    /** A plain number with at most {@code places} decimals and no trailing zeros, e.g. a volume. */
    public static BigDecimal upTo(double value, int places) {
        BigDecimal v =
                BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    // ---- the same figures as text

    /** Money: whole dollars from $100 up, cents below: {@code $12,346}, {@code $30.50}, {@code -$5.00}, {@code $0}. */
    public static String usd(double value) {
        BigDecimal c = cents(value);
        if (c.signum() == 0) return "$0";
        BigDecimal abs = c.abs();
        String digits = abs.compareTo(BigDecimal.valueOf(100)) >= 0
                ? format(abs.setScale(0, RoundingMode.HALF_UP), "#,##0")
                : format(abs, "#,##0.00");
        return (c.signum() < 0 ? "-$" : "$") + digits;
    }

    /**
     * Money always to the cent, for figures that must add up as written (a reconciliation's parts):
     * {@code $3,650.00}, {@code -$89.90}.
     */
    public static String usdCents(double value) {
        BigDecimal c = cents(value);
        return (c.signum() < 0 ? "-$" : "$") + format(c.abs(), "#,##0.00");
    }

    /** {@link #usdCents}, always signed: {@code +$70.00}, {@code -$9.60}, {@code $0.00}. */
    public static String usdCentsChange(double value) {
        return cents(value).signum() > 0 ? "+" + usdCents(value) : usdCents(value);
    }

    /** Same as {@link #usd}: kept so callers that asked for the compact form read the same. */
    public static String usdCompact(double value) {
        return usd(value);
    }

    /** Whole dollars, for axis labels (layout, not a reported figure): {@code $12,346}. */
    public static String usdWhole(double value) {
        BigDecimal w = BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_UP);
        return (w.signum() < 0 ? "-$" : "$") + format(w.abs(), "#,##0");
    }

    /** A cost per query, as {@link #perQuery} rounds it: {@code $0.0002535}, {@code $0.04500}. */
    public static String usdPerQuery(double value) {
        BigDecimal v = perQuery(value);
        return (v.signum() < 0 ? "-$" : "$") + v.abs().toPlainString();
    }

    /** Same as {@link #usdPerQuery}. */
    public static String usdSignificant(double value) {
        return usdPerQuery(value);
    }

    /** A change in dollars, always signed: {@code +$1,200}, {@code -$30.50}, {@code $0.00}. */
    public static String usdChange(double value) {
        return cents(value).signum() > 0 ? "+" + usd(value) : usd(value);
    }

    /** A change in a cost per query, always signed. */
    public static String usdPerQueryChange(double value) {
        return perQuery(value).signum() > 0 ? "+" + usdPerQuery(value) : usdPerQuery(value);
    }

    /** A relative change, always signed; null (no base to compare with) reads {@code n/a}. */
    public static String percentChange(Double changePct) {
        if (changePct == null) return "n/a";
        String s = format(BigDecimal.valueOf(changePct).setScale(1, RoundingMode.HALF_UP), "#,##0.0") + "%";
        return changePct > 0 && !s.equals("0.0%") ? "+" + s : s.equals("-0.0%") ? "0.0%" : s;
    }

    /** A count or a volume: {@code 100,000}; fractions only where they exist, {@code 1,050.25}. */
    public static String count(double value) {
        return format(upTo(value, 2), "#,##0.##");
    }

    /** A rate to one decimal, {@code 5,632.4}, or to two significant figures below 0.05 ({@link #rateFigure}). */
    public static String rate(double value) {
        BigDecimal figure = rateFigure(value);
        return figure.scale() > 1 ? figure.toPlainString() : format(figure, "#,##0.0");
    }

    /**
     * A rate to the tenth, or to two significant figures where the tenth would read 0.0 for a rate that
     * is not nothing (an 85-minute prefill: 0.026 tok/s, not 0.0).
     */
    public static BigDecimal rateFigure(double value) {
        BigDecimal tenths = tenths(value);
        if (value <= 0 || tenths.signum() > 0) return tenths;
        return BigDecimal.valueOf(value).round(new java.math.MathContext(2, RoundingMode.HALF_UP));
    }

    /** A breakeven month: {@code month 3}, or {@code none} within the horizon. */
    public static String month(Integer month) {
        return month == null ? "none" : "month " + month;
    }

    /** A share as a percentage to one decimal: {@code 0.35} → {@code 35.0 %}; large shares keep separators. */
    public static String percent(double share) {
        return format(BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP), "#,##0.0") + " %";
    }

    /** A whole count with thousands separators: {@code 100,000}. */
    public static String wholeCount(double n) {
        return format(BigDecimal.valueOf(n).setScale(0, RoundingMode.HALF_UP), "#,##0");
    }

    private static final String[] SMALL = {
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"
    };

    /** A small count in words, as prose writes it ({@code two APIs}); 11 and up in digits. */
    public static String countWord(long n) {
        return n >= 0 && n < SMALL.length ? SMALL[(int) n] : wholeCount(n);
    }

    /** A probability or a share of draws: {@code 83.4%}. */
    public static String share(double value) {
        return format(BigDecimal.valueOf(value * 100).setScale(1, RoundingMode.HALF_UP), "0.0") + "%";
    }

    private static String format(BigDecimal value, String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, SYMBOLS);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(value);
    }
}
