package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry-After as RFC 9110 §10.2.3 writes it; anything else is no delay at all, never a number the readers reject. */
class RetryAfterTest {
    static final Instant NOW = Instant.parse("1994-11-06T08:49:30Z");

    static Double of(String name, String value) {
        Map<String, String> headers = Map.of(name, value);
        return RetryAfter.seconds(h -> Optional.ofNullable(headers.get(h)), NOW);
    }

    @Test
    void delaySecondsAreWholeNumbers() {
        assertThat(of("retry-after", "0")).isEqualTo(0.0);
        assertThat(of("retry-after", " 120 ")).isEqualTo(120.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Infinity", "-Infinity", "NaN", "-5", "1.5", "1e3", "0x10", "soon", ""})
    void anythingElseIsNoDelay(String value) {
        assertThat(of("retry-after", value)).isNull();
    }

    @Test
    void aDelayBeyondADayIsADay() {
        assertThat(of("retry-after", "86401")).isEqualTo(86_400.0);
        assertThat(of("retry-after", "9".repeat(400))).isEqualTo(86_400.0);
    }

    /** The three forms of RFC 9110 §5.6.7, seven seconds after NOW; one-digit days as java.time writes them. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sun, 06 Nov 1994 08:49:37 GMT",
                "Sun, 6 Nov 1994 08:49:37 GMT",
                "Sunday, 06-Nov-94 08:49:37 GMT",
                "Sun Nov  6 08:49:37 1994"
            })
    void anHttpDateIsTheTimeUntilIt(String date) {
        assertThat(of("retry-after", date)).isEqualTo(7.0);
    }

    @Test
    void aDateInThePastIsNoWait() {
        assertThat(of("retry-after", "Sun, 06 Nov 1994 08:00:00 GMT")).isEqualTo(0.0);
    }

    @Test
    void retryAfterMsIsMillisecondsAndWinsWhenValid() {
        Map<String, String> both = Map.of("retry-after-ms", "1500.5", "retry-after", "9");
        assertThat(RetryAfter.seconds(h -> Optional.ofNullable(both.get(h)), NOW))
                .isEqualTo(1.5005);
        Map<String, String> badMs = Map.of("retry-after-ms", "-1", "retry-after", "9");
        assertThat(RetryAfter.seconds(h -> Optional.ofNullable(badMs.get(h)), NOW))
                .isEqualTo(9.0);
        assertThat(of("retry-after-ms", "Infinity")).isNull();
    }
}
