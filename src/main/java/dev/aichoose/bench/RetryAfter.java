package dev.aichoose.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How long a server asks to be left alone, from its {@code retry-after} header as RFC 9110 §10.2.3
 * defines it (delay-seconds, a non-negative whole number, or an HTTP-date in any of the three
 * forms of §5.6.7), or from the {@code retry-after-ms} that OpenAI's and Anthropic's APIs add (a
 * non-negative number of milliseconds). A value that is neither (negative, a fraction of seconds,
 * NaN, Infinity, text) is ignored, as if the server had named no delay; a date in the past is 0;
 * anything above {@value #MAX_SECONDS} seconds (a day) is read as a day, so that every value
 * recorded is a finite number of seconds.
 */
final class RetryAfter {
    static final long MAX_SECONDS = 86_400;

    private static final Pattern DELAY_SECONDS = Pattern.compile("[0-9]+");
    private static final Pattern MILLISECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    /** IMF-fixdate, the obsolete RFC 850 date (two-digit year) and asctime(): RFC 9110 §5.6.7, English names. */
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            // one-digit days too, as java.time's own RFC 1123 formatter writes them
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH),
            new DateTimeFormatterBuilder()
                    .appendPattern("EEEE, dd-MMM-")
                    // "a two-digit year more than 50 years in the future is the most recent past year with those
                    // digits"
                    .appendValueReduced(
                            ChronoField.YEAR,
                            2,
                            2,
                            LocalDateTime.now(ZoneOffset.UTC).getYear() - 49)
                    .appendPattern(" HH:mm:ss 'GMT'")
                    .toFormatter(Locale.ENGLISH),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH));

    private RetryAfter() {}

    /** Seconds to wait, from the headers of a response received at {@code now}; null when none is named. */
    static Double seconds(Function<String, Optional<String>> header, Instant now) {
        Optional<String> ms = header.apply("retry-after-ms").map(String::trim);
        if (ms.isPresent() && MILLISECONDS.matcher(ms.get()).matches()) {
            return bounded(Double.parseDouble(ms.get()) / 1000.0);
        }
        Optional<String> value = header.apply("retry-after").map(String::trim);
        if (value.isEmpty()) return null;
        String v = value.get();
        if (DELAY_SECONDS.matcher(v).matches()) {
            // digits beyond a day's need no parsing: 10^30 is a day too
            return v.length() > 9 ? (double) MAX_SECONDS : bounded(Long.parseLong(v));
        }
        for (DateTimeFormatter form : HTTP_DATES) {
            try {
                Instant at = LocalDateTime.parse(v, form).toInstant(ZoneOffset.UTC);
                return bounded(Math.max(0, Duration.between(now, at).toMillis() / 1000.0));
            } catch (DateTimeParseException notThisForm) {
                // the next form
            }
        }
        return null;
    }

    private static double bounded(double seconds) {
        return Math.min(MAX_SECONDS, seconds);
    }
}
