package dev.aichoose.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people write them: {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
final class BenchDurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value, "s");
    }

    static Duration parse(String value, String defaultUnit) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches())
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 500ms, 60s, 2m)");
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? defaultUnit : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        if (millis <= 0 || millis > Long.MAX_VALUE / 1_000_000.0) {
            throw new TypeConversionException("'" + value + "' must be a positive duration");
        }
        return Duration.ofNanos((long) (millis * 1_000_000));
    }
}
