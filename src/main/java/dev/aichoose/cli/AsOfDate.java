package dev.aichoose.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.TimeZone;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --as-of}: an ISO date, or a one-line usage error that says what a date looks like. */
final class AsOfDate implements ITypeConverter<LocalDate> {
    /**
     * The date given, or else today's date where the user is. {@code LocalDate.now()} gives the same
     * date, but it resolves the default zone through java.time's zone-rules provider, whose
     * ServiceLoader opens every jar on the class path (about 20 ms of a 130 ms start, for a date);
     * {@link TimeZone} reads the same time-zone database directly.
     */
    static LocalDate orToday(LocalDate given) {
        if (given != null) return given;
        long now = System.currentTimeMillis();
        long local = now + TimeZone.getDefault().getOffset(now);
        return LocalDate.ofEpochDay(Math.floorDiv(local, 86_400_000L));
    }

    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            String why = value.strip().matches("\\d{4}-\\d{2}-\\d{2}") ? "no such date" : "not a date";
            throw new TypeConversionException("'" + value + "' is " + why + ": write YYYY-MM-DD, e.g. 2026-11-24");
        }
    }
}
