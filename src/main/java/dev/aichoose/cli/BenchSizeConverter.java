package dev.aichoose.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes as people write them: {@code 64MiB}, {@code 512KiB}, {@code 1GiB} (powers of 1,024),
 * {@code 100MB} (powers of 1,000); a bare number is bytes.
 */
final class BenchSizeConverter implements ITypeConverter<Long> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,15})\\s*([kmg]i?b|b)?");

    @Override
    public Long convert(String value) {
        Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches())
            throw new TypeConversionException("'" + value + "' is not a size (examples: 64MiB, 512KiB, 1GiB)");
        long amount = Long.parseLong(m.group(1));
        long unit = switch (m.group(2) == null ? "b" : m.group(2)) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1L;
        };
        if (amount < 1) throw new TypeConversionException("'" + value + "' must be a positive size");
        if (amount > Long.MAX_VALUE / unit) throw new TypeConversionException("'" + value + "' is too large");
        return amount * unit;
    }
}
