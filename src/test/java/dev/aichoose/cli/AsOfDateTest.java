package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class AsOfDateTest {
    @Test
    void withoutADateItIsTodayWhereTheUserIsAsJavaTimeHasIt() {
        TimeZone saved = TimeZone.getDefault();
        try {
            // zones either side of UTC, so that a date taken in UTC would be a day off in one of them
            for (String zone : new String[] {"Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata", "UTC"}) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                LocalDate before = LocalDate.now(ZoneId.systemDefault());
                LocalDate today = AsOfDate.orToday(null);
                LocalDate after = LocalDate.now(ZoneId.systemDefault());
                assertThat(today).as(zone).isBetween(before, after);
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void aGivenDateIsKept() {
        assertThat(AsOfDate.orToday(LocalDate.of(2026, 2, 28))).isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    void aDateThatDoesNotExistIsAUsageErrorThatSaysSo() {
        assertThatThrownBy(() -> new AsOfDate().convert("2026-02-30"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("no such date");
        assertThatThrownBy(() -> new AsOfDate().convert("yesterday"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("not a date");
    }
}
