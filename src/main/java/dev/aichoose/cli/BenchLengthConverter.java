package dev.aichoose.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 512} (every request that long) or {@code 512:128} (mean and standard deviation, in tokens). */
final class BenchLengthConverter implements ITypeConverter<BenchLengthConverter.Length> {
    /** A token length: fixed when {@code stdev} is 0. */
    record Length(int mean, double stdev) {}

    @Override
    public Length convert(String value) {
        int colon = value.indexOf(':');
        String mean = colon < 0 ? value : value.substring(0, colon);
        int tokens;
        try {
            tokens = Integer.parseInt(mean.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a token count N or MEAN:SD (example: 512:128)");
        }
        if (tokens < 1) throw new TypeConversionException("'" + value + "': the length must be at least 1 token");
        if (colon < 0) return new Length(tokens, 0);
        double stdev;
        try {
            stdev = Double.parseDouble(value.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "': the standard deviation after ':' is not a number");
        }
        if (!(stdev >= 0) || Double.isInfinite(stdev)) {
            throw new TypeConversionException("'" + value + "': the standard deviation must be 0 or more");
        }
        return new Length(tokens, stdev);
    }
}
