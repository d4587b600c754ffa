package dev.aichoose.cost;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How figures read in messages and reasons: "$4,500", "100,000". One place for every format. */
public final class Money {
    private Money() {}

    private static DecimalFormat format(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** Whole dollars with thousands separators; cents below $100. */
    public static String usd(double amount) {
        double abs = Math.abs(amount);
        String body = abs >= 100 || abs == 0 ? format("#,##0").format(abs) : format("#,##0.00").format(abs);
        return (amount < 0 && Math.round(abs * 100) != 0 ? "-$" : "$") + body;
    }

    /** Small amounts such as a cost per query: four significant figures. */
    public static String usdPrecise(double amount) {
        if (amount == 0) return "$0";
        double abs = Math.abs(amount);
        int digits = Math.max(2, 3 - (int) Math.floor(Math.log10(abs)));
        String body = String.format(Locale.ROOT, "%." + Math.min(digits, 8) + "f", abs);
        return (amount < 0 ? "-$" : "$") + body;
    }

    /** A count with thousands separators. */
    public static String count(double n) {
        return format("#,##0").format(n);
    }
}
