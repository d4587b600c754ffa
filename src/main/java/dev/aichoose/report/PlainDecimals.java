package dev.aichoose.report;

import dev.aichoose.text.Figures;
import java.math.BigDecimal;

/**
 * {@link Figures#cents} and {@link Figures#upTo} as the characters JSON writes ({@code 7543.90},
 * {@code 2163200}, {@code 2249728.5}), into a buffer and without a {@link BigDecimal} for the
 * figures where that rounding is not in doubt: the month-by-month arrays of a thousand options are
 * most of a report's figures. Figures counts from the double's shortest decimal, which lies within
 * half an ulp of the double; where the value times 100 is further than that (and its own rounding)
 * from a half cent, both round to the same cent. Nearer a half, and for very large values, the
 * BigDecimal decides.
 */
final class PlainDecimals {
    /** Below 2^53 / 100, a whole number of cents is exact in a double. */
    private static final double LIMIT = 9e13;

    private char[] buffer = new char[32];

    char[] buffer() {
        return buffer;
    }

    /** Writes {@code Figures.cents(usd).toPlainString()} into the buffer; returns its length. */
    int cents(double usd) {
        long c = wholeHundredths(usd);
        if (c == Long.MIN_VALUE) return copy(Figures.cents(usd));
        return write(c, 2);
    }

    /** Writes {@code Figures.upTo(value, 2).toPlainString()} into the buffer; returns its length. */
    int upToHundredths(double value) {
        long c = wholeHundredths(value);
        if (c == Long.MIN_VALUE) return copy(Figures.upTo(value, 2));
        return write(c, c % 100 == 0 ? 0 : c % 10 == 0 ? 1 : 2);
    }

    /** The value in hundredths rounded half up, or Long.MIN_VALUE when that needs the exact decimal. */
    private static long wholeHundredths(double v) {
        double x = Math.abs(v * 100);
        if (!(x < LIMIT)) return Long.MIN_VALUE;
        long whole = (long) x;
        double fraction = x - whole;
        // the shortest decimal times 100 is within 50 ulp(v) of 100 v and x within half an ulp(x) of that,
        // together under 1.5 × 2^-52 × x; twice that, and a floor for the smallest values
        if (Math.abs(fraction - 0.5) <= x * 1e-15 + 1e-300) return Long.MIN_VALUE;
        long rounded = fraction > 0.5 ? whole + 1 : whole;
        return v < 0 ? -rounded : rounded;
    }

    /** {@code hundredths} / 100 with {@code places} decimals (the digits dropped are zeros). */
    private int write(long hundredths, int places) {
        boolean negative = hundredths < 0;
        long abs = Math.abs(hundredths);
        int end = 32;
        int i = end;
        long rest = abs;
        if (places == 2) {
            buffer[--i] = (char) ('0' + rest % 10);
            rest /= 10;
            buffer[--i] = (char) ('0' + rest % 10);
            rest /= 10;
            buffer[--i] = '.';
        } else if (places == 1) {
            rest /= 10;
            buffer[--i] = (char) ('0' + rest % 10);
            rest /= 10;
            buffer[--i] = '.';
        } else {
            rest /= 100;
        }
        do {
            buffer[--i] = (char) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        if (negative) buffer[--i] = '-';
        int length = end - i;
        System.arraycopy(buffer, i, buffer, 0, length);
        return length;
    }

    private int copy(BigDecimal v) {
        String s = v.toPlainString();
        if (s.length() > buffer.length) buffer = new char[s.length()];
        s.getChars(0, s.length(), buffer, 0);
        return s.length();
    }
}
