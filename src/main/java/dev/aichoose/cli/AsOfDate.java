package dev.aichoose.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --as-of}: an ISO date, or a one-line usage error that says what a date looks like. */
final class AsOfDate implements ITypeConverter<LocalDate> {
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
