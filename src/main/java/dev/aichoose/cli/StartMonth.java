package dev.aichoose.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --start}: a calendar month, YYYY-MM, or a one-line usage error that says what one looks like. */
final class StartMonth implements ITypeConverter<YearMonth> {
    @Override
    public YearMonth convert(String value) {
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            String why = value.strip().matches("\\d{4}-\\d{2}") ? "no such month" : "not a month";
            throw new TypeConversionException("'" + value + "' is " + why
                    + ": write YYYY-MM, the calendar month that is the scenario's month 1," + " e.g. 2026-01");
        }
    }
}
